package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/budget"
	"sitrep/pipeline"
	"sitrep/sqlitestore"
	"sitrep/storetest"
)

// The budget of every hostile case: each request is refused or answered
// within hostileTime, and the process's heap stays under hostileHeap while
// the case runs and until the work it started has ended.
const (
	hostileTime = time.Second
	hostileHeap = 300 << 20
	// statsTime is how soon GET /v1/stats answers under hostile load.
	statsTime = 100 * time.Millisecond
)

// skipTimed skips a test of time budgets in -short mode and under the
// race detector.
func skipTimed(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("time budgets skipped in -short mode")
	}
	if raceEnabled {
		t.Skip("time budgets do not hold under the race detector")
	}
}

// hostileDocs is the size of the store the hostile cases search.
const hostileDocs = 2000

// hostileStore opens a SQLite store holding hostileDocs generated
// documents of about 1,200 bytes (two generated articles each), stored
// without extraction.
func hostileStore(t *testing.T) sitrep.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "hostile.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	arts := storetest.Corpus(2*hostileDocs, 5)
	for i := 0; i < hostileDocs; i++ {
		d := sitrep.NewDocument(arts[2*i].Text + "\n\n" + arts[2*i+1].Text)
		d.Title, d.RuneOffsets = arts[2*i].Title, true
		if _, err := st.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// hostileServer serves st on a loopback port with a short request time
// limit (the cases answer within hostileTime whatever the work: a 4 MB
// article takes seconds to extract), answering to 127.0.0.1 only.
type hostileServer struct {
	*server
	url    string
	client *http.Client
}

func newHostileServer(t *testing.T, st sitrep.Store) *hostileServer {
	t.Helper()
	s := newServer(st, pipeline.Default(), Options{
		Timeout:       300 * time.Millisecond,
		SearchTimeout: 300 * time.Millisecond,
		AllowedHosts:  []string{"127.0.0.1"},
	})
	ts := httptest.NewServer(s.handler())
	t.Cleanup(ts.Close)
	tr := &http.Transport{MaxIdleConnsPerHost: 32}
	t.Cleanup(tr.CloseIdleConnections)
	return &hostileServer{server: s, url: ts.URL, client: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// reply is one answer as a hostile client saw it.
type reply struct {
	status  int
	header  http.Header
	body    []byte
	elapsed time.Duration
}

// code returns the API error code of the reply, or "" when it is not one.
func (r reply) code() string {
	var e struct{ Error *Error }
	if json.Unmarshal(r.body, &e) != nil || e.Error == nil {
		return ""
	}
	return e.Error.Code
}

// send sends one request; header holds name, value pairs; a "Host" pair
// sets the Host asked for.
func (hs *hostileServer) send(t testing.TB, method, path string, body io.Reader, header ...string) reply {
	req, err := http.NewRequest(method, hs.url+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	start := time.Now()
	res, err := hs.client.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", method, path, err)
		return reply{elapsed: time.Since(start)}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return reply{status: res.StatusCode, header: res.Header, body: b, elapsed: time.Since(start)}
}

// idle waits until no extraction or search the server admitted is still
// running, and returns how long that took.
func (hs *hostileServer) idle(t testing.TB, within time.Duration) time.Duration {
	start := time.Now()
	for hs.heavy.busy()+hs.small.busy() > 0 {
		if time.Since(start) > within {
			t.Errorf("work still running %v after the answers", within)
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

// documents returns how many documents the store holds.
func (hs *hostileServer) documents(t testing.TB) int {
	st, err := hs.store.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Documents
}

// bigText is an article of about n bytes: the reference article (or the
// demo's text) repeated.
func bigText(t testing.TB, n int) string {
	ref, err := os.ReadFile(refArticle)
	if err != nil {
		ref = []byte(hostile)
	}
	var b strings.Builder
	for b.Len()+len(ref)+2 <= n {
		b.Write(ref)
		b.WriteString("\n\n")
	}
	return b.String()
}

// jsonArticle is a JSON article body of text.
func jsonArticle(text string) []byte {
	b, _ := json.Marshal(map[string]string{"text": text})
	return b
}

// parallel sends n requests at once with send and returns the replies.
func parallel(n int, send func(i int) reply) []reply {
	out := make([]reply, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { out[i] = send(i) })
	}
	wg.Wait()
	return out
}

// Hostile queries: the report's (160 one-letter prefixes, 479 characters)
// and one at the limits (8 prefixes, 32 words) made of common words.
var (
	reportQuery = strings.TrimSpace(strings.Repeat("t* ", 160))
	limitQuery  = "pol* sai* kil* gov* off* pro* mar* the* " + strings.TrimSpace(strings.Repeat("said police ", 12))
)

// TestHostile runs the hostile cases of the report against a loopback
// server over a store of hostileDocs documents: each is refused or
// answered within hostileTime, under hostileHeap.
func TestHostile(t *testing.T) {
	slack := budget.Contention() // a loaded machine stretches wall-clock budgets
	skipTimed(t)
	hs := newHostileServer(t, hostileStore(t))
	big := jsonArticle(bigText(t, 2_000_000))  // just under the article limit
	huge := jsonArticle(bigText(t, 4_000_000)) // the report's size: over it
	origin := hs.url                           // http://127.0.0.1:port

	for _, c := range []struct {
		name string
		run  func(t *testing.T) []reply
	}{
		{"six 4 MB extractions at once: over the article limit", func(t *testing.T) []reply {
			rs := parallel(6, func(int) reply {
				return hs.send(t, "POST", "/v1/extract", bytes.NewReader(huge), "Content-Type", "application/json")
			})
			for _, r := range rs {
				if !(r.status == 413 && r.code() == CodeTooLarge || r.status == 429 && r.code() == CodeBusy) {
					t.Errorf("extract: %d %.200s", r.status, r.body)
				}
			}
			return rs
		}},
		{"six 2 MB extractions at once", func(t *testing.T) []reply {
			rs := parallel(6, func(int) reply {
				return hs.send(t, "POST", "/v1/extract", bytes.NewReader(big), "Content-Type", "application/json")
			})
			busy := 0
			for _, r := range rs {
				switch {
				case r.status == 429 && r.code() == CodeBusy && r.header.Get("Retry-After") != "":
					busy++
				case r.status == 503 && r.code() == CodeTimeout, r.status == 200:
				default:
					t.Errorf("extract: %d %.200s", r.status, r.body)
				}
			}
			if busy < 5 {
				t.Errorf("%d of 6 refused busy, want at least 5: one 2 MB extraction at a time", busy)
			}
			return rs
		}},
		{"ten searches of the report's query", func(t *testing.T) []reply {
			rs := parallel(10, func(int) reply {
				return hs.send(t, "GET", "/v1/search?q="+url.QueryEscape(reportQuery), nil)
			})
			for _, r := range rs {
				if r.status != 400 || r.code() != CodeInvalid || !bytes.Contains(r.body, []byte("words")) {
					t.Errorf("search: %d %.200s", r.status, r.body)
				}
			}
			return rs
		}},
		{"ten searches at the limits", func(t *testing.T) []reply {
			rs := parallel(10, func(int) reply {
				return hs.send(t, "GET", "/v1/search?q="+url.QueryEscape(limitQuery), nil)
			})
			for _, r := range rs {
				if r.status != 200 && r.code() != CodeBusy && r.code() != CodeTimeout {
					t.Errorf("search: %d %.200s", r.status, r.body)
				}
			}
			return rs
		}},
		{"cross-site and rebound writes", func(t *testing.T) []reply {
			before := hs.documents(t)
			art := func() io.Reader {
				return strings.NewReader(`{"text": "BAGHDAD - Protesters gathered in Baghdad on Monday, police said."}`)
			}
			plain := func() io.Reader { return strings.NewReader("BAGHDAD - Protesters gathered in Baghdad on Monday.") }
			var rs []reply
			for _, c := range []struct {
				name   string
				body   io.Reader
				header []string
				status int
			}{
				{"text/plain from another site", plain(), []string{"Content-Type", "text/plain", "Origin", "https://evil.example"}, 403},
				{"text/plain, no Origin", plain(), []string{"Content-Type", "text/plain"}, 415},
				{"form from another site", strings.NewReader("text=x"), []string{"Content-Type", "application/x-www-form-urlencoded", "Origin", "null"}, 403},
				{"JSON, Sec-Fetch-Site cross-site", art(), []string{"Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"}, 403},
				{"JSON from another port", art(), []string{"Content-Type", "application/json", "Origin", "http://127.0.0.1:1"}, 403},
				{"JSON to a rebound name", art(), []string{"Content-Type", "application/json", "Host", "evil.example", "Origin", "http://evil.example"}, 403},
				{"JSON to a rebound name, no Origin", art(), []string{"Content-Type", "application/json", "Host", "evil.example:80"}, 403},
			} {
				r := hs.send(t, "POST", "/v1/articles", c.body, c.header...)
				if r.status != c.status {
					t.Errorf("%s: %d, want %d: %.200s", c.name, r.status, c.status, r.body)
				}
				rs = append(rs, r)
			}
			if r := hs.send(t, "GET", "/v1/stats", nil, "Host", "evil.example"); r.status != 403 {
				t.Errorf("read through a rebound name: %d", r.status)
			}
			if after := hs.documents(t); after != before {
				t.Errorf("hostile writes stored %d documents", after-before)
			}
			// The same origin writes (or times out, on a busy machine:
			// past the guards all the same).
			r := hs.send(t, "POST", "/v1/articles", art(), "Content-Type", "application/json", "Origin", origin, "Sec-Fetch-Site", "same-origin")
			if r.status != 201 && r.code() != CodeTimeout {
				t.Errorf("same-origin write: %d %.200s", r.status, r.body)
			}
			return append(rs, r)
		}},
		{"a batch of 50,000", func(t *testing.T) []reply {
			before := hs.documents(t)
			var b bytes.Buffer
			b.WriteByte('[')
			for i := range 50000 {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"text":"n%d"}`, i)
			}
			b.WriteByte(']')
			r := hs.send(t, "POST", "/v1/articles", &b, "Content-Type", "application/json")
			if r.status != 413 || r.code() != CodeTooLarge || !bytes.Contains(r.body, []byte("1000")) {
				t.Errorf("batch: %d %.200s", r.status, r.body)
			}
			if after := hs.documents(t); after != before {
				t.Errorf("a refused batch stored %d documents", after-before)
			}
			return []reply{r}
		}},
		{"a batch past its time limit", func(t *testing.T) []reply {
			before := hs.documents(t)
			var arts []map[string]string
			for i := range sitrep.DefaultLimits.BatchArticles {
				arts = append(arts, map[string]string{"text": fmt.Sprintf(
					"KABUL - Article %d: a bomb struck a market in Kunduz on Friday, killing %d people, police said.", i, i%40+2)})
			}
			body, _ := json.Marshal(arts)
			r := hs.send(t, "POST", "/v1/articles", bytes.NewReader(body), "Content-Type", "application/json")
			var out struct {
				Error   *Error
				Results []putResult
			}
			json.Unmarshal(r.body, &out)
			if r.status != 503 || out.Error == nil || out.Error.Code != CodeTimeout || len(out.Results) != len(arts) {
				t.Fatalf("batch: %d, %d results: %.300s", r.status, len(out.Results), r.body)
			}
			hs.idle(t, 10*time.Second)
			stored, counts := 0, map[string]int{}
			for _, pr := range out.Results {
				counts[pr.Status]++
				if pr.Status == statusStored {
					stored++
				}
			}
			if after := hs.documents(t); after-before != stored {
				t.Errorf("the store holds %d more documents, the answer says %d were stored", after-before, stored)
			}
			if counts[statusFailed] != 1 || counts[statusSkipped] == 0 || stored == 0 {
				t.Errorf("results %v: want some stored, one failed at the deadline, the rest skipped", counts)
			}
			t.Logf("%v: %s", counts, out.Error.Message)
			return []reply{r}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var rs []reply
			var settle time.Duration
			u := budget.Measure(func() {
				rs = c.run(t)
				settle = hs.idle(t, 10*time.Second)
			})
			slowest := time.Duration(0)
			for _, r := range rs {
				slowest = max(slowest, r.elapsed)
			}
			t.Logf("%d requests, slowest answer %v, work ended %v later, peak heap %d MB",
				len(rs), slowest.Round(time.Millisecond), settle.Round(time.Millisecond), u.PeakHeap>>20)
			if slowest > time.Duration(slack*float64(hostileTime)) {
				t.Errorf("slowest answer %v, want at most %v (x%.1f for load)", slowest, hostileTime, slack)
			}
			if u.PeakHeap > hostileHeap {
				t.Errorf("peak heap %d MB, want at most %d MB", u.PeakHeap>>20, hostileHeap>>20)
			}
		})
	}
}

// TestResponsiveUnderLoad runs ten clients sending searches at the limits
// and six sending 2 MB extractions (the article limit), each in a loop, for a few seconds on a
// loopback port, and checks that GET /v1/stats answers within statsTime
// all the while, every hostile request within hostileTime, and that the
// heap stays under hostileHeap.
func TestResponsiveUnderLoad(t *testing.T) {
	slack := budget.Contention() // measured before the test loads the machine itself
	skipTimed(t)
	hs := newHostileServer(t, hostileStore(t))
	big := jsonArticle(bigText(t, 2_000_000))
	const loadTime = 3 * time.Second

	var (
		mu      sync.Mutex
		slowest time.Duration
		counts  = map[int]int{}
		stats   []time.Duration
	)
	note := func(r reply) {
		mu.Lock()
		defer mu.Unlock()
		slowest = max(slowest, r.elapsed)
		counts[r.status]++
	}
	u := budget.Measure(func() {
		stop := time.Now().Add(loadTime)
		var wg sync.WaitGroup
		for i := range 16 {
			wg.Go(func() {
				for time.Now().Before(stop) {
					if i < 10 {
						note(hs.send(t, "GET", "/v1/search?q="+url.QueryEscape(limitQuery), nil))
					} else {
						note(hs.send(t, "POST", "/v1/extract", bytes.NewReader(big), "Content-Type", "application/json"))
					}
				}
			})
		}
		time.Sleep(100 * time.Millisecond) // the load is on
		for time.Now().Before(stop) {
			r := hs.send(t, "GET", "/v1/stats", nil)
			if r.status != 200 {
				t.Errorf("stats: %d %s", r.status, r.body)
			}
			stats = append(stats, r.elapsed)
			time.Sleep(20 * time.Millisecond)
		}
		wg.Wait()
		hs.idle(t, 10*time.Second)
	})
	slices.Sort(stats)
	p99, worst := stats[len(stats)*99/100], stats[len(stats)-1]
	t.Logf("statuses %v; slowest hostile answer %v; %d stats requests, median %v, 99th percentile %v, slowest %v; peak heap %d MB",
		counts, slowest.Round(time.Millisecond), len(stats), stats[len(stats)/2].Round(10*time.Microsecond),
		p99.Round(10*time.Microsecond), worst.Round(10*time.Microsecond), u.PeakHeap>>20)
	// The 99th percentile, not the slowest: on a machine of two cores
	// that other processes share, one answer in a hundred may wait for
	// the operating system. A starved reader pool, a held lock or work
	// on every CPU makes many answers slow.
	if p99 > time.Duration(slack*float64(statsTime)) {
		t.Errorf("GET /v1/stats took %v (99th percentile) under load, want at most %v (x%.1f for other load)", p99, statsTime, slack)
	}
	if worst > time.Duration(slack*float64(hostileTime)) {
		t.Errorf("GET /v1/stats took %v under load, want at most %v (x%.1f for other load)", worst, hostileTime, slack)
	}
	if len(stats) < 10 {
		t.Errorf("only %d stats requests answered in %v", len(stats), loadTime)
	}
	if slowest > time.Duration(slack*float64(hostileTime)) {
		t.Errorf("a hostile request took %v, want at most %v (x%.1f for other load)", slowest, hostileTime, slack)
	}
	if u.PeakHeap > hostileHeap {
		t.Errorf("peak heap %d MB, want at most %d MB", u.PeakHeap>>20, hostileHeap>>20)
	}
	if counts[429] == 0 {
		t.Errorf("statuses %v: the gates never refused", counts)
	}
}
