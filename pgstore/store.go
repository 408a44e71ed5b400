package pgstore

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"sitrep"
	"sitrep/story"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a sitrep.Store in a PostgreSQL database. It is safe for
// concurrent use, and any number of processes may share the database.
type Store struct {
	pool *pgxpool.Pool
}

var _ sitrep.Store = (*Store)(nil)

// Open connects to the database at url (postgres://user:pass@host:port/db?
// sslmode=...; pool_max_conns=N sizes the connection pool, search_path=S
// puts the tables in schema S) and brings its schema up to date. Several
// processes may open one database at once: migrations run under an
// advisory lock.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "sitrep"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	s := &Store{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: %s@%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, err)
	}
	return s, nil
}

// Pool returns the connection pool, for tools and tests.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// SchemaVersion is the schema version this package writes: the number of
// migrations in migrations/.
func SchemaVersion() int {
	names, _ := migrationFiles()
	return len(names)
}

func migrationFiles() ([]string, error) {
	files, err := migrations.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	sort.Strings(names)
	for i, n := range names {
		v, _, _ := strings.Cut(n, "_")
		if num, err := strconv.Atoi(v); err != nil || num != i+1 {
			return nil, fmt.Errorf("migration %s out of sequence", n)
		}
	}
	return names, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction recorded in schema_migrations, holding an advisory lock
// (one per schema) so that workers starting together migrate once.
func (s *Store) migrate(ctx context.Context) error {
	names, err := migrationFiles()
	if err != nil {
		return err
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Release()
	const lockKey = `hashtext('sitrep-migrate:' || current_schema())`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+lockKey+`)`); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer func() {
		// A fresh context: unlock even when ctx is done.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(uctx, `SELECT pg_advisory_unlock(`+lockKey+`)`); err != nil {
			conn.Conn().Close(uctx) // closing the session releases the lock
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer     PRIMARY KEY,
		name       text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var v int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if v > len(names) {
		return fmt.Errorf("schema version %d is newer than this sitrep knows (%d)", v, len(names))
	}
	for ; v < len(names); v++ {
		body, err := migrations.ReadFile("migrations/" + names[v])
		if err != nil {
			return err
		}
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, v+1, names[v])
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", names[v], err)
		}
	}
	return nil
}

// Put stores a document (see sitrep.Store) in one transaction: the
// document, its full-text entry (a generated column), fingerprint bands,
// story and happenings are committed together or not at all. A document
// whose offsets are still bytes is converted to code points in place first.
//
// Concurrent Puts from any number of processes are safe: the content hash
// is UNIQUE (INSERT ... ON CONFLICT DO NOTHING, so a redelivered article
// stores nothing); documents that share a fingerprint band take an advisory
// lock on it, so that of two near-duplicates stored at once the second
// joins the first's story; a happening is inserted or its counts
// incremented by one INSERT ... ON CONFLICT DO UPDATE, which locks its row
// until commit. Locks are always taken in one order (bands sorted, the
// document, its story, happenings by id), so two transactions never wait
// for each other in a cycle. A deadlock or serialization failure, or a
// connection lost, is retried.
func (s *Store) Put(ctx context.Context, doc *sitrep.Document) (sitrep.PutResult, error) {
	if doc == nil {
		return sitrep.PutResult{}, errors.New("pgstore: put: nil document")
	}
	doc.ToRuneOffsets()
	p, err := prepareDoc(doc)
	if err != nil {
		return sitrep.PutResult{}, fmt.Errorf("pgstore: put %s: %w", doc.ID, err)
	}
	for attempt := 0; ; attempt++ {
		res, err := s.put(ctx, p)
		if err != nil && retryable(err) && attempt < 4 && ctx.Err() == nil {
			select {
			case <-ctx.Done():
			case <-time.After(time.Duration(25<<attempt) * time.Millisecond):
			}
			continue
		}
		if err != nil {
			return sitrep.PutResult{}, fmt.Errorf("pgstore: put %s: %w", doc.ID, err)
		}
		return res, nil
	}
}

// retryable reports whether a failed transaction may succeed when run
// again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return true
		case "57P01", "57P02", "57P03": // admin_shutdown, crash_shutdown, cannot_connect_now
			return true
		}
		return false
	}
	return pgconn.SafeToRetry(err) || pgconn.Timeout(err) || isConnErr(err)
}

