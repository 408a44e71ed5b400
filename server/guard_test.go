package server

import (
	"context"
	"encoding/json"
	"errors"
	"sitrep/internal/budget"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/pipeline"
	"sitrep/text"
)

func TestHostCheck(t *testing.T) {
	h := New(newStore(t), nil, Options{AllowedHosts: []string{"localhost", "127.0.0.1", "[::1]", "News.Example.org:8443"}})
	for _, c := range []struct {
		host string
		ok   bool
	}{
		{"localhost:8080", true},
		{"LOCALHOST", true},
		{"localhost.", true},
		{"127.0.0.1:9", true},
		{"[::1]:8080", true},
		{"news.example.org", true},
		{"evil.example", false},
		{"localhost.evil.example", false},
		{"127.0.0.2", false},
		{"", false},
	} {
		for _, path := range []string{"/v1/stats", "/", "/nowhere"} {
			r := do(h, "GET", path, nil, "Host", c.host)
			switch {
			case c.ok && r.code == 403:
				t.Errorf("Host %q %s: refused", c.host, path)
			case !c.ok:
				wantError(t, r, 403, CodeForbidden, "Host")
				if r.h.Get("Content-Security-Policy") == "" {
					t.Errorf("Host %q %s: refusal without security headers", c.host, path)
				}
			}
		}
	}
	// No list: any Host.
	if r := do(New(newStore(t), nil, Options{}), "GET", "/v1/stats", nil, "Host", "evil.example"); r.code != 200 {
		t.Errorf("no AllowedHosts: %d", r.code)
	}
}

func TestCrossOrigin(t *testing.T) {
	const token = "tok"
	h := New(newStore(t), nil, Options{Token: token, AllowedHosts: []string{"localhost"}})
	art := `{"text": "BAGHDAD - Officials met in Baghdad on Monday."}`
	for _, c := range []struct {
		name   string
		header []string
		status int
	}{
		{"no Origin (not a browser)", nil, 0},
		{"same origin", []string{"Origin", "http://localhost:8080", "Sec-Fetch-Site", "same-origin"}, 0},
		{"same origin, Origin only", []string{"Origin", "http://localhost:8080"}, 0},
		{"typed in", []string{"Sec-Fetch-Site", "none"}, 0},
		{"another site", []string{"Origin", "https://evil.example"}, 403},
		{"another port", []string{"Origin", "http://localhost:3000"}, 403},
		{"opaque origin", []string{"Origin", "null"}, 403},
		{"cross-site", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"same-site", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://a.localhost:8080"}, 403},
		{"another site with the token", []string{"Origin", "https://evil.example", "Authorization", "Bearer " + token}, 403},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, path := range []string{"/v1/extract", "/v1/articles"} {
				hdr := append([]string{"Host", "localhost:8080", "Content-Type", "application/json", "Authorization", "Bearer " + token}, c.header...)
				r := do(h, "POST", path, strings.NewReader(art), hdr...)
				if c.status == 0 && r.code >= 400 {
					t.Errorf("%s: %d %s", path, r.code, r.body)
				}
				if c.status != 0 {
					wantError(t, r, c.status, CodeForbidden, "cross-origin")
				}
			}
		})
	}
	// Reads from anywhere are fine: the browser keeps the answer from a
	// page of another origin, as no CORS header allows it.
	r := do(h, "GET", "/v1/stats", nil, "Host", "localhost", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if r.code != 200 || r.h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("cross-site read: %d %v", r.code, r.h)
	}
}

// blockStage blocks until release is closed, whatever its context says:
// a stage that never checks it.
type blockStage struct{ release chan struct{} }

func (blockStage) Name() string { return "block" }
func (s blockStage) Run(context.Context, *text.Analysis) error {
	<-s.release
	return nil
}

