package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/corpus"
	"sitrep/pipeline"
	"sitrep/server/demo"
	"sitrep/sqlitestore"
	"sitrep/text"
)

// refArticle is the project's reference article, when the shared folder
// is around.
const refArticle = "../../shared/articles/iraq-2021-07-27.txt"

// hostile is an article whose text tries to inject markup into the UI.
const hostile = `BAGHDAD - Protesters gathered in Baghdad on Monday. <script>alert(1)</script> A sign read "><img src=x onerror=alert(1)> near the Green Zone, police said.`

// newStore opens an empty SQLite store in a temporary directory.
func newStore(t testing.TB) sitrep.Store {
	t.Helper()
	st, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// fixture is a server over a store holding the demo articles and the
// hostile one.
type fixture struct {
	t     *testing.T
	store sitrep.Store
	h     http.Handler
	ids   map[string]string // demo origin or "hostile" → document id
}

func newFixture(t *testing.T, opts Options) *fixture {
	t.Helper()
	st := newStore(t)
	p := pipeline.Default()
	proc := &corpus.Processor{Pipeline: p, Store: st}
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	arts = append(arts, sitrep.Article{Title: "Hostile <b>title</b>", Published: "2024-05-06", Text: hostile, Origin: "hostile"})
	f := &fixture{t: t, store: st, ids: map[string]string{}}
	for _, a := range arts {
		out, res, err := proc.Process(context.Background(), a)
		if err != nil || out != corpus.Stored {
			t.Fatalf("storing %s: %v %v", a.Origin, out, err)
		}
		f.ids[a.Origin] = res.ID
	}
	f.h = New(st, p, opts)
	return f
}

type response struct {
	code int
	h    http.Header
	body []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response %d is not JSON: %v\n%s", r.code, err, r.body)
	}
}

// errCode returns the code of a JSON error response.
func (r response) errCode(t *testing.T) string {
	t.Helper()
	var e struct {
		Error *Error `json:"error"`
	}
	r.json(t, &e)
	if e.Error == nil || e.Error.Message == "" {
		t.Fatalf("not an API error: %s", r.body)
	}
	if ct := r.h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q", ct)
	}
	return e.Error.Code
}

// do serves one request; header holds name, value pairs, and a "Host"
// pair sets the Host asked for.
func do(h http.Handler, method, target string, body io.Reader, header ...string) response {
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return response{w.Code, w.Header(), w.Body.Bytes()}
}

func (f *fixture) get(target string) response { return do(f.h, "GET", target, nil) }

// wantError checks a response is the JSON error code with status and,
// when mention is not empty, that the message names it.
func wantError(t *testing.T, r response, status int, code, mention string) {
	t.Helper()
	if r.code != status {
		t.Errorf("status %d, want %d: %s", r.code, status, r.body)
		return
	}
	if got := r.errCode(t); got != code {
		t.Errorf("code %q, want %q", got, code)
	}
	if mention != "" && !bytes.Contains(r.body, []byte(mention)) {
		t.Errorf("message does not name %q: %s", mention, r.body)
	}
}

func TestHealth(t *testing.T) {
	h := New(newStore(t), nil, Options{})
	r := do(h, "GET", "/healthz", nil)
	if r.code != 200 || !bytes.Contains(r.body, []byte(`"ok"`)) {
		t.Fatalf("%d %s", r.code, r.body)
	}
	r = do(h, "HEAD", "/healthz", nil)
	if r.code != 200 {
		t.Errorf("HEAD /healthz: %d", r.code)
	}
}

