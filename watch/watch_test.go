package watch

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const rssType = "application/rss+xml"

func TestConditionalGetAndNewItems(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	s.set("/feed", reply{body: rss(story(2), story(1)), ctype: rssType, etag: `"v1"`, lastMod: "Wed, 01 May 2024 11:00:00 GMT"})
	ing := newMemIngester()
	logs := &logBuffer{}
	w := newTestWatcher(t, []Feed{{URL: s.url("/feed")}}, ing, testOptions(t, clock, logs))
	ctx := context.Background()

	r := w.Poll(ctx, Feed{URL: s.url("/feed")})
	if r.Err != nil || r.Status != 200 || r.Items != 2 || r.New != 2 || r.Ingested != 2 {
		t.Fatalf("first poll: %+v", r)
	}
	if want := clock.Now().Add(15 * time.Minute); !r.Next.Equal(want) {
		t.Errorf("next poll %v, want %v", r.Next, want)
	}
	// Unchanged: the validators are sent back and 304 costs nothing.
	r = w.Poll(ctx, Feed{URL: s.url("/feed")})
	if r.Err != nil || r.Status != http.StatusNotModified || r.New != 0 || r.Ingested != 0 {
		t.Fatalf("second poll: %+v", r)
	}
	reqs := s.requests("/feed")
	if reqs[0].ifNoneMatch != "" || reqs[1].ifNoneMatch != `"v1"` || reqs[1].ifModifiedSince != "Wed, 01 May 2024 11:00:00 GMT" {
		t.Errorf("conditional headers: %+v", reqs)
	}
	// A new item: only it is ingested.
	s.set("/feed", reply{body: rss(story(3), story(2), story(1)), ctype: rssType, etag: `"v2"`})
	r = w.Poll(ctx, Feed{URL: s.url("/feed")})
	if r.Err != nil || r.Status != 200 || r.Items != 3 || r.New != 1 || r.Ingested != 1 {
		t.Fatalf("third poll: %+v", r)
	}
	if got, want := ing.titles(), []string{"Story 2", "Story 1", "Story 3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ingested %q, want %q", got, want)
	}
	if st := w.State(s.url("/feed")); st.ETag != `"v2"` || st.LastModified != "" {
		t.Errorf("validators kept: %q %q", st.ETag, st.LastModified)
	}
	for _, want := range []string{"status=304", "items=3 new=1 ingested=1 duplicates=0 skipped=0", "next=2024-05-01T12:"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	for _, r := range s.requests("") {
		if r.userAgent != "sitrep/test (+https://sitrep.example/bot)" {
			t.Errorf("User-Agent %q", r.userAgent)
		}
	}
}

func TestRestartIngestsNothingTwice(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	// No validators: every poll reads the whole feed.
	s.set("/feed", reply{body: rss(story(1), story(2)), ctype: rssType})
	ing := newMemIngester()
	o := testOptions(t, clock, nil)
	feeds := []Feed{{URL: s.url("/feed")}}
	w := newTestWatcher(t, feeds, ing, o)
	if r := w.PollAll(context.Background()); len(r) != 1 || r[0].Ingested != 2 {
		t.Fatalf("first run: %+v", r)
	}
	// A new watcher over the same state file: nothing is new.
	again := newMemIngester() // a fresh one: only the state keeps items out
	w2 := newTestWatcher(t, feeds, again, o)
	r := w2.PollAll(context.Background())
	if len(r) != 1 || r[0].Err != nil || r[0].New != 0 || len(again.got) != 0 {
		t.Fatalf("after restart: %+v, %d ingested", r, len(again.got))
	}
	// The state file is whole JSON and no temporary file is left.
	data, err := os.ReadFile(o.StatePath)
	if err != nil {
		t.Fatal(err)
	}
	var st State
	if err := json.Unmarshal(data, &st); err != nil || len(st.Feeds[s.url("/feed")].Seen) != 2 {
		t.Fatalf("state: %v\n%s", err, data)
	}
	ents, _ := os.ReadDir(filepath.Dir(o.StatePath))
	if len(ents) != 1 {
		t.Errorf("state directory holds %d files", len(ents))
	}
}

