package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"sitrep"
	"sitrep/corpus"
	"sitrep/natsqueue"
	"sitrep/natsqueue/natstest"
	"sitrep/pgstore"
	"sitrep/pipeline"
	"sitrep/storetest"
)

func TestWorkerUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--help"}, exitOK, "usage: sitrep worker"},
		{nil, exitUsage, "are required"},
		{[]string{"--queue", "nats://127.0.0.1:1"}, exitUsage, "are required"},
		{[]string{"--queue", "nats://x", "--store", "postgres://x/y", "--workers", "0"}, exitUsage, "--workers"},
		{[]string{"--queue", "nats://x", "--store", "postgres://x/y", "--log-level", "loud"}, exitUsage, "--log-level"},
		{[]string{"--queue", "nats://x", "--store", "postgres://x/y", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"--queue", "nats://127.0.0.1:1", "--store", "postgres://u@127.0.0.1:1/db?connect_timeout=2"}, exitBadInput, "pgstore"},
	} {
		t.Setenv("SITREP_QUEUE", "")
		t.Setenv("SITREP_STORE", "")
		var errb bytes.Buffer
		code := runWorker(context.Background(), &env{stdout: io.Discard, stderr: &errb, log: slog.New(slog.DiscardHandler)}, c.args)
		if code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("worker %q: code %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.msg)
		}
	}
}

func TestPoolSize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"postgres://u@h/db", "postgres://u@h/db?pool_max_conns=6"},
		{"postgres://u@h/db?sslmode=disable", "postgres://u@h/db?pool_max_conns=6&sslmode=disable"},
		{"postgres://u@h/db?pool_max_conns=2", "postgres://u@h/db?pool_max_conns=2"},
		{"host=h dbname=db", "host=h dbname=db"},
	} {
		if got := poolSize(c.in, 6); got != c.want {
			t.Errorf("poolSize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := redactURL("postgres://u:secret@h/db"); strings.Contains(got, "secret") {
		t.Errorf("redactURL kept the password: %s", got)
	}
}

// The fault tests below need PostgreSQL: SITREP_TEST_POSTGRES (and, for
// the restart test, SITREP_TEST_PG_RESTART) as .ci/services.sh sets them.
// NATS runs in the test process (natstest), so that it can be restarted.

// workerLog collects a worker's log.
type workerLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *workerLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *workerLog) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// rig is a queue, a store in a fresh schema, and the articles published.
type rig struct {
	t        *testing.T
	nats     *natstest.Server
	natsURL  string
	stream   string
	storeURL string
	st       *pgstore.Store
	pub      *natsqueue.Publisher
	mu       sync.Mutex
	want     map[string]bool // content hashes of the acknowledged articles
	logs     []*workerLog
}

// newRig needs the PostgreSQL URL in envVar (skipping without it).
func newRig(t *testing.T, envVar string) *rig {
	base := os.Getenv(envVar)
	if base == "" {
		t.Skipf("%s is not set (a postgres:// URL of a scratch database; .ci/services.sh starts one): skipping the worker fault test", envVar)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", envVar, err)
	}
	schema := fmt.Sprintf("sitrep_worker_%08x", rand.Uint32())
	_, err = conn.Exec(ctx, "CREATE SCHEMA "+schema)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	r := &rig{t: t, storeURL: u.String(), want: map[string]bool{}}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err == nil {
			conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			conn.Close(context.Background())
		}
	})
	if r.st, err = pgstore.Open(ctx, r.storeURL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.st.Close() })
	r.nats = natstest.Start(t, "")
	r.natsURL = r.nats.URL()
	r.stream = fmt.Sprintf("W%08X", rand.Uint32())
	if r.pub, err = natsqueue.NewPublisher(ctx, r.natsURL, r.stream); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.pub.Close() })
	t.Cleanup(func() {
		if t.Failed() {
			for i, l := range r.logs {
				t.Logf("worker %d log:\n%s", i, tail(l.String(), 40))
			}
		}
	})
	return r
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// publish sends articles; those acknowledged are what must be stored.
func (r *rig) publish(ctx context.Context, as []sitrep.Article) error {
	for _, a := range as {
		if err := r.pub.Publish(ctx, a); err != nil {
			return err
		}
		r.mu.Lock()
		r.want[corpus.Hash(a)] = true
		r.mu.Unlock()
	}
	return nil
}

func (r *rig) workerArgs(extra ...string) []string {
	return append([]string{"--queue", r.natsURL, "--store", r.storeURL, "--stream", r.stream,
		"--ack-wait", "3s", "--grace", "5s", "--progress", "0", "--log-level", "info"}, extra...)
}

