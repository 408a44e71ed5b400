// views/events.js: the events view and the entity pages (#/events,
// #/entities/NAME): filter form, export links, timeline, map and table.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

import { el, enc, articleHref, entityHref, actorCell, clear } from "../dom.js";
import { api } from "../api.js";
import { ROOTS } from "../cameo.js";
import { timeline } from "../timeline.js";
import { drawMap } from "../map.js";

const EVENT_FILTERS = ["actor", "root", "cameo", "from", "to", "place", "modality"];

// ---- events, entity pages ----------------------------------------------

export async function eventsView(view, params, stale, entity) {
  const q = new URLSearchParams();
  for (const k of EVENT_FILTERS) if (params.get(k)) q.set(k, params.get(k));
  if (entity) q.delete("actor");
  const listQ = new URLSearchParams(q);
  listQ.set("limit", "1000");
  const base = entity ? "/v1/entities/" + enc(entity) + "/events" : "/v1/events";
  const page = await api(base + "?" + listQ.toString());
  if (stale()) return;
  clear(view);
  const recs = page.events || [];
  view.appendChild(el("h1", null, entity ? "Entity: " + entity : "Events"));
  if (entity) view.appendChild(el("p", { class: "muted" }, "Happenings where either actor is named “" + entity + "” or has a CAMEO code starting with it."));
  view.appendChild(filterForm(params, entity));
  const exports = el("p", { class: "exports" }, "Download: ");
  for (const f of ["csv", "gdelt", "gdelt-mentions", "acled", "jsonl"]) {
    const eq = new URLSearchParams(q);
    eq.set("format", f);
    eq.set("limit", "50000");
    exports.appendChild(el("a", { href: base + "?" + eq.toString(), download: "events-" + f + (f === "jsonl" ? ".jsonl" : ".csv") }, f.toUpperCase()));
  }
  view.appendChild(exports);
  view.appendChild(el("p", { class: "muted", id: "event-count" }, recs.length + (page.next != null ? "+" : "") + " happenings"));
  const charts = el("div", { class: "charts" });
  view.appendChild(charts);
  charts.appendChild(timeline(recs.map((r) => ({ date: r.date, label: eventLabel(r) })), (day) => {
    const p = new URLSearchParams(q);
    p.set("from", day.from);
    p.set("to", day.to);
    location.hash = (entity ? entityHref(entity) : "#/events") + "?" + p.toString();
  }));
  const mapBox = el("div");
  charts.appendChild(mapBox);
  view.appendChild(recordTable(recs));
  const points = recs.filter((r) => r.lat != null && r.lon != null).map((r) => ({
    lat: r.lat, lon: r.lon, label: eventLabel(r) + (r.place ? " — " + r.place : ""), href: articleHref(r.doc) + "?cameo=" + enc(r.cameo),
  }));
  await drawMap(mapBox, points, []);
}

function filterForm(params, entity) {
  const inputs = {};
  const field = (name, label, input) => { inputs[name] = input; return el("label", null, label, input); };
  const rootSel = el("select", { name: "root" }, el("option", { value: "" }, "any"));
  for (const [code, name] of Object.entries(ROOTS)) rootSel.appendChild(el("option", { value: code }, code + " " + name));
  const modSel = el("select", { name: "modality" }, el("option", { value: "" }, "any"));
  for (const m of ["asserted", "negated", "future", "possible"]) modSel.appendChild(el("option", { value: m }, m));
  const form = el("form", { class: "filters panel", id: "event-filters" },
    entity ? null : field("actor", "Actor (name or CAMEO code)", el("input", { name: "actor", type: "text", placeholder: "IRQ, Joe Biden" })),
    field("root", "CAMEO root", rootSel),
    field("cameo", "CAMEO code prefix", el("input", { name: "cameo", type: "text", inputmode: "numeric", size: "6", pattern: "[0-9]{1,4}" })),
    field("from", "From", el("input", { name: "from", type: "date" })),
    field("to", "To", el("input", { name: "to", type: "date" })),
    field("place", "Place or country code", el("input", { name: "place", type: "text", placeholder: "Baghdad, IQ" })),
    field("modality", "Modality", modSel),
    el("button", { type: "submit" }, "Filter"),
    el("button", { type: "button", class: "plain", onclick: () => { location.hash = entity ? entityHref(entity) : "#/events"; } }, "Clear"));
  for (const [k, input] of Object.entries(inputs)) input.value = params.get(k) || "";
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const [k, input] of Object.entries(inputs)) if (input.value.trim()) p.set(k, input.value.trim());
    const qs = p.toString();
    location.hash = (entity ? entityHref(entity) : "#/events") + (qs ? "?" + qs : "");
  });
  return form;
}

function eventLabel(r) {
  const src = r.source || r.source_code || "?";
  const tgt = r.target || r.target_code || "";
  return (r.date || "undated") + " · " + r.cameo + " " + (ROOTS[r.root] || "") + " · " + src + (tgt ? " → " + tgt : "");
}

function recordTable(recs) {
  const table = el("table", { class: "events", id: "events-table" },
    el("thead", null, el("tr", null, ["Date", "CAMEO", "Source", "Target", "Place", "Modality", "Killed", "Reports", "Sentence"].map((h) => el("th", null, h)))));
  const body = el("tbody");
  for (const r of recs) {
    const rootName = ROOTS[r.root] || "";
    body.appendChild(el("tr", { class: "event-row", "data-id": r.id },
      el("td", null, r.date || "–"),
      el("td", { class: "quad-" + r.quad_class, title: rootName + " · Goldstein " + r.goldstein + (r.plover ? " · PLOVER " + r.plover : "") + (r.acled_type ? " · ACLED " + r.acled_type : "") },
        r.cameo, el("div", { class: "muted" }, rootName)),
      actorCell(r.source, r.source_code),
      actorCell(r.target, r.target_code),
      el("td", null, r.place ? el("a", { href: "#/events?place=" + enc(r.place) }, r.place) : "–", r.country ? el("span", { class: "tag" }, r.country) : null),
      el("td", null, r.modality),
      el("td", null, r.killed != null ? String(r.killed) : "–", r.injured != null ? el("div", { class: "muted" }, r.injured + " injured") : null),
      el("td", { title: r.mentions + " mentions in " + r.articles + " articles from " + r.sources + " sources" }, String(r.articles)),
      el("td", { class: "sentence" }, r.text, " ", el("a", { href: articleHref(r.doc) + "?cameo=" + enc(r.cameo) }, "article"))));
  }
  if (!recs.length) body.appendChild(el("tr", null, el("td", { colspan: "9", class: "muted" }, "No events match.")));
  table.appendChild(body);
  return table;
}
