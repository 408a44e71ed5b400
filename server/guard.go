package server

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// This file holds what guards the server from the requests it should not
// serve: those for a Host it is not (DNS rebinding), those a browser sends
// from another site (CSRF), those not authenticated that a web page could
// send without asking (writes that are not JSON), and more work at once
// than the machine has (admission gates).

// normalHost returns the host name of a Host header or an allowed-host
// entry: lower case, without port, brackets or trailing dot.
func normalHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(h, ".")
}

// hostSet returns the normalized set of allowed hosts, or nil when none is
// given (any Host is then served).
func hostSet(hosts []string) map[string]bool {
	if len(hosts) == 0 {
		return nil
	}
	set := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		if n := normalHost(h); n != "" {
			set[n] = true
		}
	}
	return set
}

// checkHost refuses a request whose Host is not one the server answers to,
// when Options.AllowedHosts names them: a page that rebinds its own domain
// name to this server's address sends its own domain as Host.
func (s *server) checkHost(r *http.Request) error {
	if s.hosts == nil || s.hosts[normalHost(r.Host)] {
		return nil
	}
	return errorf(CodeForbidden, "Host %q is not a name this server answers to", r.Host)
}

// checkSite refuses a write that a browser sends from another origin: its
// Sec-Fetch-Site is not same-origin, or its Origin is not the Host asked
// (http.CrossOriginProtection; safe methods pass). With checkHost, the
// Origin of a write is an allowed host.
func (s *server) checkSite(r *http.Request) error {
	if err := s.cop.Check(r); err != nil {
		origin := r.Header.Get("Origin")
		if origin == "" {
			origin = "Sec-Fetch-Site " + r.Header.Get("Sec-Fetch-Site")
		}
		return errorf(CodeForbidden, "cross-origin request refused (%s): send it from this server's own pages, or without a browser", origin)
	}
	return nil
}

// checkJSON refuses a POST body that is not application/json. A web page
// on any site can send text/plain, form or multipart bodies without the
// browser asking the server first; application/json it cannot, so a write
// the token does not authenticate must be JSON.
func checkJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		return nil
	}
	if ct == "" {
		ct = "none"
	}
	return errorf(CodeUnsupportedMediaType,
		"Content-Type %s: without a bearer token this server takes only application/json bodies (text/plain needs the token)", ct)
}

// retryAfter is the Retry-After, in seconds, of a busy answer.
const retryAfter = 1

// retryAfterHeader is the Retry-After value of busy answers.
var retryAfterHeader = strconv.Itoa(retryAfter)

// errBusy is the answer of a full gate.
func errBusy(what string, g *gate) error {
	return errorf(CodeBusy, "too many %s at once (at most %d): try again in %d s", what, g.max, retryAfter)
}

// refuse discards what is left of a request body, so that a client still
// sending it reads the refusal rather than a reset connection, and returns
// err. The body is capped by MaxBytesReader and the server's read timeout.
func refuse(r *http.Request, err error) error {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
	}
	return err
}

// requestWeight is what an extraction request weighs at the gates: its
// Content-Length, or the most its body may hold when the length is not
// told; at least 1.
func (s *server) requestWeight(r *http.Request) int64 {
	if r.ContentLength >= 0 {
		return max(1, r.ContentLength)
	}
	return s.opts.MaxBody
}

// smallBody is the largest request body extracted as a small task, beside
// the heavy ones: a news article is a few kilobytes, extracted in
// milliseconds.
const smallBody = 64 << 10

// detached tracks the work a request started in goroutines of its own, so
// that the admission it holds is released only when the last of that work
// has really ended, not when the request gave up waiting for it.
type detached struct {
	wg      sync.WaitGroup
	release func()
	// collect asks for a garbage collection before the release: the work
	// was heavy, and the next heavy work should not find its garbage
	// still on the heap, adding up to twice the memory of one.
	collect bool
}

// finish releases the admission once all the work has ended (now, when it
// has).
func (d *detached) finish() {
	go func() {
		d.wg.Wait()
		if d.collect {
			runtime.GC()
		}
		d.release()
	}()
}

// run runs work in its own goroutine and returns its result, or ctx's
// error when ctx ends first: the request answers at its deadline whether
// or not the work checks its context. A panic in work is its error.
func run[T any](ctx context.Context, d *detached, work func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		var res result
		defer func() {
			if v := recover(); v != nil {
				res.err = fmt.Errorf("panic: %v", v)
			}
			ch <- res
		}()
		res.v, res.err = work()
	}()
	select {
	case res := <-ch:
		return res.v, res.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
