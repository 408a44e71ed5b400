package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep"
	"sitrep/ingest"
)

// HTTPError is an answer other than 200 or 304.
type HTTPError struct {
	URL        string
	Status     int
	RetryAfter time.Duration // from the Retry-After header; 0 when none
}

// Error names the URL and the status.
func (e *HTTPError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// transient reports whether a status is worth trying again later: 408,
// 425, 429 and 5xx.
func transient(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusTooEarly ||
		status == http.StatusTooManyRequests || status >= 500
}

// PausedError is a request not sent because its host asked (with a 429 or
// 503 and Retry-After) not to be asked again before Until.
type PausedError struct {
	Host  string
	Until time.Time
}

// Error names the host and the time.
func (e *PausedError) Error() string {
	return fmt.Sprintf("host %s asked to wait until %s", e.Host, e.Until.UTC().Format(time.RFC3339))
}

// exchange carries, through a request's context, the validators to send
// with it and what the answer (the last one, after redirects) said.
type exchange struct {
	etag, lastModified string // sent as If-None-Match, If-Modified-Since

	status     int // 0 when no answer came
	header     http.Header
	retryAfter time.Duration
	err        error // the transport's error, when no answer came
}

type exchangeKey struct{}

// withExchange returns ctx carrying ex.
func withExchange(ctx context.Context, ex *exchange) context.Context {
	return context.WithValue(ctx, exchangeKey{}, ex)
}

// hostGate serializes the requests to one host and spaces them.
type hostGate struct {
	sem    chan struct{} // held while a request to the host is under way
	last   time.Time     // when the last request ended
	paused time.Time     // no request before then (Retry-After); under the transport's mu
}

// politeTransport is the watcher's http.RoundTripper: one request at a time
// per host, at least delay between the end of one and the start of the
// next, a Retry-After of a 429 or 503 honoured for the whole host, its
// User-Agent on every request, and the validators of the exchange in the
// request's context sent as conditional headers.
type politeTransport struct {
	base      http.RoundTripper
	clock     Clock
	delay     time.Duration
	maxPause  time.Duration
	userAgent string

	mu    sync.Mutex
	gates map[string]*hostGate
}

// gate returns the gate of host.
func (t *politeTransport) gate(host string) *hostGate {
	t.mu.Lock()
	defer t.mu.Unlock()
	g := t.gates[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, 1)}
		t.gates[host] = g
	}
	return g
}

// RoundTrip waits for the request's turn at its host and sends it. The
// host stays taken until the answer's body is closed.
func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	host := req.URL.Host
	g := t.gate(host)
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release := func() {
		g.last = t.clock.Now()
		<-g.sem
	}
	ex, _ := ctx.Value(exchangeKey{}).(*exchange)
	if until := t.pausedUntil(g); t.clock.Now().Before(until) {
		<-g.sem
		err := &PausedError{Host: host, Until: until}
		if ex != nil {
			ex.err = err
		}
		return nil, err
	}
	if wait := g.last.Add(t.delay).Sub(t.clock.Now()); !g.last.IsZero() && wait > 0 {
		if err := t.clock.Sleep(ctx, wait); err != nil {
			<-g.sem
			return nil, err
		}
	}
	out := req.Clone(ctx)
	out.Header.Set("User-Agent", t.userAgent)
	if ex != nil {
		if ex.etag != "" {
			out.Header.Set("If-None-Match", ex.etag)
		}
		if ex.lastModified != "" {
			out.Header.Set("If-Modified-Since", ex.lastModified)
		}
	}
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		release()
		if ex != nil {
			ex.err = err
		}
		return nil, err
	}
	ra := retryAfter(resp.Header.Get("Retry-After"), t.clock.Now())
	if ra > 0 && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		t.pause(g, t.clock.Now().Add(min(ra, t.maxPause)))
	}
	if ex != nil {
		ex.status, ex.header, ex.retryAfter = resp.StatusCode, resp.Header, ra
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// pausedUntil returns the time before which no request goes to g's host.
func (t *politeTransport) pausedUntil(g *hostGate) time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return g.paused
}

// pause stops requests to g's host until the given time.
func (t *politeTransport) pause(g *hostGate, until time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	g.paused = until
}

// releasingBody frees the host's gate when the body is closed.
type releasingBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

// Close closes the body and frees the gate.
func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}

// retryAfter reads a Retry-After value (seconds, or an HTTP date) as a
// duration from now; 0 when absent, unreadable or past.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(min(n, int64(365*24*time.Hour/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// document is a feed or sitemap as fetched.
type document struct {
	status       int    // 200 or 304
	body         []byte // decompressed, at most Limits.RecordBytes
	etag         string
	lastModified string
	url          string // after redirects
}

// fetchDocument GETs a feed or sitemap at url, conditionally on v, and
// reads its body within lim: at most RecordBytes, compressed or not, and a
// gzip body (Content-Encoding or a .gz file) decompressed through a guard
// that refuses more than RecordBytes or a ratio over CompressionRatio. An
// answer other than 200 or 304 is an *HTTPError.
func fetchDocument(ctx context.Context, client *http.Client, url string, v Validators, lim sitrep.Limits) (document, error) {
	ex := &exchange{etag: v.ETag, lastModified: v.LastModified}
	req, err := http.NewRequestWithContext(withExchange(ctx, ex), http.MethodGet, url, nil)
	if err != nil {
		return document{}, fmt.Errorf("%s: %w", url, err)
	}
	// Asked for explicitly, a gzip body is not decompressed by the client
	// but by readBody, which guards against decompression bombs.
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
	resp, err := client.Do(req)
	if err != nil {
		return document{}, fmt.Errorf("fetch %s: %w", url, unwrapURLError(err))
	}
	defer resp.Body.Close()
	doc := document{status: resp.StatusCode, url: resp.Request.URL.String()}
	switch resp.StatusCode {
	case http.StatusNotModified:
		return doc, nil
	case http.StatusOK:
	default:
		return doc, &HTTPError{URL: url, Status: resp.StatusCode, RetryAfter: ex.retryAfter}
	}
	doc.etag, doc.lastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	doc.body, err = readBody(resp.Body, resp.Header.Get("Content-Encoding"), lim)
	if err != nil {
		return doc, fmt.Errorf("fetch %s: %w", url, err)
	}
	return doc, nil
}

// unwrapURLError drops the *url.Error wrapper, whose text repeats the
// method and URL that the caller names already.
func unwrapURLError(err error) error {
	var ue *neturl.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// readBody reads an answer's body within lim, decompressing gzip.
func readBody(r io.Reader, encoding string, lim sitrep.Limits) ([]byte, error) {
	raw, err := readCapped(r, lim.RecordBytes)
	if err != nil {
		return nil, err
	}
	enc := strings.ToLower(strings.TrimSpace(encoding))
	isGz := len(raw) >= 2 && raw[0] == 0x1f && raw[1] == 0x8b
	switch {
	case enc == "gzip" || enc == "x-gzip" || isGz:
		return ingest.DecompressGzip("gzip body", bytes.NewReader(raw), lim)
	case enc != "" && enc != "identity":
		return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
	}
	return raw, nil
}

// readCapped reads all of r, refusing more than max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > max {
		return nil, &sitrep.LimitError{Limit: "record size in bytes", Max: max}
	}
	return data, nil
}
