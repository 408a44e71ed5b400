package sqlitestore

import (
	"bytes"
	"compress/zlib"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"sitrep"
	"sitrep/story"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DefaultPathDoc says, for help texts, where DefaultPath puts the store when
// $SITREP_DB is not set.
const DefaultPathDoc = "$XDG_DATA_HOME/sitrep/sitrep.db or ~/.local/share/sitrep/sitrep.db"

// DefaultPath returns the store file to use when none is named: $SITREP_DB,
// else $XDG_DATA_HOME/sitrep/sitrep.db, else ~/.local/share/sitrep/sitrep.db.
// It creates the file's directory.
func DefaultPath() (string, error) {
	path, err := DefaultLocation()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("sqlitestore: %w", err)
	}
	return path, nil
}

// Store is a sitrep.Store in one SQLite file. It is safe for concurrent use,
// and several processes may share the file: writes take the database's
// write lock for the whole of one Put (BEGIN IMMEDIATE), waiting for it up to
// the busy timeout.
type Store struct {
	w     *sql.DB // the one writer connection
	r     *sql.DB // readers for searches and event lists, which may run long
	q     *sql.DB // readers kept for short lookups (Has, Get, Stats)
	stmts map[string]*sql.Stmt
}

var _ sitrep.Store = (*Store)(nil)

// busyTimeout is how long a connection waits for another's lock.
const busyTimeout = 30 * time.Second

// Open opens the store in the file at path, creating it (but not its
// directory) when missing, and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") || path == ":memory:" {
		return nil, fmt.Errorf("sqlitestore: bad store path %q", path)
	}
	common := "?_pragma=busy_timeout(" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + ")&_pragma=foreign_keys(0)"
	w, err := sql.Open("sqlite", path+common+"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlitestore: %s: %w", path, err)
	}
	if s.r, err = openReaders(path+common, readers); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	if s.q, err = openReaders(path+common, shortReaders); err != nil {
		s.r.Close()
		w.Close()
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlitestore: %s: %w", path, err)
	}
	return s, nil
}

// Reader connections: long reads (Search, Events) share readers; short
// lookups (Has, Get, Stats) have shortReaders of their own, so that slow
// searches holding every reader never keep them waiting.
const (
	readers      = 8
	shortReaders = 2
)

// openReaders opens a pool of n read-only connections to dsn.
func openReaders(dsn string, n int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	return db, nil
}

// Close closes the store.
func (s *Store) Close() error {
	for _, st := range s.stmts {
		st.Close()
	}
	var errs []error
	for _, db := range []*sql.DB{s.r, s.q} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	// Checkpoint the log into the database file so that the file stands
	// alone; another process may hold it open, and then this is a no-op.
	s.w.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlitestore: close: %w", err)
	}
	return nil
}

