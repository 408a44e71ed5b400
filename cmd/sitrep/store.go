package main

import (
	"context"
	"flag"
	"fmt"

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

// open opens the chosen store; on failure it reports to stderr and returns
// nil and the exit code.
func (o *storeOpts) open(ctx context.Context, e *env, cmd string) (sitrep.Store, int) {
	st, err := o.openStore(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep %s: %v\n", cmd, err)
		return nil, exitBadInput
	}
	return st, exitOK
}

func (o *storeOpts) openStore(ctx context.Context) (sitrep.Store, error) {
	if o.store != "" {
		return openShared(ctx, o.store)
	}
	path := o.db
	if path == "" {
		var err error
		if path, err = sqlitestore.DefaultPath(); err != nil {
			return nil, err
		}
	}
	return sqlitestore.Open(ctx, path)
}
