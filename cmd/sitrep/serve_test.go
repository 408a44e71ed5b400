package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the server goroutine
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listening = regexp.MustCompile(`listening on (http://\S+/)`)

// startServe runs `sitrep serve args...` until the test ends and returns its
// base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	base, _ := startServeLog(t, args...)
	return base
}

// startServeLog is startServe that also returns what serve writes to
// stderr.
func startServeLog(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var errb syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, e, append([]string{"--addr", "127.0.0.1:0"}, args...)) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("serve exited %d: %s", code, errb.String())
			}
		case <-time.After(15 * time.Second):
			t.Errorf("serve did not stop")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(errb.String()); m != nil {
			return m[1], &errb
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start: %s", errb.String())
	return "", nil
}

func TestServeDemo(t *testing.T) {
	base := startServe(t, "--demo", "--token", "tok")
	res, err := http.Get(base + "v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	var st struct{ Documents, Events int }
	json.NewDecoder(res.Body).Decode(&st)
	res.Body.Close()
	if st.Documents < 6 || st.Events == 0 {
		t.Errorf("demo store: %+v", st)
	}
	res, err = http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(body, []byte("/ui/main.js")) || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /: %d %q", res.StatusCode, res.Header)
	}
	// The token guards writes.
	res, err = http.Post(base+"v1/articles", "text/plain", strings.NewReader("BAGHDAD - Officials met on Monday."))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST without token: %d", res.StatusCode)
	}
}

func TestServeStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	base := startServe(t, "--db", db, "--max-body", "100")
	res, err := http.Post(base+"v1/articles", "application/json", strings.NewReader(`{"text": "BAGHDAD - Officials met on Monday."}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Errorf("POST: %d", res.StatusCode)
	}
	res, err = http.Post(base+"v1/extract", "application/json", strings.NewReader(`{"text": "`+strings.Repeat("x", 200)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("--max-body: %d", res.StatusCode)
	}
}

func TestServeFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "--demo", "--db", "x.db"}, exitUsage, "--demo"},
		{[]string{"serve", "--timeout", "soon"}, exitUsage, "timeout"},
		{[]string{"serve", "--max-body", "0"}, exitUsage, "--max-body"},
		{[]string{"serve", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"serve", "--db", filepath.Join(t.TempDir(), "a.db"), "--addr", "256.0.0.1:bad"}, exitBadInput, "sitrep serve"},
		{[]string{"serve", "--help"}, exitOK, "usage: sitrep serve"},
	} {
		var errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		code := runServe(context.Background(), e, c.args[1:])
		if code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, code, c.code, errb.String())
		}
	}
}

// post sends a POST to base+path with a body of content type ct and the
// header pairs, and returns the status.
func post(t *testing.T, base, path, ct, body string, header ...string) int {
	t.Helper()
	req, err := http.NewRequest("POST", base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

const serveArticle = `{"text": "BAGHDAD - Officials met in Baghdad on Monday."}`

// TestServeToken checks where serve takes its token from, and that
// --token draws a warning.
func TestServeToken(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	if err := os.WriteFile(file, []byte("from-file\nignored\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, env string
		args      []string
		token     string // the token writes need
		warn      bool   // about ps
	}{
		{"environment", "from-env", nil, "from-env", false},
		{"file", "from-env", []string{"--token-file", file}, "from-file", false},
		{"flag", "from-env", []string{"--token", "from-flag"}, "from-flag", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("SITREP_TOKEN", c.env)
			args := append([]string{"--db", filepath.Join(t.TempDir(), "s.db")}, c.args...)
			base, errb := startServeLog(t, args...)
			if got := strings.Contains(errb.String(), "visible"); got != c.warn {
				t.Errorf("warning about ps: %v, want %v: %s", got, c.warn, errb)
			}
			if st := post(t, base, "v1/articles", "application/json", serveArticle); st != http.StatusUnauthorized {
				t.Errorf("without the token: %d", st)
			}
			if st := post(t, base, "v1/articles", "application/json", serveArticle, "Authorization", "Bearer wrong"); st != http.StatusUnauthorized {
				t.Errorf("a wrong token: %d", st)
			}
			if st := post(t, base, "v1/articles", "text/plain", "BAGHDAD - Officials met on Monday.", "Authorization", "Bearer "+c.token); st != http.StatusCreated {
				t.Errorf("with the token: %d", st)
			}
		})
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n  \n"), 0o600)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--token", "a", "--token-file", file}, exitUsage, "give one"},
		{[]string{"--token-file", empty}, exitBadInput, "no token"},
		{[]string{"--token-file", filepath.Join(dir, "missing")}, exitBadInput, "missing"},
	} {
		var errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		if code := runServe(context.Background(), e, c.args); code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, code, c.code, errb.String())
		}
	}
}