// SchemaVersion is the schema version this package writes: the number of
// migrations in migrations/.
func SchemaVersion() int {
	files, _ := migrationFiles()
	return len(files)
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

// migrate applies, each in its own transaction, the migrations the file
// lacks; PRAGMA user_version counts those applied.
func (s *Store) migrate(ctx context.Context) error {
	names, err := migrationFiles()
	if err != nil {
		return err
	}
	for {
		done, err := s.migrateOne(ctx, names)
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) migrateOne(ctx context.Context, names []string) (done bool, err error) {
	tx, err := s.w.BeginTx(ctx, nil) // immediate: one process migrates at a time
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	if v > len(names) {
		return false, fmt.Errorf("schema version %d is newer than this sitrep knows (%d)", v, len(names))
	}
	if v == len(names) {
		return true, nil
	}
	body, err := migrations.ReadFile("migrations/" + names[v])
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("migration %s: %w", names[v], err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migration %s: %w", names[v], err)
	}
	return false, tx.Commit()
}

// The writer's statements, prepared once.
var writerSQL = map[string]string{
	"byHash": `SELECT id, story FROM documents WHERE hash = ?`,
	"byID":   `SELECT hash FROM documents WHERE id = ?`,
	// Near-duplicate candidates: documents sharing a fingerprint band, most
	// bands first. Each band looks at its 256 latest documents alone, so
	// that a band value common to many texts (boilerplate) costs no more.
	"candidates": `WITH c AS (
			SELECT doc, count(*) AS n FROM (
				SELECT doc FROM (SELECT doc FROM bands WHERE band = 0 AND value = ? ORDER BY doc DESC LIMIT 256)
				UNION ALL SELECT doc FROM (SELECT doc FROM bands WHERE band = 1 AND value = ? ORDER BY doc DESC LIMIT 256)
				UNION ALL SELECT doc FROM (SELECT doc FROM bands WHERE band = 2 AND value = ? ORDER BY doc DESC LIMIT 256)
				UNION ALL SELECT doc FROM (SELECT doc FROM bands WHERE band = 3 AND value = ? ORDER BY doc DESC LIMIT 256))
			GROUP BY doc ORDER BY n DESC, doc DESC LIMIT 8)
		SELECT d.rowid, d.story, d.text, c.n FROM c JOIN documents d ON d.rowid = c.doc ORDER BY c.n DESC, d.rowid DESC`,
	"insDoc": `INSERT INTO documents (id, hash, url, title, outlet, published, source, story, fingerprint, text, json, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"insFTS":   `INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)`,
	"insBand":  `INSERT OR IGNORE INTO bands (band, value, doc) VALUES (?, ?, ?)`,
	"insStory": `INSERT INTO stories (id, title, articles, first_published, last_published) VALUES (?, ?, 1, ?, ?)`,
	"updStory": `UPDATE stories SET articles = articles + 1,
		first_published = CASE WHEN ? != '' AND (first_published = '' OR ? < first_published) THEN ? ELSE first_published END,
		last_published = CASE WHEN ? > last_published THEN ? ELSE last_published END WHERE id = ?`,
	"hapByID": `SELECT rowid FROM happenings WHERE id = ?`,
	"insHap": `INSERT INTO happenings (id, key, date, date_precision, cameo, root, quad_class, goldstein, plover, acled_type, acled_subtype,
		modality, source, source_code, target, target_code, place, country, admin1, lat, lon, geo_precision, killed, injured,
		text, doc, url, outlet, published, mentions, articles, sources,
		source_lc, source_code_lc, target_lc, target_code_lc, place_lc, admin1_lc, country_lc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?)`,
	"updHap":     `UPDATE happenings SET mentions = mentions + ?, articles = articles + 1, sources = sources + ? WHERE rowid = ?`,
	"insHapSrc":  `INSERT OR IGNORE INTO happening_sources (happening, source) VALUES (?, ?)`,
	"insMention": `INSERT INTO event_mentions (doc, seq, event, happening) VALUES (?, ?, ?, ?)`,
}

func (s *Store) prepare(ctx context.Context) error {
	s.stmts = make(map[string]*sql.Stmt, len(writerSQL))
	for name, q := range writerSQL {
		st, err := s.w.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %s: %w", name, err)
		}
		s.stmts[name] = st
	}
	return nil
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		c := e.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

// Put stores a document (see sitrep.Store). A document whose offsets are
// still bytes (RuneOffsets false) is converted to code points in place
// first, so that the store holds the output contract's form. The document,
// its full-text entry, fingerprint bands, story and happenings are written
// in one transaction: a process killed mid-Put leaves it entirely stored or
// absent.
func (s *Store) Put(ctx context.Context, doc *sitrep.Document) (sitrep.PutResult, error) {
	if doc == nil {
		return sitrep.PutResult{}, errors.New("sqlitestore: put: nil document")
	}
	doc.ToRuneOffsets()
	p, err := prepareDoc(doc)
	if err != nil {
		return sitrep.PutResult{}, fmt.Errorf("sqlitestore: put %s: %w", doc.ID, err)
	}
	for attempt := 0; ; attempt++ {
		res, err := s.put(ctx, p)
		if err != nil && isBusy(err) && attempt < 5 && ctx.Err() == nil {
			time.Sleep(time.Duration(50<<attempt) * time.Millisecond)
			continue
		}
		if err != nil {
			return sitrep.PutResult{}, fmt.Errorf("sqlitestore: put %s: %w", doc.ID, err)
		}
		return res, nil
	}
}

// prepared is what Put computes before it takes the write lock.
type prepared struct {
	doc    *sitrep.Document
	hash   string
	fp     uint64
	source string
	blob   []byte
	recs   []sitrep.EventRecord
}

// zlibPool keeps compressors: a new one costs more than compressing a
// document.
var zlibPool = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return zw
}}

func prepareDoc(doc *sitrep.Document) (*prepared, error) {
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zlibPool.Get().(*zlib.Writer)
	defer zlibPool.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(js); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &prepared{
		doc:    doc,
		hash:   sitrep.TextID(doc.Text),
		fp:     story.Fingerprint(doc.Text),
		source: story.SourceKey(doc.Outlet, doc.URL, doc.ID),
		blob:   buf.Bytes(),
		recs:   story.Records(doc),
	}, nil
}

func (s *Store) put(ctx context.Context, p *prepared) (res sitrep.PutResult, err error) {
	tx, err := s.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		return res, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	st := func(name string) *sql.Stmt { return tx.StmtContext(ctx, s.stmts[name]) }
	doc := p.doc

	// Stored already?
	var id, storyID string
	switch err := st("byHash").QueryRowContext(ctx, p.hash).Scan(&id, &storyID); {
	case err == nil:
		return sitrep.PutResult{ID: id, Story: storyID}, tx.Commit()
	case !errors.Is(err, sql.ErrNoRows):
		return res, err
	}
	var other string
	switch err := st("byID").QueryRowContext(ctx, doc.ID).Scan(&other); {
	case err == nil:
		return res, fmt.Errorf("id %s is taken by another text (%s)", doc.ID, other)
	case !errors.Is(err, sql.ErrNoRows):
		return res, err
	}

	// A near-duplicate joins the story of the article it resembles most.
	storyID = doc.ID
	b := story.Bands(p.fp)
	rows, err := st("candidates").QueryContext(ctx, b[0], b[1], b[2], b[3])
	if err != nil {
		return res, err
	}
	best := 0.0
	var mine story.ShingleSet
	for rows.Next() {
		var (
			rowid      int64
			cand, text string
			n          int
		)
		if err := rows.Scan(&rowid, &cand, &text, &n); err != nil {
			rows.Close()
			return res, err
		}
		if mine == nil {
			mine = story.Shingles(doc.Text)
		}
		if r := mine.Resemblance(story.Shingles(text)); r >= story.MinResemblance && r > best {
			best, storyID = r, cand
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}

	// The document.
	r, err := st("insDoc").ExecContext(ctx, doc.ID, p.hash, doc.URL, doc.Title, doc.Outlet, doc.Published, p.source,
		storyID, int64(p.fp), doc.Text, p.blob, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return res, err
	}
	rowid, err := r.LastInsertId()
	if err != nil {
		return res, err
	}
	if _, err := st("insFTS").ExecContext(ctx, rowid, doc.Title, doc.Text); err != nil {
		return res, err
	}
	for i, v := range b {
		if _, err := st("insBand").ExecContext(ctx, i, int64(v), rowid); err != nil {
			return res, err
		}
	}
	if storyID == doc.ID {
		_, err = st("insStory").ExecContext(ctx, storyID, doc.Title, doc.Published, doc.Published)
	} else {
		pub := doc.Published
		_, err = st("updStory").ExecContext(ctx, pub, pub, pub, pub, pub, storyID)
	}
	if err != nil {
		return res, err
	}

	// Its events, folded into happenings.
	newHaps, err := s.putEvents(ctx, st, p, rowid)
	if err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, err
	}
	return sitrep.PutResult{ID: doc.ID, Added: true, Story: storyID, Events: len(doc.Events), NewHaps: newHaps}, nil
}

func (s *Store) putEvents(ctx context.Context, st func(string) *sql.Stmt, p *prepared, docRow int64) (int, error) {
	count := map[string]int{}
	for _, r := range p.recs {
		count[r.ID]++
	}
	haps := map[string]int64{}
	newHaps := 0
	for i, r := range p.recs {
		hap, ok := haps[r.ID]
		if !ok {
			err := st("hapByID").QueryRowContext(ctx, r.ID).Scan(&hap)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				res, err := st("insHap").ExecContext(ctx, r.ID, story.Key(r), r.Date, r.DatePrecision, r.CAMEO, r.Root, r.QuadClass,
					r.Goldstein, r.PLOVER, r.ACLEDType, r.ACLEDSubtype, r.Modality, r.Source, r.SourceCode, r.Target, r.TargetCode,
					r.Place, r.Country, r.Admin1, r.Lat, r.Lon, r.GeoPrecision, r.Killed, r.Injured, r.Text, r.Doc, r.URL,
					r.Outlet, r.Published, count[r.ID],
					lc(r.Source), lc(r.SourceCode), lc(r.Target), lc(r.TargetCode), lc(r.Place), lc(r.Admin1), lc(r.Country))
				if err != nil {
					return 0, err
				}
				if hap, err = res.LastInsertId(); err != nil {
					return 0, err
				}
				if _, err := st("insHapSrc").ExecContext(ctx, hap, p.source); err != nil {
					return 0, err
				}
				newHaps++
			case err != nil:
				return 0, err
			default:
				res, err := st("insHapSrc").ExecContext(ctx, hap, p.source)
				if err != nil {
					return 0, err
				}
				added, err := res.RowsAffected()
				if err != nil {
					return 0, err
				}
				if _, err := st("updHap").ExecContext(ctx, count[r.ID], added, hap); err != nil {
					return 0, err
				}
			}
			haps[r.ID] = hap
		}
		if _, err := st("insMention").ExecContext(ctx, docRow, i, p.doc.Events[i].ID, hap); err != nil {
			return 0, err
		}
	}
	return newHaps, nil
}

func lc(s string) string { return strings.ToLower(s) }

// Has reports whether a document with this content hash is stored.
func (s *Store) Has(ctx context.Context, hash string) (bool, error) {
	var one int
	switch err := s.q.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE hash = ?`, hash).Scan(&one); {
	case err == nil:
		return true, nil
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	default:
		return false, fmt.Errorf("sqlitestore: has %s: %w", hash, err)
	}
}