// TestDeadlineHonoured checks that an extraction is answered at its
// deadline even when the pipeline does not stop, and that its admission
// is held until the pipeline has really stopped, so that the cap holds.
func TestDeadlineHonoured(t *testing.T) {
	slack := budget.Contention()
	stage := blockStage{release: make(chan struct{})}
	s := newServer(newStore(t), pipeline.New(stage), Options{Timeout: 50 * time.Millisecond, SmallWorkers: 1})
	h := s.handler()
	body := `{"text": "BAGHDAD - Officials met in Baghdad on Monday."}`
	start := time.Now()
	r := do(h, "POST", "/v1/extract", strings.NewReader(body), "Content-Type", "application/json")
	wantError(t, r, 503, CodeTimeout, "")
	if el := time.Since(start); el > time.Duration(slack*float64(500*time.Millisecond)) {
		t.Errorf("answered after %v, deadline 50ms", el)
	}
	if n := s.small.busy(); n != 1 {
		t.Errorf("%d extractions admitted while the pipeline still runs, want 1", n)
	}
	// Full: the next is refused, with Retry-After.
	r = do(h, "POST", "/v1/extract", strings.NewReader(body), "Content-Type", "application/json")
	wantError(t, r, 429, CodeBusy, "at once")
	if r.h.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	close(stage.release)
	deadline := time.Now().Add(2 * time.Second)
	for s.small.busy() != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := s.small.busy(); n != 0 {
		t.Errorf("%d extractions still admitted after the pipeline ended", n)
	}
}

func TestGate(t *testing.T) {
	g := newGate(3, 100)
	ctx := context.Background()
	a, ok := g.acquire(ctx, 60)
	if !ok {
		t.Fatal("first refused")
	}
	if _, ok := g.acquire(ctx, 50); ok {
		t.Error("admitted past the capacity")
	}
	b, ok := g.acquire(ctx, 40)
	if !ok {
		t.Fatal("40 more refused")
	}
	a()
	a() // a second release changes nothing
	huge, ok := g.acquire(ctx, 1<<40)
	if ok {
		t.Error("a heavy task admitted next to another")
	}
	b()
	// A task heavier than the capacity runs alone.
	if huge, ok = g.acquire(ctx, 1<<40); !ok {
		t.Fatal("the heaviest task never runs")
	}
	// A waiting task gets the room released within admitWait.
	done := make(chan bool)
	go func() {
		_, ok := g.acquire(ctx, 10)
		done <- ok
	}()
	time.Sleep(admitWait / 5)
	huge()
	if !<-done {
		t.Error("a waiting task missed the room released")
	}
	// Counts too.
	c := newGate(1, 0)
	if _, ok := c.acquire(ctx, 1<<40); !ok {
		t.Fatal("refused")
	}
	start := time.Now()
	if _, ok := c.acquire(ctx, 0); ok {
		t.Error("admitted past the count")
	}
	if el := time.Since(start); el < admitWait || el > admitWait+time.Second {
		t.Errorf("refused after %v, want about %v", el, admitWait)
	}
}

// TestGateOrder checks that a gate admits first come first served: a
// light task does not pass a heavy one waiting before it.
func TestGateOrder(t *testing.T) {
	g := newGate(3, 100)
	ctx := context.Background()
	first, _ := g.acquire(ctx, 60)
	var heavy, light bool
	var wg sync.WaitGroup
	wg.Go(func() { _, heavy = g.acquire(ctx, 60) })
	time.Sleep(admitWait / 10) // the heavy one waits first
	wg.Go(func() { _, light = g.acquire(ctx, 10) })
	time.Sleep(admitWait / 10)
	// The light one would fit beside the first; it waits its turn.
	if n := g.busy(); n != 1 {
		t.Errorf("%d admitted, want the light task to wait behind the heavy one", n)
	}
	first()
	wg.Wait()
	if !heavy || !light || g.busy() != 2 {
		t.Errorf("after the release: heavy %v, light %v, %d admitted; want both", heavy, light, g.busy())
	}
}

// blockStore is a store whose Search blocks until released, whatever
// its context says.
type blockStore struct {
	sitrep.Store
	release chan struct{}
}

func (s blockStore) Search(context.Context, sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	<-s.release
	return nil, nil
}

func TestSearchGuards(t *testing.T) {
	slack := budget.Contention()
	within := func(d time.Duration) time.Duration { return time.Duration(slack * float64(d)) }
	st := blockStore{Store: newStore(t), release: make(chan struct{})}
	s := newServer(st, nil, Options{SearchTimeout: 50 * time.Millisecond, Workers: 1})
	h := s.handler()
	start := time.Now()
	wantError(t, do(h, "GET", "/v1/search?q=police", nil), 503, CodeTimeout, "search took longer")
	if el := time.Since(start); el > within(500*time.Millisecond) {
		t.Errorf("answered after %v, search time limit 50ms", el)
	}
	r := do(h, "GET", "/v1/search?q=police", nil)
	wantError(t, r, 429, CodeBusy, "at once")
	// Short reads do not wait for searches.
	start = time.Now()
	if r := do(h, "GET", "/v1/stats", nil); r.code != 200 || time.Since(start) > within(100*time.Millisecond) {
		t.Errorf("stats beside a stuck search: %d after %v", r.code, time.Since(start))
	}
	close(st.release)

	// Queries over the limits are the client's error.
	f := New(newStore(t), nil, Options{})
	for _, q := range []string{strings.Repeat("t* ", 160), strings.Repeat("word ", 33), strings.Repeat("pol* ", 9)} {
		wantError(t, do(f, "GET", "/v1/search?q="+strings.ReplaceAll(strings.TrimSpace(q), " ", "+"), nil), 400, CodeInvalid, "limit")
	}
	if r := do(f, "GET", "/v1/search?q=t*+ab*+pol*", nil); r.code != 200 {
		t.Errorf("short prefixes: %d %s", r.code, r.body)
	}
}