// TestOpenAPIRoutes checks that the OpenAPI document describes exactly
// the API's routes.
func TestOpenAPIRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	have := map[string]bool{}
	for _, rt := range routes {
		key := strings.ToLower(rt.method) + " " + rt.pattern
		have[key] = true
		if _, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json", rt.method, rt.pattern)
		}
	}
	for path, ops := range doc.Paths {
		for m := range ops {
			if m == "parameters" || m == "summary" || m == "description" {
				continue
			}
			if !have[m+" "+path] {
				t.Errorf("openapi.json has %s %s, which the server does not serve", m, path)
			}
		}
	}
	// Every $ref resolves.
	var all map[string]any
	json.Unmarshal(openapiJSON, &all)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "$ref" {
					var cur any = all
					for _, part := range strings.Split(strings.TrimPrefix(s, "#/"), "/") {
						m, _ := cur.(map[string]any)
						cur = m[part]
					}
					if cur == nil {
						t.Errorf("unresolved $ref %s", s)
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(all)
	r := do(New(newStore(t), nil, Options{}), "GET", "/v1/openapi.json", nil)
	if r.code != 200 || !bytes.Equal(r.body, openapiJSON) {
		t.Errorf("GET /v1/openapi.json: %d", r.code)
	}
}

func TestExtract(t *testing.T) {
	// With a token, text/plain bodies are taken from who carries it.
	const token = "extract-token"
	auth := "Bearer " + token
	h := New(newStore(t), nil, Options{MaxBody: 64 << 10, Token: token})
	text := "BAGHDAD - A car bomb exploded in Baghdad on Monday, killing five people, police said."
	r := do(h, "POST", "/v1/extract?published=2021-07-27", strings.NewReader(text), "Content-Type", "text/plain; charset=utf-8", "Authorization", auth)
	if r.code != 200 {
		t.Fatalf("%d %s", r.code, r.body)
	}
	var doc sitrep.Document
	r.json(t, &doc)
	if doc.Text != text || doc.Published != "2021-07-27" || len(doc.Entities) == 0 {
		t.Errorf("document: %+v", doc)
	}
	// JSON body, metadata carried over.
	body, _ := json.Marshal(map[string]string{"id": "x1", "title": "T", "published": "2021-07-27", "text": text})
	r = do(h, "POST", "/v1/extract", bytes.NewReader(body), "Content-Type", "application/json")
	r.json(t, &doc)
	if r.code != 200 || doc.ID != "x1" || doc.Title != "T" {
		t.Errorf("JSON extract: %d %s", r.code, r.body)
	}
	// Not stored.
	if r := do(h, "GET", "/v1/articles/x1", nil); r.code != 404 {
		t.Errorf("extract stored the document: %d", r.code)
	}

	for _, c := range []struct {
		name, target, ct, body string
		status                 int
		code, mention          string
	}{
		{"bad JSON", "/v1/extract", "application/json", `{"text": "x"`, 400, CodeInvalid, "bad JSON"},
		{"unknown field", "/v1/extract", "application/json", `{"txt": "x"}`, 400, CodeInvalid, "txt"},
		{"trailing data", "/v1/extract", "application/json", `{"text": "x"} {}`, 400, CodeInvalid, "after"},
		{"no text", "/v1/extract", "application/json", `{"title": "x"}`, 400, CodeInvalid, "no text"},
		{"empty text", "/v1/extract", "text/plain", "  \n", 400, CodeInvalid, "empty"},
		{"binary", "/v1/extract", "text/plain", "PK\x03\x04\x00bin", 400, CodeInvalid, "binary"},
		{"bad date", "/v1/extract", "application/json", `{"text": "x", "published": "27/07/2021"}`, 400, CodeInvalid, "published"},
		{"bad date param", "/v1/extract?published=yesterday", "text/plain", "x", 400, CodeInvalid, "published"},
		{"unknown param", "/v1/extract?date=2021-07-27", "text/plain", "x", 400, CodeInvalid, "date"},
		{"bad content type", "/v1/extract", "application/xml", "<a/>", 400, CodeInvalid, "Content-Type"},
		{"no content type", "/v1/extract", "", "x", 200, "", ""},
		{"array", "/v1/extract", "application/json", `[{"text": "x"}]`, 400, CodeInvalid, "bad JSON"},
		{"not UTF-8", "/v1/extract", "text/plain", "caf\xe9", 400, CodeInvalid, "UTF-8"},
		{"too large", "/v1/extract", "text/plain", strings.Repeat("word ", 20000), 413, CodeTooLarge, "bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := do(h, "POST", c.target, strings.NewReader(c.body), "Content-Type", c.ct, "Authorization", auth)
			if c.status == 200 {
				if r.code != 200 {
					t.Errorf("%d %s", r.code, r.body)
				}
				return
			}
			wantError(t, r, c.status, c.code, c.mention)
		})
	}
	// Without the token, only JSON: a web page can send the others
	// from anywhere without asking.
	for _, ct := range []string{"text/plain", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"} {
		r := do(h, "POST", "/v1/extract", strings.NewReader(`{"text": "x"}`), "Content-Type", ct)
		wantError(t, r, 415, CodeUnsupportedMediaType, "application/json")
	}
	r = do(h, "POST", "/v1/extract", bytes.NewReader(body), "Content-Type", "application/json; charset=utf-8")
	if r.code != 200 {
		t.Errorf("JSON without the token: %d %s", r.code, r.body)
	}
	r = do(h, "GET", "/v1/extract", nil)
	wantError(t, r, 405, CodeMethodNotAllowed, "POST")
	if r.h.Get("Allow") != "POST" {
		t.Errorf("Allow %q", r.h.Get("Allow"))
	}
}

