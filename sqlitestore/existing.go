package sqlitestore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// DefaultLocation returns the store file to use when none is named, as
// DefaultPath does, without creating its directory: for commands that only
// read a store that must exist.
func DefaultLocation() (string, error) {
	if path := os.Getenv("SITREP_DB"); path != "" {
		return path, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("sqlitestore: no store path: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "sitrep", "sitrep.db"), nil
}

// sqliteMagic is how every SQLite database file starts.
const sqliteMagic = "SQLite format 3\x00"

// OpenExisting opens the store in the file at path as Open does, but only
// when the file exists and is an SQLite database: a missing file is an
// error that wraps fs.ErrNotExist, and a directory, an empty file or any
// other file is refused, so that a mistyped path is reported rather than
// made into a new, empty store. Commands that only read use it.
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	if err := checkExisting(path); err != nil {
		return nil, err
	}
	return Open(ctx, path)
}

// checkExisting returns an error naming path unless it is a file that
// starts as an SQLite database does.
func checkExisting(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("sqlitestore: no store at %s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("sqlitestore: %s is a directory, not a store file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte(sqliteMagic)) {
		return fmt.Errorf("sqlitestore: %s is not an SQLite database (a sitrep store)", path)
	}
	return nil
}
