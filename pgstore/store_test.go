package pgstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"sitrep"
	"sitrep/storetest"
)

// testURL returns $SITREP_TEST_POSTGRES or skips the test.
func testURL(t testing.TB) string {
	u := os.Getenv("SITREP_TEST_POSTGRES")
	if u == "" {
		t.Skip("SITREP_TEST_POSTGRES is not set (a postgres:// URL of a scratch database; .ci/services.sh starts one): skipping the PostgreSQL tests")
	}
	return u
}

// withSchema returns url with search_path set to schema.
func withSchema(t testing.TB, raw, schema string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("SITREP_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// freshSchema creates an empty schema, dropped when the test ends, and
// returns a URL whose connections use it.
func freshSchema(t testing.TB) string {
	base := testURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to SITREP_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("sitrep_test_%08x", rand.Uint32())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer conn.Close(context.Background())
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	return withSchema(t, base, schema)
}

func openFresh(t testing.TB) *Store {
	st, err := Open(context.Background(), freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestConformance(t *testing.T) {
	testURL(t)
	storetest.Run(t, func(t *testing.T) sitrep.Store { return openFresh(t) })
}

// TestMigrateConcurrently: workers that start together migrate once.
func TestMigrateConcurrently(t *testing.T) {
	u := freshSchema(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := Open(context.Background(), u)
			if err != nil {
				errs <- err
				return
			}
			st.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n, v int
	if err := st.pool.QueryRow(context.Background(), `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	if n != SchemaVersion() || v != SchemaVersion() {
		t.Errorf("schema_migrations: %d rows, version %d; want %d", n, v, SchemaVersion())
	}
}

// TestOddText: NUL characters and invalid UTF-8, which PostgreSQL text and
// JSONB refuse, still store and round-trip.
func TestOddText(t *testing.T) {
	st := openFresh(t)
	defer st.Close()
	ctx := context.Background()
	d := sitrep.NewDocument("Odd \x00 text with a NUL and \xff bad bytes.")
	d.Title = "nul\x00title"
	d.RuneOffsets = true
	res, err := st.Put(ctx, d)
	if err != nil || !res.Added {
		t.Fatalf("Put = %+v, %v", res, err)
	}
	got, err := st.Get(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != d.Title || !strings.HasPrefix(got.Text, "Odd \x00") {
		t.Errorf("round trip: %q %q", got.Title, got.Text)
	}
	if hits, err := st.Search(ctx, sitrep.SearchQuery{Query: "bad bytes"}); err != nil || len(hits) != 1 {
		t.Errorf("Search = %v, %v", hits, err)
	}
}

func TestTSQuery(t *testing.T) {
	for _, c := range []struct {
		in, expr string
		args     []string
	}{
		{``, ``, nil},
		{`  `, ``, nil},
		{`iraq`, `(websearch_to_tsquery('english', $1))`, []string{`"iraq"`}},
		{`suicide bomber`, `(websearch_to_tsquery('english', $1) && websearch_to_tsquery('english', $2))`, []string{`"suicide"`, `"bomber"`}},
		{`"suicide bomber"`, `(websearch_to_tsquery('english', $1))`, []string{`"suicide bomber"`}},
		{`"magnitude 6.8 earthquake`, `(websearch_to_tsquery('english', $1))`, []string{`"magnitude 6.8 earthquake"`}},
		{`a OR b c`, `(websearch_to_tsquery('english', $1)) || (websearch_to_tsquery('english', $2) && websearch_to_tsquery('english', $3))`, []string{`"a"`, `"b"`, `"c"`}},
		{`OR a`, `(websearch_to_tsquery('english', $1) && websearch_to_tsquery('english', $2))`, []string{`"OR"`, `"a"`}},
		{`a OR`, `(websearch_to_tsquery('english', $1) && websearch_to_tsquery('english', $2))`, []string{`"a"`, `"OR"`}},
		{`-iraq`, `(websearch_to_tsquery('english', $1))`, []string{`"-iraq"`}},
		{`kaze*`, `(to_tsquery('english', $1))`, []string{`kaze:*`}},
		{`U.S.*`, `(websearch_to_tsquery('english', $1))`, []string{`"U.S."`}},
		{`NATO's*`, `(websearch_to_tsquery('english', $1))`, []string{`"NATO's"`}},
		{`al-Anbar*`, `(to_tsquery('english', $1))`, []string{`alanbar:*`}},
		{`t* ab*`, `(websearch_to_tsquery('english', $1) && websearch_to_tsquery('english', $2))`, []string{`"t"`, `"ab"`}},
		{`* ( ) ; --`, ``, nil},
	} {
		expr, args := TSQuery(c.in)
		var got []string
		for _, a := range args {
			got = append(got, a.(string))
		}
		if expr != c.expr || fmt.Sprint(got) != fmt.Sprint(c.args) {
			t.Errorf("TSQuery(%q) = %s %q, want %s %q", c.in, expr, got, c.expr, c.args)
		}
	}
}

// FuzzTSQuery: any query gives well-formed SQL whose parameters match its
// placeholders; with SITREP_TEST_POSTGRES set, PostgreSQL accepts it too.
func FuzzTSQuery(f *testing.F) {
	for _, s := range []string{`iraq`, `"a b`, `a OR b`, `x* OR "y z"`, `NEAR(a b)`, `\`, "\x00", "\xff", `'); DROP TABLE x; --`} {
		f.Add(s)
	}
	var conn *pgx.Conn
	if u := os.Getenv("SITREP_TEST_POSTGRES"); u != "" {
		c, err := pgx.Connect(context.Background(), u)
		if err == nil {
			conn = c
			f.Cleanup(func() { c.Close(context.Background()) })
		}
	}
	f.Fuzz(func(t *testing.T, q string) {
		expr, args := TSQuery(q)
		if expr == "" {
			if args != nil {
				t.Fatal("args without expr")
			}
			return
		}
		if strings.Count(expr, "$") != len(args) || strings.Count(expr, "(") != strings.Count(expr, ")") {
			t.Fatalf("malformed %s %v", expr, args)
		}
		if conn != nil {
			var s string
			if err := conn.QueryRow(context.Background(), "SELECT ("+expr+")::text", args...).Scan(&s); err != nil {
				t.Fatalf("TSQuery(%q) = %s %v: %v", q, expr, args, err)
			}
		}
	})
}

func TestLikePrefix(t *testing.T) {
	if got := likePrefix(`a_b%c\`); got != `a\_b\%c\\%` {
		t.Error(got)
	}
}

func ExampleOpen() {
	ctx := context.Background()
	st, err := Open(ctx, "postgres://sitrep@127.0.0.1:5432/sitrep?sslmode=disable&pool_max_conns=16")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	hits, _ := st.Search(ctx, sitrep.SearchQuery{Query: `"air strike" Gaza`})
	for _, h := range hits {
		fmt.Println(h.ID, h.Snippet)
	}
}

// TestConcurrentNearDuplicates: near-duplicates stored at the same moment by
// different workers still end up in one story (Put serializes documents
// that share a fingerprint band).
func TestConcurrentNearDuplicates(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, freshSchema(t)+"&pool_max_conns=16")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var paras []string
	for i := range 8 {
		paras = append(paras, fmt.Sprintf("Paragraph %d of the wire report: officials in the northern province said on Tuesday that "+
			"convoy number %d carrying food and medicine had reached the flooded district after roads reopened, and that "+
			"more deliveries were planned for the coming week.", i, i*7+3))
	}
	const n = 16
	docs := make([]*sitrep.Document, n)
	for i := range docs {
		p := append([]string(nil), paras...)
		p[len(p)-1] = fmt.Sprintf("Update %d: a spokesman for outlet %d added that %d more trucks were waiting at the border.", i, i, i+10)
		d := sitrep.NewDocument(strings.Join(p, "\n\n"))
		d.Outlet = fmt.Sprintf("Outlet %d", i)
		d.RuneOffsets = true
		docs[i] = d
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := st.Put(ctx, docs[i]); err != nil {
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents != n || s.Stories != 1 {
		t.Errorf("Stats = %+v; want %d documents in 1 story", s, n)
	}
}
