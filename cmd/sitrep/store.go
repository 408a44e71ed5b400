package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"

	"sitrep"
	"sitrep/sqlitestore"
)

// storeOpts are the flags that choose a store: the embedded SQLite file
// (the default) or a shared PostgreSQL database.
type storeOpts struct {
	db    string
	store string
}

func addStoreFlags(fs *flag.FlagSet) *storeOpts {
	o := &storeOpts{}
	fs.StringVar(&o.db, "db", "", "SQLite store `file` (default $SITREP_DB, else ~/.local/share/sitrep/sitrep.db)")
	fs.StringVar(&o.store, "store", "", "shared store `URL` (postgres://...) instead of the SQLite file")
	return o
}

// writers are the commands that write to the store: they create the
// SQLite file when it does not exist. Every other command only reads, and
// refuses a store that does not exist rather than create an empty one
// (a mistyped --db would otherwise answer "no events match").
var writers = map[string]bool{"ingest": true, "serve": true, "watch": true, "worker": true}

// open opens the chosen store for the command cmd (read-only unless cmd is
// one of writers); on failure it reports to stderr and returns nil and the
// exit code, exitBadInput.
func (o *storeOpts) open(ctx context.Context, e *env, cmd string) (sitrep.Store, int) {
	st, err := o.openStore(ctx, !writers[cmd])
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep %s: %v\n", cmd, err)
		return nil, exitBadInput
	}
	return st, exitOK
}

// openStore opens the PostgreSQL store of --store, else the SQLite file of
// --db, $SITREP_DB or the default path. existing says the file must exist
// already (sqlitestore.OpenExisting).
func (o *storeOpts) openStore(ctx context.Context, existing bool) (sitrep.Store, error) {
	if o.store != "" {
		return openShared(ctx, o.store)
	}
	if !existing {
		path := o.db
		if path == "" {
			var err error
			if path, err = sqlitestore.DefaultPath(); err != nil {
				return nil, err
			}
		}
		return sqlitestore.Open(ctx, path)
	}
	path, from := o.db, "--db"
	if path == "" {
		var err error
		if path, err = sqlitestore.DefaultLocation(); err != nil {
			return nil, err
		}
		from = "$SITREP_DB or the default path"
	}
	st, err := sqlitestore.OpenExisting(ctx, path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no store at %s (%s): check the path; sitrep ingest creates a store", path, from)
	}
	return st, err
}
