package sqlitestore

import (
	"context"
	"errors"
	"sitrep/internal/budget"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/storetest"
)

// fillStore stores n generated documents (two generated articles each,
// about 1,200 bytes) without extracting them: enough text for searches to
// cost something.
func fillStore(t *testing.T, st *Store, n int) {
	t.Helper()
	ctx := context.Background()
	arts := storetest.Corpus(2*n, 3)
	for i := 0; i < n; i++ {
		d := sitrep.NewDocument(arts[2*i].Text + "\n\n" + arts[2*i+1].Text)
		d.Title, d.RuneOffsets = arts[2*i].Title, true
		if _, err := st.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSearchLimits checks that Search refuses queries over
// sitrep.DefaultSearchLimits with a *sitrep.SearchLimitError, at once, and
// runs those at the limits.
func TestSearchLimits(t *testing.T) {
	st := openTemp(t)
	defer st.Close()
	fillStore(t, st, 200)
	ctx := context.Background()
	l := sitrep.DefaultSearchLimits
	atLimit := strings.Repeat("pol* ", l.Prefixes) + strings.Repeat("said ", l.Terms-l.Prefixes)
	for _, c := range []struct {
		name, q string
		limit   string // the limit that refuses it, or ""
	}{
		{"the report's query", strings.TrimSpace(strings.Repeat("t* ", 160)), "words"},
		{"words", strings.Repeat("police ", l.Terms+1), "words"},
		{"phrase words", `"` + strings.Repeat("police ", l.Terms+1) + `"`, "words"},
		{"prefixes", strings.Repeat("pol* ", l.Prefixes+1), "prefix terms"},
		{"at the limits", atLimit, ""},
		{"short prefixes are words", strings.Repeat("t* ", l.Terms), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := st.Search(ctx, sitrep.SearchQuery{Query: c.q})
			el := time.Since(start)
			var le *sitrep.SearchLimitError
			switch {
			case c.limit == "" && err != nil:
				t.Errorf("Search: %v", err)
			case c.limit != "" && (!errors.As(err, &le) || le.Limit != c.limit):
				t.Errorf("Search: %v, want the %s limit", err, c.limit)
			case c.limit != "" && el > 10*time.Millisecond:
				t.Errorf("refused after %v, want at once", el)
			}
			t.Logf("%v", el)
		})
	}
}

// TestSearchInterrupted checks that a search stops when its context ends,
// with the context's error: SQLite is interrupted mid-query.
func TestSearchInterrupted(t *testing.T) {
	st := openTemp(t)
	defer st.Close()
	fillStore(t, st, 500)
	// Past the limits, so that it runs long: Search would refuse it.
	match := strings.TrimSpace(strings.Repeat(`"t"* `, 60))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := st.search(ctx, sitrep.SearchQuery{Query: "t* …"}, match)
	el := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the deadline", err)
	}
	if el > 300*time.Millisecond {
		t.Errorf("search stopped %v after it began, 50ms deadline", el)
	}
	// The connection is usable again.
	if _, err := st.Search(context.Background(), sitrep.SearchQuery{Query: "police"}); err != nil {
		t.Errorf("search after the interrupt: %v", err)
	}
}

// TestShortReadsNotStarved holds every reader connection with open
// searches and checks that Stats, Get and Has still answer at once.
func TestShortReadsNotStarved(t *testing.T) {
	slack := budget.Contention()
	st := openTemp(t)
	defer st.Close()
	fillStore(t, st, 20)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for range readers {
		rows, err := st.r.QueryContext(ctx, `SELECT rowid FROM documents`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
	}
	short, cancelShort := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancelShort()
	start := time.Now()
	s, err := st.Stats(short)
	if err != nil || s.Documents != 20 {
		t.Fatalf("Stats: %+v %v", s, err)
	}
	if _, err := st.Has(short, "nothing"); err != nil {
		t.Fatalf("Has: %v", err)
	}
	if el := time.Since(start); el > time.Duration(slack*float64(100*time.Millisecond)) {
		t.Errorf("short reads took %v with every reader busy", el)
	}
	// Searches wait for a reader: the pool is full.
	waiting, cancelWait := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancelWait()
	if _, err := st.Search(waiting, sitrep.SearchQuery{Query: "police"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("search with every reader busy: %v, want it to wait", err)
	}
}