// startWorker runs a worker in this process; stop cancels it and returns
// its exit code.
func (r *rig) startWorker(extra ...string) (stop func() int) {
	ctx, cancel := context.WithCancel(context.Background())
	log := &workerLog{}
	r.logs = append(r.logs, log)
	done := make(chan int, 1)
	args := r.workerArgs(extra...)
	go func() {
		done <- runWorker(ctx, &env{stdout: io.Discard, stderr: log, log: slog.New(slog.DiscardHandler)}, args)
	}()
	var once sync.Once
	code := 0
	return func() int {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
}

func (r *rig) stored(t *testing.T) int {
	var n int
	if err := r.st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		t.Logf("count: %v", err)
		return -1
	}
	return n
}

// waitStored waits until at least n documents are stored.
func (r *rig) waitStored(t *testing.T, n int, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		got := r.stored(t)
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out: %d documents stored, want %d", got, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// check verifies that every acknowledged article is stored exactly once
// and that the happenings' counts add up to the stored events (no
// transaction half-applied or applied twice).
func (r *rig) check(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	rows, err := r.st.Pool().Query(ctx, `SELECT hash FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			t.Fatal(err)
		}
		got[h]++
	}
	rows.Close()
	r.mu.Lock()
	defer r.mu.Unlock()
	for h := range r.want {
		if got[h] != 1 {
			t.Errorf("article %s stored %d times, want once", h, got[h])
		}
	}
	for h := range got {
		if !r.want[h] {
			t.Errorf("document %s stored but never acknowledged", h)
		}
	}
	var mentions, events, articles, pairs, sources, srcRows, storyArticles, docs int
	err = r.st.Pool().QueryRow(ctx, `SELECT
		(SELECT coalesce(sum(mentions), 0) FROM happenings), (SELECT count(*) FROM event_mentions),
		(SELECT coalesce(sum(articles), 0) FROM happenings), (SELECT count(*) FROM (SELECT DISTINCT doc, happening FROM event_mentions) x),
		(SELECT coalesce(sum(sources), 0) FROM happenings), (SELECT count(*) FROM happening_sources),
		(SELECT coalesce(sum(articles), 0) FROM stories), (SELECT count(*) FROM documents)`).
		Scan(&mentions, &events, &articles, &pairs, &sources, &srcRows, &storyArticles, &docs)
	if err != nil {
		t.Fatal(err)
	}
	if mentions != events || articles != pairs || sources != srcRows || storyArticles != docs {
		t.Errorf("counts do not add up: mentions %d vs %d events, articles %d vs %d, sources %d vs %d, story articles %d vs %d documents",
			mentions, events, articles, pairs, sources, srcRows, storyArticles, docs)
	}
	t.Logf("%d articles stored once each; %d events in %d happening-article pairs", len(r.want), events, pairs)
}

// distinct returns the articles of a corpus with distinct texts.
func distinct(as []sitrep.Article) []sitrep.Article {
	seen := map[string]bool{}
	var out []sitrep.Article
	for _, a := range as {
		if h := corpus.Hash(a); !seen[h] {
			seen[h] = true
			out = append(out, a)
		}
	}
	return out
}

func TestWorkerEndToEnd(t *testing.T) {
	r := newRig(t, "SITREP_TEST_POSTGRES")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	as := distinct(storetest.Corpus(60, 7))
	if err := r.publish(ctx, as); err != nil {
		t.Fatal(err)
	}
	if err := r.publish(ctx, as[:10]); err != nil { // deduplicated by the stream
		t.Fatal(err)
	}
	if r.pub.Duplicates() != 10 {
		t.Errorf("publisher saw %d duplicates, want 10", r.pub.Duplicates())
	}
	stop := r.startWorker("--workers", "2")
	r.waitStored(t, len(as), time.Minute)
	if code := stop(); code != exitOK {
		t.Errorf("worker exit code %d", code)
	}
	r.check(t)
	if log := r.logs[0].String(); !strings.Contains(log, "worker stopped") || !strings.Contains(log, "stored="+fmt.Sprint(len(as))) {
		t.Errorf("worker log lacks the final counts:\n%s", tail(log, 10))
	}
	st, err := r.st.Stats(ctx)
	if err != nil || st.Documents != len(as) || st.Stories >= len(as) {
		t.Errorf("Stats = %+v, %v; want %d documents, fewer stories (the corpus has rewrites)", st, err, len(as))
	}
}

// TestWorkerHelperProcess is the worker that TestWorkerKilled runs as a
// child process and kills; run on its own it does nothing.
func TestWorkerHelperProcess(t *testing.T) {
	if os.Getenv("SITREP_WORKER_HELPER") != "1" {
		return
	}
	args := strings.Split(os.Getenv("SITREP_WORKER_ARGS"), "\x1f")
	os.Exit(runWorker(context.Background(), &env{stdout: os.Stdout, stderr: os.Stderr, log: slog.New(slog.DiscardHandler)}, args))
}

// TestWorkerKilled: a worker process killed with SIGKILL in the middle of
// a batch loses nothing and duplicates nothing: what it had fetched and not
// acknowledged is redelivered after AckWait to the next worker, and what
// it had stored but not acknowledged is found stored.
func TestWorkerKilled(t *testing.T) {
	r := newRig(t, "SITREP_TEST_POSTGRES")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	as := distinct(storetest.Corpus(400, 11))
	if err := r.publish(ctx, as); err != nil {
		t.Fatal(err)
	}
	log := &workerLog{}
	r.logs = append(r.logs, log)
	cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerHelperProcess$")
	cmd.Env = append(os.Environ(), "SITREP_WORKER_HELPER=1",
		"SITREP_WORKER_ARGS="+strings.Join(r.workerArgs("--workers", "4"), "\x1f"))
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.waitStored(t, 40, time.Minute)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	atKill := r.stored(t)
	t.Logf("killed the worker process with %d of %d articles stored", atKill, len(as))
	if atKill >= len(as) {
		t.Log("the worker finished before it was killed: the test proved little")
	}
	stop := r.startWorker("--workers", "2")
	r.waitStored(t, len(as), 2*time.Minute)
	time.Sleep(200 * time.Millisecond)
	if code := stop(); code != exitOK {
		t.Errorf("worker exit code %d", code)
	}
	r.check(t)
}

// TestWorkerNATSRestart: the NATS server goes down and comes back (same
// port and storage) while articles are published and worked; the
// publisher retries, the worker reconnects, every acknowledged article is
// stored once.
func TestWorkerNATSRestart(t *testing.T) {
	r := newRig(t, "SITREP_TEST_POSTGRES")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	as := distinct(storetest.Corpus(400, 13))
	if err := r.publish(ctx, as[:200]); err != nil {
		t.Fatal(err)
	}
	stop := r.startWorker("--workers", "2")
	defer stop()
	r.waitStored(t, 30, time.Minute)
	pubErr := make(chan error, 1)
	go func() { pubErr <- r.publish(ctx, as[200:]) }()
	time.Sleep(50 * time.Millisecond)
	r.nats.Restart(t, 500*time.Millisecond)
	t.Logf("NATS restarted with %d documents stored", r.stored(t))
	if err := <-pubErr; err != nil {
		t.Fatalf("publishing across the restart: %v", err)
	}
	r.waitStored(t, len(as), 2*time.Minute)
	time.Sleep(200 * time.Millisecond)
	if code := stop(); code != exitOK {
		t.Errorf("worker exit code %d", code)
	}
	r.check(t)
}

// TestWorkerPostgresRestart: PostgreSQL restarts (SITREP_TEST_PG_RESTART,
// run by sh -c) while the worker stores; failed Puts are redelivered,
// nothing is lost or stored twice. It uses SITREP_TEST_PG_RESTART_URL when
// set (a server of its own, as .ci/services.sh starts: restarting the
// shared one would break other packages' tests running alongside), else
// SITREP_TEST_POSTGRES.
func TestWorkerPostgresRestart(t *testing.T) {
	restart := os.Getenv("SITREP_TEST_PG_RESTART")
	if restart == "" {
		t.Skip("SITREP_TEST_PG_RESTART is not set (a shell command that restarts the test PostgreSQL): skipping")
	}
	envVar := "SITREP_TEST_PG_RESTART_URL"
	if os.Getenv(envVar) == "" {
		envVar = "SITREP_TEST_POSTGRES"
	}
	r := newRig(t, envVar)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	as := distinct(storetest.Corpus(400, 17))
	if err := r.publish(ctx, as); err != nil {
		t.Fatal(err)
	}
	stop := r.startWorker("--workers", "2")
	defer stop()
	r.waitStored(t, 30, time.Minute)
	out, err := exec.CommandContext(ctx, "sh", "-c", restart).CombinedOutput()
	if err != nil {
		t.Fatalf("SITREP_TEST_PG_RESTART: %v\n%s", err, out)
	}
	t.Logf("PostgreSQL restarted with %d documents stored", r.stored(t))
	r.waitStored(t, len(as), 2*time.Minute)
	time.Sleep(200 * time.Millisecond)
	if code := stop(); code != exitOK {
		t.Errorf("worker exit code %d", code)
	}
	r.check(t)
	t.Logf("%d deliveries failed across the restart and were redelivered", strings.Count(r.logs[0].String(), "redelivering later"))
}

// TestWorkerThroughput measures articles per second through the queue and
// the store with 1, 2 and 4 workers (each its own store pool and NATS
// connection, extracting one article at a time), against PostgreSQL and
// the NATS server of SITREP_TEST_NATS (in-process when unset). It runs
// only when SITREP_BENCH_SCALE is set (to the number of articles, 1 for
// the default 1000):
//
//	SITREP_BENCH_SCALE=1 go test -run TestWorkerThroughput -v ./cmd/sitrep
func TestWorkerThroughput(t *testing.T) {
	n := 1000
	switch v := os.Getenv("SITREP_BENCH_SCALE"); v {
	case "":
		t.Skip("SITREP_BENCH_SCALE is not set: skipping the throughput measurement")
	case "1":
	default:
		if _, err := fmt.Sscan(v, &n); err != nil || n < 10 {
			t.Fatalf("SITREP_BENCH_SCALE=%q: want a number of articles", v)
		}
	}
	as := distinct(storetest.Corpus(n, 42))
	bytes := 0
	for _, a := range as {
		bytes += len(a.Text)
	}
	ctx := context.Background()

	// Baselines: extraction alone, one goroutine; Put alone.
	pl := pipeline.Default()
	var err error
	pl.Extract(ctx, as[0]) // load the models
	t0 := time.Now()
	docs := make([]*sitrep.Document, len(as))
	for i, a := range as {
		if docs[i], err = pl.Extract(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	ext := time.Since(t0)
	t.Logf("extraction alone, 1 goroutine: %d articles (%.0f KB) in %v: %.0f articles/s", len(as), float64(bytes)/1024, ext.Round(time.Millisecond), float64(len(as))/ext.Seconds())
	for _, g := range []int{1, 4} {
		r := newRig(t, "SITREP_TEST_POSTGRES")
		t0 := time.Now()
		var wg sync.WaitGroup
		for w := range g {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(docs); i += g {
					if _, err := r.st.Put(ctx, docs[i]); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		el := time.Since(t0)
		t.Logf("pgstore.Put alone, %d goroutines: %.0f documents/s", g, float64(len(docs))/el.Seconds())
	}

	for _, workers := range []int{1, 2, 4} {
		r := newRig(t, "SITREP_TEST_POSTGRES")
		if u := os.Getenv("SITREP_TEST_NATS"); u != "" {
			r.natsURL = u
			r.pub.Close()
			if r.pub, err = natsqueue.NewPublisher(ctx, u, r.stream); err != nil {
				t.Fatal(err)
			}
			stream := r.stream
			t.Cleanup(func() { deleteStream(u, stream) })
		}
		t0 := time.Now()
		if err := r.publish(ctx, as); err != nil {
			t.Fatal(err)
		}
		pub := time.Since(t0)
		var stops []func() int
		t0 = time.Now()
		for range workers {
			stops = append(stops, r.startWorker("--workers", "1"))
		}
		r.waitStored(t, len(as), 10*time.Minute)
		el := time.Since(t0)
		for _, stop := range stops {
			stop()
		}
		r.check(t)
		if workers == 1 {
			var size int64
			err := r.st.Pool().QueryRow(ctx, `SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c
				JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`).Scan(&size)
			if err == nil {
				t.Logf("store size: %.1f KB per article (tables, indexes and TOAST; text %.1f KB)", float64(size)/float64(len(as))/1024, float64(bytes)/float64(len(as))/1024)
			}
		}
		t.Logf("%d workers: %d articles in %v: %.0f articles/s (%.2f MB/s); publishing: %.0f articles/s",
			workers, len(as), el.Round(time.Millisecond), float64(len(as))/el.Seconds(), float64(bytes)/el.Seconds()/1e6,
			float64(len(as))/pub.Seconds())
	}
}

func deleteStream(url, name string) {
	nc, err := nats.Connect(url)
	if err != nil {
		return
	}
	defer nc.Close()
	if js, err := jetstream.New(nc); err == nil {
		js.DeleteStream(context.Background(), name)
	}
}

// writeArticles writes articles as JSON Lines and returns the file.
func writeArticles(t *testing.T, as []sitrep.Article) string {
	t.Helper()
	var b strings.Builder
	for _, a := range as {
		line, err := json.Marshal(map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "text": a.Text})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// queuedIDs returns the IDs of the articles a stream holds.
func queuedIDs(t *testing.T, url, stream string) map[string]bool {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for seq := info.State.FirstSeq; info.State.Msgs > 0 && seq <= info.State.LastSeq; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			t.Fatalf("message %d: %v", seq, err)
		}
		var a sitrep.Article
		if err := json.Unmarshal(m.Data, &a); err != nil {
			t.Fatal(err)
		}
		ids[a.ID] = true
	}
	return ids
}

// TestIngestQueueRefusals runs `ingest --queue` where the queue cannot
// take every article, with no worker draining it: a stream created with
// max_bytes and discard old (as the docs once advised), and a server whose
// max_payload is below an article. Every article is either in the stream
// or reported refused, the summary counts both, and the exit code is not 0.
func TestIngestQueueRefusals(t *testing.T) {
	const payload = 64 << 10
	gen := func(n int, big map[int]bool) []sitrep.Article {
		as := make([]sitrep.Article, n)
		for i := range as {
			text := fmt.Sprintf("Article %d: police fired tear gas at protesters in Nairobi on Monday.", i)
			if big[i] {
				text = strings.Repeat(text+" ", payload/len(text)+10)
			}
			as[i] = sitrep.Article{ID: fmt.Sprintf("a%03d", i), URL: fmt.Sprintf("https://example.org/%d", i), Text: text}
		}
		return as
	}
	tests := []struct {
		name          string
		maxBytes      int64 // the stream's, created beforehand with discard old; 0: none
		articles      []sitrep.Article
		full, tooBig  int // refusals expected (full: at least one, unless 0)
		refusedDetail string
	}{
		{"stream full", 32 << 10, gen(300, nil), 1, 0, "the stream is full"},
		{"over max_payload", 0, gen(20, map[int]bool{3: true, 11: true}), 0, 2, "max_payload of 65536 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := natstest.Start(t, "", natstest.MaxPayload(payload))
			stream := fmt.Sprintf("Q%08X", rand.Uint32())
			if tt.maxBytes > 0 {
				createDiscardOld(t, srv.URL(), stream, tt.maxBytes)
			}
			var errb bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, log: slog.New(slog.DiscardHandler)}
			code := runIngest(context.Background(), e, []string{"--queue", srv.URL(), "--stream", stream, "--quiet", writeArticles(t, tt.articles)})
			out := errb.String()
			queued := queuedIDs(t, srv.URL(), stream)
			reported := 0
			for _, a := range tt.articles {
				refused := strings.Contains(out, fmt.Sprintf("article %q %s refused", a.ID, a.URL))
				if refused {
					reported++
				}
				if refused == queued[a.ID] {
					t.Errorf("%s: queued %v, reported refused %v: want exactly one", a.ID, queued[a.ID], refused)
				}
			}
			summary := ""
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, " articles read: ") {
					summary = line
				}
			}
			var read, published, refused, full, tooBig int
			if _, err := fmt.Sscanf(summary,
				"sitrep ingest: %d articles read: %d published, %d refused: %d stream full, %d too large;",
				&read, &published, &refused, &full, &tooBig); err != nil {
				t.Fatalf("no summary line (%v):\n%s", err, tail(out, 5))
			}
			if read != len(tt.articles) || published != len(queued) || refused != reported || refused+published != read {
				t.Errorf("summary: %d read, %d published, %d refused; %d in the stream, %d reported refused:\n%s",
					read, published, refused, len(queued), reported, tail(out, 3))
			}
			if (full > 0) != (tt.full > 0) || tooBig != tt.tooBig || !strings.Contains(out, tt.refusedDetail) {
				t.Errorf("refusals: %d full, %d too large; want full>0 %v, %d too large, and %q:\n%s",
					full, tooBig, tt.full > 0, tt.tooBig, tt.refusedDetail, tail(out, 3))
			}
			if code != exitBadInput {
				t.Errorf("exit code %d with articles refused, want %d", code, exitBadInput)
			}
		})
	}
}

// createDiscardOld creates a work-queue stream with max_bytes and discard
// old, the configuration that lost articles.
func createDiscardOld(t *testing.T, url, name string, maxBytes int64) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{
		Name: name, Subjects: []string{natsqueue.Subject(name)}, Retention: jetstream.WorkQueuePolicy,
		MaxBytes: maxBytes, Discard: jetstream.DiscardOld,
	}); err != nil {
		t.Fatal(err)
	}
}
