// sitrep web UI: plain JavaScript, no framework, no build step.
//
// Everything that comes from an article is untrusted: the DOM is built with
// createElement and textContent only (never innerHTML), attribute values
// are set with setAttribute, and links built from data are fragment links
// or checked http(s) URLs. Document offsets are Unicode code points, so the
// text is indexed with Array.from(text), never with String indexes.
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";

  // CAMEO root codes and their names, filled from the server's table
  // (/v1/cameo) before the first view is drawn: the UI keeps no copy.
  const ROOTS = {};
  const EVENT_FILTERS = ["actor", "root", "cameo", "from", "to", "place", "modality"];

  // ---- DOM helpers -------------------------------------------------------

  // el builds an element: attrs are set with setAttribute (class via
  // className), children are nodes or strings (made text nodes).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }

  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }

  function setAttrs(e, attrs) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.setAttribute("class", v);
      else if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, String(v));
    }
  }

  function append(e, children) {
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
  }

  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
  }

  // safeURL returns u when it is an http(s) URL, else null.
  function safeURL(u) {
    try {
      const p = new URL(u);
      return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
    } catch (_) {
      return null;
    }
  }

  const enc = encodeURIComponent;
  const articleHref = (id) => "#/articles/" + enc(id);
  const entityHref = (name) => "#/entities/" + enc(name);

  // ---- API ---------------------------------------------------------------

  async function api(path, init) {
    const res = await fetch(path, init);
    let body = null;
    try {
      body = await res.json();
    } catch (_) {
      // not JSON
    }
    if (!res.ok) {
      const msg = body && body.error ? body.error.message + " (" + body.error.code + ")" : res.status + " " + res.statusText;
      throw new Error(msg);
    }
    return body;
  }

  let worldPromise = null;
  function world() {
    if (!worldPromise) worldPromise = api("/ui/world.json").catch((e) => { worldPromise = null; throw e; });
    return worldPromise;
  }

  // ---- router ------------------------------------------------------------

  const main = document.getElementById("main");

  function parseHash() {
    const h = location.hash.replace(/^#/, "") || "/";
    const qi = h.indexOf("?");
    const path = qi < 0 ? h : h.slice(0, qi);
    const params = new URLSearchParams(qi < 0 ? "" : h.slice(qi + 1));
    const parts = path.split("/").filter(Boolean).map((p) => {
      try { return decodeURIComponent(p); } catch (_) { return p; }
    });
    return { parts, params };
  }

  let generation = 0;
  async function route() {
    const gen = ++generation;
    const { parts, params } = parseHash();
    const view = el("div", { class: "view" }, el("p", { class: "muted" }, "Loading…"));
    clear(main);
    main.appendChild(view);
    const stale = () => gen !== generation;
    try {
      if (parts[0] === "articles" && parts[1]) await articleView(view, parts[1], stale);
      else if (parts[0] === "entities" && parts[1]) await eventsView(view, params, stale, parts[1]);
      else if (parts[0] === "search") await searchView(view, params.get("q") || "", stale);
      else if (parts[0] === "extract") extractView(view);
      else await eventsView(view, params, stale, null);
    } catch (e) {
      if (stale()) return;
      clear(view);
      view.appendChild(el("p", { class: "error", role: "alert" }, "Error: " + e.message));
    }
    if (!stale()) document.body.setAttribute("data-ready", String(gen));
  }

  // ---- events, entity pages ----------------------------------------------

  async function eventsView(view, params, stale, entity) {
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
    for (const f of ["csv", "gdelt", "acled", "jsonl"]) {
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

  function actorCell(name, code) {
    const td = el("td");
    if (!name && !code) { td.appendChild(el("span", { class: "muted" }, "–")); return td; }
    if (name) td.appendChild(el("a", { href: entityHref(name), title: "events of " + name }, name));
    if (code) td.appendChild(el("a", { href: entityHref(code), class: "tag", title: "events of CAMEO actor " + code }, code));
    return td;
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

  // ---- timeline ----------------------------------------------------------

  // timeline draws events per day (per month over long spans) as SVG bars.
  // items: [{date, label}]; onPick({from, to}) is called on a bar click.
  function timeline(items, onPick) {
    const dayMs = 86400000;
    const days = items.map((i) => (i.date || "").slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    const box = el("div", { class: "timeline-box" });
    if (!days.length) {
      box.appendChild(el("p", { class: "muted" }, "No events with a day to place on a timeline."));
      return box;
    }
    const t = days.map((d) => Date.parse(d + "T00:00:00Z")).filter((x) => !isNaN(x));
    let lo = Math.min(...t), hi = Math.max(...t);
    const byMonth = (hi - lo) / dayMs > 400;
    const key = (ms) => new Date(ms).toISOString().slice(0, byMonth ? 7 : 10);
    const buckets = [];
    const index = new Map();
    if (byMonth) {
      const d = new Date(lo); d.setUTCDate(1);
      for (let m = d.getTime(); m <= hi; ) {
        index.set(key(m), buckets.length); buckets.push({ key: key(m), n: 0 });
        const n = new Date(m); n.setUTCMonth(n.getUTCMonth() + 1); m = n.getTime();
      }
    } else {
      if (hi === lo) { lo -= 3 * dayMs; hi += 3 * dayMs; }
      for (let m = lo; m <= hi; m += dayMs) { index.set(key(m), buckets.length); buckets.push({ key: key(m), n: 0 }); }
    }
    for (const x of t) { const i = index.get(key(x)); if (i !== undefined) buckets[i].n++; }
    const W = 600, H = 180, padL = 28, padB = 22, padT = 10;
    const max = Math.max(...buckets.map((b) => b.n));
    const bw = (W - padL - 4) / buckets.length;
    const s = svg("svg", { class: "timeline", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "events per " + (byMonth ? "month" : "day") });
    s.appendChild(svg("line", { class: "axis", x1: padL, y1: H - padB, x2: W, y2: H - padB }));
    s.appendChild(svg("text", { x: 2, y: padT + 8 }, String(max)));
    s.appendChild(svg("text", { x: 2, y: H - padB }, "0"));
    buckets.forEach((b, i) => {
      if (!b.n) return;
      const h = (H - padB - padT) * b.n / max;
      const x = padL + i * bw;
      const rect = svg("rect", { class: "bar", x: x + bw * 0.1, y: H - padB - h, width: Math.max(bw * 0.8, 1), height: h, "data-day": b.key, "data-count": b.n },
        svg("title", null, b.key + ": " + b.n + " event" + (b.n === 1 ? "" : "s")));
      if (onPick) rect.addEventListener("click", () => {
        if (byMonth) {
          const [y, m] = b.key.split("-").map(Number);
          const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
          onPick({ from: b.key + "-01", to: last });
        } else onPick({ from: b.key, to: b.key });
      });
      s.appendChild(rect);
    });
    const first = buckets[0].key, last = buckets[buckets.length - 1].key;
    s.appendChild(svg("text", { x: padL, y: H - 6 }, first));
    s.appendChild(svg("text", { x: W - 4, y: H - 6, "text-anchor": "end" }, last));
    box.appendChild(el("div", { class: "muted" }, "Events per " + (byMonth ? "month" : "day")));
    box.appendChild(s);
    return box;
  }

  // ---- map ---------------------------------------------------------------

  // project maps lon/lat to the basemap's equirectangular plane (tenths of a
  // degree; the world is 3600 by 1800).
  const project = (lat, lon) => [(lon + 180) * 10, (90 - lat) * 10];

  // drawMap draws the basemap with a marker (circle.marker) per point and
  // a ring (circle.place-dot) per extra place. points: [{lat, lon, label,
  // href}]; places: [{lat, lon, label}].
  async function drawMap(box, points, places) {
    clear(box);
    box.appendChild(el("div", { class: "muted" }, points.length + " placed event" + (points.length === 1 ? "" : "s")));
    let w;
    try {
      w = await world();
    } catch (e) {
      box.appendChild(el("p", { class: "error" }, "Map unavailable: " + e.message));
      return;
    }
    const all = points.concat(places);
    let vb = [0, 0, w.width, w.height * 0.84];
    if (all.length) {
      const xy = all.map((p) => project(p.lat, p.lon));
      let x0 = Math.min(...xy.map((p) => p[0])), x1 = Math.max(...xy.map((p) => p[0]));
      let y0 = Math.min(...xy.map((p) => p[1])), y1 = Math.max(...xy.map((p) => p[1]));
      let vw = Math.max(x1 - x0, 200) * 1.4 + 100, vh = Math.max(y1 - y0, 100) * 1.4 + 100;
      if (vw < vh * 2) vw = vh * 2; else vh = vw / 2;
      vw = Math.min(vw, w.width); vh = Math.min(vh, w.height);
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      vb = [Math.min(Math.max(cx - vw / 2, 0), w.width - vw), Math.min(Math.max(cy - vh / 2, 0), w.height - vh), vw, vh];
    }
    const s = svg("svg", { class: "map", viewBox: vb.map((v) => v.toFixed(1)).join(" "), role: "img", "aria-label": "map of events" });
    const land = svg("g", { class: "land" });
    for (const c of w.countries) land.appendChild(svg("path", { class: "country", d: c.d }, svg("title", null, c.name)));
    s.appendChild(land);
    const r = vb[2] / 140;
    const rings = svg("g", { class: "places" });
    for (const p of places) {
      const [x, y] = project(p.lat, p.lon);
      rings.appendChild(svg("circle", { class: "place-dot", cx: x.toFixed(1), cy: y.toFixed(1), r: (r * 0.8).toFixed(2) }, svg("title", null, p.label)));
    }
    s.appendChild(rings);
    const marks = svg("g", { class: "markers" });
    for (const p of points) {
      const [x, y] = project(p.lat, p.lon);
      const c = svg("circle", { class: "marker", cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(2) }, svg("title", null, p.label));
      if (p.href) c.addEventListener("click", () => { location.hash = p.href; });
      if (p.onclick) c.addEventListener("click", p.onclick);
      marks.appendChild(c);
    }
    s.appendChild(marks);
    box.appendChild(s);
  }

  // ---- article view ------------------------------------------------------

  async function articleView(view, id, stale) {
    const doc = await api("/v1/articles/" + enc(id));
    if (stale()) return;
    await renderDocument(view, doc, true);
    // Coming from a happening: flash the first event of its CAMEO code.
    const cameo = parseHash().params.get("cameo");
    const v = cameo ? (doc.events || []).find((x) => x.cameo === cameo) : null;
    const target = v ? view.querySelector('mark.event[data-id="' + cssEscape(v.id) + '"]') : null;
    if (target) flash(target);
  }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/[^a-zA-Z0-9_-]/g, "\\$&");
  }

  function flash(m) {
    m.scrollIntoView({ block: "center" });
    m.classList.add("flash");
    setTimeout(() => m.classList.remove("flash"), 2500);
  }

  // renderDocument shows a document: its text with every span highlighted,
  // the facts found in it, its events in a table, on a map and a timeline.
  function renderDocument(view, doc, stored) {
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

  function firstLine(s) {
    const l = (s || "").split("\n").find((x) => x.trim());
    return l ? clip(l.trim(), 120) : "";
  }

  function clip(s, n) {
    const a = Array.from(s || "");
    return a.length <= n ? s : a.slice(0, n - 1).join("") + "…";
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

  // ---- search ------------------------------------------------------------

  async function searchView(view, q, stale) {
    document.getElementById("search-q").value = q;
    clear(view);
    view.appendChild(el("h1", null, "Search"));
    if (!q.trim()) {
      view.appendChild(el("p", { class: "muted" }, "Type words in the search box above."));
      return;
    }
    const page = await api("/v1/search?q=" + enc(q) + "&limit=50");
    if (stale()) return;
    view.appendChild(el("p", { class: "muted" }, page.hits.length + " articles match “" + q + "”"));
    const ul = el("ul", { class: "hits", id: "search-hits" });
    for (const h of page.hits) {
      ul.appendChild(el("li", null,
        el("a", { href: articleHref(h.id) }, h.title || h.id),
        h.published ? el("span", { class: "tag" }, h.published.slice(0, 10)) : null,
        h.outlet ? el("span", { class: "tag" }, h.outlet) : null,
        el("div", { class: "snippet" }, h.snippet)));
    }
    view.appendChild(ul);
  }

  // ---- read an article without storing it --------------------------------

  function extractView(view) {
    clear(view);
    view.appendChild(el("h1", null, "Read an article"));
    view.appendChild(el("p", { class: "muted" }, "Paste an article's text: sitrep reads it and shows what it found. Nothing is stored."));
    const ta = el("textarea", { id: "extract-text", placeholder: "BAGHDAD, July 27 - …" });
    const date = el("input", { type: "date", id: "extract-date" });
    const out = el("div", { class: "view", id: "extract-out" });
    const form = el("form", { class: "panel" }, ta, el("p", null, el("label", null, "Published ", date), " ", el("button", { type: "submit" }, "Read")));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      clear(out);
      out.appendChild(el("p", { class: "muted" }, "Reading…"));
      try {
        const doc = await api("/v1/extract", { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: ta.value, published: date.value || "" }) });
        await renderDocument(out, doc, false);
        out.setAttribute("data-ready", "1");
      } catch (e) {
        clear(out);
        out.appendChild(el("p", { class: "error", role: "alert" }, "Error: " + e.message));
      }
    });
    view.appendChild(form);
    view.appendChild(out);
  }

  // ---- start -------------------------------------------------------------

  async function loadStats() {
    const box = document.getElementById("stats");
    try {
      const s = await api("/v1/stats");
      clear(box);
      box.appendChild(el("span", { class: "stat" }, s.documents + " articles"));
      box.appendChild(el("span", { class: "stat" }, s.stories + " stories"));
      box.appendChild(el("span", { class: "stat" }, s.happenings + " happenings"));
    } catch (_) {
      box.textContent = "";
    }
  }

  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("search-q").value.trim();
    location.hash = "#/search?q=" + enc(q);
  });
  // loadCameo fills ROOTS with the root codes' names, in sentence case
  // ("MAKE PUBLIC STATEMENT" becomes "Make public statement").
  async function loadCameo() {
    try {
      const t = await api("/v1/cameo");
      for (const c of t.codes) {
        if (c.code.length === 2) ROOTS[c.code] = c.description.charAt(0) + c.description.slice(1).toLowerCase();
      }
    } catch (_) {
      // without the table, codes show without names
    }
  }

  window.addEventListener("hashchange", route);
  loadStats();
  loadCameo().then(route);
})();
