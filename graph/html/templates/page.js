// proxygraph page script. Every piece of data comes from the JSON blocks above and is put into
// the document with textContent (never innerHTML): names and quotes show as text, never run.
(function () {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const data = read("pg-data");
  const nodes = new vis.DataSet(read("pg-nodes"));
  const edges = new vis.DataSet(read("pg-edges"));
  const legend = data.legend;
  const WITHIN = legend.within;
  const years = data.years;
  const shownTypes = new Set(legend.relation_types.map((t) => t.name));
  const shownKinds = new Set(legend.kinds.map((k) => k.class + ":" + k.name));
  const shownNodes = new Set();
  const refreshed = []; // what else follows the filters (time.js)
  const degree = new Map();
  Object.values(data.edges).forEach((e) => {
    degree.set(e.from, (degree.get(e.from) || 0) + 1);
    degree.set(e.to, (degree.get(e.to) || 0) + 1);
  });
  const $ = (id) => document.getElementById(id);
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  const nameOf = (id) => (data.nodes[id] ? data.nodes[id].name : id);

  // ---- filters: relation types, node kinds, year -------------------------------------------
  const yearInput = $("pg-year");
  function currentYear() {
    if (!years.length) return null;
    const value = Number(yearInput.value);
    return value > years[years.length - 1] ? null : value;
  }
  // On a --possible page: why relation `d` only may hold in `year` (null or the --as-of year:
  // on the page's own date), or null when it is known to hold then (or the page does not ask).
  function doubtAt(d, year) {
    if (!data.possible) return null;
    if (year === null || year === asOfYear) return d.possible;
    const run = d.maybe.find(([first, last]) => first <= year && year <= last);
    return run ? run[2] : null;
  }
  const sameDashes = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  function nodeKindShown(id) {
    const d = data.nodes[id];
    return shownKinds.has(d.class + ":" + d.kind);
  }
  function refresh() {
    const year = currentYear();
    const visibleDegree = new Map();
    const edgeUpdates = [];
    edges.forEach((e) => {
      const d = data.edges[e.id];
      const doubt = doubtAt(d, year);
      const show = shownTypes.has(d.type) && nodeKindShown(d.from) && nodeKindShown(d.to) &&
        (year === null || (d.span[0] <= year && year <= d.span[1]) || doubt !== null);
      if (show) {
        visibleDegree.set(d.from, (visibleDegree.get(d.from) || 0) + 1);
        visibleDegree.set(d.to, (visibleDegree.get(d.to) || 0) + 1);
      }
      const update = {};
      if (Boolean(e.hidden) === show) update.hidden = !show;
      if (data.possible) {  // dash-dot while it only may hold, its own line otherwise
        const dashes = doubt !== null ? legend.may_hold.dashes : d.dashes;
        if (!sameDashes(e.dashes, dashes)) update.dashes = dashes;
      }
      if (Object.keys(update).length) edgeUpdates.push({ id: e.id, ...update });
    });
    const nodeUpdates = [];
    shownNodes.clear();
    nodes.forEach((n) => {
      const show = nodeKindShown(n.id) && (visibleDegree.has(n.id) || !degree.has(n.id));
      if (show) shownNodes.add(n.id);
      if (Boolean(n.hidden) === show) nodeUpdates.push({ id: n.id, hidden: !show });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    $("pg-year-label").textContent = year === null ? (data.as_of ? "all on this page" : "all dates")
      : year === asOfYear ? data.as_of : String(year);
    const shownEdges = edges.get({ filter: (e) => !e.hidden }).length;
    $("pg-counts").textContent = `${shownNodes.size} of ${nodes.length} actors and places, ` +
      `${shownEdges} of ${edges.length} relations shown`;
    refreshed.forEach((f) => f(year));
  }

  // ---- legend (from the vocabulary table, as the Python side sent it) ----------------------
  function legendItem(list, key, set, swatch, text, count, description) {
    const li = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.key = key;
    box.addEventListener("change", () => {
      if (box.checked) set.add(key); else set.delete(key);
      li.classList.toggle("off", !box.checked);
      refresh();
    });
    label.title = description;
    label.append(box, swatch, el("span", text), el("span", count, "count"));
    li.append(label);
    list.append(li);
  }
  // A line in the legend: solid, dashed (true), dotted ([2, 5]: ended) or a longer pattern drawn
  // as it is (dash-dot: only may hold).
  function lineSwatch(color, dashes, directed, opacity) {
    const line = el("span", null, "line" + (directed ? " arrow" : ""));
    line.style.borderTopColor = color;
    line.style.borderLeftColor = color;
    line.style.borderTopStyle = dashes === true ? "dashed" : Array.isArray(dashes) ? "dotted" : "solid";
    if (Array.isArray(dashes) && dashes.length > 2) {
      let at = 0;
      const stops = dashes.map((len, i) => {
        const stop = `${i % 2 ? "transparent" : color} ${at}px ${at + len}px`;
        at += len;
        return stop;
      });
      line.style.borderTopStyle = "none";
      line.style.height = "3px";
      line.style.backgroundImage = `repeating-linear-gradient(90deg, ${stops.join(", ")})`;
      line.dataset.dashes = dashes.join(",");
    }
    if (opacity !== undefined) line.style.opacity = String(opacity);
    return line;
  }
  function buildLegend() {
    legend.relation_types.forEach((t) => legendItem($("pg-legend-types"), t.name, shownTypes,
      lineSwatch(t.color, t.dashes, t.directed), t.name, t.count, t.description));
    legend.kinds.forEach((k) => {
      const shape = el("span", null, "shape shape-" + k.shape);
      shape.style.backgroundColor = k.color;
      legendItem($("pg-legend-kinds"), k.class + ":" + k.name, shownKinds, shape, k.name, k.count,
        k.description);
    });
    const keys = $("pg-legend-keys");
    const key = (swatch, text) => { const li = el("li"); li.append(swatch, el("span", text)); keys.append(li); };
    key(lineSwatch("#555", false, true), "arrow: directed relation (from → to)");
    key(lineSwatch("#555", false, false), "no arrow: mutual relation");
    Object.entries(legend.confidence).forEach(([name, width]) => {
      const line = lineSwatch("#555", false, false);
      line.style.borderTopWidth = width + "px";
      key(line, "confidence " + name);
    });
    key(lineSwatch("#555", legend.ended.dashes, false, legend.ended.opacity),
      (legend.ended.dashes ? "faded, dotted" : "faded") + ": relation ended");
    if (legend.may_hold) {
      const when = data.as_of ? `as of ${data.as_of} but is not known to (${legend.may_hold.count})`
        : "in the year shown but is not known to";
      key(lineSwatch("#555", legend.may_hold.dashes, false), `dash-dot: may hold ${when}; why in its details`);
    }
    legend.claims.forEach((c) => key(lineSwatch("#555", c.dashes, false), `${c.text} (${c.count})`));
    if (legend.rows_only.count) {
      key(lineSwatch("#555", false, false, legend.rows_only.opacity),
        `lighter: rests only on dataset rows, no quoted source (${legend.rows_only.count})`);
    }
    if (data.within.length) {
      const line = lineSwatch(WITHIN.color, true, false);
      line.style.borderTopWidth = WITHIN.width + "px";
      key(line, "thin grey: a place lies within another (not a relation)");
    }
  }

  // ---- details panel --------------------------------------------------------------------------
  let pinned = null;
  function rows(pairs) {
    const dl = el("dl");
    pairs.forEach(([k, v]) => {
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) return;
      dl.append(el("dt", k), el("dd", Array.isArray(v) ? v.join(", ") : v));
    });
    return dl;
  }
  function linkTo(what, text) {
    const button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", () => show(what, true));
    return button;
  }
  function nodeDetails(id) {
    const d = data.nodes[id];
    const body = [el("h3", d.name), rows([["id", id], ["kind", d.kind], ["aliases", d.aliases],
      ["country", d.country]])];
    if (d.description) body.push(el("p", d.description));
    const mine = edges.get({ filter: (e) => !e.hidden && (e.from === id || e.to === id) });
    body.push(el("h4", `Relations shown (${mine.length})`));
    const list = el("ul");
    mine.forEach((e) => {
      const r = data.edges[e.id];
      const other = r.from === id ? r.to : r.from;
      const directed = legend.relation_types.some((t) => t.name === r.type && t.directed);
      const arrow = !directed ? " — " : r.from === id ? " → " : " ← ";
      const li = el("li");
      li.append(linkTo({ edge: e.id }, r.type + arrow + nameOf(other) + " " + dates(r)));
      list.append(li);
    });
    body.push(list);
    return body;
  }
  function dates(r) {
    if (!r.since && !r.until) return r.status === "ongoing" ? "" : `(${r.status})`;
    return `(${r.since || "?"} – ${r.until || (r.status === "ongoing" ? "" : "?")})`;
  }
  function mayHold(r) {
    const year = currentYear(), why = doubtAt(r, year);
    if (why === null) return null;
    return `${why} (${year === null || year === asOfYear ? "as of " + data.as_of : "in " + year}; ` +
      "not known to hold then)";
  }
  function edgeDetails(id) {
    const r = data.edges[id];
    const type = legend.relation_types.find((t) => t.name === r.type);
    const body = [el("h3", `${nameOf(r.from)} ${r.type} ${nameOf(r.to)}`), rows([
      ["relation", r.type + (type ? ": " + type.description : "")], ["from", nameOf(r.from)],
      ["to", nameOf(r.to)], ["since", r.since], ["until", r.until], ["status", r.status],
      ["support", r.support], ["confidence", r.confidence], ["claims", r.claims || null], ["note", r.note],
      ["may hold", mayHold(r)]])];
    const ends = el("p");
    ends.append(linkTo({ node: r.from }, nameOf(r.from)), el("span", " · "), linkTo({ node: r.to }, nameOf(r.to)));
    body.push(ends);
    // both sides of a claim: what asserts or alleges it, then what denies it (graph.claims)
    const against = r.evidence.filter((c) => c.stance === "deny"), sides = against.length
      ? [["For", r.evidence.filter((c) => c.stance !== "deny")], ["Against", against]]
      : [["Evidence", r.evidence]];
    sides.forEach(([side, cites]) => { body.push(el("h4", `${side} (${cites.length})`)); cites.forEach((c) => {
      if (c.quote) body.push(el("blockquote", "“" + c.quote + "”"));
      const cite = el("div", null, "cite");
      const stance = c.stance ? ` (${c.stance === "deny" ? "denies" : "alleges"})` : "";
      cite.append(el("span", "— " + [c.title, c.publisher, c.published].filter(Boolean).join(", ") + stance));
      if (c.record) cite.append(el("span", " · record " + c.record));
      if (c.url && /^https?:\/\//i.test(c.url)) {
        const a = el("a", c.url);
        a.href = c.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        cite.append(el("br"), a);
      }
      body.push(cite);
    }); });
    return body;
  }
  function show(what, pin) {
    if (pin) pinned = what;
    if (!what) { $("pg-details").hidden = true; return; }
    const body = $("pg-details-body");
    body.replaceChildren(...(what.node !== undefined ? nodeDetails(what.node) : edgeDetails(what.edge)));
    body.dataset.showing = what.node !== undefined ? "node:" + what.node : "edge:" + what.edge;
    $("pg-details").hidden = false;
  }

  // ---- search ---------------------------------------------------------------------------------
  function findNode(text) {
    const q = text.trim().toLowerCase();
    if (!q) return null;
    const ids = Object.keys(data.nodes);
    const names = (id) => [id, data.nodes[id].name, ...data.nodes[id].aliases].map((s) => s.toLowerCase());
    return ids.find((id) => names(id).includes(q)) || ids.find((id) => names(id).some((s) => s.includes(q))) || null;
  }
  function focusActor(text) {
    const id = findNode(text);
    const message = $("pg-search-message");
    if (id === null) { message.textContent = `No actor matches “${text}”.`; return null; }
    const n = nodes.get(id);
    message.textContent = n.hidden ? `${data.nodes[id].name} is hidden by the filters.` : "";
    if (!n.hidden) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.3, animation: { duration: 400 } });
    }
    show({ node: id }, true);
    return id;
  }

  // ---- the network ----------------------------------------------------------------------------
  $("pg-title").textContent = data.title;
  if (data.highlight) {
    const h = data.highlight;
    const box = $("pg-highlight");
    box.append(el("strong", "Highlighted: "), el("span", h.label),
      el("div", `${h.nodes.length} actors, ${h.relations} relations`, "muted"));
    box.hidden = false;
    const list = $("pg-legend-highlight");
    h.keys.forEach((k) => {
      const li = el("li");
      let swatch;
      if (k.line) {
        swatch = lineSwatch("#555", false, false);
        swatch.style.borderTopWidth = "4px";
      } else {
        swatch = el("span", null, "shape shape-dot");
        swatch.style.backgroundColor = "#ddd";
        if (k.border) { swatch.style.border = "3px solid " + k.border; }
        if (k.faded) swatch.style.opacity = "0.25";
        if (!k.border && !k.faded) swatch.style.visibility = "hidden";
      }
      li.append(swatch, el("span", k.text));
      list.append(li);
    });
    $("pg-highlight-keys").hidden = false;
  }
  const names = $("pg-names");
  Object.values(data.nodes).forEach((d) => { const o = el("option"); o.value = d.name; names.append(o); });
  // The year slider, one stop past the last year for "every relation"; it starts at the page's
  // --as-of (time.js says so, plays the years and lists what changed).
  const asOfYear = data.as_of ? Number(data.as_of.slice(0, 4)) : null;
  if (years.length) {
    const first = years[0], last = years[years.length - 1];
    yearInput.min = String(first);
    yearInput.max = String(last + 1);
    yearInput.value = String(asOfYear === null ? last + 1 : Math.min(Math.max(asOfYear, first), last + 1));
    $("pg-year-min").textContent = String(first);
    $("pg-year-max").textContent = data.as_of ? "all on page" : "all";
  } else {
    $("pg-time").hidden = true;
  }
  buildLegend();
  refresh();
  const network = new vis.Network($("mynetwork"), { nodes, edges }, read("pg-options"));
  // The first view: every node in sight, with room around for the labels drawn below them.
  function fitView() {
    const at = Object.values(network.getPositions([...shownNodes]));
    if (!at.length) return;
    const canvas = $("mynetwork").getBoundingClientRect();
    const xs = at.map((p) => p.x), ys = at.map((p) => p.y);
    const left = Math.min(...xs), right = Math.max(...xs), top = Math.min(...ys), bottom = Math.max(...ys);
    const pad = { x: 90, top: 40, bottom: 60 };  // CSS pixels: half a long label, a node, a label
    const scale = Math.min(
      (canvas.width - 2 * pad.x) / Math.max(right - left, 1),
      (canvas.height - pad.top - pad.bottom) / Math.max(bottom - top, 1),
      1.5);
    const centre = { x: (left + right) / 2, y: (top + bottom) / 2 + (pad.bottom - pad.top) / 2 / scale };
    network.moveTo({ position: centre, scale, animation: false });
  }
  fitView();
  // A place and the place it lies in (the `in` field, not a relation): a thin grey line, under
  // everything, so that a region with no relation of its own stands by what lies within it.
  network.on("beforeDrawing", (ctx) => {
    if (api.fromPicture && api.fromPicture()) return; // a large page's kept picture has them (draw.js)
    const at = network.getPositions(data.within.flat());
    ctx.save();
    ctx.strokeStyle = WITHIN.color;
    ctx.lineWidth = WITHIN.width;
    ctx.setLineDash(WITHIN.dashes);
    ctx.beginPath();
    data.within.forEach(([place, parent]) => {
      if (!shownNodes.has(place) || !shownNodes.has(parent)) return;
      ctx.moveTo(at[place].x, at[place].y);
      ctx.lineTo(at[parent].x, at[parent].y);
    });
    ctx.stroke();
    ctx.restore();
  });
  const api = { network, nodes, edges, data, refresh, focusActor, fit: fitView, ready: false, show,
    isShown: (id) => shownNodes.has(id), onRefresh: (f) => refreshed.push(f), shownTypes, shownKinds };
  window.proxygraph = api;
  function ready() {
    $("pg-loading").hidden = true;
    api.readyAt = performance.now();
    api.ready = true;
    document.body.dataset.ready = "true";
  }
  // The nodes stand where the layout put them (physics off): the page is ready once drawn.
  network.once("afterDrawing", ready);
  if (nodes.length === 0) ready();
  // "Relax": physics on until the graph settles (or the button is pressed again).
  const relax = $("pg-relax");
  function setPhysics(on) {
    network.setOptions({ physics: { enabled: on } });
    relax.textContent = on ? "Stop relaxing" : "Relax layout";
    relax.setAttribute("aria-pressed", String(on));
  }
  relax.addEventListener("click", () => setPhysics(relax.getAttribute("aria-pressed") !== "true"));
  network.on("stabilized", () => setPhysics(false));
  network.on("hoverNode", (p) => show({ node: p.node }, false));
  network.on("hoverEdge", (p) => show({ edge: p.edge }, false));
  network.on("blurNode", () => show(pinned, false));
  network.on("blurEdge", () => show(pinned, false));
  network.on("click", (p) => {
    if (p.nodes.length) show({ node: p.nodes[0] }, true);
    else if (p.edges.length) show({ edge: p.edges[0] }, true);
    else show(null, true);
  });
  $("pg-close").addEventListener("click", () => show(null, true));
  $("pg-find").addEventListener("submit", (event) => { event.preventDefault(); focusActor($("pg-search").value); });
})();
