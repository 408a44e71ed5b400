// hash.js: parses the hash route (#/path?query) into its decoded parts
// and its parameters.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

// parseHash returns the route's path parts (decoded) and its parameters:
// #/entities/IRQ?from=2021-01-01 gives ["entities", "IRQ"] and from.
export function parseHash() {
  const h = location.hash.replace(/^#/, "") || "/";
  const qi = h.indexOf("?");
  const path = qi < 0 ? h : h.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? "" : h.slice(qi + 1));
  const parts = path.split("/").filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch (_) { return p; }
  });
  return { parts, params };
}
