package main

import (
	"errors"
	"flag"
	"fmt"
)

// newFlagSet returns a flag set for a sub-command whose usage line shows
// argsUsage after the flags.
func newFlagSet(name, argsUsage string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: sitrep %s [flags] %s\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; done is true when the command must stop with code
// (after --help, or on a usage error).
func parse(fs *flag.FlagSet, args []string) (code int, done bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	return 0, false
}