func TestPutArticles(t *testing.T) {
	const token = "s3cret-token"
	h := New(newStore(t), nil, Options{Token: token})
	art := `{"title": "Flood", "published": "2020-08-03", "url": "https://example.org/a", "text": "DHAKA - Police arrested 40 protesters in northern Bangladesh on Sunday, officials said."}`
	// Missing, malformed and wrong tokens.
	for _, auth := range []string{"", "Basic " + token, "Bearer wrong", "Bearer " + token + "x", "Bearer"} {
		r := do(h, "POST", "/v1/articles", strings.NewReader(art), "Content-Type", "application/json", "Authorization", auth)
		wantError(t, r, 401, CodeUnauthorized, "")
		if r.h.Get("WWW-Authenticate") == "" {
			t.Errorf("401 without WWW-Authenticate")
		}
	}
	auth := "Bearer " + token
	r := do(h, "POST", "/v1/articles", strings.NewReader(art), "Content-Type", "application/json", "Authorization", auth)
	if r.code != 201 {
		t.Fatalf("%d %s", r.code, r.body)
	}
	var res putResult
	r.json(t, &res)
	if res.ID == "" || !res.Added || res.Story == "" || res.Events == 0 {
		t.Errorf("result %+v", res)
	}
	// Again: not added, same id.
	r = do(h, "POST", "/v1/articles", strings.NewReader(art), "Content-Type", "application/json", "Authorization", auth)
	var again putResult
	r.json(t, &again)
	if r.code != 200 || again.Added || again.ID != res.ID {
		t.Errorf("second put: %d %+v (first %+v)", r.code, again, res)
	}
	// The stored document.
	r = do(h, "GET", "/v1/articles/"+res.ID, nil)
	var doc sitrep.Document
	r.json(t, &doc)
	if r.code != 200 || doc.Title != "Flood" || doc.URL != "https://example.org/a" {
		t.Errorf("get: %d %s", r.code, r.body)
	}
	// A batch, with text/plain for one more.
	batch := `[{"text": "KABUL - A bomb struck a mosque in Kunduz on Friday, killing 33 people."}, ` + art + `]`
	r = do(h, "POST", "/v1/articles", strings.NewReader(batch), "Content-Type", "application/json", "Authorization", auth)
	var many []putResult
	r.json(t, &many)
	if r.code != 201 || len(many) != 2 || !many[0].Added || many[1].Added || many[1].ID != res.ID {
		t.Errorf("batch: %d %s", r.code, r.body)
	}
	r = do(h, "POST", "/v1/articles?published=2023-03-14", strings.NewReader("NAIROBI - Thousands of protesters marched through Nairobi on Tuesday."), "Authorization", auth)
	r.json(t, &res)
	if r.code != 201 || !res.Added {
		t.Errorf("text/plain put: %d %s", r.code, r.body)
	}
	// Bad batches store nothing.
	for _, c := range []struct{ body, mention string }{
		{`[]`, "empty"},
		{`[{"text": "ok text here"}, {"text": ""}]`, "article 1"},
		{`[{"text": "ok", "published": "2021-13-01"}]`, "published"},
		{`{"text": "x", "id": "a/b"}`, "id"},
	} {
		r = do(h, "POST", "/v1/articles", strings.NewReader(c.body), "Content-Type", "application/json", "Authorization", auth)
		wantError(t, r, 400, CodeInvalid, c.mention)
	}
	r = do(h, "DELETE", "/v1/articles", nil, "Authorization", auth)
	wantError(t, r, 405, CodeMethodNotAllowed, "")
	r = do(h, "PUT", "/v1/articles/"+res.ID, nil, "Authorization", auth)
	wantError(t, r, 405, CodeMethodNotAllowed, "")
	if r.h.Get("Allow") != "GET, HEAD" {
		t.Errorf("Allow %q", r.h.Get("Allow"))
	}
	// Without a token configured, writes are open, in JSON.
	open := New(newStore(t), nil, Options{})
	if r := do(open, "POST", "/v1/articles", strings.NewReader(art), "Content-Type", "application/json"); r.code != 201 {
		t.Errorf("open server: %d %s", r.code, r.body)
	}
	r = do(open, "POST", "/v1/articles", strings.NewReader("NAIROBI - Thousands marched through Nairobi on Tuesday."), "Content-Type", "text/plain")
	wantError(t, r, 415, CodeUnsupportedMediaType, "")
}

