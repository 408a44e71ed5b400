// dom.js: DOM helpers (el, svg, setAttrs, append, clear), URL checks and
// link builders (safeURL, enc, articleHref, entityHref), the actor cell the
// events tables share, marks (cssEscape, flash) and small text helpers
// (firstLine, clip).
//
// Security rules for every module of the UI: everything that comes from an
// article is untrusted: the DOM is built with createElement and textContent
// only (never innerHTML), attribute values are set with setAttribute, and
// links built from data are fragment links or checked http(s) URLs.
// Document offsets are Unicode code points, so the text is indexed with
// Array.from(text), never with String indexes.

const SVGNS = "http://www.w3.org/2000/svg";

// el builds an element: attrs are set with setAttribute (on* functions
// become event listeners), children are nodes or strings (made text nodes).
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

export function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

export function setAttrs(e, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.setAttribute("class", v);
    else if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
}

export function append(e, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

export function clear(e) {
  while (e.firstChild) e.removeChild(e.firstChild);
}

// safeURL returns u when it is an http(s) URL, else null.
export function safeURL(u) {
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
  } catch (_) {
    return null;
  }
}

export const enc = encodeURIComponent;
export const articleHref = (id) => "#/articles/" + enc(id);
export const entityHref = (name) => "#/entities/" + enc(name);

// actorCell is a table cell linking an actor's name and CAMEO code to
// their entity pages (a dash when it has neither).
export function actorCell(name, code) {
  const td = el("td");
  if (!name && !code) { td.appendChild(el("span", { class: "muted" }, "–")); return td; }
  if (name) td.appendChild(el("a", { href: entityHref(name), title: "events of " + name }, name));
  if (code) td.appendChild(el("a", { href: entityHref(code), class: "tag", title: "events of CAMEO actor " + code }, code));
  return td;
}

// cssEscape escapes s for a CSS attribute selector.
export function cssEscape(s) {
  return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/[^a-zA-Z0-9_-]/g, "\\$&");
}

// flash scrolls a mark into view and flashes it.
export function flash(m) {
  m.scrollIntoView({ block: "center" });
  m.classList.add("flash");
  setTimeout(() => m.classList.remove("flash"), 2500);
}

// firstLine is the first non-blank line of s, clipped; clip cuts s to n
// code points.
export function firstLine(s) {
  const l = (s || "").split("\n").find((x) => x.trim());
  return l ? clip(l.trim(), 120) : "";
}

export function clip(s, n) {
  const a = Array.from(s || "");
  return a.length <= n ? s : a.slice(0, n - 1).join("") + "…";
}
