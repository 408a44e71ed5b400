// api.js: the JSON API client (api) and the basemap loader (world).
// Security rules: see main.js (no innerHTML, setAttribute only, checked
// URLs, code-point offsets).

// api fetches a JSON API path; an error response throws its message.
export async function api(path, init) {
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

// world loads the basemap once (again after a failure).
let worldPromise = null;
export function world() {
  if (!worldPromise) worldPromise = api("/ui/world.json").catch((e) => { worldPromise = null; throw e; });
  return worldPromise;
}
