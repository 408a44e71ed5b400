package server

import (
	"context"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"sitrep"
	"sitrep/pipeline"
)

// Options configure the handler New returns. The zero value serves
// without a token, to any Host, with DefaultMaxBody, DefaultTimeout,
// DefaultSearchTimeout, sitrep.DefaultLimits and admission gates sized to
// the machine, and logs nothing. Whatever the options, writes from another
// origin are refused, and writes the token does not authenticate must be
// application/json.
type Options struct {
	// Token, when not empty, is the bearer token POST /v1/articles wants
	// in its Authorization header. A request that carries it may also
	// send text/plain bodies.
	Token string
	// AllowedHosts, when not empty, are the host names and addresses the
	// server answers to (ports aside): a request with another Host gets
	// 403, which keeps pages that rebind their domain name to the
	// server's address away. sitrep serve sets it from its listen address.
	AllowedHosts []string
	// MaxBody is the largest request body in bytes (0: DefaultMaxBody).
	MaxBody int64
	// Timeout bounds the work of one request (0: DefaultTimeout): the
	// answer comes at the deadline even if the work goes on a little.
	Timeout time.Duration
	// SearchTimeout bounds one full-text search (0: DefaultSearchTimeout;
	// never more than Timeout).
	SearchTimeout time.Duration
	// Limits bound articles and batches (zero fields: sitrep.DefaultLimits).
	Limits sitrep.Limits
	// Workers is the most heavy requests that run at once (0: one less
	// than the CPUs, at least one), so that a CPU is left for short
	// requests (stats, documents, events, the UI): searches, and
	// extractions (POST /v1/extract and /v1/articles) of bodies over 64
	// KiB. More wait a quarter of a second for room, then get 429.
	Workers int
	// ExtractBytes is the most request body bytes being extracted at once
	// by heavy requests (0: Limits.ArticleBytes), which bounds the memory
	// extraction takes: one request may always take it all.
	ExtractBytes int64
	// SmallWorkers is the most extractions of bodies of 64 KiB or less
	// that run at once (0: four per CPU), beside the heavy requests.
	SmallWorkers int
	// BodyTimeout bounds how long an admitted extraction may take to send
	// its body (0: DefaultBodyTimeout), so that a client that sends its
	// headers and then nothing cannot hold a place at the gates.
	BodyTimeout time.Duration
	// Logger logs each request at Info and failures at Error; nil logs
	// nothing.
	Logger *slog.Logger
}

// Defaults of Options.
const (
	DefaultMaxBody       = 4 << 20
	DefaultTimeout       = 30 * time.Second
	DefaultSearchTimeout = 5 * time.Second
	DefaultBodyTimeout   = 10 * time.Second
)

