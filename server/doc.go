// Package server is sitrep's HTTP API and web UI over a sitrep.Store.
//
// New returns an http.Handler that serves:
//
//	GET  /healthz                       liveness
//	GET  /v1/openapi.json               the API's OpenAPI 3.1 description
//	POST /v1/extract                    read one article, return its document (not stored)
//	POST /v1/articles                   read and store articles (bearer token when Options.Token is set; batches report each article)
//	GET  /v1/articles/{id}              a stored document
//	GET  /v1/events                     stored happenings, filtered; JSON or csv/gdelt/gdelt-mentions/acled/jsonl exports
//	GET  /v1/search                     full-text search over stored articles
//	GET  /v1/stats                      what the store holds
//	GET  /v1/entities/{name}/events     an actor's happenings
//	GET  /                              the web UI (embedded; plain HTML, CSS and JavaScript)
//
// Every error is JSON, {"error": {"code": ..., "message": ...}}, with code
// one of invalid (400), unauthorized (401), forbidden (403), not_found
// (404), method_not_allowed (405), too_large (413), unsupported_media_type
// (415), busy (429, with Retry-After), timeout (503) and internal (500); a
// batch write that fails part of the way adds "results", what became of
// each article. Article text is untrusted: the UI builds its DOM with
// textContent only, and every response carries a strict
// Content-Security-Policy.
//
// Requests are guarded (docs/api-security.md): a Host not in
// Options.AllowedHosts is refused, as is a POST from another origin
// (Origin, Sec-Fetch-Site) or, unless it carries the token, one that is
// not application/json; extractions and searches at once are capped by
// admission gates that refuse with 429 what they cannot take within a
// quarter of a second; each request is answered at its deadline, while
// its admission is held until its work has really stopped.
//
// The UI's world map is drawn from Natural Earth's 1:110m country outlines
// (public domain) as packaged by the npm package world-atlas 2.0.2 (ISC),
// converted by internal/basemapgen (go generate) into ui/world.json.
package server

//go:generate go run ./internal/basemapgen -o ui/world.json
