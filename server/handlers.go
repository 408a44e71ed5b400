package server

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/corpus"
	"sitrep/event"
	"sitrep/export"
	"sitrep/ingest"
	"sitrep/pipeline"
)

//go:embed openapi.json
var openapiJSON []byte

// writeJSON writes v as JSON with status code.
func writeJSON(w http.ResponseWriter, code int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_, err := w.Write(buf.Bytes())
	return err
}

func (s *server) health(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(openapiJSON)
	return err
}

// articleJSON is an article as clients send it.
type articleJSON struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// readArticles reads the request body: text/plain (one article, its date
// in ?published=) or JSON (one article object or, when many is true, an
// array of at most Limits.BatchArticles of them). batch reports whether an
// array came. An article over Limits.ArticleBytes is refused.
func (s *server) readArticles(r *http.Request, many bool) (arts []sitrep.Article, batch bool, err error) {
	q := r.URL.Query()
	for k := range q {
		if k != "published" {
			return nil, false, errorf(CodeInvalid, "unknown query parameter %q", k)
		}
	}
	ct := r.Header.Get("Content-Type")
	mt := "text/plain"
	if ct != "" {
		var perr error
		if mt, _, perr = mime.ParseMediaType(ct); perr != nil {
			return nil, false, errorf(CodeInvalid, "Content-Type %q: %v", ct, perr)
		}
	}
	body, err := readBody(r, s.opts.MaxBody)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, false, err
		}
		return nil, false, errorf(CodeInvalid, "reading the request body: %v", err)
	}
	switch mt {
	case "text/plain":
		if q.Has("published") {
			if err := checkPublished(q.Get("published")); err != nil {
				return nil, false, errorf(CodeInvalid, "query parameter published: %v", err)
			}
		}
		txt, err := ingest.PlainText("request body", body)
		if err != nil {
			return nil, false, errorf(CodeInvalid, "%v", err)
		}
		a := sitrep.Article{Text: txt, Published: q.Get("published"), Origin: "request body"}
		if err := s.checkArticle(a, ""); err != nil {
			return nil, false, err
		}
		return []sitrep.Article{a}, false, nil
	case "application/json":
	default:
		return nil, false, errorf(CodeInvalid, "Content-Type %q: want text/plain or application/json", mt)
	}
	if q.Has("published") {
		return nil, false, errorf(CodeInvalid, "query parameter published: only with text/plain; put it in the JSON")
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	var in []articleJSON
	if many && len(trimmed) > 0 && trimmed[0] == '[' {
		batch = true
		if err := decodeStrict(body, &in); err != nil {
			return nil, true, err
		}
		if len(in) == 0 {
			return nil, true, errorf(CodeInvalid, "empty array: no article")
		}
		if max := s.opts.Limits.BatchArticles; len(in) > max {
			return nil, true, &sitrep.LimitError{Input: "request body", Limit: "articles in one batch", Max: int64(max), Got: int64(len(in))}
		}
	} else {
		var one articleJSON
		if err := decodeStrict(body, &one); err != nil {
			return nil, false, err
		}
		in = []articleJSON{one}
	}
	for i, j := range in {
		a := sitrep.Article{ID: j.ID, URL: j.URL, Title: j.Title, Outlet: j.Outlet, Byline: j.Byline,
			Published: j.Published, Text: j.Text, Origin: fmt.Sprintf("article %d", i)}
		where := ""
		if batch {
			where = fmt.Sprintf("article %d: ", i)
		}
		if err := s.checkArticle(a, where); err != nil {
			return nil, batch, err
		}
		arts = append(arts, a)
	}
	return arts, batch, nil
}

// decodeStrict decodes one JSON value, refusing unknown fields and
// trailing data.
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errorf(CodeInvalid, "bad JSON: %v", err)
	}
	if dec.More() {
		return errorf(CodeInvalid, "bad JSON: data after the value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf(CodeInvalid, "bad JSON: data after the value")
	}
	return nil
}

