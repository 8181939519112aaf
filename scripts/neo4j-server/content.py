"""Serve the proxygraph guide and style to Neo4j Browser: a tiny static server (standard library only).

Neo4j Browser fetches ``:style URL`` and ``:guide URL`` from the page (the user's browser), so the
content must be served over HTTP with CORS headers (the guide request carries ``Cache-Control``
and ``Pragma``, which makes the browser ask first with ``OPTIONS``). This server answers GET, HEAD
and OPTIONS for the guide, the style and the Cypher files of one folder (``cypher/``), nothing
else: no listing, no other file, no write. scripts/neo4j runs it on 127.0.0.1 beside the server
(``NEO4J_CONTENT_PORT``, default 7475); docker-compose.yml runs it in a container of its own.

    python3 scripts/neo4j-server/content.py [--bind 127.0.0.1] [--port 7475] FOLDER
"""

from __future__ import annotations

import argparse
import http.server
import re
from pathlib import Path

SERVED = re.compile(r"^/([A-Za-z0-9][A-Za-z0-9_.-]*\.(html|grass|cypher))$")
TYPES = {
    "html": "text/html; charset=utf-8",
    "grass": "text/plain; charset=utf-8",
    "cypher": "text/plain; charset=utf-8",
}


class Handler(http.server.BaseHTTPRequestHandler):
    folder: Path
    server_version = "proxygraph-content"

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers") or "*")
        self.send_header("Access-Control-Max-Age", "600")

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._cors()
        self.end_headers()

    def _file(self) -> tuple[bytes, str] | None:
        found = SERVED.match(self.path.split("?", 1)[0].split("#", 1)[0])
        if not found:
            return None
        path = self.folder / found.group(1)
        if not path.is_file():
            return None
        return path.read_bytes(), TYPES[found.group(2)]

    def do_HEAD(self) -> None:
        self._send(body=False)

    def do_GET(self) -> None:
        self._send(body=True)

    def _send(self, body: bool) -> None:
        found = self._file()
        if found is None:
            self.send_error(404, "not served here")
            return
        data, mime = found
        self.send_response(200)
        self._cors()
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")  # a regenerated guide is seen at once
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        print(f"{self.address_string()} {format % args}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7475)
    args = parser.parse_args()
    Handler.folder = args.folder.resolve()
    server = http.server.ThreadingHTTPServer((args.bind, args.port), Handler)
    print(f"serving {Handler.folder} on http://{args.bind}:{args.port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