func TestBackoffAndRetryAfter(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	f := Feed{URL: s.url("/feed")}
	s.set("/feed", reply{body: rss(story(1)), ctype: rssType})
	s.enqueue("/feed",
		reply{status: 500, body: "oops"},
		reply{status: 502, body: "bad gateway"},
		reply{status: 500, body: "oops"},
		reply{status: 503, body: "busy", header: map[string]string{"Retry-After": "3600"}},
	)
	w := newTestWatcher(t, []Feed{f}, newMemIngester(), testOptions(t, clock, nil))
	ctx := context.Background()
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, time.Hour, 2 * time.Hour}
	for i, d := range want {
		if i == 4 { // Retry-After as a date
			s.enqueue("/feed", reply{status: 429, body: "slow down",
				header: map[string]string{"Retry-After": clock.Now().Add(2 * time.Hour).Format(http.TimeFormat)}})
		}
		r := w.Poll(ctx, f)
		var he *HTTPError
		if !errors.As(r.Err, &he) || !strings.Contains(r.Err.Error(), f.URL) {
			t.Fatalf("poll %d: error %v", i, r.Err)
		}
		if got := r.Next.Sub(clock.Now()); got != d {
			t.Errorf("poll %d (%d): back-off %v, want %v", i, he.Status, got, d)
		}
		if st := w.State(f.URL); st.Failures != i+1 || st.LastError == "" {
			t.Errorf("poll %d: failures %d", i, st.Failures)
		}
		clock.advance(r.Next.Sub(clock.Now()))
	}
	r := w.Poll(ctx, f)
	if r.Err != nil || r.Ingested != 1 {
		t.Fatalf("after the errors: %+v", r)
	}
	if st := w.State(f.URL); st.Failures != 0 || st.LastError != "" || !r.Next.Equal(clock.Now().Add(15*time.Minute)) {
		t.Errorf("after recovery: failures %d, next %v", st.Failures, r.Next)
	}
}

func TestBackoffCap(t *testing.T) {
	clock := newFakeClock()
	o := testOptions(t, clock, nil)
	o.MaxBackoff = 10 * time.Minute
	w := newTestWatcher(t, nil, newMemIngester(), o)
	if got := w.backoff(30, errors.New("x"), clock.Now()); got != 10*time.Minute {
		t.Errorf("back-off after 30 failures %v", got)
	}
	// A Retry-After beyond MaxRetryAfter is capped.
	if got := w.backoff(1, &HTTPError{Status: 503, RetryAfter: 1000 * time.Hour}, clock.Now()); got != 24*time.Hour {
		t.Errorf("back-off for a long Retry-After %v", got)
	}
}

func TestTimeoutBacksOff(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	release := make(chan struct{})
	s.onReq = func(string) { <-release }
	defer close(release)
	o := testOptions(t, clock, nil)
	o.Timeout = 50 * time.Millisecond
	f := Feed{URL: s.url("/slow")}
	w := newTestWatcher(t, []Feed{f}, newMemIngester(), o)
	r := w.Poll(context.Background(), f)
	if r.Err == nil || !strings.Contains(r.Err.Error(), f.URL) || r.Next.Sub(clock.Now()) != time.Minute {
		t.Fatalf("timeout: %+v", r)
	}
}

func TestPolitenessPerHost(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	for _, p := range []string{"/a", "/b", "/c"} {
		s.set(p, reply{body: rss(story(len(p))), ctype: rssType})
	}
	o := testOptions(t, clock, nil)
	o.HostDelay = 5 * time.Second
	feeds := []Feed{{URL: s.url("/a")}, {URL: s.url("/b")}, {URL: s.url("/c")}}
	w := newTestWatcher(t, feeds, newMemIngester(), o)
	w.PollAll(context.Background())
	reqs := s.requests("")
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].at.Sub(reqs[i-1].at); gap < 5*time.Second {
			t.Errorf("request %d came %v after the one before", i, gap)
		}
	}
	if s.overlap {
		t.Error("two requests to one host at once")
	}
}

