package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"

	"sitrep"
	"sitrep/storetest"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store { return openTemp(t) })
}

// checkConsistent checks, in SQL, that the tables agree with each other: what
// a Put interrupted half-way would break.
func checkConsistent(t *testing.T, st *Store) {
	t.Helper()
	ctx := context.Background()
	var ok string
	if err := st.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	if _, err := st.w.ExecContext(ctx, "INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')"); err != nil {
		t.Fatalf("fts integrity-check: %v", err)
	}
	checks := map[string]string{
		"bands per document":         `SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM bands b WHERE b.doc = d.rowid) != 4`,
		"story of every document":    `SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = d.story)`,
		"articles of every story":    `SELECT count(*) FROM stories s WHERE articles != (SELECT count(*) FROM documents d WHERE d.story = s.id)`,
		"mentions of each happening": `SELECT count(*) FROM happenings h WHERE mentions != (SELECT count(*) FROM event_mentions m WHERE m.happening = h.rowid)`,
		"articles of each happening": `SELECT count(*) FROM happenings h WHERE articles != (SELECT count(DISTINCT doc) FROM event_mentions m WHERE m.happening = h.rowid)`,
		"sources of each happening":  `SELECT count(*) FROM happenings h WHERE sources != (SELECT count(*) FROM happening_sources s WHERE s.happening = h.rowid)`,
		"sources are reporters": `SELECT count(*) FROM happening_sources s WHERE NOT EXISTS (SELECT 1 FROM event_mentions m JOIN documents d ON d.rowid = m.doc
			WHERE m.happening = s.happening AND d.source = s.source)`,
		"mentions of stored documents": `SELECT count(*) FROM event_mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.rowid = m.doc)`,
	}
	for name, q := range checks {
		var n int
		if err := st.r.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows break it", name, n)
		}
	}
	// Every stored document has all its events.
	rows, err := st.r.QueryContext(ctx, `SELECT id, json, (SELECT count(*) FROM event_mentions m WHERE m.doc = d.rowid) FROM documents d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   string
			blob []byte
			n    int
		)
		if err := rows.Scan(&id, &blob, &n); err != nil {
			t.Fatal(err)
		}
		doc, err := decodeDoc(blob)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if len(doc.Events) != n {
			t.Errorf("%s: %d events, %d mentions stored", id, len(doc.Events), n)
		}
	}
}