func TestGetArticle(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.ids["examples/earthquake.txt"]
	r := f.get("/v1/articles/" + id)
	var doc sitrep.Document
	r.json(t, &doc)
	if r.code != 200 || doc.ID != id || !strings.Contains(doc.Text, "earthquake") || doc.Published != "2020-01-25" {
		t.Errorf("%d %.200s", r.code, r.body)
	}
	wantError(t, f.get("/v1/articles/0000000000000000"), 404, CodeNotFound, "0000000000000000")
	wantError(t, f.get("/v1/articles/"+id+"?pretty=1"), 400, CodeInvalid, "pretty")
	wantError(t, f.get("/v1/nothing"), 404, CodeNotFound, "/v1/nothing")
	wantError(t, f.get("/v1/articles/"), 404, CodeNotFound, "")
}

func TestEvents(t *testing.T) {
	f := newFixture(t, Options{})
	var page eventPage
	r := f.get("/v1/events")
	r.json(t, &page)
	if r.code != 200 || len(page.Events) == 0 || page.Limit != 100 {
		t.Fatalf("%d %.300s", r.code, r.body)
	}
	// Newest first.
	for i := 1; i < len(page.Events); i++ {
		if page.Events[i-1].Date != "" && page.Events[i].Date > page.Events[i-1].Date {
			t.Errorf("not newest first: %s before %s", page.Events[i-1].Date, page.Events[i].Date)
		}
	}
	// Filters reach the store.
	doc := f.ids["examples/mosque-bombing.txt"]
	r = f.get("/v1/events?doc=" + doc)
	r.json(t, &page)
	if len(page.Events) == 0 {
		t.Fatalf("no events of the mosque bombing")
	}
	for _, e := range page.Events {
		if e.Doc != doc {
			t.Errorf("doc filter: event of %s", e.Doc)
		}
	}
	r = f.get("/v1/events?from=2021-10-01&to=2021-10-31&limit=2")
	r.json(t, &page)
	if r.code != 200 || len(page.Events) == 0 || len(page.Events) > 2 {
		t.Errorf("date filter: %d %.300s", r.code, r.body)
	}
	for _, e := range page.Events {
		if e.Date < "2021-10-01" || e.Date[:min(10, len(e.Date))] > "2021-10-31" {
			t.Errorf("date filter: %s", e.Date)
		}
	}
	if len(page.Events) == 2 && (page.Next == nil || *page.Next != 2) {
		t.Errorf("full page without next: %+v", page.Next)
	}
	r = f.get("/v1/events?root=19&actor=nobody-at-all")
	r.json(t, &page)
	if r.code != 200 || len(page.Events) != 0 || !bytes.Contains(r.body, []byte(`"events":[]`)) {
		t.Errorf("empty result: %d %s", r.code, r.body)
	}

	for _, c := range []struct{ q, mention string }{
		{"from=2021-13-01", "from"},
		{"to=27.07.2021", "to"},
		{"from=2021-08-01&to=2021-07-01", "from"},
		{"root=21", "root"},
		{"root=x", "root"},
		{"cameo=19a", "cameo"},
		{"modality=maybe", "modality"},
		{"limit=0", "limit"},
		{"limit=abc", "limit"},
		{"limit=100000", "limit"},
		{"offset=-1", "offset"},
		{"format=xml", "format"},
		{"actor=a&actor=b", "actor"},
		{"colour=red", "colour"},
	} {
		wantError(t, f.get("/v1/events?"+c.q), 400, CodeInvalid, c.mention)
	}
	wantError(t, do(f.h, "POST", "/v1/events", nil), 405, CodeMethodNotAllowed, "")
}

