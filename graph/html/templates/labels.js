// proxygraph labels: drawn by this script over vis-network's canvas, at one size on screen
// whatever the zoom, and never on top of one another. The most important nodes keep theirs: the
// node under the pointer, the selected ones, the highlighted ones, then by number of relations.
// A label goes on a side of its node where it covers no other node, where there is one; a
// label that would touch one already placed is left out; zooming in spreads the nodes and
// brings it back. Names are drawn with fillText: text on a canvas, never markup.
(function (pg) {
  "use strict";
  const LABEL = pg.data.labels; // {size, bold_size, face, color, halo, gap, inside}
  const network = pg.network;
  const highlighted = new Set(pg.data.highlight ? pg.data.highlight.nodes : []);
  const degree = new Map();
  Object.values(pg.data.edges).forEach((e) => {
    degree.set(e.from, (degree.get(e.from) || 0) + 1);
    degree.set(e.to, (degree.get(e.to) || 0) + 1);
  });
  const rank = (id) => [highlighted.has(id) ? 0 : 1, -(degree.get(id) || 0), id];
  const byRank = (a, b) => {
    const ra = rank(a), rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
    return 0;
  };
  const order = pg.nodes.getIds().sort(byRank);
  const style = new Map(); // id -> {text, bold, color, below}
  pg.nodes.forEach((n) => {
    // vis draws a box or an ellipse around its (empty) label: their half heights are fixed
    const below = n.shape === "box" ? LABEL.inside.box_h : n.shape === "ellipse" ? LABEL.inside.ellipse : n.size;
    style.set(n.id, {
      text: n.label === undefined || n.label === null ? String(n.id) : String(n.label),
      bold: highlighted.has(n.id),
      color: (n.font && n.font.color) || LABEL.color,
      below,
    });
  });
  const widths = new Map();
  let hovered = null;
  let drawn = [];

  const fontOf = (bold) => `${bold ? "bold " : ""}${bold ? LABEL.bold_size : LABEL.size}px ${LABEL.face}`;
  function width(ctx, id, s) {
    const key = id + (s.bold ? "\u0001b" : "");
    if (!widths.has(key)) {
      ctx.font = fontOf(s.bold);
      widths.set(key, ctx.measureText(s.text).width);
    }
    return widths.get(key);
  }

  // Boxes already placed, in cells of a grid: a new box is checked against its cells only.
  function Grid(cell) {
    const cells = new Map(); // i * 65536 + j -> boxes (screens are far smaller than 65536 cells)
    const touches = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    function each(b, f) {
      const i1 = Math.floor((b.x + b.width) / cell), j0 = Math.floor(b.y / cell), j1 = Math.floor((b.y + b.height) / cell);
      for (let i = Math.floor(b.x / cell); i <= i1; i++) for (let j = j0; j <= j1; j++) if (f(i * 65536 + j) === false) return false;
      return true;
    }
    return {
      free: (b, own) => each(b, (k) => { const here = cells.get(k); return !here || !here.some((o) => o.id !== own && touches(o, b)); }),
      add: (b) => each(b, (k) => { const here = cells.get(k); if (here) here.push(b); else cells.set(k, [b]); }),
    };
  }


  // Where each label goes this frame, in order of rank.
  function place(ctx) {
    const canvas = network.canvas.frame.canvas;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    const scale = network.getScale(), view = network.getViewPosition();
    const at = network.body.nodes; // where vis-network has each node now (x, y): read, never written
    const grid = Grid(64); // labels placed, and the nodes of the labels tried so far
    const everyNode = Grid(64); // every node in sight: a label keeps off them where it can
    const boxes = [];
    const first = [hovered, ...network.getSelectedNodes()].filter((id) => id !== null && pg.isShown(id));
    const seen = new Set();
    const candidates = [];
    for (const id of [...first, ...order]) {
      if (seen.has(id) || !pg.isShown(id) || !at[id]) continue;
      seen.add(id);
      const s = style.get(id);
      const x = (at[id].x - view.x) * scale + w / 2, y = (at[id].y - view.y) * scale + h / 2;
      const height = Math.ceil((s.bold ? LABEL.bold_size : LABEL.size) * 1.25);
      const wide = width(ctx, id, s);
      const r = s.below * scale;
      if (x + r + wide < 0 || x - r - wide > w || y + r + height < 0 || y - r - height > h) continue; // out of sight
      const node = { id, node: true, x: x - r, y: y - r, width: 2 * r, height: 2 * r };
      everyNode.add(node);
      candidates.push({ id, s, x, y, height, wide, r, node });
    }
    for (const { id, s, x, y, height, wide, r, node } of candidates) {
      // Below the node, above, right, left: the first spot that touches no label and no node;
      // failing that, the first that touches no label and no node placed before (nodes that
      // rank lower may lie under it: their labels give way).
      const reach = r + LABEL.gap;
      const spots = [[x - wide / 2, y + reach], [x - wide / 2, y - reach - height],
        [x + reach, y - height / 2], [x - reach - wide, y - height / 2]].map(([left, top]) => ({
        id, text: s.text, x: left, y: top, width: wide, height, bold: s.bold, color: s.color,
        inside: left >= 0 && top >= 0 && left + wide <= w && top + height <= h }));
      const found = first.includes(id) && !spots.some((b) => b.inside && grid.free(b, id)) ? spots[0]
        : spots.find((b) => b.inside && grid.free(b, id) && everyNode.free(b, id)) ||
          spots.find((b) => b.inside && grid.free(b, id));
      if (found) {
        grid.add(found);
        boxes.push(found);
      }
      grid.add(node);
    }
    return boxes;
  }

  network.on("afterDrawing", (ctx) => {
    drawn = place(ctx);
    const ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = LABEL.halo;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
    for (const b of drawn) {
      ctx.font = fontOf(b.bold);
      const y = b.y + (b.height - (b.bold ? LABEL.bold_size : LABEL.size)) / 2;
      ctx.strokeText(b.text, b.x, y);
      ctx.fillStyle = b.color;
      ctx.fillText(b.text, b.x, y);
    }
    ctx.restore();
  });
  network.on("hoverNode", (p) => { hovered = p.node; network.redraw(); });
  network.on("blurNode", () => { hovered = null; network.redraw(); });

  // The labels drawn in the last frame, in CSS pixels from the canvas's top left corner.
  pg.labels = () => drawn.map((b) => ({ id: b.id, text: b.text, x: b.x, y: b.y, width: b.width, height: b.height,
    font: fontOf(b.bold) }));
  pg.labelFont = fontOf;
})(window.proxygraph);