// readBody reads the whole request body (capped at maxBody by
// MaxBytesReader), into a buffer of its Content-Length when told.
func readBody(r *http.Request, maxBody int64) ([]byte, error) {
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(min(r.ContentLength, maxBody+1)) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(r.Body)
	return buf.Bytes(), err
}

// checkArticle refuses an article without text, not UTF-8, over
// Limits.ArticleBytes, or with a bad date or id; where names it in a batch.
func (s *server) checkArticle(a sitrep.Article, where string) error {
	if strings.TrimSpace(a.Text) == "" {
		return errorf(CodeInvalid, "%sno text", where)
	}
	if err := s.opts.Limits.CheckArticle(strings.TrimSpace("request body "+strings.TrimSuffix(where, ": ")), a.Text); err != nil {
		return err
	}
	if !utf8.ValidString(a.Text) {
		return errorf(CodeInvalid, "%stext is not UTF-8", where)
	}
	if err := checkPublished(a.Published); err != nil {
		return errorf(CodeInvalid, "%spublished: %v", where, err)
	}
	if len(a.ID) > 200 || strings.ContainsFunc(a.ID, func(r rune) bool { return unicode.IsControl(r) || r == '/' }) {
		return errorf(CodeInvalid, "%sid: at most 200 characters, no slash or control characters", where)
	}
	return nil
}

// checkPublished accepts an empty date, YYYY-MM-DD or RFC 3339.
func checkPublished(v string) error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", v); err == nil {
		return nil
	}
	if _, err := time.Parse(time.RFC3339, v); err == nil {
		return nil
	}
	return fmt.Errorf("%q: want YYYY-MM-DD or an RFC 3339 date-time", v)
}

// heavyText is the article text from which a request's memory is
// collected before its admission is released: a megabyte of text takes
// tens of megabytes to extract.
const heavyText = 1 << 20

// startExtraction admits a request to the gate its body's size picks,
// weighed by its body, or refuses it (429); a body larger than MaxBody is
// refused (413) before it takes a place. Once admitted, the body must come
// within Options.BodyTimeout: a client that sends its headers and then its
// body slowly, or not at all, would otherwise hold the admission it took
// for as long as the server's read timeout. The admission is released when the work the request
// starts in d has ended (d.finish, deferred by the caller).
func (s *server) startExtraction(rw http.ResponseWriter, r *http.Request) (*detached, error) {
	if r.ContentLength > s.opts.MaxBody {
		return nil, errorf(CodeTooLarge, "request body of %d bytes is larger than %d bytes", r.ContentLength, s.opts.MaxBody)
	}
	w := s.requestWeight(r)
	g, what := s.heavy, "large extractions and searches"
	if w <= smallBody {
		g, what, w = s.small, "extractions", 0
	}
	release, ok := g.acquire(r.Context(), w)
	if !ok {
		return nil, refuse(r, errBusy(what, g))
	}
	// not every ResponseWriter can (httptest's cannot): then the server's
	// read timeout alone bounds the body
	_ = http.NewResponseController(rw).SetReadDeadline(time.Now().Add(s.opts.BodyTimeout))
	return &detached{release: release}, nil
}

// heavy reports whether articles hold heavyText or more.
func heavy(arts []sitrep.Article) bool {
	n := 0
	for _, a := range arts {
		n += len(a.Text)
	}
	return n >= heavyText
}

func (s *server) extract(w http.ResponseWriter, r *http.Request) error {
	d, err := s.startExtraction(w, r)
	if err != nil {
		return err
	}
	defer d.finish()
	arts, _, err := s.readArticles(r, false)
	if err != nil {
		return err
	}
	d.collect = heavy(arts)
	ctx := r.Context()
	doc, err := run(ctx, d, func() (*sitrep.Document, error) { return s.pipe.Extract(ctx, arts[0]) })
	var le *pipeline.LanguageError
	if err != nil && !errors.As(err, &le) { // another language: the document says so (language, errors)
		return fmt.Errorf("extract: %w", err)
	}
	return writeJSON(w, http.StatusOK, doc)
}