// Get returns the stored document with this id or content hash.
func (s *Store) Get(ctx context.Context, id string) (*sitrep.Document, error) {
	var blob []byte
	err := s.q.QueryRowContext(ctx, `SELECT json FROM (
		SELECT json, 0 AS o FROM documents WHERE id = ?1
		UNION ALL SELECT json, 1 FROM documents WHERE hash = ?1) ORDER BY o LIMIT 1`, id).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlitestore: get %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: get %q: %w", id, err)
	}
	doc, err := decodeDoc(blob)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: get %q: %w", id, err)
	}
	return doc, nil
}

func decodeDoc(blob []byte) (*sitrep.Document, error) {
	zr, err := zlib.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, err
	}
	js, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var doc sitrep.Document
	if err := json.Unmarshal(js, &doc); err != nil {
		return nil, err
	}
	doc.RuneOffsets = true
	return &doc, nil
}

// Stats counts what the store holds.
func (s *Store) Stats(ctx context.Context) (sitrep.StoreStats, error) {
	var st sitrep.StoreStats
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM stories),
		(SELECT count(*) FROM event_mentions), (SELECT count(*) FROM happenings)`).
		Scan(&st.Documents, &st.Stories, &st.Events, &st.Happenings)
	if err != nil {
		return st, fmt.Errorf("sqlitestore: stats: %w", err)
	}
	return st, nil
}