func isConnErr(err error) bool {
	var ce *pgconn.ConnectError
	return errors.As(err, &ce) || errors.Is(err, pgx.ErrTxClosed) ||
		strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "connection reset") ||
		strings.Contains(err.Error(), "unexpected EOF")
}

// prepared is what Put computes before it opens a transaction.
type prepared struct {
	doc    *sitrep.Document
	hash   string
	fp     uint64
	source string
	js     []byte // for the jsonb column, or nil
	raw    []byte // for doc_raw when JSONB cannot hold the document
	recs   []sitrep.EventRecord
	text   string // doc.Text as PostgreSQL text can hold it
}

func prepareDoc(doc *sitrep.Document) (*prepared, error) {
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	p := &prepared{
		doc:    doc,
		hash:   sitrep.TextID(doc.Text),
		fp:     story.Fingerprint(doc.Text),
		source: story.SourceKey(doc.Outlet, doc.URL, doc.ID),
		recs:   story.Records(doc),
		text:   pgText(doc.Text),
	}
	// JSONB refuses the NUL character (\u0000) in strings.
	if strings.Contains(string(js), `\u0000`) {
		p.raw = js
	} else {
		p.js = js
	}
	return p, nil
}

// pgText makes s storable in a text column: valid UTF-8 without NUL.
func pgText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

func lc(s string) string { return pgText(strings.ToLower(s)) }

const (
	sqlByHash = `SELECT id, story FROM documents WHERE hash = $1`
	// The advisory locks on fingerprint bands: class 29554 ("sr"), then
	// band<<16 | value.
	sqlLockBands = `SELECT pg_advisory_xact_lock(29554, k) FROM (SELECT k FROM unnest($1::integer[]) AS k ORDER BY k) AS s`
	sqlCandidate = `SELECT d.story, d.text, count(*) AS n FROM bands b JOIN documents d ON d.n = b.doc
		WHERE (b.band = 0 AND b.value = $1) OR (b.band = 1 AND b.value = $2) OR (b.band = 2 AND b.value = $3) OR (b.band = 3 AND b.value = $4)
		GROUP BY d.n ORDER BY n DESC, d.n LIMIT 32`
	sqlInsDoc = `INSERT INTO documents (id, hash, url, title, outlet, published, source, story, fingerprint, text, doc, doc_raw)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (hash) DO NOTHING RETURNING n`
	sqlInsBands = `INSERT INTO bands (band, value, doc)
		SELECT b, v, $3 FROM unnest($1::smallint[], $2::integer[]) AS t(b, v) ON CONFLICT DO NOTHING`
	sqlInsStory = `INSERT INTO stories (id, title, articles, first_published, last_published) VALUES ($1, $2, 1, $3, $3)`
	sqlUpdStory = `UPDATE stories SET articles = articles + 1,
		first_published = CASE WHEN $2 <> '' AND (first_published = '' OR $2 < first_published COLLATE "C") THEN $2 ELSE first_published END,
		last_published = CASE WHEN $2 > last_published COLLATE "C" THEN $2 ELSE last_published END
		WHERE id = $1`
	// One happening of the document: inserted with this document's fields,
	// or its counts incremented. The source row is inserted first (a data-
	// modifying CTE); sources grows when it was new.
	sqlUpsertHap = `WITH src AS (
			INSERT INTO happening_sources (happening, source) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
		INSERT INTO happenings (id, key, date, date_precision, cameo, root, quad_class, goldstein, plover, acled_type, acled_subtype,
			modality, source, source_code, target, target_code, place, country, admin1, lat, lon, geo_precision, killed, injured,
			text, doc, url, outlet, published, mentions, articles, sources,
			source_lc, source_code_lc, target_lc, target_code_lc, place_lc, admin1_lc, country_lc)
		VALUES ($1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
			$26, $27, $28, $29, $30, $31, 1, 1, $32, $33, $34, $35, $36, $37, $38)
		ON CONFLICT (id) DO UPDATE SET mentions = happenings.mentions + EXCLUDED.mentions,
			articles = happenings.articles + 1,
			sources = happenings.sources + (SELECT count(*) FROM src)
		RETURNING (xmax = 0)`
	sqlInsMentions = `INSERT INTO event_mentions (doc, seq, event, happening)
		SELECT $1, s, e, h FROM unnest($2::integer[], $3::text[], $4::text[]) AS t(s, e, h)`
)