func TestEventExports(t *testing.T) {
	f := newFixture(t, Options{})
	var page eventPage
	f.get("/v1/events?limit=1000").json(t, &page)
	for _, c := range []struct {
		format, contentType string
		comma               rune
		header              bool // a first row of column names
	}{
		{"csv", "text/csv", ',', true},
		{"acled", "text/csv", ',', true},
		{"gdelt", "text/tab-separated-values", '\t', false},
		{"gdelt-mentions", "text/tab-separated-values", '\t', false},
	} {
		r := f.get("/v1/events?format=" + c.format + "&limit=5000")
		if r.code != 200 || !strings.HasPrefix(r.h.Get("Content-Type"), c.contentType) {
			t.Fatalf("%s: %d %s", c.format, r.code, r.h.Get("Content-Type"))
		}
		if !strings.Contains(r.h.Get("Content-Disposition"), "events-"+c.format) {
			t.Errorf("%s: Content-Disposition %q", c.format, r.h.Get("Content-Disposition"))
		}
		cr := csv.NewReader(bytes.NewReader(r.body))
		cr.Comma, cr.LazyQuotes = c.comma, true
		rows, err := cr.ReadAll()
		if err != nil || len(rows) == 0 {
			t.Fatalf("%s: %v", c.format, err)
		}
		if c.header {
			rows = rows[1:]
		}
		if c.format == "csv" || c.format == "gdelt" {
			if len(rows) != len(page.Events) {
				t.Errorf("%s: %d rows, want %d", c.format, len(rows), len(page.Events))
			}
		}
		if c.format == "gdelt" && len(rows[0]) != 61 {
			t.Errorf("gdelt: %d columns, want GDELT 2.0's 61", len(rows[0]))
		}
	}
	r := f.get("/v1/events?format=jsonl&limit=5000")
	if r.code != 200 || r.h.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("jsonl: %d %q", r.code, r.h.Get("Content-Type"))
	}
	if n := bytes.Count(r.body, []byte("\n")); n != len(page.Events) {
		t.Errorf("jsonl: %d lines, want %d", n, len(page.Events))
	}
	// An export past the JSON limit is fine; JSON is not.
	wantError(t, f.get("/v1/events?limit=5000"), 400, CodeInvalid, "limit")
}

