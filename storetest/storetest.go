package storetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"testing"

	"sitrep"
)

// Run runs the conformance suite on a Store implementation. open must return
// a fresh, empty store for each call; Run closes it (its Close must then
// succeed). Each check runs as a subtest.
func Run(t *testing.T, open func(t *testing.T) sitrep.Store) {
	f := loadFixture(t)
	fresh := func(t *testing.T) sitrep.Store {
		t.Helper()
		st := open(t)
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return st
	}
	t.Run("PutGet", func(t *testing.T) { testPutGet(t, fresh(t), f) })
	t.Run("Duplicate", func(t *testing.T) { testDuplicate(t, fresh(t), f) })
	t.Run("NearDuplicate", func(t *testing.T) { testNearDuplicate(t, fresh(t), f) })
	t.Run("Search", func(t *testing.T) { testSearch(t, fresh(t), f) })
	t.Run("SearchRanking", func(t *testing.T) { testRanking(t, fresh(t)) })
	t.Run("Events", func(t *testing.T) { testEvents(t, fresh(t), f) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, fresh(t), f) })
}

func jsonOf(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func putAll(t *testing.T, st sitrep.Store, m *model, docs ...*sitrep.Document) []sitrep.PutResult {
	t.Helper()
	var out []sitrep.PutResult
	for _, d := range docs {
		wantNew := m.newHaps(d)
		res, err := st.Put(t.Context(), clone(t, d))
		if err != nil {
			t.Fatalf("Put %s: %v", d.ID, err)
		}
		if !res.Added || res.ID != d.ID {
			t.Errorf("Put %s = %+v, want Added and ID %s", d.ID, res, d.ID)
		}
		if res.Events != len(d.Events) || res.NewHaps != wantNew {
			t.Errorf("Put %s: Events %d NewHaps %d, want %d %d", d.ID, res.Events, res.NewHaps, len(d.Events), wantNew)
		}
		m.put(d)
		out = append(out, res)
	}
	return out
}

func checkStats(t *testing.T, st sitrep.Store, m *model, stories int) {
	t.Helper()
	s, err := st.Stats(t.Context())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	want := sitrep.StoreStats{Documents: m.docs, Stories: stories, Events: m.nevents, Happenings: len(m.haps)}
	if s != want {
		t.Errorf("Stats = %+v, want %+v", s, want)
	}
}

func checkGet(t *testing.T, st sitrep.Store, key string, want *sitrep.Document) {
	t.Helper()
	got, err := st.Get(t.Context(), key)
	if err != nil {
		t.Errorf("Get %q: %v", key, err)
		return
	}
	if !got.RuneOffsets {
		t.Errorf("Get %q: RuneOffsets false", key)
	}
	if g, w := jsonOf(t, got), jsonOf(t, want); !bytes.Equal(g, w) {
		t.Errorf("Get %q: document differs from the one Put:\n got %.300s\nwant %.300s", key, g, w)
	}
}

func testPutGet(t *testing.T, st sitrep.Store, f *fixture) {
	ctx := t.Context()
	m := newModel()
	docs := f.copies(t)
	res := putAll(t, st, m, docs...)
	for i, d := range docs {
		if res[i].Story != d.ID {
			t.Errorf("Put %s: Story %q, want its own id (no near-duplicate stored)", d.ID, res[i].Story)
		}
		checkGet(t, st, d.ID, d)
		hash := sitrep.TextID(d.Text)
		checkGet(t, st, hash, d)
		if ok, err := st.Has(ctx, hash); err != nil || !ok {
			t.Errorf("Has(%s) = %v, %v; want true", hash, ok, err)
		}
	}
	if ok, err := st.Has(ctx, sitrep.TextID("never stored")); err != nil || ok {
		t.Errorf("Has(unknown) = %v, %v; want false, nil", ok, err)
	}
	for _, id := range []string{"", "no-such-doc", sitrep.TextID("never stored"), "'; DROP TABLE documents; --"} {
		if _, err := st.Get(ctx, id); !errors.Is(err, sitrep.ErrNotFound) {
			t.Errorf("Get(%q) error = %v, want ErrNotFound", id, err)
		}
	}
	if _, err := st.Put(ctx, nil); err == nil {
		t.Error("Put(nil) succeeded")
	}
	checkStats(t, st, m, len(docs))
}

func testDuplicate(t *testing.T, st sitrep.Store, f *fixture) {
	ctx := t.Context()
	m := newModel()
	docs := f.copies(t)
	first := putAll(t, st, m, docs...)
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		// The same document again, and the same text under another id,
		// URL and outlet: nothing is stored.
		again := clone(t, d)
		other := clone(t, d)
		other.ID, other.URL, other.Outlet, other.Title = d.ID+"-again", "https://elsewhere.example/"+d.ID, "Elsewhere", "Another title"
		for _, dd := range []*sitrep.Document{again, other} {
			res, err := st.Put(ctx, dd)
			if err != nil {
				t.Fatalf("Put again %s: %v", dd.ID, err)
			}
			want := sitrep.PutResult{ID: d.ID, Added: false, Story: first[i].Story}
			if res != want {
				t.Errorf("Put again %s = %+v, want %+v", dd.ID, res, want)
			}
		}
		if _, err := st.Get(ctx, other.ID); !errors.Is(err, sitrep.ErrNotFound) {
			t.Errorf("Get(%s) of a duplicate never stored: err %v, want ErrNotFound", other.ID, err)
		}
		checkGet(t, st, d.ID, d)
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("Stats after duplicates = %+v, want unchanged %+v", after, before)
	}
	checkHappenings(t, st, m)
}