// put runs one Put in three round trips on one connection: BEGIN, the band
// locks and the near-duplicate look-up; the document; everything else and
// COMMIT. On an error the transaction is rolled back (or the connection
// dropped, which rolls it back too).
func (s *Store) put(ctx context.Context, p *prepared) (res sitrep.PutResult, err error) {
	doc := p.doc
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Release() // the pool drops a connection left inside a transaction
	inTx := false
	defer func() {
		if inTx {
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if _, rerr := conn.Exec(rctx, "ROLLBACK"); rerr != nil {
				conn.Conn().Close(rctx)
			}
		}
	}()

	// Documents that share a fingerprint band are stored one at a time, so
	// that of two near-duplicates stored at once the second sees the first
	// and joins its story. The locks (one per band value, taken in order,
	// released at commit) rarely meet: unrelated texts share a band by
	// chance 4 in 65536. The look-up's snapshot is taken once they are held.
	b := story.Bands(p.fp)
	keys := make([]int32, 4)
	for i, v := range b {
		keys[i] = int32(i)<<16 | int32(v)
	}
	slices.Sort(keys)
	first := &pgx.Batch{}
	first.Queue("BEGIN")
	first.Queue(sqlLockBands, keys)
	first.Queue(sqlCandidate, int32(b[0]), int32(b[1]), int32(b[2]), int32(b[3]))
	inTx = true
	storyID := doc.ID
	if err := func() error {
		br := conn.SendBatch(ctx, first)
		defer br.Close()
		if _, err := br.Exec(); err != nil {
			return err
		}
		if _, err := br.Exec(); err != nil {
			return err
		}
		rows, err := br.Query()
		if err != nil {
			return err
		}
		defer rows.Close()
		// A near-duplicate joins the story of the article it resembles
		// most.
		best := 0.0
		for rows.Next() {
			var (
				cand, text string
				n          int64
			)
			if err := rows.Scan(&cand, &text, &n); err != nil {
				return err
			}
			if r := story.Resemblance(p.text, text); r >= story.MinResemblance && r > best {
				best, storyID = r, cand
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return br.Close()
	}(); err != nil {
		return res, err
	}

	// The document. A concurrent Put of the same text makes this wait for
	// that transaction, and then do nothing.
	var n int64
	var js any
	if p.js != nil {
		js = string(p.js)
	}
	err = conn.QueryRow(ctx, sqlInsDoc, pgText(doc.ID), p.hash, pgText(doc.URL), pgText(doc.Title), pgText(doc.Outlet),
		pgText(doc.Published), pgText(p.source), pgText(storyID), int64(p.fp), p.text, js, p.raw).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		// Stored already: give the stored document's id and story.
		var id string
		if err := conn.QueryRow(ctx, sqlByHash, p.hash).Scan(&id, &storyID); err != nil {
			return res, err
		}
		return sitrep.PutResult{ID: id, Story: storyID}, nil // the deferred ROLLBACK ends the transaction
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return res, fmt.Errorf("id %s is taken by another text", doc.ID)
	}
	if err != nil {
		return res, err
	}

	// Everything else, and COMMIT, in one round trip.
	batch := &pgx.Batch{}
	bandNo, bandVal := make([]int16, 4), make([]int32, 4)
	for i, v := range b {
		bandNo[i], bandVal[i] = int16(i), int32(v)
	}
	batch.Queue(sqlInsBands, bandNo, bandVal, n)
	if storyID == doc.ID {
		batch.Queue(sqlInsStory, pgText(storyID), pgText(doc.Title), pgText(doc.Published))
	} else {
		batch.Queue(sqlUpdStory, pgText(storyID), pgText(doc.Published))
	}
	// Happenings in id order: concurrent Puts lock them in the same order.
	count := map[string]int{}
	firstRec := map[string]int{}
	for i, r := range p.recs {
		if count[r.ID] == 0 {
			firstRec[r.ID] = i
		}
		count[r.ID]++
	}
	hapIDs := make([]string, 0, len(count))
	for id := range count {
		hapIDs = append(hapIDs, id)
	}
	slices.Sort(hapIDs)
	for _, hid := range hapIDs {
		r := p.recs[firstRec[hid]]
		batch.Queue(sqlUpsertHap, hid, pgText(p.source), pgText(story.Key(r)), pgText(r.Date), pgText(r.DatePrecision),
			pgText(r.CAMEO), pgText(r.Root), r.QuadClass, r.Goldstein, pgText(r.PLOVER), pgText(r.ACLEDType),
			pgText(r.ACLEDSubtype), pgText(r.Modality), pgText(r.Source), pgText(r.SourceCode), pgText(r.Target),
			pgText(r.TargetCode), pgText(r.Place), pgText(r.Country), pgText(r.Admin1), r.Lat, r.Lon,
			pgText(r.GeoPrecision), r.Killed, r.Injured, pgText(r.Text), pgText(r.Doc), pgText(r.URL),
			pgText(r.Outlet), pgText(r.Published), count[hid],
			lc(r.Source), lc(r.SourceCode), lc(r.Target), lc(r.TargetCode), lc(r.Place), lc(r.Admin1), lc(r.Country))
	}
	if len(p.recs) > 0 {
		seqs := make([]int32, len(p.recs))
		evs := make([]string, len(p.recs))
		haps := make([]string, len(p.recs))
		for i, r := range p.recs {
			seqs[i], evs[i], haps[i] = int32(i), pgText(doc.Events[i].ID), r.ID
		}
		batch.Queue(sqlInsMentions, n, seqs, evs, haps)
	}
	batch.Queue("COMMIT")
	newHaps := 0
	if err := func() error {
		br := conn.SendBatch(ctx, batch)
		defer br.Close()
		if _, err := br.Exec(); err != nil { // bands
			return err
		}
		if _, err := br.Exec(); err != nil { // story
			return err
		}
		for range hapIDs {
			var inserted bool
			if err := br.QueryRow().Scan(&inserted); err != nil {
				return err
			}
			if inserted {
				newHaps++
			}
		}
		if len(p.recs) > 0 {
			if _, err := br.Exec(); err != nil { // event mentions
				return err
			}
		}
		tag, err := br.Exec() // COMMIT
		if err != nil {
			return err
		}
		if tag.String() != "COMMIT" { // the server rolled back instead
			return errors.New("transaction rolled back")
		}
		inTx = false
		return br.Close()
	}(); err != nil && inTx {
		return res, err
	}
	return sitrep.PutResult{ID: doc.ID, Added: true, Story: storyID, Events: len(doc.Events), NewHaps: newHaps}, nil
}

// Has reports whether a document with this content hash is stored.
func (s *Store) Has(ctx context.Context, hash string) (bool, error) {
	var one int
	switch err := s.pool.QueryRow(ctx, `SELECT 1 FROM documents WHERE hash = $1`, pgText(hash)).Scan(&one); {
	case err == nil:
		return true, nil
	case errors.Is(err, pgx.ErrNoRows):
		return false, nil
	default:
		return false, fmt.Errorf("pgstore: has %s: %w", hash, err)
	}
}

// Get returns the stored document with this id or content hash.
func (s *Store) Get(ctx context.Context, id string) (*sitrep.Document, error) {
	var js, raw []byte
	err := s.pool.QueryRow(ctx, `SELECT doc::text, doc_raw FROM (
		SELECT doc, doc_raw, 0 AS o FROM documents WHERE id = $1
		UNION ALL SELECT doc, doc_raw, 1 FROM documents WHERE hash = $1) AS x ORDER BY o LIMIT 1`, pgText(id)).Scan(&js, &raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("pgstore: get %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: get %q: %w", id, err)
	}
	if js == nil {
		js = raw
	}
	var doc sitrep.Document
	if err := json.Unmarshal(js, &doc); err != nil {
		return nil, fmt.Errorf("pgstore: get %q: %w", id, err)
	}
	doc.RuneOffsets = true
	return &doc, nil
}

// Stats counts what the store holds (exact counts: on a very large store
// they take a while; pg_class.reltuples gives estimates at once).
func (s *Store) Stats(ctx context.Context) (sitrep.StoreStats, error) {
	var st sitrep.StoreStats
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM stories),
		(SELECT count(*) FROM event_mentions), (SELECT count(*) FROM happenings)`).
		Scan(&st.Documents, &st.Stories, &st.Events, &st.Happenings)
	if err != nil {
		return st, fmt.Errorf("pgstore: stats: %w", err)
	}
	return st, nil
}