func TestEntityEvents(t *testing.T) {
	f := newFixture(t, Options{})
	var all eventPage
	f.get("/v1/events?limit=1000").json(t, &all)
	// Pick an actor code present in the store.
	code := ""
	for _, e := range all.Events {
		if e.SourceCode != "" {
			code = e.SourceCode
			break
		}
	}
	if code == "" {
		t.Skip("no coded actor in the demo events")
	}
	var page eventPage
	r := f.get("/v1/entities/" + code + "/events")
	r.json(t, &page)
	if r.code != 200 || page.Entity != code || len(page.Events) == 0 {
		t.Fatalf("%d %.300s", r.code, r.body)
	}
	for _, e := range page.Events {
		if !strings.HasPrefix(e.SourceCode, code) && !strings.HasPrefix(e.TargetCode, code) &&
			!strings.EqualFold(e.Source, code) && !strings.EqualFold(e.Target, code) {
			t.Errorf("event %s (%s → %s) is not %s's", e.ID, e.SourceCode, e.TargetCode, code)
		}
	}
	// Names with spaces, escaped.
	r = f.get("/v1/entities/Nobody%20Known/events")
	r.json(t, &page)
	if r.code != 200 || page.Entity != "Nobody Known" || len(page.Events) != 0 {
		t.Errorf("%d %s", r.code, r.body)
	}
	wantError(t, f.get("/v1/entities/"+code+"/events?actor=IRQ"), 400, CodeInvalid, "actor")
	wantError(t, f.get("/v1/entities/"+code+"/events?from=soon"), 400, CodeInvalid, "from")
	r = f.get("/v1/entities/" + code + "/events?format=csv")
	if r.code != 200 || !strings.HasPrefix(r.h.Get("Content-Type"), "text/csv") {
		t.Errorf("csv: %d", r.code)
	}
}

func TestSearch(t *testing.T) {
	f := newFixture(t, Options{})
	var page searchPage
	r := f.get("/v1/search?q=earthquake")
	r.json(t, &page)
	if r.code != 200 || len(page.Hits) == 0 || page.Hits[0].ID != f.ids["examples/earthquake.txt"] {
		t.Fatalf("%d %s", r.code, r.body)
	}
	r = f.get(`/v1/search?q=%22unbalanced+AND+OR+(`)
	r.json(t, &page)
	if r.code != 200 {
		t.Errorf("odd query: %d %s", r.code, r.body)
	}
	if r := f.get("/v1/search?q=zzzzqqq"); r.code != 200 || !bytes.Contains(r.body, []byte(`"hits":[]`)) {
		t.Errorf("no hits: %d %s", r.code, r.body)
	}
	wantError(t, f.get("/v1/search"), 400, CodeInvalid, "q")
	wantError(t, f.get("/v1/search?q=+"), 400, CodeInvalid, "q")
	wantError(t, f.get("/v1/search?q=x&limit=-3"), 400, CodeInvalid, "limit")
	wantError(t, f.get("/v1/search?q=x&offset=z"), 400, CodeInvalid, "offset")
	wantError(t, f.get("/v1/search?q="+strings.Repeat("a", 501)), 400, CodeInvalid, "q")
	wantError(t, f.get("/v1/search?query=x"), 400, CodeInvalid, "query")
}

func TestStats(t *testing.T) {
	f := newFixture(t, Options{})
	var st sitrep.StoreStats
	r := f.get("/v1/stats")
	r.json(t, &st)
	if r.code != 200 || st.Documents != len(f.ids) || st.Events == 0 {
		t.Errorf("%d %s (want %d documents)", r.code, r.body, len(f.ids))
	}
	wantError(t, f.get("/v1/stats?x=1"), 400, CodeInvalid, "x")
}

