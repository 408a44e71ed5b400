// sitrep web UI: plain JavaScript ES modules, no framework, no build step.
// main.js is the entry point: hash routing to the views, the stats in the
// header, the search box, and the start (CAMEO names, then the first view).
// The other modules: dom.js, api.js, cameo.js, hash.js, timeline.js,
// map.js and views/{events,article,search,extract}.js.
//
// Security rules for every module of the UI: everything that comes from an
// article is untrusted: the DOM is built with createElement and textContent
// only (never innerHTML), attribute values are set with setAttribute, and
// links built from data are fragment links or checked http(s) URLs.
// Document offsets are Unicode code points, so the text is indexed with
// Array.from(text), never with String indexes.

import { el, enc, clear } from "./dom.js";
import { api } from "./api.js";
import { loadCameo } from "./cameo.js";
import { parseHash } from "./hash.js";
import { eventsView } from "./views/events.js";
import { articleView } from "./views/article.js";
import { searchView } from "./views/search.js";
import { extractView } from "./views/extract.js";

// ---- router ------------------------------------------------------------

const main = document.getElementById("main");

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

window.addEventListener("hashchange", route);
loadStats();
loadCameo().then(route);