// What became of one article of POST /v1/articles (putResult.Status).
const (
	statusStored    = "stored"
	statusDuplicate = "duplicate"
	statusFailed    = "failed"  // extracting or storing it failed: not stored
	statusSkipped   = "skipped" // not tried: an earlier article failed
)

// putResult is what POST /v1/articles reports for each article.
type putResult struct {
	ID     string `json:"id"`
	Added  bool   `json:"added"`
	Story  string `json:"story,omitempty"`
	Events int    `json:"events"`
	Status string `json:"status"`
	Error  *Error `json:"error,omitempty"`
}

func (s *server) putArticles(w http.ResponseWriter, r *http.Request) error {
	d, err := s.startExtraction(w, r)
	if err != nil {
		return err
	}
	defer d.finish()
	arts, batch, err := s.readArticles(r, true)
	if err != nil {
		return err
	}
	d.collect = heavy(arts)
	out, err := s.putAll(r.Context(), d, arts)
	if err != nil && !batch {
		return err
	}
	if err != nil {
		return batchFailure(err, out)
	}
	code := http.StatusOK
	for _, pr := range out {
		if pr.Added {
			code = http.StatusCreated
		}
	}
	if batch {
		return writeJSON(w, code, out)
	}
	return writeJSON(w, code, out[0])
}

// putAll stores articles in order and reports each; it stops at the first
// failure (the deadline among them), reports the articles after it
// skipped, and returns that failure. A result says stored exactly when
// the store committed the article: only extraction is abandoned at the
// deadline, never a Put under way.
func (s *server) putAll(ctx context.Context, d *detached, arts []sitrep.Article) ([]putResult, error) {
	out := make([]putResult, len(arts))
	var failure error
	for i, a := range arts {
		if failure != nil {
			out[i] = putResult{ID: a.ID, Status: statusSkipped}
			continue
		}
		pr, err := s.putOne(ctx, d, a)
		if err != nil {
			failure = err
			pr = putResult{ID: a.ID, Status: statusFailed, Error: asAPIError(err)}
		}
		out[i] = pr
	}
	return out, failure
}

// putOne extracts and stores one article, unless its text is stored
// already.
func (s *server) putOne(ctx context.Context, d *detached, a sitrep.Article) (putResult, error) {
	hash := corpus.Hash(a)
	have, err := s.store.Has(ctx, hash)
	if err != nil {
		return putResult{}, fmt.Errorf("%s: %w", a.Origin, err)
	}
	if have {
		return s.duplicate(ctx, hash), nil
	}
	doc, err := run(ctx, d, func() (*sitrep.Document, error) { return s.pipe.Extract(ctx, a) })
	var le *pipeline.LanguageError
	if err != nil && !errors.As(err, &le) { // another language: stored with it, not extracted
		return putResult{}, fmt.Errorf("%s: extract: %w", a.Origin, err)
	}
	res, err := s.store.Put(ctx, doc)
	if err != nil {
		return putResult{}, fmt.Errorf("%s: store: %w", a.Origin, err)
	}
	if !res.Added {
		return putResult{ID: res.ID, Story: res.Story, Status: statusDuplicate}, nil
	}
	return putResult{ID: res.ID, Added: true, Story: res.Story, Events: res.Events, Status: statusStored}, nil
}

// duplicate reports an article whose text was stored before, by the stored
// document's id.
func (s *server) duplicate(ctx context.Context, hash string) putResult {
	pr := putResult{ID: hash, Status: statusDuplicate}
	if doc, err := s.store.Get(ctx, hash); err == nil {
		pr.ID = doc.ID
	}
	return pr
}

// batchFailure is the answer to a batch that failed part of the way: the
// failure's code, a message counting what was stored, and every article's
// result.
func batchFailure(err error, out []putResult) error {
	stored, dup := 0, 0
	for _, pr := range out {
		switch pr.Status {
		case statusStored:
			stored++
		case statusDuplicate:
			dup++
		}
	}
	ae := asAPIError(err)
	msg := fmt.Sprintf("%s: %d of %d articles stored and %d stored before; the others were not stored (see results)",
		ae.Message, stored, len(out), dup)
	return &batchError{err: &Error{Code: ae.Code, Message: msg}, results: out}
}

