// Command sitrep reads news articles and writes what they report as JSON
// documents: sentences, entities, places, times, quantities, quotes and
// CAMEO-coded events.
//
// Usage:
//
//	sitrep extract [--date YYYY-MM-DD] [--pretty] [FILE...]
//	sitrep ingest [--db PATH] INPUT...
//	sitrep watch [--db PATH] [--interval 15m] [--once] [--fetch-pages] FEED...
//	sitrep search QUERY
//	sitrep events [--actor CODE] [--root NN] [--from DATE] [--place NAME] [--format jsonl|csv|gdelt|gdelt-mentions|acled]
//	sitrep show ID
//	sitrep serve [--demo] [--addr 127.0.0.1:8080]
//	sitrep eval NAME
//	sitrep version
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Exit codes, the same for every command (docs/exit-codes.md).
const (
	// exitOK: everything was read and done.
	exitOK = 0
	// exitBadInput: failure. Nothing could be read (every input or record
	// was bad), an input named could not be opened, an extraction, a store
	// or a queue failed or refused an article, output could not be
	// written, or the store named does not exist (read-only commands).
	exitBadInput = 1
	// exitUsage: the command line is wrong (unknown command or flag, bad
	// flag value, missing argument).
	exitUsage = 2
	// exitSkipped: done, but some records were skipped as bad input (an
	// unreadable file, line, feed item or WARC record, one over a limit);
	// the summary line on stderr says how many, the messages before it
	// name each.
	exitSkipped = 3
)

// command is one sub-command: it parses its own flags from args and returns
// an exit code.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) int
}

// env is what a command may touch: its streams and the logger.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

var commands = map[string]command{
	"extract": {"read articles and print one JSON document per line", runExtract},
	"eval":    {"score sitrep on a benchmark in ../shared/eval", runEval},
	"version": {"print the version", runVersion},
	"train":   {"train a model: ner, events, lang, places, quotes or syntax", runTrain},
	"tag":     {"tag a CoNLL column file with entity labels", runTag},
	"parse":   {"tag and parse the sentences of an article (CoNLL-U)", runParse},
	"explain": {"show the event coder's reading of each candidate word of an article", runExplain},
	"ingest":  {"extract articles (text, HTML, feeds, WARC, JSON Lines) into the store", runIngest},
	"search":  {"full-text search over the stored articles", runSearch},
	"events":  {"list stored events by actor, CAMEO code, date and place; export them", runEvents},
	"show":    {"print a stored document", runShow},
	"serve":   {"serve the HTTP API and web UI over the store", runServe},
	"worker":  {"process articles from a NATS JetStream queue into a shared store", runWorker},
	"watch":   {"poll feeds and sitemaps and ingest their new articles", runWatch},
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "sitrep: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return exitUsage
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: sitrep COMMAND [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'sitrep COMMAND --help' for a command's flags.")
	fmt.Fprintln(w, "\nexit status: 0 all read; 3 done, some records skipped (the summary says how many);\n1 failure; 2 usage error (see docs/exit-codes.md)")
}

func runVersion(_ context.Context, e *env, args []string) int {
	fs := newFlagSet("version", "", e)
	if code, done := parse(fs, args); done {
		return code
	}
	fmt.Fprintf(e.stdout, "sitrep %s\n", version)
	return exitOK
}
