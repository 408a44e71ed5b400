// timeline.js: the events-per-day (or per-month) bar chart, in SVG.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

import { el, svg } from "./dom.js";

// timeline draws events per day (per month over long spans) as SVG bars.
// items: [{date, label}]; onPick({from, to}) is called on a bar click.
export function timeline(items, onPick) {
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