// putFailStore fails the Put of a text holding "FAIL".
type putFailStore struct{ sitrep.Store }

var errPut = errors.New("disk full")

func (s putFailStore) Put(ctx context.Context, d *sitrep.Document) (sitrep.PutResult, error) {
	if strings.Contains(d.Text, "FAIL") {
		return sitrep.PutResult{}, errPut
	}
	return s.Store.Put(ctx, d)
}

func TestBatchResults(t *testing.T) {
	st := putFailStore{newStore(t)}
	h := New(st, nil, Options{Limits: sitrep.Limits{BatchArticles: 4, ArticleBytes: 200}})
	post := func(body string) response {
		return do(h, "POST", "/v1/articles", strings.NewReader(body), "Content-Type", "application/json")
	}
	a := `{"text": "BAGHDAD - Officials met in Baghdad on Monday."}`
	if r := post(a); r.code != 201 {
		t.Fatalf("%d %s", r.code, r.body)
	}
	// Stored, duplicate, failed, skipped.
	r := post(`[{"text": "KABUL - A bomb struck Kunduz on Friday."}, ` + a + `, {"text": "FAIL here on Monday."}, {"text": "NAIROBI - Crowds marched on Tuesday."}]`)
	wantError(t, r, 500, CodeInternal, "1 of 4 articles stored")
	var out struct{ Results []putResult }
	r.json(t, &out)
	var got []string
	for _, pr := range out.Results {
		got = append(got, pr.Status)
	}
	if strings.Join(got, " ") != "stored duplicate failed skipped" || out.Results[2].Error == nil || out.Results[0].ID == "" {
		t.Errorf("results %+v", out.Results)
	}
	if strings.Contains(string(r.body), "disk full") {
		t.Errorf("the store's error leaks: %s", r.body)
	}
	st2, _ := st.Stats(context.Background())
	if st2.Documents != 2 {
		t.Errorf("%d documents stored, want 2", st2.Documents)
	}
	// The batch and article limits.
	wantError(t, post(`[`+strings.Repeat(a+`,`, 4)+a+`]`), 413, CodeTooLarge, "articles in one batch")
	wantError(t, post(`{"text": "`+strings.Repeat("x", 201)+`"}`), 413, CodeTooLarge, "article size")
	// One article failing: the plain error, no results.
	r = post(`{"text": "FAIL again."}`)
	wantError(t, r, 500, CodeInternal, "")
	var single map[string]json.RawMessage
	r.json(t, &single)
	if _, ok := single["results"]; ok {
		t.Errorf("single article with results: %s", r.body)
	}
}

// TestConcurrentAdmission checks that no more small extractions run at
// once than SmallWorkers, however many come.
func TestConcurrentAdmission(t *testing.T) {
	stage := blockStage{release: make(chan struct{})}
	s := newServer(newStore(t), pipeline.New(stage), Options{SmallWorkers: 2})
	h := s.handler()
	var wg sync.WaitGroup
	codes := make([]int, 8)
	for i := range codes {
		wg.Go(func() {
			codes[i] = do(h, "POST", "/v1/extract", strings.NewReader(`{"text": "x y z"}`), "Content-Type", "application/json").code
		})
	}
	time.Sleep(admitWait + 100*time.Millisecond)
	if n := s.small.busy(); n != 2 {
		t.Errorf("%d extractions running, want 2", n)
	}
	close(stage.release)
	wg.Wait()
	n429 := 0
	for _, c := range codes {
		if c == 429 {
			n429++
		}
	}
	if n429 != 6 {
		t.Errorf("statuses %v: want 6 refused", codes)
	}
}
