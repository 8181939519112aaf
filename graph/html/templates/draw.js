// proxygraph drawing: node outlines as vis-network draws them, and, for large graphs, a quicker
// way to draw the same picture. vis-network draws each node and each line on its own (colours,
// widths and arrows worked out anew every frame: ~0.01 ms apiece, 150 ms a frame for 5,000 actors
// and 10,000 relations); here lines of one style go in one path, arrowheads and nodes of one
// style in one fill. vis-network still does the rest (zoom, hover, click, selection), and draws
// the hovered and selected nodes and lines itself, on top.
(function (pg) {
  "use strict";
  const network = pg.network, data = pg.data;

  // The outline of a node shape of radius r around (0, 0), as vis-network 9.1 draws it: a list
  // of points, or {circle}, {rect}, {ellipse} for the round and boxed ones.
  function outline(shape, r, half) {
    const poly = (n, f) => Array.from({ length: n }, (_, i) => f(i));
    switch (shape) {
      case "diamond": return [[0, r], [r, 0], [0, -r], [-r, 0]];
      case "square": return [[-r, -r], [r, -r], [r, r], [-r, r]];
      case "hexagon": return poly(6, (i) => [r * Math.cos((Math.PI / 3) * i), r * Math.sin((Math.PI / 3) * i)]);
      case "star": {
        const s = r * 0.82, dy = 0.1 * s;
        return poly(10, (i) => { const k = i % 2 ? 0.5 * s : 1.3 * s; const a = (2 * i * Math.PI) / 10; return [k * Math.sin(a), dy - k * Math.cos(a)]; });
      }
      case "triangle": case "triangleDown": {
        const s = r * 1.15, sign = shape === "triangle" ? 1 : -1, side = 2 * s, ir = (Math.sqrt(3) / 6) * side;
        const h = Math.sqrt(side * side - (side / 2) * (side / 2)), dy = sign * 0.275 * s;
        return [[0, dy - sign * (h - ir)], [side / 2, dy + sign * ir], [-side / 2, dy + sign * ir]];
      }
      case "box": return { rect: [-half.box_w, -half.box_h, 2 * half.box_w, 2 * half.box_h] };
      case "ellipse": return { ellipse: [half.ellipse, half.ellipse] };
      default: return { circle: r };
    }
  }
  function trace(ctx, shape, x, y, r, half) {
    const o = outline(shape, r, half || data.labels.inside);
    if (Array.isArray(o)) {
      o.forEach(([px, py], i) => (i ? ctx.lineTo(x + px, y + py) : ctx.moveTo(x + px, y + py)));
      ctx.closePath();
    } else if (o.rect) {
      ctx.rect(x + o.rect[0], y + o.rect[1], o.rect[2], o.rect[3]);
    } else if (o.ellipse) {
      ctx.moveTo(x + o.ellipse[0], y);
      ctx.ellipse(x, y, o.ellipse[0], o.ellipse[1], 0, 0, 2 * Math.PI);
    } else {
      ctx.moveTo(x + o.circle, y);
      ctx.arc(x, y, o.circle, 0, 2 * Math.PI);
    }
  }
  // `half`: the half sizes of a box and an ellipse (they do not grow with r), in r's units
  pg.outline = (shape, r, half) => outline(shape, r, half || data.labels.inside);
  pg.trace = trace;

  if (!data.large) return;
  const renderer = network.renderer, body = network.body;
  const own = { edges: renderer._drawEdges, arrows: renderer._drawArrows, nodes: renderer._drawNodes };
  const quick = () => !network.physics.physicsEnabled; // while relaxing, vis-network draws (nodes move)
  const special = (item) => item.hover || item.selected;
  const dashOf = (d) => (Array.isArray(d) ? d : d ? [5, 5] : []);
  const ARROW_PX = 3; // arrowheads smaller than this on screen are left out

  function groupBy(items, keyOf) {
    const groups = new Map();
    for (const item of items) {
      const key = keyOf(item);
      const group = groups.get(key);
      if (group) group.push(item); else groups.set(key, [item]);
    }
    return [...groups.values()];
  }
  // The part of the canvas in view, in canvas units, with a margin.
  function inView() {
    const canvas = network.canvas.frame.canvas;
    const a = network.canvas.DOMtoCanvas({ x: -40, y: -40 });
    const b = network.canvas.DOMtoCanvas({ x: canvas.clientWidth + 40, y: canvas.clientHeight + 40 });
    return { left: a.x, top: a.y, right: b.x, bottom: b.y };
  }
  const out = (v, f, t) => (f.x < v.left && t.x < v.left) || (f.x > v.right && t.x > v.right) ||
    (f.y < v.top && t.y < v.top) || (f.y > v.bottom && t.y > v.bottom);

  // Lines, arrowheads and nodes grouped by style, kept until the data changes (a filter, a
  // highlight, an embedding script's update); each frame draws those in view.
  let groups = null;
  pg.edges.on("*", () => { groups = null; });
  pg.nodes.on("*", () => { groups = null; });
  const edgeKey = (e) => { const o = e.options; return o.color.color + "|" + o.color.opacity + "|" + o.width + "|" + dashOf(o.dashes).join(","); };
  const arrowKey = (e) => e.options.color.color + "|" + e.options.color.opacity;
  const nodeKey = (n) => { const o = n.options; return o.shape + "|" + o.color.background + "|" + o.color.border + "|" + o.borderWidth + "|" + o.opacity; };
  function styled() {
    if (groups === null || groups.edgeIndices !== body.edgeIndices || groups.nodeIndices !== body.nodeIndices) {
      const edges = body.edgeIndices.map((id) => body.edges[id]).filter((e) => e.connected);
      groups = { edgeIndices: body.edgeIndices, nodeIndices: body.nodeIndices, edges: groupBy(edges, edgeKey),
        arrows: groupBy(edges.filter((e) => e.options.arrows.to.enabled), arrowKey),
        nodes: groupBy(body.nodeIndices.map((id) => body.nodes[id]), nodeKey) };
    }
    return groups;
  }

  // The last full drawing (lines, nodes, arrowheads: what does not change with hover) is kept
  // as a picture. A frame whose view moved (zoom, pan) shows that picture scaled and shifted at
  // once (a draft), and the full drawing follows once the view rests SETTLE_MS; a frame with
  // the same view (hover, selection) shows it as is. The data changing, a node moving or the
  // canvas resizing makes it stale.
  const SETTLE_MS = 150;
  const snapshot = { canvas: document.createElement("canvas"), view: null, groups: null, width: 0, height: 0 };
  let settle = null, drafting = false, full = false;
  const boxed = new WeakMap(); // node -> where its bounding box was last worked out
  function moved() {
    for (const id of body.nodeIndices) {
      const n = body.nodes[id], seen = boxed.get(n);
      if (seen === undefined || seen.x !== n.x || seen.y !== n.y) return true;
    }
    return false;
  }
  function blit(ctx) {
    const canvas = network.canvas.frame.canvas, view = body.view, then = snapshot.view;
    const k = view.scale / then.scale, ratio = network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio * k, 0, 0, ratio * k, ratio * (view.translation.x - k * then.translation.x),
      ratio * (view.translation.y - k * then.translation.y));
    ctx.drawImage(snapshot.canvas, 0, 0, canvas.clientWidth, canvas.clientHeight);
    ctx.restore();
  }
  function keep() {
    const canvas = network.canvas.frame.canvas;
    snapshot.canvas.width = canvas.width;
    snapshot.canvas.height = canvas.height;
    snapshot.canvas.getContext("2d").drawImage(canvas, 0, 0);
    snapshot.view = { scale: body.view.scale, translation: { ...body.view.translation } };
    snapshot.groups = groups;
    snapshot.width = canvas.width;
    snapshot.height = canvas.height;
  }
  let kind = null; // of the frame being drawn: "full", "kept" (same view) or "draft" (view moved)
  network.on("initRedraw", () => { kind = null; });
  pg.fromPicture = () => data.large && quick() && frameKind() !== "full";
  function frameKind() {
    if (kind === null) kind = decide();
    return kind;
  }
  function decide() {
    const canvas = network.canvas.frame.canvas;
    const fresh = snapshot.view !== null && snapshot.groups === styled() && snapshot.width === canvas.width &&
      snapshot.height === canvas.height && !moved();
    if (!fresh || full) return "full";
    const same = snapshot.view.scale === body.view.scale && snapshot.view.translation.x === body.view.translation.x &&
      snapshot.view.translation.y === body.view.translation.y;
    if (!same) {
      clearTimeout(settle);
      settle = setTimeout(() => { full = true; network.redraw(); }, SETTLE_MS);
    }
    return same ? "kept" : "draft";
  }
  let raised = []; // hovered and selected lines: vis-network draws them, on top
  renderer._drawEdges = function (ctx) {
    if (!quick()) return own.edges.call(this, ctx);
    const kind = frameKind();
    drafting = kind !== "full";
    raised = [];
    if (drafting) {
      blit(ctx);
      for (const group of styled().edges) for (const e of group) if (special(e)) raised.push(e);
      return;
    }
    const v = inView();
    styled().edges.forEach((group) => {
      const o = group[0].options;
      ctx.beginPath();
      for (const e of group) {
        if (special(e)) raised.push(e);
        else if (!out(v, e.from, e.to)) { ctx.moveTo(e.from.x, e.from.y); ctx.lineTo(e.to.x, e.to.y); }
      }
      ctx.strokeStyle = o.color.color;
      ctx.globalAlpha = o.color.opacity;
      ctx.lineWidth = o.width;
      ctx.setLineDash(dashOf(o.dashes));
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  };
  renderer._drawArrows = function (ctx) {
    if (!quick()) return own.arrows.call(this, ctx);
    if (!drafting) {
      const v = inView(), scale = network.getScale();
      styled().arrows.forEach((group) => {
        ctx.beginPath();
        for (const e of group) {
          const size = 8 + 2 * e.options.width;
          if (size * scale < ARROW_PX || special(e) || out(v, e.from, e.to)) continue;
          const dx = e.to.x - e.from.x, dy = e.to.y - e.from.y, len = Math.hypot(dx, dy) || 1, ux = dx / len, uy = dy / len;
          const tx = e.to.x - ux * e.to.options.size, ty = e.to.y - uy * e.to.options.size;
          ctx.moveTo(tx, ty);
          ctx.lineTo(tx - ux * size - uy * size * 0.45, ty - uy * size + ux * size * 0.45);
          ctx.lineTo(tx - ux * size + uy * size * 0.45, ty - uy * size - ux * size * 0.45);
          ctx.closePath();
        }
        ctx.fillStyle = group[0].options.color.color;
        ctx.globalAlpha = group[0].options.color.opacity;
        ctx.fill();
      });
      ctx.globalAlpha = 1;
      keep(); // the picture of this full drawing, for the frames that follow
      full = false;
    }
    // hovered and selected lines and nodes, on top, drawn by vis-network itself
    raised.forEach((e) => { e.draw(ctx); e.drawArrows(ctx); });
    top.forEach((n) => n.draw(ctx));
  };
  let top = []; // hovered and selected nodes
  renderer._drawNodes = function (ctx, alwaysShow) {
    if (!quick() || alwaysShow) return own.nodes.call(this, ctx, alwaysShow);
    const v = inView();
    top = [];
    styled().nodes.forEach((group) => {
      const o = group[0].options;
      if (!drafting) ctx.beginPath();
      for (const n of group) {
        const seen = boxed.get(n); // where hover and click find it: kept up to date as nodes move
        if (seen === undefined || seen.x !== n.x || seen.y !== n.y || seen.selected !== n.selected) {
          n.updateBoundingBox(ctx, n.selected);
          n.shape.resize(ctx, n.selected, n.hover); // vis-network's hit test reads the shape's box,
          n.shape.left = n.x - n.shape.width / 2; // which its own drawing would have set
          n.shape.top = n.y - n.shape.height / 2;
          boxed.set(n, { x: n.x, y: n.y, selected: n.selected });
        }
        if (n.hover || n.isSelected()) top.push(n);
        else if (!drafting && n.x >= v.left && n.x <= v.right && n.y >= v.top && n.y <= v.bottom) {
          trace(ctx, o.shape, n.x, n.y, n.options.size);
        }
      }
      if (drafting) return;
      ctx.globalAlpha = o.opacity === undefined ? 1 : o.opacity;
      ctx.fillStyle = o.color.background;
      ctx.fill();
      ctx.lineWidth = o.borderWidth;
      ctx.strokeStyle = o.color.border;
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    return { drawExternalLabels: () => {} };
  };
  // For scripts and tests: what the last frame was ("full", "kept", "draft"), and a full redraw.
  pg.drawing = { last: () => kind, redrawFull: () => { full = true; network.redraw(); } };
})(window.proxygraph);