func TestMalformedFeedDoesNotStopOthers(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	s.set("/bad", reply{body: "<rss><channel><item><title>cut off", ctype: rssType})
	s.set("/good", reply{body: rss(story(1)), ctype: rssType})
	logs := &logBuffer{}
	ing := newMemIngester()
	feeds := []Feed{{URL: s.url("/bad")}, {URL: s.url("/good")}}
	w := newTestWatcher(t, feeds, ing, testOptions(t, clock, logs))
	rs := w.PollAll(context.Background())
	if len(rs) != 2 || rs[0].Err == nil || rs[1].Err != nil || rs[1].Ingested != 1 {
		t.Fatalf("results: %+v", rs)
	}
	polled := s.requests("/bad")[0].at
	if !strings.Contains(rs[0].Err.Error(), s.url("/bad")) || rs[0].Next.Sub(polled) != time.Minute {
		t.Errorf("malformed feed: %v, next in %v", rs[0].Err, rs[0].Next.Sub(polled))
	}
	if !strings.Contains(logs.String(), "poll failed") {
		t.Errorf("failure not logged:\n%s", logs)
	}
	// Fixed, it is read on the next try.
	s.set("/bad", reply{body: rss(story(2)), ctype: rssType})
	clock.advance(time.Minute)
	if r := w.Poll(context.Background(), feeds[0]); r.Err != nil || r.Ingested != 1 {
		t.Errorf("retry: %+v", r)
	}
}

func TestSitemapPages(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	sitemap := func(paths ...string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
		for i, p := range paths {
			b.WriteString("<url><loc>" + s.url(p) + "</loc><news:news><news:publication>" +
				"<news:name>Wire</news:name><news:language>en</news:language></news:publication>" +
				"<news:publication_date>2024-05-0" + string(rune('1'+i)) + "T08:00:00Z</news:publication_date>" +
				"<news:title>Title of " + p + "</news:title></news:news></url>")
		}
		b.WriteString("</urlset>")
		return b.String()
	}
	s.set("/sitemap.xml", reply{body: sitemap("/p1", "/p2"), ctype: "application/xml"})
	s.set("/p1", reply{body: page("First page"), ctype: "text/html"})
	s.set("/p2", reply{body: page("Second page"), ctype: "text/html"})
	s.set("/p3", reply{body: page("Third page"), ctype: "text/html"})
	ing := newMemIngester()
	f := Feed{URL: s.url("/sitemap.xml")}
	w := newTestWatcher(t, []Feed{f}, ing, testOptions(t, clock, nil))
	r := w.Poll(context.Background(), f)
	if r.Err != nil || r.Kind != "sitemap" || r.Items != 2 || r.Ingested != 2 {
		t.Fatalf("first poll: %+v", r)
	}
	// Newest first.
	if got := ing.titles(); len(got) != 2 || !strings.Contains(got[0], "Second") {
		t.Errorf("ingested %q", got)
	}
	s.set("/sitemap.xml", reply{body: sitemap("/p1", "/p2", "/p3"), ctype: "application/xml"})
	r = w.Poll(context.Background(), f)
	if r.Err != nil || r.New != 1 || r.Ingested != 1 {
		t.Fatalf("second poll: %+v", r)
	}
	if n := len(s.requests("/p1")) + len(s.requests("/p2")); n != 2 {
		t.Errorf("old pages fetched again: %d requests", n)
	}
	if a := ing.got[2]; a.URL != s.url("/p3") || a.Published == "" {
		t.Errorf("page article %+v", a)
	}
}