// TestServeOrigin checks the Host and origin guards of a server started
// without a token on loopback.
func TestServeOrigin(t *testing.T) {
	base, errb := startServeLog(t, "--db", filepath.Join(t.TempDir(), "s.db"), "--allowed-host", "news.example,wire.example")
	if !strings.Contains(errb.String(), "localhost, 127.0.0.1, ::1, news.example, wire.example") {
		t.Errorf("allowed hosts not told: %s", errb)
	}
	u, _ := url.Parse(base)
	for _, c := range []struct {
		name, ct string
		header   []string
		status   int
	}{
		{"cross-site text/plain", "text/plain", []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"text/plain", "text/plain", nil, http.StatusUnsupportedMediaType},
		{"rebound name", "application/json", []string{"Host", "evil.example:" + u.Port()}, http.StatusForbidden},
		{"cross-site JSON", "application/json", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"localhost", "application/json", []string{"Host", "localhost:" + u.Port(), "Origin", "http://localhost:" + u.Port()}, http.StatusCreated},
		{"an allowed name", "application/json", []string{"Host", "wire.example", "Origin", "http://wire.example"}, http.StatusOK},
	} {
		body := serveArticle
		if c.ct == "text/plain" {
			body = "BAGHDAD - Officials met in Baghdad on Monday."
		}
		if st := post(t, base, "v1/articles", c.ct, body, c.header...); st != c.status {
			t.Errorf("%s: %d, want %d", c.name, st, c.status)
		}
	}
}

func TestAllowedHosts(t *testing.T) {
	for _, c := range []struct {
		addr  string
		extra []string
		want  []string // at least these, in this order
	}{
		{"127.0.0.1:8080", nil, []string{"localhost", "127.0.0.1", "::1"}},
		{"[::1]:8080", []string{"news.example"}, []string{"localhost", "127.0.0.1", "::1", "news.example"}},
		{"192.0.2.7:80", []string{"news.example"}, []string{"192.0.2.7", "news.example"}},
		{"0.0.0.0:80", nil, []string{"localhost", "127.0.0.1", "::1", "0.0.0.0"}},
	} {
		a, err := net.ResolveTCPAddr("tcp", c.addr)
		if err != nil {
			t.Fatal(err)
		}
		got := allowedHosts(a, c.extra)
		if len(got) < len(c.want) || !slices.Equal(got[:len(c.want)], c.want) {
			t.Errorf("allowedHosts(%s, %v) = %v, want %v first", c.addr, c.extra, got, c.want)
		}
		if !a.IP.IsUnspecified() && len(got) != len(c.want) {
			t.Errorf("allowedHosts(%s, %v) = %v, want %v", c.addr, c.extra, got, c.want)
		}
	}
	var h hostList
	if err := h.Set("a.example, b.example"); err != nil || h.String() != "a.example,b.example" {
		t.Errorf("hostList %v %v", h, err)
	}
	for _, bad := range []string{"", "a,,b", "http://x/", "a b"} {
		if err := new(hostList).Set(bad); err == nil {
			t.Errorf("hostList.Set(%q) took it", bad)
		}
	}
}
