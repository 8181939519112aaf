// proxygraph export: the current view as a picture to take away, with its legend beside it.
// PNG: vis-network's canvas (labels included) copied next to a legend drawn on a canvas. SVG:
// vis-network draws on a canvas only, so the SVG is drawn here from the same positions, styles
// and labels. Text goes in with fillText or textContent, never as markup.
(function (pg) {
  "use strict";
  const data = pg.data, legend = data.legend, network = pg.network;
  const FACE = data.labels.face;
  const LEGEND_WIDTH = 270, ROW = 18, PAD = 14;
  const SVG = "http://www.w3.org/2000/svg";
  const DASHES = { true: [6, 5], false: [] };

  // What the legend of a picture says, row by row: what the page shows now.
  function legendRows() {
    const rows = [{ text: data.title, bold: true }];
    const year = document.getElementById("pg-year-label").textContent;
    if (!document.getElementById("pg-time").hidden) rows.push({ text: "relations as of: " + year, muted: true });
    if (data.highlight) {
      rows.push({ text: "highlighted: " + data.highlight.label, muted: true }, { heading: "The highlight" });
      data.highlight.keys.forEach((k) => rows.push(k.line ? { line: "#555", width: 4, text: k.text }
        : { shape: "dot", fill: k.faded ? "rgba(200,200,200,0.35)" : "#ddd", border: k.border || null, text: k.text }));
    }
    rows.push({ heading: "Relations" });
    legend.relation_types.filter((t) => pg.shownTypes.has(t.name)).forEach((t) =>
      rows.push({ line: t.color, dashes: t.dashes, arrow: t.directed, text: t.name }));
    rows.push({ heading: "Actors and places" });
    legend.kinds.filter((k) => pg.shownKinds.has(k.class + ":" + k.name)).forEach((k) =>
      rows.push({ shape: k.shape, fill: k.color, text: k.name }));
    rows.push({ heading: "Reading the lines" });
    rows.push({ line: "#555", opacity: legend.ended.opacity, dashes: legend.ended.dashes, text: "faded: relation ended" });
    if (legend.may_hold) rows.push({ line: "#555", dashes: legend.may_hold.dashes, text: "dash-dot: only may hold then, not known to" });
    legend.claims.forEach((c) => rows.push({ line: "#555", dashes: c.dashes, text: c.text.split(";")[0] }));
    if (legend.rows_only.count) rows.push({ line: "#555", opacity: legend.rows_only.opacity, text: "lighter: dataset rows only, no quote" });
    if (data.within.length) rows.push({ line: legend.within.color, dashes: true, width: 1.5, text: "thin grey: a place within another" });
    return rows;
  }

  function colours(n) {
    const c = n.color;
    return typeof c === "string" ? { fill: c, border: "rgba(0,0,0,0.35)" } : { fill: c.background, border: c.border };
  }

  // ---- the legend on a canvas (PNG) ----------------------------------------------------------
  const swatch = (r) => ({ box_w: r * 1.4, box_h: r * 0.9, ellipse: r }); // a legend's box, ellipse
  function drawShape(ctx, shape, x, y, r, fill, border, width) {
    ctx.beginPath();
    pg.trace(ctx, shape, x, y, r, swatch(r));
    ctx.fillStyle = fill;
    ctx.fill();
    if (border) { ctx.lineWidth = width || 1; ctx.strokeStyle = border; ctx.stroke(); }
  }
  function drawLegend(ctx, left, rows) {
    let y = PAD;
    ctx.textBaseline = "middle";
    rows.forEach((row) => {
      if (row.heading) { y += 6; ctx.font = `bold 11px ${FACE}`; ctx.fillStyle = "#555"; ctx.fillText(row.heading.toUpperCase(), left, y + ROW / 2); y += ROW; return; }
      const mid = y + ROW / 2;
      let x = left;
      if (row.line) {
        ctx.save();
        ctx.globalAlpha = row.opacity === undefined ? 1 : row.opacity;
        ctx.strokeStyle = row.line;
        ctx.lineWidth = row.width || 3;
        ctx.setLineDash(Array.isArray(row.dashes) ? row.dashes : row.dashes ? DASHES.true : DASHES.false);
        ctx.beginPath(); ctx.moveTo(x, mid); ctx.lineTo(x + 30, mid); ctx.stroke();
        if (row.arrow) { ctx.setLineDash([]); ctx.fillStyle = row.line; ctx.beginPath(); ctx.moveTo(x + 36, mid); ctx.lineTo(x + 28, mid - 5); ctx.lineTo(x + 28, mid + 5); ctx.fill(); }
        ctx.restore();
        x += 44;
      } else if (row.shape) {
        drawShape(ctx, row.shape, x + 15, mid, 6, row.fill, row.border || "rgba(0,0,0,0.35)", row.border ? 3 : 1);
        x += 44;
      }
      ctx.font = `${row.bold ? "bold 14px" : "12px"} ${FACE}`;
      ctx.fillStyle = row.muted ? "#666" : "#222";
      wrap(ctx, row.text, LEGEND_WIDTH - PAD - (x - left)).forEach((line, i) => {
        ctx.fillText(line, x, mid + i * 15);
        if (i) y += 15;
      });
      y += ROW;
    });
    return y + PAD;
  }
  function wrap(measure, text, width) {
    const words = String(text).split(/\s+/), lines = [];
    let line = "";
    words.forEach((w) => {
      const next = line ? line + " " + w : w;
      if (line && measure.measureText(next).width > width) { lines.push(line); line = w; } else line = next;
    });
    lines.push(line);
    return lines;
  }

  function png() {
    const source = network.canvas.frame.canvas;
    const ratio = source.width / source.clientWidth;
    const rows = legendRows();
    const probe = document.createElement("canvas").getContext("2d");
    probe.font = `12px ${FACE}`;
    const out = document.createElement("canvas");
    out.width = source.width + LEGEND_WIDTH * ratio;
    out.height = Math.max(source.height, (drawLegend(probe, 0, rows) + PAD) * ratio);
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#fafafa";
    ctx.fillRect(source.clientWidth, 0, LEGEND_WIDTH, out.height / ratio);
    drawLegend(ctx, source.clientWidth + PAD, rows);
    return out;
  }

  // ---- the view as SVG ----------------------------------------------------------------------
  function node(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => { if (v !== null && v !== undefined) e.setAttribute(k, String(v)); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function svgShape(shape, x, y, r, fill, border, width, opacity, half) {
    const o = pg.outline(shape, r, half);
    const paint = { fill, stroke: border, "stroke-width": width, opacity };
    if (Array.isArray(o)) return node("polygon", { ...paint, points: o.map(([px, py]) => `${(x + px).toFixed(1)},${(y + py).toFixed(1)}`).join(" ") });
    if (o.rect) return node("rect", { ...paint, x: x + o.rect[0], y: y + o.rect[1], width: o.rect[2], height: o.rect[3] });
    if (o.ellipse) return node("ellipse", { ...paint, cx: x, cy: y, rx: o.ellipse[0], ry: o.ellipse[1] });
    return node("circle", { ...paint, cx: x, cy: y, r: o.circle });
  }
  function svg() {
    const canvas = network.canvas.frame.canvas;
    const w = canvas.clientWidth, h = canvas.clientHeight, scale = network.getScale();
    const rows = legendRows();
    const root = node("svg", { xmlns: SVG, width: w + LEGEND_WIDTH, height: Math.max(h, rows.length * ROW + 4 * PAD),
      "font-family": FACE });
    root.append(node("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#ffffff" }));
    const at = network.getPositions();
    const dom = (id) => network.canvasToDOM(at[id]);
    const view = node("g", {});
    data.within.forEach(([place, parent]) => {
      if (!pg.isShown(place) || !pg.isShown(parent)) return;
      const a = dom(place), b = dom(parent);
      view.append(node("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: legend.within.color,
        "stroke-width": legend.within.width, "stroke-dasharray": legend.within.dashes.join(" ") }));
    });
    pg.edges.forEach((e) => {
      if (e.hidden) return;
      const a = dom(e.from), b = dom(e.to);
      const dashes = Array.isArray(e.dashes) ? e.dashes : e.dashes ? DASHES.true : null;
      view.append(node("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: e.color.color, "stroke-opacity": e.color.opacity,
        "stroke-width": Math.max(e.width * scale, 0.5), "stroke-dasharray": dashes ? dashes.join(" ") : null }));
      if (e.arrows.to.enabled) {
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1, ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
        const r = (pg.nodes.get(e.to).size || 10) * scale, tip = { x: b.x - ux * r, y: b.y - uy * r }, s = 8 * Math.max(scale, 0.5);
        const points = [[tip.x, tip.y], [tip.x - ux * s - uy * s / 2, tip.y - uy * s + ux * s / 2], [tip.x - ux * s + uy * s / 2, tip.y - uy * s - ux * s / 2]];
        view.append(node("polygon", { points: points.map((p) => p.map((c) => c.toFixed(1)).join(",")).join(" "), fill: e.color.color,
          "fill-opacity": e.color.opacity }));
      }
    });
    pg.nodes.forEach((n) => {
      if (!pg.isShown(n.id)) return;
      const p = dom(n.id), c = colours(n);
      const inside = data.labels.inside;
      view.append(svgShape(n.shape, p.x, p.y, n.size * scale, c.fill, c.border, (n.borderWidth || 1) * Math.max(scale, 0.5),
        n.opacity === undefined ? null : n.opacity, { box_w: inside.box_w * scale, box_h: inside.box_h * scale, ellipse: inside.ellipse * scale }));
    });
    pg.labels().forEach((l) => {
      const bold = l.font.startsWith("bold");
      const size = bold ? data.labels.bold_size : data.labels.size;
      const colour = (pg.nodes.get(l.id).font || {}).color || data.labels.color;
      view.append(node("text", { x: l.x, y: l.y + (l.height + size * 0.7) / 2, "font-size": size, "font-weight": bold ? "bold" : null,
        fill: colour, stroke: "#ffffff", "stroke-width": data.labels.halo, "paint-order": "stroke", "stroke-linejoin": "round" }, l.text));
    });
    root.append(view);
    const side = node("g", { transform: `translate(${w}, 0)` });
    side.append(node("rect", { x: 0, y: 0, width: LEGEND_WIDTH, height: "100%", fill: "#fafafa" }));
    let y = PAD;
    rows.forEach((row) => {
      if (row.heading) { y += 6; side.append(node("text", { x: PAD, y: y + 13, "font-size": 11, "font-weight": "bold", fill: "#555" }, row.heading.toUpperCase())); y += ROW; return; }
      const mid = y + ROW / 2;
      let x = PAD;
      if (row.line) {
        side.append(node("line", { x1: x, y1: mid, x2: x + 30, y2: mid, stroke: row.line, "stroke-width": row.width || 3,
          "stroke-opacity": row.opacity, "stroke-dasharray": Array.isArray(row.dashes) ? row.dashes.join(" ")
            : row.dashes ? DASHES.true.join(" ") : null }));
        if (row.arrow) side.append(node("polygon", { points: `${x + 36},${mid} ${x + 28},${mid - 5} ${x + 28},${mid + 5}`, fill: row.line }));
        x += 44;
      } else if (row.shape) {
        side.append(svgShape(row.shape, x + 15, mid, 6, row.fill, row.border || "rgba(0,0,0,0.35)", row.border ? 3 : 1, null, swatch(6)));
        x += 44;
      }
      side.append(node("text", { x, y: mid + 4, "font-size": row.bold ? 14 : 12, "font-weight": row.bold ? "bold" : null,
        fill: row.muted ? "#666" : "#222" }, row.text));
      y += ROW;
    });
    root.append(side);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root);
  }

  // ---- buttons --------------------------------------------------------------------------------
  const fileName = (ext) => (data.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "graph") + "." + ext;
  function save(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  document.getElementById("pg-save-png").addEventListener("click", () =>
    png().toBlob((blob) => save(blob, fileName("png")), "image/png"));
  document.getElementById("pg-save-svg").addEventListener("click", () =>
    save(new Blob([svg()], { type: "image/svg+xml" }), fileName("svg")));
  pg.picture = { png, svg };
})(window.proxygraph);