func (s *server) getArticle(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	doc, err := s.store.Get(r.Context(), id)
	if err != nil {
		if errors.Is(err, sitrep.ErrNotFound) {
			return errorf(CodeNotFound, "no article %q", id)
		}
		return err
	}
	return writeJSON(w, http.StatusOK, doc)
}

// onlyParams fails when the query has a parameter not in names.
func onlyParams(r *http.Request, names ...string) error {
	for k := range r.URL.Query() {
		if !slices.Contains(names, k) {
			if len(names) == 0 {
				return errorf(CodeInvalid, "unknown query parameter %q (this path takes none)", k)
			}
			return errorf(CodeInvalid, "unknown query parameter %q (known: %s)", k, strings.Join(names, ", "))
		}
	}
	return nil
}

// Limits on list sizes.
const (
	maxLimit       = 1000  // JSON pages
	maxExportLimit = 50000 // csv, gdelt, acled, jsonl exports
)

var eventParams = []string{"actor", "root", "cameo", "from", "to", "place", "modality", "doc", "limit", "offset", "format"}

// eventFilter reads an event filter from the query; format is json or one
// of export.RecordFormats.
func eventFilter(r *http.Request, params []string) (f sitrep.EventFilter, format string, err error) {
	if err := onlyParams(r, params...); err != nil {
		return f, "", err
	}
	q := r.URL.Query()
	for _, k := range params {
		if len(q[k]) > 1 {
			return f, "", errorf(CodeInvalid, "query parameter %s: given %d times", k, len(q[k]))
		}
	}
	f = sitrep.EventFilter{Actor: q.Get("actor"), Root: q.Get("root"), CAMEO: q.Get("cameo"), From: q.Get("from"),
		To: q.Get("to"), Place: q.Get("place"), Modality: q.Get("modality"), Doc: q.Get("doc")}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return f, "", errorf(CodeInvalid, "query parameter %s: %q: want YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, "", errorf(CodeInvalid, "query parameters from and to: from %s is after to %s", f.From, f.To)
	}
	if f.Modality != "" && !slices.Contains([]string{sitrep.Asserted, sitrep.Negated, sitrep.Future, sitrep.Possible}, f.Modality) {
		return f, "", errorf(CodeInvalid, "query parameter modality: %q: want asserted, negated, future or possible", f.Modality)
	}
	if f.Root != "" && (len(f.Root) != 2 || !digits(f.Root) || f.Root < "01" || f.Root > "20") {
		return f, "", errorf(CodeInvalid, "query parameter root: %q: want a CAMEO root 01 to 20", f.Root)
	}
	if f.CAMEO != "" && (!digits(f.CAMEO) || len(f.CAMEO) > 4) {
		return f, "", errorf(CodeInvalid, "query parameter cameo: %q: want a CAMEO code prefix (digits)", f.CAMEO)
	}
	format = q.Get("format")
	if format == "" {
		format = "json"
	}
	if format != "json" && !slices.Contains(export.RecordFormats, format) {
		return f, "", errorf(CodeInvalid, "query parameter format: %q: want json, %s", format, strings.Join(export.RecordFormats, ", "))
	}
	max := maxLimit
	if format != "json" {
		max = maxExportLimit
	}
	if f.Limit, err = intParam(q.Get("limit"), "limit", 100, 1, max); err != nil {
		return f, "", err
	}
	if f.Offset, err = intParam(q.Get("offset"), "offset", 0, 0, 1<<30); err != nil {
		return f, "", err
	}
	return f, format, nil
}

