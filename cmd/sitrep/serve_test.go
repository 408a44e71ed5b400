package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
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
			return m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start: %s", errb.String())
	return ""
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
	res, err := http.Post(base+"v1/articles", "text/plain", strings.NewReader("BAGHDAD - Officials met on Monday."))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Errorf("POST: %d", res.StatusCode)
	}
	res, err = http.Post(base+"v1/extract", "text/plain", strings.NewReader(strings.Repeat("x", 200)))
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
