// views/search.js: the search view (#/search?q=): full-text hits.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

import { el, enc, articleHref, clear } from "../dom.js";
import { api } from "../api.js";

export async function searchView(view, q, stale) {
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