// checkHappenings compares every stored happening with the model.
func checkHappenings(t *testing.T, st sitrep.Store, m *model) {
	t.Helper()
	got, err := st.Events(t.Context(), sitrep.EventFilter{Limit: 100000})
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	want := m.events(sitrep.EventFilter{Limit: 100000})
	if g, w := jsonOf(t, got), jsonOf(t, want); !bytes.Equal(g, w) {
		t.Errorf("Events: %d happenings, want %d", len(got), len(want))
		diffRecords(t, got, want)
	}
}

func diffRecords(t *testing.T, got, want []sitrep.EventRecord) {
	t.Helper()
	n := 0
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w []byte
		if i < len(got) {
			g = jsonOf(t, got[i])
		}
		if i < len(want) {
			w = jsonOf(t, want[i])
		}
		if !bytes.Equal(g, w) {
			t.Errorf("  record %d:\n   got %s\n  want %s", i, g, w)
			if n++; n == 5 {
				return
			}
		}
	}
}

func testNearDuplicate(t *testing.T, st sitrep.Store, f *fixture) {
	m := newModel()
	docs := f.copies(t)
	putAll(t, st, m, docs...)
	near := clone(t, f.near)
	res := putAll(t, st, m, near)[0]
	if res.Story != f.base.ID {
		t.Errorf("near-duplicate joined story %q, want %q (the story of %s)", res.Story, f.base.ID, f.base.ID)
	}
	checkStats(t, st, m, len(docs))
	got, err := st.Get(t.Context(), near.ID)
	if err != nil {
		t.Fatalf("Get near-duplicate: %v", err)
	}
	if !bytes.Equal(jsonOf(t, got), jsonOf(t, near)) {
		t.Error("near-duplicate does not round-trip")
	}
	// Its events fold into the original's happenings.
	shared := 0
	for _, id := range m.order {
		x := m.haps[id]
		if x.docs[f.base.ID] && x.docs[near.ID] {
			shared++
			if x.rec.Articles != 2 || x.rec.Sources != 2 {
				t.Fatalf("model: happening %s Articles %d Sources %d", id, x.rec.Articles, x.rec.Sources)
			}
		}
	}
	if shared == 0 {
		t.Fatalf("fixture: the near-duplicate of %s shares no happening with it", f.base.ID)
	}
	recs, err := st.Events(t.Context(), sitrep.EventFilter{Doc: near.ID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	two := 0
	for _, r := range recs {
		if r.Articles == 2 {
			two++
			if r.Sources != 2 || r.Doc != f.base.ID || r.Mentions < 2 {
				t.Errorf("happening %s reported by both: Sources %d Doc %s Mentions %d, want 2, %s, >=2", r.ID, r.Sources, r.Doc, r.Mentions, f.base.ID)
			}
		}
	}
	if two != shared {
		t.Errorf("%d happenings reported by both articles, want %d", two, shared)
	}
	checkHappenings(t, st, m)
	t.Logf("near-duplicate: its %d events fold into %d happenings of %s", len(near.Events), shared, f.base.ID)

	// The same text from the same outlet under another URL adds no source.
	third := clone(t, f.near)
	third.Text += "\n\nThis story has been corrected."
	third.ID, third.URL = near.ID+"-2", near.URL+"?corrected"
	putAll(t, st, m, third)
	checkHappenings(t, st, m)
	checkStats(t, st, m, len(docs))
}

func testSearch(t *testing.T, st sitrep.Store, f *fixture) {
	ctx := t.Context()
	m := newModel()
	docs := f.copies(t)
	res := putAll(t, st, m, docs...)
	byID := map[string]int{}
	for i, d := range docs {
		byID[d.ID] = i
	}
	// Queries made of words of one document's own text find it first.
	for i, d := range docs {
		q := distinctive(d, docs)
		if q == "" {
			continue
		}
		hits, err := st.Search(ctx, sitrep.SearchQuery{Query: q})
		if err != nil {
			t.Errorf("Search(%q): %v", q, err)
			continue
		}
		if len(hits) == 0 || hits[0].ID != d.ID {
			t.Errorf("Search(%q): %d hits, first %v; want %s first", q, len(hits), firstID(hits), d.ID)
			continue
		}
		h := hits[0]
		want := sitrep.SearchHit{ID: d.ID, Title: d.Title, URL: d.URL, Outlet: d.Outlet, Published: d.Published, Story: res[i].Story}
		h.Snippet, h.Score = "", 0
		if h != want {
			t.Errorf("Search(%q) hit = %+v, want %+v", q, h, want)
		}
		if sn := strings.ToLower(hits[0].Snippet); !strings.Contains(sn, strings.Fields(q)[0]) && !strings.Contains(sn, strings.Fields(q)[1]) {
			t.Errorf("Search(%q): snippet %q lacks the term", q, hits[0].Snippet)
		}
	}
	// Phrases, AND, OR.
	mosque, quake := -1, -1
	for i, d := range docs {
		switch {
		case strings.Contains(d.Text, "suicide bomber"):
			mosque = i
		case strings.Contains(d.Text, "magnitude 6.8 earthquake"):
			quake = i
		}
	}
	if mosque >= 0 && quake >= 0 {
		for _, c := range []struct {
			q    string
			want []int
		}{
			{`"suicide bomber"`, []int{mosque}},
			{`suicide bomber`, []int{mosque}},
			{`"bomber suicide"`, nil},
			{`bomber OR earthquake`, []int{mosque, quake}},
			{`Bomber   OR   EARTHQUAKE`, []int{mosque, quake}},
			{`bomber earthquake`, nil},
			{`"magnitude 6.8 earthquake`, []int{quake}},
		} {
			hits, err := st.Search(ctx, sitrep.SearchQuery{Query: c.q})
			if err != nil {
				t.Errorf("Search(%q): %v", c.q, err)
				continue
			}
			var got, want []string
			for _, h := range hits {
				got = append(got, h.ID)
			}
			for _, i := range c.want {
				want = append(want, docs[i].ID)
			}
			sort.Strings(got)
			sort.Strings(want)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("Search(%q) = %v, want %v", c.q, got, want)
			}
		}
	}
	// User input never breaks the query.
	for _, q := range []string{``, ` `, `"`, `""`, `drone "Najaf`, `AND OR`, `OR`, `NOT`, `AND`, `NEAR(a b)`, `*`, `a*`,
		`(`, `)`, `title:iraq`, `-iraq`, `^iraq`, `iraq'`, `'`, `{}`, `[x]`, `a:b:c`, `😀`, `\`, `%`, `_`, `;`, `--`, `"a" OR`, `OR "a"`,
		"\x00", "bomber\x00", "a\x00b", "\xff\xfe", "bomb\xffer", "\t\n"} {
		hits, err := st.Search(ctx, sitrep.SearchQuery{Query: q})
		if err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
		if strings.TrimSpace(q) == "" && len(hits) != 0 {
			t.Errorf("Search(%q): %d hits, want none", q, len(hits))
		}
	}
	// Limit and Offset page through the hits, best first.
	all, err := st.Search(ctx, sitrep.SearchQuery{Query: "said", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("Search(said): %d hits, want at least 3", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Score > all[i-1].Score {
			t.Errorf("Search(said): hit %d scores %g above hit %d (%g)", i, all[i].Score, i-1, all[i-1].Score)
		}
	}
	for _, h := range all {
		if h.Snippet == "" {
			t.Errorf("Search(said): hit %s has no snippet", h.ID)
		}
	}
	page, err := st.Search(ctx, sitrep.SearchQuery{Query: "said", Limit: 2, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || page[0].ID != all[1].ID || page[1].ID != all[2].ID {
		t.Errorf("Search(said, Limit 2, Offset 1) = %v, want %v", ids(page), ids(all[1:3]))
	}
	if none, err := st.Search(ctx, sitrep.SearchQuery{Query: "zqxjkvw"}); err != nil || len(none) != 0 {
		t.Errorf("Search(zqxjkvw) = %d hits, %v; want none", len(none), err)
	}
	if def, err := st.Search(ctx, sitrep.SearchQuery{Query: "said OR the OR a"}); err != nil || len(def) > 20 {
		t.Errorf("Search default limit: %d hits, %v; want at most 20", len(def), err)
	}
}

func ids(hits []sitrep.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func firstID(hits []sitrep.SearchHit) string {
	if len(hits) == 0 {
		return "none"
	}
	return hits[0].ID
}

// distinctive returns two words of d's text that no other document has, or
// "".
func distinctive(d *sitrep.Document, docs []*sitrep.Document) string {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !(r >= 'a' && r <= 'z')
		})
	}
	others := map[string]bool{}
	for _, o := range docs {
		if o != d {
			for _, w := range words(o.Text + " " + o.Title) {
				others[w] = true
			}
		}
	}
	var pick []string
	seen := map[string]bool{}
	for _, w := range words(d.Text) {
		if len(w) >= 6 && !others[w] && !seen[w] {
			seen[w] = true
			pick = append(pick, w)
			if len(pick) == 2 {
				return strings.Join(pick, " ")
			}
		}
	}
	return ""
}

func testRanking(t *testing.T, st sitrep.Store) {
	ctx := t.Context()
	texts := []string{
		"Zebras crossed the river. A zebra herd, the largest zebra herd seen in years, grazed by the zebra reserve.",
		strings.Repeat("The committee met again and discussed the budget at length. ", 20) + "One zebra was seen near the road.",
		strings.Repeat("Farmers in the valley harvested wheat early because of the drought. ", 20),
	}
	var docs []*sitrep.Document
	for i, s := range texts {
		d := sitrep.NewDocument(s)
		d.Title = fmt.Sprintf("Report %d", i)
		d.Sentences = []sitrep.Span{{Start: 0, End: len([]rune(s))}}
		d.RuneOffsets = true
		docs = append(docs, d)
	}
	m := newModel()
	putAll(t, st, m, docs...)
	hits, err := st.Search(ctx, sitrep.SearchQuery{Query: "zebra"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].ID != docs[0].ID || hits[1].ID != docs[1].ID {
		t.Errorf("Search(zebra) = %v, want [%s %s]", ids(hits), docs[0].ID, docs[1].ID)
	}
	hits, err = st.Search(ctx, sitrep.SearchQuery{Query: "report"})
	if err != nil || len(hits) != 3 {
		t.Errorf("Search(report) finds titles: %d hits, %v; want 3", len(hits), err)
	}
	checkStats(t, st, m, 3)
}

func testEvents(t *testing.T, st sitrep.Store, f *fixture) {
	ctx := t.Context()
	m := newModel()
	docs := f.copies(t)
	putAll(t, st, m, docs...)
	putAll(t, st, m, clone(t, f.near))
	checkHappenings(t, st, m)
	if len(m.haps) < 5 {
		t.Fatalf("fixture: only %d happenings", len(m.haps))
	}
	// Filters drawn from the data, each compared with the model.
	var filters []sitrep.EventFilter
	add := func(fl sitrep.EventFilter) { filters = append(filters, fl) }
	seen := map[string]bool{}
	for _, id := range m.order {
		r := m.haps[id].rec
		for _, fl := range []sitrep.EventFilter{
			{Actor: r.SourceCode}, {Actor: prefix(r.SourceCode, 3)}, {Actor: strings.ToLower(prefix(r.TargetCode, 3))},
			{Actor: r.Source}, {Actor: strings.ToUpper(r.Target)},
			{Root: r.Root}, {CAMEO: r.CAMEO}, {CAMEO: prefix(r.CAMEO, 2)},
			{From: prefix(r.Date, 10)}, {To: prefix(r.Date, 10)}, {From: prefix(r.Date, 10), To: prefix(r.Date, 10)},
			{Place: r.Place}, {Place: strings.ToLower(r.Admin1)}, {Place: r.Country}, {Place: strings.ToLower(r.Country)},
			{Modality: r.Modality}, {Doc: r.Doc},
			{Root: r.Root, Place: r.Country}, {Actor: r.SourceCode, From: "2000-01-01", To: "2100-01-01"},
		} {
			key := fmt.Sprintf("%+v", fl)
			if fl != (sitrep.EventFilter{}) && !seen[key] {
				seen[key] = true
				add(fl)
			}
		}
	}
	add(sitrep.EventFilter{Doc: f.near.ID})
	add(sitrep.EventFilter{Doc: "no-such-doc"})
	add(sitrep.EventFilter{Actor: "zzz-nobody"})
	add(sitrep.EventFilter{From: "2100-01-01"})
	add(sitrep.EventFilter{From: "2023-01-01", To: "2020-01-01"})
	add(sitrep.EventFilter{Place: "Atlantis"})
	add(sitrep.EventFilter{Modality: sitrep.Negated})
	add(sitrep.EventFilter{Actor: "'; DROP TABLE happenings; --", Place: "%", CAMEO: "_"})
	add(sitrep.EventFilter{Actor: "a\x00b", Place: "\xff", Doc: "\x00"})
	add(sitrep.EventFilter{})
	for _, n := range []int{1, 2, 3, 7} {
		for _, off := range []int{0, 1, 5, 1000} {
			add(sitrep.EventFilter{Limit: n, Offset: off})
		}
	}
	for _, fl := range filters {
		got, err := st.Events(ctx, fl)
		if err != nil {
			t.Errorf("Events(%+v): %v", fl, err)
			continue
		}
		want := m.events(fl)
		if g, w := jsonOf(t, got), jsonOf(t, want); !bytes.Equal(g, w) {
			t.Errorf("Events(%+v): %v, want %v", fl, recIDs(got), recIDs(want))
		}
	}
	t.Logf("%d filters checked over %d happenings", len(filters), len(m.haps))
}

func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func recIDs(rs []sitrep.EventRecord) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

var workerNotes = [...]string{
	"Heavy rain closed the harbour road on Monday.",
	"The council approved a new bus line to the airport.",
	"A fire destroyed two warehouses near the old market.",
	"Teachers in the northern district returned to work after a strike.",
	"The central bank left interest rates unchanged.",
	"Fishermen reported an unusually large catch of sardines.",
	"A museum reopened after five years of restoration work.",
	"Wildfire smoke delayed flights out of the capital.",
}

func testConcurrent(t *testing.T, st sitrep.Store, f *fixture) {
	ctx := t.Context()
	docs := f.copies(t)
	const workers = len(workerNotes)
	extra := make([]*sitrep.Document, workers)
	for w := range extra {
		d := sitrep.NewDocument(workerNotes[w])
		d.RuneOffsets = true
		extra[w] = d
	}
	var (
		mu    sync.Mutex
		added = map[string]int{}
		wg    sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			mine := append([]*sitrep.Document{extra[w]}, docs...)
			rng.Shuffle(len(mine), func(i, j int) { mine[i], mine[j] = mine[j], mine[i] })
			for _, d := range mine {
				res, err := st.Put(ctx, clone(t, d))
				if err != nil {
					t.Errorf("worker %d: Put %s: %v", w, d.ID, err)
					return
				}
				if res.ID != d.ID {
					t.Errorf("worker %d: Put %s: ID %s", w, d.ID, res.ID)
				}
				if res.Added {
					mu.Lock()
					added[d.ID]++
					mu.Unlock()
				}
				if _, err := st.Get(ctx, d.ID); err != nil {
					t.Errorf("worker %d: Get %s after Put: %v", w, d.ID, err)
				}
			}
		}(w)
	}
	wg.Wait()
	m := newModel()
	for _, d := range append(docs, extra...) {
		m.put(d)
		if added[d.ID] != 1 {
			t.Errorf("%s added %d times, want once", d.ID, added[d.ID])
		}
	}
	checkStats(t, st, m, len(docs)+len(extra))
	got, err := st.Events(ctx, sitrep.EventFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	want := m.events(sitrep.EventFilter{Limit: 100000})
	if len(got) != len(want) {
		t.Fatalf("Events: %d happenings, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Mentions != w.Mentions || g.Articles != w.Articles || g.Sources != w.Sources {
			t.Errorf("happening %d: %s %d/%d/%d, want %s %d/%d/%d", i, g.ID, g.Mentions, g.Articles, g.Sources, w.ID, w.Mentions, w.Articles, w.Sources)
		}
	}
}