func TestUI(t *testing.T) {
	h := New(newStore(t), nil, Options{})
	for _, c := range []struct{ path, ct, has string }{
		{"/", "text/html", `<script type="module" src="/ui/main.js">`},
		{"/ui/main.js", "text/javascript", "import"},
		{"/ui/views/events.js", "text/javascript", "export"},
		{"/ui/app.css", "text/css", "mark.ent"},
		{"/ui/world.json", "application/json", `"Iraq"`},
		{"/ui/favicon.svg", "image/svg+xml", "<svg"},
	} {
		r := do(h, "GET", c.path, nil)
		if r.code != 200 || !strings.HasPrefix(r.h.Get("Content-Type"), c.ct) || !bytes.Contains(r.body, []byte(c.has)) {
			t.Errorf("%s: %d %q", c.path, r.code, r.h.Get("Content-Type"))
		}
		// Revalidation by ETag.
		if et := r.h.Get("ETag"); et == "" {
			t.Errorf("%s: no ETag", c.path)
		} else if r2 := do(h, "GET", c.path, nil, "If-None-Match", et); r2.code != 304 {
			t.Errorf("%s: If-None-Match: %d", c.path, r2.code)
		}
	}
	wantError(t, do(h, "GET", "/ui/", nil), 404, CodeNotFound, "")
	wantError(t, do(h, "GET", "/ui/nope.js", nil), 404, CodeNotFound, "nope.js")
	if _, err := ui.ReadFile("ui/main.js"); err != nil {
		t.Errorf("no entry module: %v", err)
	}
	// Every module is served as JavaScript (a module script with another
	// type does not run), never writes markup from data, and imports only
	// modules that are there, by relative path (no build step resolves
	// anything else).
	imports := regexp.MustCompile(`(?m)^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]*)"|\bimport\s*\(`)
	fs.WalkDir(ui, "ui", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".js" {
			return err
		}
		js, _ := ui.ReadFile(p)
		if r := do(h, "GET", "/"+p, nil); r.code != 200 || !strings.HasPrefix(r.h.Get("Content-Type"), "text/javascript") {
			t.Errorf("%s: %d %q", p, r.code, r.h.Get("Content-Type"))
		}
		for _, bad := range []string{".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
			if bytes.Contains(js, []byte(bad)) {
				t.Errorf("%s uses %s", p, bad)
			}
		}
		for _, m := range imports.FindAllSubmatch(js, -1) {
			spec := string(m[1])
			if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
				t.Errorf("%s: import %q is not a relative path to a module", p, m[0])
				continue
			}
			if _, err := ui.ReadFile(path.Join(path.Dir(p), spec)); err != nil {
				t.Errorf("%s: import %q: %v", p, spec, err)
			}
		}
		return nil
	})
	html, _ := ui.ReadFile("ui/index.html")
	if bytes.Contains(html, []byte("<script>")) || bytes.Contains(html, []byte("style=")) || bytes.Contains(html, []byte("http://")) {
		t.Errorf("index.html has inline script or style, or loads from elsewhere")
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := New(newStore(t), nil, Options{})
	for _, p := range []string{"/", "/v1/stats", "/v1/nothing", "/ui/main.js", "/ui/views/article.js"} {
		r := do(h, "GET", p, nil)
		csp := r.h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if r.h.Get("X-Content-Type-Options") != "nosniff" || r.h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", p, r.h)
		}
	}
}

// TestEscaping checks that markup in an article comes back as data: the
// JSON holds it verbatim, and nothing serves it as HTML.
func TestEscaping(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.ids["hostile"]
	r := f.get("/v1/articles/" + id)
	var doc sitrep.Document
	r.json(t, &doc)
	if doc.Text != hostile || doc.Title != "Hostile <b>title</b>" {
		t.Errorf("text changed: %q", doc.Text)
	}
	if !strings.HasPrefix(r.h.Get("Content-Type"), "application/json") || r.h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers %v", r.h)
	}
	r = f.get("/v1/search?q=onerror")
	if r.code != 200 || !strings.HasPrefix(r.h.Get("Content-Type"), "application/json") {
		t.Errorf("search: %d", r.code)
	}
	// An id with markup is reported in a JSON error, not echoed as HTML.
	r = f.get("/v1/articles/%3Cscript%3E")
	wantError(t, r, 404, CodeNotFound, "")
}

// TestTimeout checks that a request past its deadline gets a timeout
// error.
func TestTimeout(t *testing.T) {
	h := New(newStore(t), slowPipeline(), Options{Timeout: 50 * time.Millisecond})
	r := do(h, "POST", "/v1/extract", strings.NewReader(`{"text": "BAGHDAD - Something happened on Monday."}`), "Content-Type", "application/json")
	wantError(t, r, 503, CodeTimeout, "")
}

func slowPipeline() *pipeline.Pipeline { return pipeline.New(slowStage{}) }

// slowStage waits until its context is done.
type slowStage struct{}

func (slowStage) Name() string { return "slow" }
func (slowStage) Run(ctx context.Context, _ *text.Analysis) error {
	<-ctx.Done()
	return ctx.Err()
}

