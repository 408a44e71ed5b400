// views/article.js: the article view (#/articles/ID) and renderDocument,
// which it shares with the extract view: the text with every span
// highlighted (highlight), the facts found, the events' table, map and
// timeline.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

import { el, enc, safeURL, entityHref, actorCell, clear, cssEscape, flash, firstLine, clip } from "../dom.js";
import { api } from "../api.js";
import { ROOTS } from "../cameo.js";
import { parseHash } from "../hash.js";
import { timeline } from "../timeline.js";
import { drawMap } from "../map.js";

// ---- article view ------------------------------------------------------

export async function articleView(view, id, stale) {
  const doc = await api("/v1/articles/" + enc(id));
  if (stale()) return;
  await renderDocument(view, doc, true);
  // Coming from a happening: flash the first event of its CAMEO code.
  const cameo = parseHash().params.get("cameo");
  const v = cameo ? (doc.events || []).find((x) => x.cameo === cameo) : null;
  const target = v ? view.querySelector('mark.event[data-id="' + cssEscape(v.id) + '"]') : null;
  if (target) flash(target);
}

// renderDocument shows a document: its text with every span highlighted,
// the facts found in it, its events in a table, on a map and a timeline.
export function renderDocument(view, doc, stored) {
  clear(view);
  const ents = new Map((doc.entities || []).map((e) => [e.id, e]));
  const places = new Map((doc.places || []).map((p) => [p.id, p]));
  const placeOfEntity = new Map((doc.places || []).map((p) => [p.entity, p]));
  const name = (eid) => (eid && ents.get(eid) ? ents.get(eid).name : null);

  const title = doc.title || firstLine(doc.text) || doc.id;
  view.appendChild(el("h1", null, title));
  const url = doc.url ? safeURL(doc.url) : null;
  view.appendChild(el("div", { class: "meta" },
    doc.published ? el("span", null, "published " + doc.published) : null,
    doc.outlet ? el("span", null, doc.outlet) : null,
    doc.byline ? el("span", null, doc.byline) : null,
    url ? el("span", null, el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "source")) : null,
    el("span", { class: "code" }, doc.id),
    stored ? el("span", null, el("a", { href: "/v1/articles/" + enc(doc.id) }, "JSON")) : el("span", null, "not stored")));

  const textBox = el("div", { class: "doc-text panel", id: "doc-text" });
  const legend = el("div", { class: "legend" });
  const kinds = [["ent", "entities", null], ["time", "times", "sw-time"], ["qty", "quantities", "sw-qty"], ["quote", "quotes", "sw-quote"], ["event", "events", "sw-event"]];
  for (const [k, label, sw] of kinds) {
    const cb = el("input", { type: "checkbox", checked: "checked", "data-kind": k });
    cb.addEventListener("change", () => textBox.classList.toggle("hide-" + k, !cb.checked));
    const swatches = k === "ent"
      ? [["sw-person", "person"], ["sw-org", "organization"], ["sw-place", "place"], ["sw-norp", "group"], ["sw-other", "other"]].map(([c, t]) => el("span", { class: "swatch " + c, title: t }))
      : [el("span", { class: "swatch " + sw })];
    legend.appendChild(el("label", null, cb, swatches, label));
  }
  view.appendChild(legend);

  const grid = el("div", { class: "grid2" });
  grid.appendChild(textBox);
  const side = el("div", { class: "side" });
  grid.appendChild(side);
  view.appendChild(grid);

  // Spans to highlight, in code points.
  const spans = [];
  for (const e of doc.entities || []) {
    const p = placeOfEntity.get(e.id);
    let tip = e.type + " · " + e.name + (e.code ? " · CAMEO " + e.code : "") + (e.country ? " · " + e.country : "");
    if (p) tip += " · place " + placeLabel(p);
    for (const m of e.mentions || []) {
      spans.push({ start: m.start, end: m.end, kind: "ent", cls: "ent t-" + e.type + (p ? " place" : ""), id: e.id, tip });
    }
  }
  for (const t of doc.times || []) spans.push({ start: t.start, end: t.end, kind: "time", cls: "time", id: t.id, tip: t.type + " " + t.value });
  for (const q of doc.quantities || []) {
    let tip = "quantity " + q.value + (q.approximate ? " (approximately)" : "") + (q.unit ? " · unit " + q.unit : "");
    if (q.casualty) tip += " · " + q.casualty;
    if (q.entity && name(q.entity)) tip += " · of " + name(q.entity);
    spans.push({ start: q.start, end: q.end, kind: "qty", cls: "qty", id: q.id, tip });
  }
  for (const q of doc.quotes || []) {
    const who = name(q.speaker) || q.speaker_text || "unknown speaker";
    spans.push({ start: q.start, end: q.end, kind: "quote", cls: "quote", id: q.id,
      tip: (q.direct ? "direct" : "indirect") + " quote · speaker: " + who + (q.cue ? " · cue: " + q.cue : "") });
  }
  for (const v of doc.events || []) {
    const p = v.place ? places.get(v.place) : null;
    const tip = "event CAMEO " + v.cameo + " " + (ROOTS[v.root] || "") + " · " + (name(v.source) || v.source_code || "?") +
      " → " + (name(v.target) || v.target_code || "–") + " · " + v.modality + (v.date ? " · " + v.date : "") +
      (p ? " · at " + p.name : "") + (v.killed != null ? " · killed " + v.killed : "") + (v.injured != null ? " · injured " + v.injured : "") +
      " · Goldstein " + v.goldstein;
    spans.push({ start: v.start, end: v.end, kind: "event", cls: "event", id: v.id, tip });
  }
  textBox.appendChild(highlight(doc.text || "", spans));

  // Facts beside the text.
  side.appendChild(el("h2", null, "Entities"));
  const entList = el("ul", { class: "facts", id: "entity-list" });
  for (const e of doc.entities || []) {
    entList.appendChild(el("li", null,
      el("a", { href: entityHref(e.name), title: "events of " + e.name }, e.name),
      el("span", { class: "tag" }, e.type),
      e.code ? el("a", { class: "tag", href: entityHref(e.code), title: "events of CAMEO actor " + e.code }, e.code) : null,
      el("span", { class: "muted" }, " ×" + (e.mentions || []).length)));
  }
  side.appendChild(entList);
  if ((doc.places || []).length) {
    side.appendChild(el("h2", null, "Places"));
    side.appendChild(el("ul", { class: "facts" }, (doc.places || []).map((p) => el("li", null, placeLabel(p),
      el("span", { class: "code" }, " " + p.lat.toFixed(3) + ", " + p.lon.toFixed(3))))));
  }
  if ((doc.times || []).length) {
    side.appendChild(el("h2", null, "Times"));
    side.appendChild(el("ul", { class: "facts" }, doc.times.map((t) => el("li", null, "“" + t.text + "” ", el("span", { class: "code" }, t.type + " " + t.value)))));
  }
  if ((doc.quantities || []).length) {
    side.appendChild(el("h2", null, "Quantities"));
    side.appendChild(el("ul", { class: "facts" }, doc.quantities.map((q) => el("li", null, "“" + q.text + "” ",
      el("span", { class: "code" }, String(q.value) + (q.unit ? " " + q.unit : "")), q.casualty ? el("span", { class: "tag" }, q.casualty) : null))));
  }
  if ((doc.quotes || []).length) {
    side.appendChild(el("h2", null, "Quotes"));
    side.appendChild(el("ul", { class: "facts" }, doc.quotes.map((q) => el("li", null,
      el("strong", null, (name(q.speaker) || q.speaker_text || "unknown") + ": "), "“" + clip(q.text, 160) + "”"))));
  }

  // Events: table, map, timeline.
  view.appendChild(el("h2", null, "Events"));
  const charts = el("div", { class: "charts" });
  view.appendChild(charts);
  charts.appendChild(timeline((doc.events || []).map((v) => ({ date: v.date }))));
  const mapBox = el("div", { id: "doc-map" });
  charts.appendChild(mapBox);
  const table = el("table", { class: "events", id: "events-table" },
    el("thead", null, el("tr", null, ["Trigger", "CAMEO", "Source", "Target", "Date", "Place", "Modality", "Killed", "Injured"].map((h) => el("th", null, h)))));
  const body = el("tbody");
  for (const v of doc.events || []) {
    const p = v.place ? places.get(v.place) : null;
    const row = el("tr", { class: "event-row", "data-id": v.id },
      el("td", null, v.text),
      el("td", { class: "quad-" + v.quad_class, title: (ROOTS[v.root] || "") + " · Goldstein " + v.goldstein + (v.plover ? " · PLOVER " + v.plover : "") + " · rule " + v.rule }, v.cameo, el("div", { class: "muted" }, ROOTS[v.root] || "")),
      actorCell(name(v.source), v.source_code),
      actorCell(name(v.target), v.target_code),
      el("td", null, v.date || "–", v.date_precision ? el("div", { class: "muted" }, v.date_precision) : null),
      el("td", null, p ? placeLabel(p) : "–"),
      el("td", null, v.modality),
      el("td", null, v.killed != null ? String(v.killed) : "–"),
      el("td", null, v.injured != null ? String(v.injured) : "–"));
    row.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      const m = textBox.querySelector('mark.event[data-id="' + cssEscape(v.id) + '"]');
      if (m) flash(m);
    });
    body.appendChild(row);
  }
  if (!(doc.events || []).length) body.appendChild(el("tr", null, el("td", { colspan: "9", class: "muted" }, "No events found.")));
  table.appendChild(body);
  view.appendChild(table);

  const points = [];
  const placed = new Set();
  for (const v of doc.events || []) {
    const p = v.place ? places.get(v.place) : null;
    if (!p || typeof p.lat !== "number" || typeof p.lon !== "number") continue;
    placed.add(p.id);
    points.push({ lat: p.lat, lon: p.lon, label: v.cameo + " " + (ROOTS[v.root] || "") + " “" + v.text + "” at " + p.name,
      onclick: () => { const m = textBox.querySelector('mark.event[data-id="' + cssEscape(v.id) + '"]'); if (m) flash(m); } });
  }
  const others = (doc.places || []).filter((p) => !placed.has(p.id)).map((p) => ({ lat: p.lat, lon: p.lon, label: placeLabel(p) }));
  return drawMap(mapBox, points, others);
}

