// views/extract.js: the extract view (#/extract): reads pasted text with
// POST /v1/extract and shows it with renderDocument; nothing is stored.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

import { el, clear } from "../dom.js";
import { api } from "../api.js";
import { renderDocument } from "./article.js";

export function extractView(view) {
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
