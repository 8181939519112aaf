#!/usr/bin/env python
"""Benchmark `proxygraph render`: render time, file size, and time to interactive in Chromium.

Synthetic datasets (tests.synthetic) of 100, 1,000 and 5,000 actors with twice as many
relations; each figure is shown with its ratio to the 100-actor baseline of the same run.
Time to interactive (TTI) = from navigation start until the page is drawn (the layout comes
with the page: ``proxygraph.ready``). "frame" is the median time from a zoom to the frame being
drawn and painted (the canvas flushed, labels included): on a large page the picture kept from
the last full drawing, scaled (draw.js); "full" is the median full redraw of the view (on a
large page the one that follows once the view rests). "filter" is one click of a relation-type
checkbox. Targets (issue 13): 5,000 actors interactive in under 3 s with frames under 50 ms,
1,000 actors in under 1 s.

    .venv/bin/python scripts/bench_render.py [--sizes 100,1000,5000] [--repeat 3] [--frames 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.html import render
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.synthetic import generate

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The time from `action` to the end of the frame it causes, the canvas flushed (getImageData
# waits for the drawing to be rasterised) so that painting is counted, not only the script.
TIMED_JS = """action => new Promise(done => { const net = proxygraph.network, t0 = performance.now();
  net.once('afterDrawing', () => { net.canvas.frame.canvas.getContext('2d').getImageData(0, 0, 1, 1);
    done(performance.now() - t0); });
  eval(action); })"""
ZOOM = "net.moveTo({scale: net.getScale() * 1.1, animation: false})"
FULL = "proxygraph.drawing ? proxygraph.drawing.redrawFull() : net.redraw()"
FILTER_JS = """() => { const box = document.querySelector("#pg-legend-types input[data-key='fights']");
  const t0 = performance.now(); box.click(); const t = performance.now() - t0; box.click(); return t; }"""


def render_time(n: int, repeat: int) -> tuple[float, str]:
    dataset = generate(n_actors=n, n_relations=2 * n, seed=1)
    best, html = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        html = render.render_page(dataset)
        best = min(best, time.perf_counter() - start)
    return best, html


def browser_times(page: Page, path: Path, frames: int) -> tuple[float, float, float, float]:
    page.goto(path.as_uri())
    page.wait_for_function("window.proxygraph && window.proxygraph.ready", timeout=600_000)
    tti = page.evaluate("proxygraph.readyAt") / 1000
    zooms, fulls = [], []
    for _ in range(frames):
        zooms.append(page.evaluate(TIMED_JS, ZOOM))
        fulls.append(page.evaluate(TIMED_JS, FULL))
    return tti, statistics.median(zooms) / 1000, statistics.median(fulls) / 1000, page.evaluate(FILTER_JS) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--frames", type=int, default=9, help="zooms and full redraws timed per page")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))
        for n in (int(s) for s in args.sizes.split(",")):
            seconds, html = render_time(n, args.repeat)
            path = Path(tmp) / f"bench-{n}.html"
            path.write_text(html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            tti, frame, full, filt = browser_times(page, path, args.frames)
            page.close()
            rows.append((n, seconds, path.stat().st_size, tti, frame, full, filt))
            print(f"... {n} actors done", file=sys.stderr)
        browser.close()
    base = rows[0]
    print(f"(large-graph drawing above {render.LARGE_GRAPH} nodes; x = ratio to the {base[0]}-actor baseline)")
    print(f"{'actors':>7} {'relations':>9} {'render s':>9} {'x':>6} {'file KB':>8} {'x':>6} "
          f"{'TTI s':>7} {'x':>6} {'frame ms':>9} {'full ms':>8} {'filter ms':>10}")  # fmt: skip
    for n, seconds, size, tti, frame, full, filt in rows:
        print(f"{n:>7} {2 * n:>9} {seconds:>9.3f} {seconds / base[1]:>6.1f} {size // 1024:>8} {size / base[2]:>6.1f} "
              f"{tti:>7.2f} {tti / base[3]:>6.1f} {frame * 1000:>9.0f} {full * 1000:>8.0f} "
              f"{filt * 1000:>10.0f}")  # fmt: skip
    targets = {1000: 1.0, 5000: 3.0}  # seconds to interactive
    for n, _, _, tti, frame, _, _ in rows:
        if n in targets:
            ok = tti < targets[n] and (n < 5000 or frame < 0.050)
            frames = f", frame {frame * 1000:.0f} ms (target < 50 ms)" if n >= 5000 else ""
            print(f"{n} actors: TTI {tti:.2f} s (target < {targets[n]:.0f} s){frames}: {'ok' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