function placeLabel(p) {
  return p.name + (p.admin1 && p.admin1 !== p.name ? ", " + p.admin1 : "") + (p.country ? " (" + p.country + ")" : "");
}

// highlight returns the text as a fragment with each span wrapped in a
// <mark>. Overlapping spans are cut at every span boundary; each piece is
// wrapped in the marks that cover it, outermost first (quote, event,
// time, quantity, entity), so an entity inside a quote is its own mark.
function highlight(text, spans) {
  const chars = Array.from(text);
  const n = chars.length;
  const order = { quote: 0, event: 1, time: 2, qty: 3, ent: 4 };
  const ok = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= n && s.start < s.end);
  const cuts = new Set([0, n]);
  for (const s of ok) { cuts.add(s.start); cuts.add(s.end); }
  const bounds = Array.from(cuts).sort((a, b) => a - b);
  ok.sort((a, b) => a.start - b.start);
  const frag = document.createDocumentFragment();
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i], b = bounds[i + 1];
    while (next < ok.length && ok[next].start <= a) active.push(ok[next++]);
    active = active.filter((s) => s.end > a);
    let node = document.createTextNode(chars.slice(a, b).join(""));
    const cover = active.filter((s) => s.start <= a && s.end >= b).sort((x, y) => order[y.kind] - order[x.kind]);
    for (const s of cover) {
      const m = document.createElement("mark");
      m.setAttribute("class", s.cls);
      m.setAttribute("title", s.tip);
      m.setAttribute("data-id", s.id);
      m.setAttribute("data-kind", s.kind);
      m.appendChild(node);
      node = m;
    }
    frag.appendChild(node);
  }
  return frag;
}
