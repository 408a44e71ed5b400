// Package server is sitrep's HTTP API and web UI over a sitrep.Store.
//
// New returns an http.Handler that serves:
//
//	GET  /healthz                       liveness
//	GET  /v1/openapi.json               the API's OpenAPI 3.1 description
//	POST /v1/extract                    read one article, return its document (not stored)
//	POST /v1/articles                   read and store articles (bearer token when Options.Token is set)
//	GET  /v1/articles/{id}              a stored document
//	GET  /v1/events                     stored happenings, filtered; JSON or csv/gdelt/acled/jsonl exports
//	GET  /v1/search                     full-text search over stored articles
//	GET  /v1/stats                      what the store holds
//	GET  /v1/entities/{name}/events     an actor's happenings
//	GET  /                              the web UI (embedded; plain HTML, CSS and JavaScript)
//
// Every error is JSON, {"error": {"code": ..., "message": ...}}, with code
// one of invalid (400), unauthorized (401), not_found (404),
// method_not_allowed (405), too_large (413), timeout (503) and internal
// (500). Article text is untrusted: the UI builds its DOM with textContent
// only, and every response carries a strict Content-Security-Policy.
//
// The UI's world map is drawn from Natural Earth's 1:110m country outlines
// (public domain) as packaged by the npm package world-atlas 2.0.2 (ISC),
// converted by internal/basemapgen (go generate) into ui/world.json.
package server

//go:generate go run ./internal/basemapgen -o ui/world.json
