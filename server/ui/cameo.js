// cameo.js: the CAMEO root codes' names (ROOTS), filled by loadCameo from
// GET /v1/cameo.
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

import { api } from "./api.js";

// CAMEO root codes and their names, filled from the server's table
// (/v1/cameo) before the first view is drawn: the UI keeps no copy.
export const ROOTS = {};

// loadCameo fills ROOTS with the root codes' names, in sentence case
// ("MAKE PUBLIC STATEMENT" becomes "Make public statement").
export async function loadCameo() {
  try {
    const t = await api("/v1/cameo");
    for (const c of t.codes) {
      if (c.code.length === 2) ROOTS[c.code] = c.description.charAt(0) + c.description.slice(1).toLowerCase();
    }
  } catch (_) {
    // without the table, codes show without names
  }
}
