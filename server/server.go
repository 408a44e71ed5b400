package server

import (
	"context"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"sitrep"
	"sitrep/corpus"
	"sitrep/pipeline"
)

// Options configure the handler New returns. The zero value serves
// without a token, with DefaultMaxBody and DefaultTimeout, and logs nothing.
type Options struct {
	// Token, when not empty, is the bearer token POST /v1/articles wants
	// in its Authorization header.
	Token string
	// MaxBody is the largest request body in bytes (0: DefaultMaxBody).
	MaxBody int64
	// Timeout bounds the work of one request (0: DefaultTimeout).
	Timeout time.Duration
	// Logger logs each request at Info and failures at Error; nil logs
	// nothing.
	Logger *slog.Logger
}

// Defaults of Options.
const (
	DefaultMaxBody = 4 << 20
	DefaultTimeout = 30 * time.Second
)

type server struct {
	store sitrep.Store
	pipe  *pipeline.Pipeline
	proc  *corpus.Processor
	opts  Options
	log   *slog.Logger
	mux   *http.ServeMux
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
	if p == nil {
		p = pipeline.Default()
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	s := &server{store: store, pipe: p, proc: &corpus.Processor{Pipeline: p, Store: store}, opts: opts, log: opts.Logger}
	if s.log == nil {
		s.log = discardLogger
	}
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

// api wraps one route's handler: the token check, the body limit, the
// deadline, and the error reply.
func (s *server) api(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.write && s.opts.Token != "" && !s.authorized(r) {
			s.writeError(w, r, errorf(CodeUnauthorized, "this request needs an Authorization: Bearer token"))
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
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
			s.log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path,
				"status", rw.status, "bytes", rw.n, "duration", time.Since(start))
		}()
		next.ServeHTTP(rw, r)
	})
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
