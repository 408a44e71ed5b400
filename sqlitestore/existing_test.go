package sqlitestore

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenExisting: OpenExisting opens a store that Open made, and refuses
// a missing path (wrapping fs.ErrNotExist, creating nothing), a directory,
// an empty file and a file that is no SQLite database.
func TestOpenExisting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	st, err := Open(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err := OpenExisting(ctx, good); err != nil {
		t.Errorf("OpenExisting(a store): %v", err)
	} else {
		st.Close()
	}
	missing := filepath.Join(dir, "missing.db")
	if _, err := OpenExisting(ctx, missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("OpenExisting created %s", missing)
	}
	empty := filepath.Join(dir, "empty.db")
	text := filepath.Join(dir, "text.db")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(text, []byte("SQLite is a database engine; this is a note."), 0o644)
	for path, want := range map[string]string{dir: "is a directory", empty: "is not an SQLite database", text: "is not an SQLite database"} {
		if _, err := OpenExisting(ctx, path); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("OpenExisting(%s): %v, want an error naming it and %q", path, err, want)
		}
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Errorf("OpenExisting wrote to the empty file")
	}
}

// TestDefaultLocation: DefaultLocation is DefaultPath's path, and creates
// no directory.
func TestDefaultLocation(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SITREP_DB", "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	p, err := DefaultLocation()
	if err != nil || p != filepath.Join(dir, "data", "sitrep", "sitrep.db") {
		t.Fatalf("DefaultLocation() = %q, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
		t.Errorf("DefaultLocation created a directory")
	}
	if q, err := DefaultPath(); err != nil || q != p {
		t.Errorf("DefaultPath() = %q, %v; want %q", q, err, p)
	}
	t.Setenv("SITREP_DB", "/x/y.db")
	if p, _ := DefaultLocation(); p != "/x/y.db" {
		t.Errorf("with $SITREP_DB: %q", p)
	}
}