// failStore fails every call, as a broken database would.
type failStore struct{ sitrep.Store }

var errBroken = errors.New("disk on fire: /secret/path")

func (failStore) Events(context.Context, sitrep.EventFilter) ([]sitrep.EventRecord, error) {
	return nil, errBroken
}
func (failStore) Stats(context.Context) (sitrep.StoreStats, error) {
	return sitrep.StoreStats{}, errBroken
}
func (failStore) Get(context.Context, string) (*sitrep.Document, error) {
	return nil, errBroken
}
func (failStore) Search(context.Context, sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	return nil, errBroken
}
func (failStore) Has(context.Context, string) (bool, error) { return false, errBroken }

// TestInternal checks that store failures are internal errors that do not
// leak their details.
func TestInternal(t *testing.T) {
	h := New(failStore{}, nil, Options{})
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/v1/events", ""}, {"GET", "/v1/stats", ""}, {"GET", "/v1/articles/abc", ""},
		{"GET", "/v1/search?q=x", ""}, {"GET", "/v1/entities/IRQ/events", ""},
		{"POST", "/v1/articles", `{"text": "some text"}`},
	} {
		r := do(h, c.method, c.path, strings.NewReader(c.body), "Content-Type", "application/json")
		wantError(t, r, 500, CodeInternal, "")
		if bytes.Contains(r.body, []byte("secret")) {
			t.Errorf("%s leaks the error: %s", c.path, r.body)
		}
	}
}

func TestStatusMapping(t *testing.T) {
	codes := []string{CodeInvalid, CodeUnauthorized, CodeNotFound, CodeMethodNotAllowed, CodeTooLarge, CodeTimeout, CodeInternal,
		CodeForbidden, CodeUnsupportedMediaType, CodeBusy}
	want := []int{400, 401, 404, 405, 413, 503, 500, 403, 415, 429}
	for i, c := range codes {
		if got := status(c); got != want[i] {
			t.Errorf("status(%s) = %d, want %d", c, got, want[i])
		}
	}
	// The OpenAPI document lists the same codes.
	for _, c := range codes {
		if !bytes.Contains(openapiJSON, []byte(`"`+c+`"`)) {
			t.Errorf("openapi.json does not list error code %s", c)
		}
	}
	if !slices.Contains(codes, asAPIError(context.DeadlineExceeded).Code) {
		t.Error("deadline not mapped")
	}
}

// ExampleNew serves the API and UI over a store.
func ExampleNew() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	st, err := sqlitestore.Open(context.Background(), filepath.Join(dir, "sitrep.db"))
	if err != nil {
		panic(err)
	}
	defer st.Close()
	h := New(st, pipeline.Default(), Options{Token: "change-me", Timeout: 30 * time.Second})
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/v1/stats")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	os.Stdout.Write(body)
	// Output: {"documents":0,"stories":0,"events":0,"happenings":0}
}

// TestBasemap checks the committed map data: every country a closed SVG
// path inside the 3600 by 1800 plane (drawn copies of rings that cross
// the antimeridian aside), no jump across the map.
func TestBasemap(t *testing.T) {
	b, err := ui.ReadFile("ui/world.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Width, Height int
		Countries     []struct{ ID, Name, D string }
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Width != 3600 || m.Height != 1800 || len(m.Countries) < 170 {
		t.Fatalf("%dx%d, %d countries", m.Width, m.Height, len(m.Countries))
	}
	names := map[string]bool{}
	for _, c := range m.Countries {
		names[c.Name] = true
		if !strings.HasPrefix(c.D, "M") || !strings.HasSuffix(c.D, "z") {
			t.Errorf("%s: path %.40s", c.Name, c.D)
		}
	}
	for _, n := range []string{"Iraq", "Kenya", "Bangladesh", "Russia", "Fiji", "Antarctica"} {
		if !names[n] {
			t.Errorf("no %s", n)
		}
	}
	if len(b) > 200<<10 {
		t.Errorf("world.json is %d bytes", len(b))
	}
}
