"""Draw a dataset as one self-contained HTML page (the only module that imports pyvis).

pyvis builds the network (nodes and edges) and renders it through its template hook with our
own template (``graph/html/templates/page.html``), which inlines vis-network (shipped inside the
pyvis package), our script and our style: the page opens offline and requests nothing.

Escaping: every piece of data reaches the page as JSON inside ``<script type="application/json">``
with ``<``, ``>`` and ``&`` written as ``\\u003c`` and so on (`script_json`), and the page's
script puts it into the document with ``textContent`` only. Node and edge ``title`` (which
vis-network renders as HTML) is never set: the details panel is built from the escaped data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyvis.network import Network

from graph.errors import UsageError
from graph.files import write_text_atomic
from graph.html import layout, pagedata
from graph.model import Dataset
from graph.network import build_graph

TEMPLATES = Path(__file__).parent / "templates"
LARGE_GRAPH = 1000  # nodes: above this lines are plain and draw.js draws in batches (scripts/bench_render.py)
# How the page draws labels (labels.js): CSS pixels on screen, whatever the zoom.
# Shapes vis-network draws around a label (box, ellipse) get a 14 x 14 placeholder for the empty
# label: a box is that plus its margin (28 x 18), an ellipse twice its height (a 28-unit circle).
LABELS = {"size": 13, "bold_size": 14, "face": "Liberation Sans, Arial, sans-serif", "color": "#222222",
          "halo": 4, "gap": 3, "inside": {"box_w": 14, "box_h": 9, "ellipse": 14}}  # fmt: skip
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>`` or ``<!--`` can appear.

    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text) if any(c in text for c in _JSON_ESCAPES) else text


def vis_assets() -> tuple[str, str]:
    """The vis-network script and style shipped inside the pyvis package, to inline.

    Raises
    ------
    UsageError
        When the installed pyvis lacks them, or they could end the script element early.
    """
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    try:
        script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        style = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"pyvis has no vis-network files ({exc}) - reinstall pyvis>=0.3.2") from None
    if "</script" in script.lower() or "</style" in style.lower():
        raise UsageError("the vis-network files of this pyvis cannot be inlined safely - reinstall pyvis 0.3.2")
    return script, style


def vis_options() -> dict[str, Any]:
    """vis-network options: the nodes stand where `graph.html.layout` put them, physics off
    (the page's "Relax" button turns it on until the graph settles)."""
    return {
        # vis-network draws no label (size 0): the page's labels.js does, without overlaps. The
        # margin sizes a box around its (placeholder) label: see LABELS.
        "nodes": {"font": {"size": 0}, "borderWidth": 1, "margin": {"top": 2, "bottom": 2, "left": 7, "right": 7}},
        "edges": {"selectionWidth": 2, "hoverWidth": 1, "arrowStrikethrough": False, "smooth": {"enabled": False}},
        "interaction": {"hover": True, "tooltipDelay": 200},  # a large page zooms a picture (draw.js)
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -100, "springLength": 100, "avoidOverlap": 0.5},
            "stabilization": {"enabled": False},
        },
    }  # fmt: skip


def title_of(dataset: Dataset, view: pagedata.View) -> str:
    parts = [dataset.name]
    if view.as_of:
        parts.append(f"as of {view.as_of}" + (", with what may hold" if view.possible else ""))
    elif view.possible:
        parts.append("with what may hold")
    if view.focus:
        parts.append(f"around {view.focus} ({view.radius} hop{'' if view.radius == 1 else 's'})")
    if view.types:
        parts.append(", ".join(view.types))
    return " - ".join(parts)


def render_page(dataset: Dataset, view: pagedata.View | None = None) -> str:
    """The HTML page of ``dataset`` cut to ``view``, as text.

    Raises
    ------
    UsageError, UnknownActor
        When the view names a bad date, type, highlight or actor.
    """
    view = view or pagedata.View()
    G, hl = pagedata.select(build_graph(dataset), view)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    large = G.number_of_nodes() > LARGE_GRAPH
    # The lists pyvis would build, built directly: its add_node looks every id up in a list (O(n^2)).
    where = layout.positions(G, {node: pagedata.node_size(G.degree(node)) for node in G})
    net.nodes = pagedata.vis_nodes(G, hl, where)
    net.edges = pagedata.vis_edges(G, hl, plain=large)
    net.set_template_dir(str(TEMPLATES), "page.html")
    script, style = vis_assets()
    env = net.templateEnv
    env.filters["script_json"] = script_json
    env.globals.update(
        vis_script=script,
        vis_style=style,
        vis_config=vis_options(),
        payload={
            **pagedata.page_data(G, dataset.sources, title=title_of(dataset, view), hl=hl, plain=large),
            "labels": LABELS,
            "as_of": view.as_of,
            "large": large,
        },
    )
    html: str = net.generate_html(name="page.html")
    return html


def page_path(dataset: Dataset, out: str | Path | None) -> Path:
    """Where the page of ``dataset`` goes: ``out``, or ``<dataset name>.html`` in the current folder."""
    return Path(out) if out is not None else Path(f"{dataset.name}.html")


def write_page(dataset: Dataset, out: str | Path | None, view: pagedata.View | None = None) -> Path:
    """Write the page of ``dataset`` to ``out`` (default `page_path`) as UTF-8, whatever the
    locale, atomically (`graph.files`), and return its path.

    Raises
    ------
    UsageError
        When the view is bad.
    WriteError
        When the file cannot be written.
    """
    html = render_page(dataset, view)
    return write_text_atomic(page_path(dataset, out), html)
