package sqlitestore

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/pipeline"
	"sitrep/storetest"
)

func TestFTSQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`drone strike`, `"drone" "strike"`},
		{`"suicide bomber" Kabul`, `"suicide bomber" "Kabul"`},
		{`drone "Najaf`, `"drone" "Najaf"`},
		{`AND OR`, `"AND" "OR"`},
		{`a OR b`, `"a" OR "b"`},
		{`OR a OR OR b OR`, `"OR" "a" OR "b" "OR"`},
		{`a or b`, `"a" "or" "b"`},
		{`bomb*`, `"bomb"*`},
		{`t* ab* U.S.*`, `"t" "ab" "U.S."`},
		{`x-ray*`, `"x-ray"*`},
		{`*`, ``},
		{`""`, ``},
		{`title:iraq -x NEAR(a b)`, `"title:iraq" "-x" "NEAR(a" "b)"`},
		{`say "it""s"`, `"say" "it" "s"`},
		{`5% rise`, `"5%" "rise"`},
		{``, ``},
	} {
		if got := FTSQuery(c.in); got != c.want {
			t.Errorf("FTSQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzSearch checks that no user query makes Search fail, but for a
// query over sitrep.DefaultSearchLimits, which is refused as such.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{`drone "Najaf`, `AND OR`, `NEAR(`, `"a" OR`, `x*`, `^`, `{a b}:c`, `'`, "\x00", `""""`} {
		f.Add(s)
	}
	st, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	d := sitrep.NewDocument("Drone strikes hit Najaf and Basra on Monday, officials said.")
	d.RuneOffsets = true
	if _, err := st.Put(context.Background(), d); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		var le *sitrep.SearchLimitError
		if _, err := st.Search(context.Background(), sitrep.SearchQuery{Query: q}); err != nil && !errors.As(err, &le) {
			t.Errorf("Search(%q) = %v (FTS query %q)", q, err, FTSQuery(q))
		}
		if _, err := st.Events(context.Background(), sitrep.EventFilter{Actor: q, Place: q, CAMEO: q, Doc: q, From: q}); err != nil {
			t.Errorf("Events(%q) = %v", q, err)
		}
	})
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := sitrep.NewDocument("The council approved a new bus line to the airport.")
	d.RuneOffsets = true
	if _, err := st.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Get(ctx, d.ID); err != nil {
		t.Errorf("Get after reopen: %v", err)
	}
	var v int
	if err := st.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() || v < 1 {
		t.Errorf("user_version %d, %v; want %d", v, err, SchemaVersion())
	}
	var mode string
	if err := st.r.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q, %v", mode, err)
	}
	// A file from a newer sitrep is refused, not damaged.
	if _, err := st.w.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	if st2, err := Open(ctx, path); err == nil {
		st2.Close()
		t.Error("Open accepted a newer schema")
	}
	for _, bad := range []string{"", ":memory:", "x.db?mode=ro", "file:x.db"} {
		if st2, err := Open(ctx, bad); err == nil {
			st2.Close()
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SITREP_DB", filepath.Join(dir, "a", "b.db"))
	if p, err := DefaultPath(); err != nil || p != filepath.Join(dir, "a", "b.db") {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
	t.Setenv("SITREP_DB", "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	if p, err := DefaultPath(); err != nil || p != filepath.Join(dir, "xdg", "sitrep", "sitrep.db") {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "xdg", "sitrep")); err != nil {
		t.Errorf("directory not made: %v", err)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", dir)
	if p, err := DefaultPath(); err != nil || p != filepath.Join(dir, ".local", "share", "sitrep", "sitrep.db") {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
}

// TestCorpus stores generated articles, rewrites among them, and checks
// that stories and happenings group them.
func TestCorpus(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	ctx := context.Background()
	st := openTemp(t)
	defer st.Close()
	p := pipeline.Default()
	for _, a := range storetest.Corpus(n, 7) {
		doc, err := p.Extract(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Put(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles: %+v", n, s)
	if s.Documents != n || s.Stories >= n || s.Stories < n*8/10 || s.Happenings >= s.Events {
		t.Errorf("Stats %+v", s)
	}
	multi, err := st.Events(ctx, sitrep.EventFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	folded := 0
	for _, r := range multi {
		if r.Articles > 1 {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no happening reported by two articles")
	}
	checkConsistent(t, st)
}

// TestKill kills a process that is storing articles, with SIGKILL, at
// random moments, and checks that the file holds every document it holds
// whole.
func TestKill(t *testing.T) {
	if path := os.Getenv("SITREP_KILL_DB"); path != "" {
		killChild(path)
		return
	}
	if testing.Short() {
		t.Skip("short")
	}
	path := filepath.Join(t.TempDir(), "kill.db")
	for round, after := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond, 275 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKill$", "-test.count=1")
		cmd.Env = append(os.Environ(), "SITREP_KILL_DB="+path, "SITREP_KILL_SEED="+strconv.Itoa(round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		for sc.Scan() && sc.Text() != "putting" {
		}
		time.Sleep(after)
		cmd.Process.Kill()
		cmd.Wait()
	}
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, _ := st.Stats(context.Background())
	t.Logf("after 3 kills: %+v", s)
	if s.Documents == 0 {
		t.Error("nothing stored")
	}
	checkConsistent(t, st)
}

// killChild stores articles until it is killed.
func killChild(path string) {
	ctx := context.Background()
	st, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	seed, _ := strconv.Atoi(os.Getenv("SITREP_KILL_SEED"))
	p := pipeline.Default()
	var docs []*sitrep.Document
	for _, a := range storetest.Corpus(40, int64(seed)) {
		d, err := p.Extract(ctx, a)
		if err != nil {
			os.Exit(1)
		}
		docs = append(docs, d)
	}
	fmt.Println("putting")
	for i := 0; ; i++ {
		d := docs[i%len(docs)]
		if i >= len(docs) { // new texts: one more sentence each round
			d.Text += " Updated."
		}
		if _, err := st.Put(ctx, d); err != nil && !errors.Is(err, sql.ErrTxDone) {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if i > 100000 {
			os.Exit(0)
		}
	}
}

func ExampleOpen() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "sitrep")
	defer os.RemoveAll(dir)
	st, err := Open(ctx, filepath.Join(dir, "sitrep.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	doc, err := pipeline.Default().Extract(ctx, sitrep.Article{
		Published: "2023-03-14", Outlet: "Daily Nation",
		Text: "NAIROBI, Kenya - Police fired tear gas at protesters in Nairobi on Tuesday.",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := st.Put(ctx, doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Added, res.Events > 0)
	hits, err := st.Search(ctx, sitrep.SearchQuery{Query: "tear gas"})
	if err != nil || len(hits) == 0 {
		fmt.Println(len(hits), err)
		return
	}
	fmt.Println(len(hits), strings.Contains(hits[0].Snippet, MarkStart+"tear"+MarkEnd))
	// Output:
	// true true
	// 1 true
}

// TestStemming: a search finds the other forms of its words, as the
// PostgreSQL store's English configuration does.
func TestStemming(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	doc := sitrep.NewDocument("Thousands of protesters marched in Lima, and floods displaced 19,000 people.")
	doc.Title = "Protesters march"
	if _, err := st.Put(ctx, doc); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"protest", "displace", "flooding", "marches", `"protester marching"`} {
		hits, err := st.Search(ctx, sitrep.SearchQuery{Query: q})
		if err != nil || len(hits) != 1 {
			t.Errorf("search %q: %d hits, %v; want the document", q, len(hits), err)
		}
	}
}
