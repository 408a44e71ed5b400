// map.js: the map of events and places, drawn in SVG on the basemap.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

import { el, svg, clear } from "./dom.js";
import { world } from "./api.js";

// project maps lon/lat to the basemap's equirectangular plane (tenths of a
// degree; the world is 3600 by 1800).
const project = (lat, lon) => [(lon + 180) * 10, (90 - lat) * 10];

// drawMap draws the basemap with a marker (circle.marker) per point and
// a ring (circle.place-dot) per extra place. points: [{lat, lon, label,
// href}]; places: [{lat, lon, label}].
export async function drawMap(box, points, places) {
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
