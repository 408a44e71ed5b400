package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/corpus"
	"sitrep/pipeline"
	"sitrep/server/demo"
)

// TestLoad measures requests per second and latency percentiles of
// POST /v1/extract and GET /v1/events with 8 concurrent clients on a
// loopback port. It runs only when SITREP_LOAD=1:
//
//	SITREP_LOAD=1 go test ./server -run TestLoad -v
//
// SITREP_LOAD_SECONDS sets the time per endpoint (default 3),
// SITREP_LOAD_CLIENTS the number of clients (default 8).
func TestLoad(t *testing.T) {
	if os.Getenv("SITREP_LOAD") != "1" {
		t.Skip("set SITREP_LOAD=1 to run the load test")
	}
	secs, clients := 3.0, 8
	if v, err := strconv.ParseFloat(os.Getenv("SITREP_LOAD_SECONDS"), 64); err == nil && v > 0 {
		secs = v
	}
	if v, err := strconv.Atoi(os.Getenv("SITREP_LOAD_CLIENTS")); err == nil && v > 0 {
		clients = v
	}
	st := newStore(t)
	p := pipeline.Default()
	proc := &corpus.Processor{Pipeline: p, Store: st}
	arts, _ := demo.Articles()
	body := arts[0].Text
	if ref, err := os.ReadFile(refArticle); err == nil {
		body = string(ref)
		arts[0].Text, arts[0].Published = body, "2021-07-27"
	}
	for _, a := range arts {
		if _, _, err := proc.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	jsonBody, _ := json.Marshal(map[string]string{"text": body, "published": "2021-07-27"})
	srv := httptest.NewServer(New(st, p, Options{}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	for _, ep := range []struct {
		name string
		req  func() (*http.Request, error)
	}{
		{fmt.Sprintf("POST /v1/extract (%d-byte article)", len(body)), func() (*http.Request, error) {
			r, err := http.NewRequest("POST", srv.URL+"/v1/extract", bytes.NewReader(jsonBody))
			if err == nil {
				r.Header.Set("Content-Type", "application/json")
			}
			return r, err
		}},
		{"GET /v1/events?limit=100", func() (*http.Request, error) {
			return http.NewRequest("GET", srv.URL+"/v1/events?limit=100", nil)
		}},
		{"GET /v1/events?actor=IRQ&from=2021-01-01", func() (*http.Request, error) {
			return http.NewRequest("GET", srv.URL+"/v1/events?actor=IRQ&from=2021-01-01", nil)
		}},
	} {
		var mu sync.Mutex
		var lat []time.Duration
		var failed int
		stop := time.Now().Add(time.Duration(secs * float64(time.Second)))
		start := time.Now()
		var wg sync.WaitGroup
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []time.Duration
				bad := 0
				for time.Now().Before(stop) {
					req, err := ep.req()
					if err != nil {
						bad++
						continue
					}
					t0 := time.Now()
					res, err := client.Do(req)
					if err != nil {
						bad++
						continue
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != 200 {
						bad++
					}
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				lat = append(lat, mine...)
				failed += bad
				mu.Unlock()
			}()
		}
		wg.Wait()
		el := time.Since(start)
		slices.Sort(lat)
		pct := func(p float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(p*float64(len(lat))))]
		}
		t.Logf("%-44s %d clients: %7.1f req/s  p50 %-10v p99 %-10v max %-10v (%d requests, %d failed)",
			ep.name, clients, float64(len(lat))/el.Seconds(), pct(0.50).Round(10*time.Microsecond),
			pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond), len(lat), failed)
		if failed > 0 {
			t.Errorf("%s: %d requests failed", ep.name, failed)
		}
	}
}

// BenchmarkExtractHandler measures POST /v1/extract through the handler
// (no network), in MB/s of article text.
func BenchmarkExtractHandler(b *testing.B) {
	arts, _ := demo.Articles()
	var text strings.Builder
	for _, a := range arts {
		text.WriteString(a.Text)
		text.WriteString("\n\n")
	}
	body := text.String()
	h := New(newStore(b), pipeline.Default(), Options{})
	req, _ := json.Marshal(map[string]string{"text": body, "published": "2021-07-27"})
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r := do(h, "POST", "/v1/extract", bytes.NewReader(req), "Content-Type", "application/json")
		if r.code != 200 {
			b.Fatalf("%d %s", r.code, r.body)
		}
	}
}

// BenchmarkEventsHandler measures GET /v1/events (100 happenings as JSON)
// through the handler.
func BenchmarkEventsHandler(b *testing.B) {
	st := newStore(b)
	proc := &corpus.Processor{Pipeline: pipeline.Default(), Store: st}
	arts, _ := demo.Articles()
	for _, a := range arts {
		proc.Process(context.Background(), a)
	}
	h := New(st, nil, Options{})
	r := do(h, "GET", "/v1/events?limit=100", nil)
	b.SetBytes(int64(len(r.body)))
	b.ReportAllocs()
	for b.Loop() {
		if r := do(h, "GET", "/v1/events?limit=100", nil); r.code != 200 {
			b.Fatal(r.code)
		}
	}
}