func intParam(v, name string, def, lo, hi int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, errorf(CodeInvalid, "query parameter %s: %q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// eventPage is the JSON answer of the event lists.
type eventPage struct {
	Entity string               `json:"entity,omitempty"`
	Events []sitrep.EventRecord `json:"events"`
	Limit  int                  `json:"limit"`
	Offset int                  `json:"offset"`
	// Next is the offset of the next page, when this one was full.
	Next *int `json:"next,omitempty"`
}

func (s *server) events(w http.ResponseWriter, r *http.Request) error {
	f, format, err := eventFilter(r, eventParams)
	if err != nil {
		return err
	}
	return s.writeEvents(w, r, f, format, "")
}

func (s *server) entityEvents(w http.ResponseWriter, r *http.Request) error {
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" {
		return errorf(CodeInvalid, "empty entity name")
	}
	params := slices.DeleteFunc(slices.Clone(eventParams), func(p string) bool { return p == "actor" })
	f, format, err := eventFilter(r, params)
	if err != nil {
		return err
	}
	f.Actor = name
	return s.writeEvents(w, r, f, format, name)
}

func (s *server) writeEvents(w http.ResponseWriter, r *http.Request, f sitrep.EventFilter, format, entity string) error {
	recs, err := s.store.Events(r.Context(), f)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	if recs == nil {
		recs = []sitrep.EventRecord{}
	}
	if format == "json" {
		page := eventPage{Entity: entity, Events: recs, Limit: f.Limit, Offset: f.Offset}
		if len(recs) == f.Limit {
			next := f.Offset + len(recs)
			page.Next = &next
		}
		return writeJSON(w, http.StatusOK, page)
	}
	var buf bytes.Buffer
	docs := func(id string) (*sitrep.Document, error) { return s.store.Get(r.Context(), id) }
	rw, err := export.NewRecordWriterOptions(format, &buf, export.Options{Docs: docs})
	if err != nil {
		return errorf(CodeInvalid, "query parameter format: %v", err)
	}
	for i := range recs {
		if err := rw.Write(&recs[i]); err != nil {
			return err
		}
	}
	if err := rw.Flush(); err != nil {
		return err
	}
	ct, ext := export.MediaType(format)
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="events-%s.%s"`, format, ext))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}

// searchPage is the JSON answer of /v1/search.
type searchPage struct {
	Query  string             `json:"query"`
	Hits   []sitrep.SearchHit `json:"hits"`
	Limit  int                `json:"limit"`
	Offset int                `json:"offset"`
}

func (s *server) search(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r, "q", "limit", "offset"); err != nil {
		return err
	}
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("q"))
	if query == "" {
		return errorf(CodeInvalid, "query parameter q: missing or empty")
	}
	if utf8.RuneCountInString(query) > 500 {
		return errorf(CodeInvalid, "query parameter q: longer than 500 characters")
	}
	limit, err := intParam(q.Get("limit"), "limit", 20, 1, maxLimit)
	if err != nil {
		return err
	}
	offset, err := intParam(q.Get("offset"), "offset", 0, 0, 1<<30)
	if err != nil {
		return err
	}
	hits, err := s.runSearch(r.Context(), sitrep.SearchQuery{Query: query, Limit: limit, Offset: offset})
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []sitrep.SearchHit{}
	}
	return writeJSON(w, http.StatusOK, searchPage{Query: query, Hits: hits, Limit: limit, Offset: offset})
}

// runSearch runs a full-text search through the heavy gate (429 when
// full; a search weighs no article bytes), within Options.SearchTimeout:
// the answer comes at the deadline, and the gate is released when the
// store has stopped.
func (s *server) runSearch(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	release, ok := s.heavy.acquire(ctx, 0)
	if !ok {
		return nil, errBusy("large extractions and searches", s.heavy)
	}
	d := &detached{release: release}
	defer d.finish()
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()
	hits, err := run(ctx, d, func() ([]sitrep.SearchHit, error) { return s.store.Search(ctx, q) })
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, errorf(CodeTimeout, "the search took longer than %v: use fewer, longer or rarer words", s.opts.SearchTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}

// cameo serves CAMEO's event codes from the event stage's table, so that
// clients (the web UI among them) keep no copy of their own.
func (s *server) cameo(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"codes": event.Codes()})
}

func (s *server) stats(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r); err != nil {
		return err
	}
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	return writeJSON(w, http.StatusOK, st)
}