// withDefaults returns o with its zero fields set.
func (o Options) withDefaults() Options {
	if o.BodyTimeout <= 0 {
		o.BodyTimeout = DefaultBodyTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.SearchTimeout <= 0 {
		o.SearchTimeout = DefaultSearchTimeout
	}
	o.SearchTimeout = min(o.SearchTimeout, o.Timeout)
	o.Limits = o.Limits.OrDefault()
	cpus := runtime.GOMAXPROCS(0)
	if o.Workers <= 0 {
		o.Workers = max(1, cpus-1)
	}
	if o.SmallWorkers <= 0 {
		o.SmallWorkers = 4 * cpus
	}
	if o.ExtractBytes <= 0 {
		o.ExtractBytes = o.Limits.ArticleBytes
	}
	return o
}

type server struct {
	store sitrep.Store
	pipe  *pipeline.Pipeline
	opts  Options
	log   *slog.Logger
	mux   *http.ServeMux
	hosts map[string]bool // normalized AllowedHosts; nil: any
	cop   *http.CrossOriginProtection
	heavy *gate // admission of searches and large extractions
	small *gate // admission of small extractions
}

// route is one API route; the OpenAPI document lists exactly these.
type route struct {
	method, pattern string
	write           bool // needs the token
	h               func(s *server, w http.ResponseWriter, r *http.Request) error
}

// routes are the API's routes (the UI's are added by New).
var routes = []route{
	{"GET", "/healthz", false, (*server).health},
	{"GET", "/v1/openapi.json", false, (*server).openapi},
	{"POST", "/v1/extract", false, (*server).extract},
	{"POST", "/v1/articles", true, (*server).putArticles},
	{"GET", "/v1/articles/{id}", false, (*server).getArticle},
	{"GET", "/v1/events", false, (*server).events},
	{"GET", "/v1/search", false, (*server).search},
	{"GET", "/v1/stats", false, (*server).stats},
	{"GET", "/v1/cameo", false, (*server).cameo},
	{"GET", "/v1/entities/{name}/events", false, (*server).entityEvents},
}

// New returns the API and web UI over store, extracting with p
// (pipeline.Default() when nil). See the package comment for the routes.
func New(store sitrep.Store, p *pipeline.Pipeline, opts Options) http.Handler {
	return newServer(store, p, opts).handler()
}

// newServer returns the server New serves.
func newServer(store sitrep.Store, p *pipeline.Pipeline, opts Options) *server {
	if p == nil {
		p = pipeline.Default()
	}
	opts = opts.withDefaults()
	s := &server{store: store, pipe: p, opts: opts, log: opts.Logger,
		hosts: hostSet(opts.AllowedHosts), cop: http.NewCrossOriginProtection(),
		heavy: newGate(opts.Workers, opts.ExtractBytes), small: newGate(opts.SmallWorkers, 0)}
	if s.log == nil {
		s.log = discardLogger
	}
	return s
}

// handler returns the server's routes behind its middleware.
func (s *server) handler() http.Handler {
	s.mux = http.NewServeMux()
	allowed := map[string][]string{}
	for _, rt := range routes {
		s.mux.Handle(rt.method+" "+rt.pattern, s.api(rt))
		allowed[rt.pattern] = append(allowed[rt.pattern], rt.method)
	}
	// A path's other methods get a JSON 405 (the method-less pattern is
	// less specific than the method patterns above).
	for pat, ms := range allowed {
		allow := strings.Join(ms, ", ")
		if strings.Contains(allow, "GET") {
			allow += ", HEAD"
		}
		s.mux.HandleFunc(pat, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			s.writeError(w, r, errorf(CodeMethodNotAllowed, "%s %s: method not allowed (allowed: %s)", r.Method, r.URL.Path, allow))
		})
	}
	s.mux.Handle("GET /{$}", uiIndex())
	s.mux.Handle("GET /ui/", s.uiFiles())
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, errorf(CodeNotFound, "no such path: %s", r.URL.Path))
	})
	return s.middleware(s.mux)
}

// api wraps one route's handler: the cross-origin, token and media type
// checks, the body limit, the deadline, and the error reply.
func (s *server) api(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			// on a copy of the request: the server's own keeps its body, so
			// that after the answer it may decline to drain a large body
			// the handler left unread (a refused one) rather than wait for it
			r = r.WithContext(r.Context())
			r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
		}
		if err := s.admit(rt, r); err != nil {
			s.writeError(w, r, refuse(r, err))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
		defer cancel()
		r = r.WithContext(ctx)
		w.Header().Set("Cache-Control", "no-store")
		if err := rt.h(s, w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// admit checks a request before its handler runs: a write from another
// origin is refused, a write route wants the token when one is set, and a
// POST the token does not authenticate must be JSON.
func (s *server) admit(rt route, r *http.Request) error {
	if err := s.checkSite(r); err != nil {
		return err
	}
	authed := s.opts.Token != "" && s.authorized(r)
	if rt.write && s.opts.Token != "" && !authed {
		return errorf(CodeUnauthorized, "this request needs an Authorization: Bearer token")
	}
	if rt.method == http.MethodPost && !authed {
		return checkJSON(r)
	}
	return nil
}

// authorized compares the bearer token in constant time.
func (s *server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return false
	}
	got := strings.TrimSpace(h[len(prefix):])
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) == 1
}

// contentSecurityPolicy allows only the server's own scripts, styles and
// data: the UI has no inline script or style.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// middleware sets the security headers on every response, recovers from
// panics and logs each request.
func (s *server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		rw := &statusWriter{ResponseWriter: w}
		if err := s.checkHost(r); err != nil {
			s.writeError(rw, r, err)
			s.logRequest(r, rw, start)
			return
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				if !rw.wrote {
					s.writeError(rw, r, fmt.Errorf("panic: %v", v))
				} else {
					s.log.ErrorContext(r.Context(), "panic after response began", "path", r.URL.Path, "panic", v)
				}
			}
			s.logRequest(r, rw, start)
		}()
		next.ServeHTTP(rw, r)
	})
}

// logRequest logs one request at Info.
func (s *server) logRequest(r *http.Request, rw *statusWriter, start time.Time) {
	s.log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path,
		"status", rw.status, "bytes", rw.n, "duration", time.Since(start))
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	n      int64
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush passes flushes on, for streamed exports.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
