// proxygraph time: the year slider starts where the page was drawn (--as-of) and says so; the
// play button steps through the years; each year lists the relations that began and ended in it.
(function (pg) {
  "use strict";
  const STEP_MS = 1200; // one year on screen while playing
  const SHOWN = 5; // relations listed for each change, then "and N more"
  const data = pg.data;
  const years = data.years;
  const input = document.getElementById("pg-year");
  const play = document.getElementById("pg-play");
  const changes = document.getElementById("pg-changes");
  if (!years.length) return;
  const first = years[0], last = years[years.length - 1];
  const yearOf = (date) => (date ? Number(String(date).slice(0, 4)) : null);
  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };
  const nameOf = (id) => (data.nodes[id] ? data.nodes[id].name : id);

  if (data.as_of) {
    const note = document.getElementById("pg-year-note");
    note.textContent = `Drawn as of ${data.as_of} (render --as-of ${data.as_of}): the page holds only the ` +
      "relations of that date; another year shows which of them held then too.";
    note.hidden = false;
  }
  input.addEventListener("input", () => { stop(); pg.refresh(); });

  // What began and what ended in `year`, among the relations the filters show.
  function listChanges(year) {
    changes.replaceChildren();
    if (year === null) return;
    const shown = pg.edges.get({ filter: (e) => !e.hidden }).map((e) => e.id);
    const began = shown.filter((id) => yearOf(data.edges[id].since) === year);
    const ended = shown.filter((id) => yearOf(data.edges[id].until) === year);
    changes.append(el("h3", `In ${year}: ${began.length} began, ${ended.length} ended`));
    [["began", began], ["ended", ended]].forEach(([what, ids]) => {
      if (!ids.length) return;
      const list = el("ul");
      list.dataset.change = what;
      ids.slice(0, SHOWN).forEach((id) => {
        const r = data.edges[id];
        const item = el("li");
        const link = el("button", `${what}: ${nameOf(r.from)} ${r.type} ${nameOf(r.to)}`, "link");
        link.type = "button";
        link.dataset.edge = id;
        link.addEventListener("click", () => pg.show({ edge: id }, true));
        item.append(link);
        list.append(item);
      });
      if (ids.length > SHOWN) list.append(el("li", `and ${ids.length - SHOWN} more`, "muted"));
      changes.append(list);
    });
  }
  pg.onRefresh(listChanges);

  let timer = null;
  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.textContent = "▶ Play";
    play.setAttribute("aria-pressed", "false");
  }
  function showYear(year) {
    input.value = String(year);
    pg.refresh();
  }
  function step() {
    const year = Number(input.value);
    if (year >= last) { stop(); return; }
    showYear(year + 1);
    if (year + 1 >= last) stop();
  }
  play.addEventListener("click", () => {
    if (timer !== null) { stop(); return; }
    if (Number(input.value) >= last) showYear(first); // from the start, once at the end
    else step();
    if (Number(input.value) < last) {
      timer = setInterval(step, STEP_MS);
      play.textContent = "❚❚ Pause";
      play.setAttribute("aria-pressed", "true");
    }
  });
  pg.showYear = showYear;
  pg.refresh();
})(window.proxygraph);