func TestSitemapIndex(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	index := func(lastmod string) string {
		return `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
			`<sitemap><loc>` + s.url("/news-1.xml") + `</loc><lastmod>` + lastmod + `</lastmod></sitemap>` +
			`<sitemap><loc>` + s.url("/news-2.xml") + `</loc><lastmod>2024-04-01</lastmod></sitemap></sitemapindex>`
	}
	urlset := func(p string) string {
		return `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>` + s.url(p) + `</loc></url></urlset>`
	}
	s.set("/index.xml", reply{body: index("2024-05-01"), ctype: "application/xml"})
	s.set("/news-1.xml", reply{body: urlset("/a"), ctype: "application/xml", etag: `"n1"`})
	s.set("/news-2.xml", reply{body: urlset("/b"), ctype: "application/xml"})
	s.set("/a", reply{body: page("Page A"), ctype: "text/html"})
	s.set("/b", reply{body: page("Page B"), ctype: "text/html"})
	s.set("/c", reply{body: page("Page C"), ctype: "text/html"})
	ing := newMemIngester()
	f := Feed{URL: s.url("/index.xml")}
	w := newTestWatcher(t, []Feed{f}, ing, testOptions(t, clock, nil))
	r := w.Poll(context.Background(), f)
	if r.Err != nil || r.Kind != "sitemap index" || r.Ingested != 2 {
		t.Fatalf("first poll: %+v", r)
	}
	// Unchanged lastmods: no child is fetched again.
	r = w.Poll(context.Background(), f)
	if r.Err != nil || r.New != 0 || len(s.requests("/news-1.xml")) != 1 || len(s.requests("/news-2.xml")) != 1 {
		t.Fatalf("second poll: %+v", r)
	}
	// A child changed: only it is fetched, conditionally.
	s.set("/index.xml", reply{body: index("2024-05-02"), ctype: "application/xml"})
	s.set("/news-1.xml", reply{body: urlset("/c"), ctype: "application/xml", etag: `"n2"`})
	r = w.Poll(context.Background(), f)
	if r.Err != nil || r.Ingested != 1 || len(s.requests("/news-2.xml")) != 1 {
		t.Fatalf("third poll: %+v", r)
	}
	if reqs := s.requests("/news-1.xml"); reqs[1].ifNoneMatch != `"n1"` {
		t.Errorf("child sitemap not fetched conditionally: %+v", reqs)
	}
}

func TestPageBudgetAndHostPause(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	var b strings.Builder
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, p := range []string{"/p1", "/p2", "/p3", "/p4", "/p5"} {
		b.WriteString("<url><loc>" + s.url(p) + "</loc></url>")
		s.set(p, reply{body: page("Page " + p), ctype: "text/html"})
	}
	b.WriteString("</urlset>")
	s.set("/sitemap.xml", reply{body: b.String(), ctype: "application/xml", etag: `"s1"`})
	o := testOptions(t, clock, nil)
	o.MaxPages = 2
	ing := newMemIngester()
	f := Feed{URL: s.url("/sitemap.xml")}
	w := newTestWatcher(t, []Feed{f}, ing, o)
	r := w.Poll(context.Background(), f)
	if r.Ingested != 2 || r.Deferred != 3 {
		t.Fatalf("first poll: %+v", r)
	}
	// Items left: the validators are not sent back, so the next poll reads
	// the sitemap again.
	if st := w.State(f.URL); st.ETag != "" {
		t.Errorf("etag %q kept with items pending", st.ETag)
	}
	// The host says 503 with Retry-After on the next page: the others
	// wait without a request.
	s.enqueue("/p3", reply{status: 503, header: map[string]string{"Retry-After": "600"}})
	r = w.Poll(context.Background(), f)
	if r.Ingested != 0 || r.Failed != 1 || r.Deferred != 2 || len(s.requests("/p4")) != 0 {
		t.Fatalf("second poll: %+v", r)
	}
	// The feed itself waits too, without a request.
	n := len(s.requests(""))
	r = w.Poll(context.Background(), f)
	var pe *PausedError
	if !errors.As(r.Err, &pe) || len(s.requests("")) != n || r.Next.Sub(clock.Now()) < 9*time.Minute {
		t.Fatalf("poll of a paused host: %+v", r)
	}
	clock.advance(15 * time.Minute)
	r = w.Poll(context.Background(), f)
	if r.Ingested != 2 || r.Deferred != 1 {
		t.Fatalf("third poll: %+v", r)
	}
	r = w.Poll(context.Background(), f)
	if r.Ingested != 1 || r.Deferred != 0 || r.New != 1 {
		t.Fatalf("fourth poll: %+v", r)
	}
	if st := w.State(f.URL); st.ETag != `"s1"` {
		t.Errorf("etag %q not kept once all was read", st.ETag)
	}
}

func TestFailedItemRetriedThenGivenUp(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	s.set("/feed", reply{body: rss(story(1)), ctype: rssType, etag: `"x"`})
	ing := newMemIngester()
	ing.fail = 1
	f := Feed{URL: s.url("/feed")}
	w := newTestWatcher(t, []Feed{f}, ing, testOptions(t, clock, nil))
	if r := w.Poll(context.Background(), f); r.Failed != 1 || r.Err != nil {
		t.Fatalf("first poll: %+v", r)
	}
	if r := w.Poll(context.Background(), f); r.Status != 200 || r.Ingested != 1 {
		t.Fatalf("retry: %+v", r)
	}
	ing.fail = 5
	s.set("/feed", reply{body: rss(story(2)), ctype: rssType, etag: `"y"`})
	for i := range 3 {
		if r := w.Poll(context.Background(), f); r.Failed != 1 {
			t.Fatalf("try %d: %+v", i, r)
		}
	}
	if r := w.Poll(context.Background(), f); r.New != 0 || r.Status != 304 {
		t.Fatalf("after giving up: %+v", r)
	}
}

func TestFetchPages(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	s.set("/feed", reply{body: rss(
		rssItem{guid: "a", title: "Summary only", link: s.url("/a"), text: "A short summary of the story about the protest."},
		rssItem{guid: "b", title: "Title only", link: s.url("/b")},
		rssItem{guid: "c", title: "Missing page", link: s.url("/gone"), text: "The feed's own text about the talks."},
	), ctype: rssType})
	s.set("/a", reply{body: page("Full story A"), ctype: "text/html"})
	s.set("/b", reply{body: page("Full story B"), ctype: "text/html"})
	o := testOptions(t, clock, nil)
	o.FetchPages = true
	ing := newMemIngester()
	f := Feed{URL: s.url("/feed")}
	w := newTestWatcher(t, []Feed{f}, ing, o)
	r := w.Poll(context.Background(), f)
	if r.Err != nil || r.Items != 3 || r.Ingested != 3 || r.Unreadable != 0 {
		t.Fatalf("poll: %+v", r)
	}
	byID := map[string]string{}
	for _, a := range ing.got {
		byID[a.ID] = a.Text
	}
	if !strings.Contains(byID["a"], "Paragraph 4 of Full story A") || !strings.Contains(byID["b"], "Full story B") ||
		!strings.Contains(byID["c"], "feed's own text") {
		t.Errorf("texts: %q", byID)
	}
}

func TestGzipAndBomb(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	gz := func(data []byte) string {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(data)
		zw.Close()
		return b.String()
	}
	s.set("/feed", reply{body: gz([]byte(rss(story(1)))), ctype: rssType, header: map[string]string{"Content-Encoding": "gzip"}})
	s.set("/bomb", reply{body: gz(bytes.Repeat([]byte(" "), 8<<20)), ctype: rssType, header: map[string]string{"Content-Encoding": "gzip"}})
	ing := newMemIngester()
	feeds := []Feed{{URL: s.url("/feed")}, {URL: s.url("/bomb")}}
	w := newTestWatcher(t, feeds, ing, testOptions(t, clock, nil))
	rs := w.PollAll(context.Background())
	if rs[0].Err != nil || rs[0].Ingested != 1 {
		t.Errorf("gzipped feed: %+v", rs[0])
	}
	if rs[1].Err == nil || !strings.Contains(rs[1].Err.Error(), "decompression bomb") {
		t.Errorf("bomb: %+v", rs[1])
	}
}

func TestStateBounded(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	o := testOptions(t, clock, nil)
	o.SeenMax = 4
	f := Feed{URL: s.url("/feed")}
	w := newTestWatcher(t, []Feed{f}, newMemIngester(), o)
	for i := 1; i <= 6; i++ {
		s.set("/feed", reply{body: rss(story(i), story(i+10)), ctype: rssType})
		w.Poll(context.Background(), f)
		clock.advance(time.Hour)
	}
	st := w.State(f.URL)
	if len(st.Seen) != 4 || st.Seen["id:story-6"] == nil || st.Seen["id:story-16"] == nil {
		t.Fatalf("seen set: %v", keys(st.Seen))
	}
	// After the age limit, only what is still in the feed is kept.
	clock.advance(31 * 24 * time.Hour)
	w.Poll(context.Background(), f)
	if st := w.State(f.URL); len(st.Seen) != 2 {
		t.Fatalf("after a month: %v", keys(st.Seen))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestRunPollsOnSchedule(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	s.set("/feed", reply{body: rss(story(1)), ctype: rssType, etag: `"e"`})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	s.onReq = func(string) {
		n++
		if n == 4 {
			cancel()
		}
	}
	o := testOptions(t, clock, nil)
	f := Feed{URL: s.url("/feed"), Interval: 5 * time.Minute}
	ing := newMemIngester()
	w := newTestWatcher(t, []Feed{f}, ing, o)
	start := clock.Now()
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := s.requests("/feed")
	if len(reqs) < 4 || len(ing.got) != 1 {
		t.Fatalf("%d requests, %d ingested", len(reqs), len(ing.got))
	}
	for i, r := range reqs[:4] {
		if want := start.Add(time.Duration(i) * 5 * time.Minute); !r.at.Equal(want) {
			t.Errorf("poll %d at %v, want %v", i, r.at, want)
		}
	}
	// Restarted, the schedule carries on from the state.
	w2 := newTestWatcher(t, []Feed{f}, ing, o)
	if _, due := w2.nextDue(w2.feeds); due.Before(reqs[3].at) {
		t.Errorf("due %v after restart, before the last poll at %v", due, reqs[3].at)
	}
}

func TestLoadStateErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)
	if _, err := LoadState(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("corrupt state: %v", err)
	}
	st, err := LoadState(filepath.Join(dir, "missing.json"))
	if err != nil || len(st.Feeds) != 0 {
		t.Errorf("missing state: %v", err)
	}
	if _, err := New([]Feed{{URL: "ftp://x"}}, newMemIngester(), Options{StatePath: bad}); err == nil {
		t.Error("ftp feed accepted")
	}
}

func TestRetryAfterValues(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"120":                           2 * time.Minute,
		"-5":                            0,
		"soon":                          0,
		"Wed, 01 May 2024 13:00:00 GMT": time.Hour,
		"Wed, 01 May 2024 11:00:00 GMT": 0,
	} {
		if got := retryAfter(v, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestRedirectOnSameHost(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	s.set("/old", reply{status: http.StatusMovedPermanently, header: map[string]string{"Location": "/feed"}})
	s.set("/feed", reply{body: rss(story(1)), ctype: rssType})
	f := Feed{URL: s.url("/old")}
	w := newTestWatcher(t, []Feed{f}, newMemIngester(), testOptions(t, clock, nil))
	done := make(chan Result)
	go func() { done <- w.Poll(context.Background(), f) }()
	select {
	case r := <-done:
		if r.Err != nil || r.Ingested != 1 {
			t.Fatalf("poll: %+v", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a redirect to the same host deadlocks")
	}
}

func TestStateSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	st := newState()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	st.feed("https://a.example/rss").see("id:1", now, true)
	st.Feeds["https://a.example/rss"].ETag = `"e"`
	if err := st.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadState(path)
	if err != nil || !reflect.DeepEqual(got, st) {
		t.Fatalf("loaded %+v, %v", got, err)
	}
	if err := st.Save(filepath.Join(path, "no", "dir")); err == nil {
		t.Error("saved into a file")
	}
}
