package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"sitrep"
	"sitrep/corpus"
	"sitrep/server"
	"sitrep/server/demo"
	"sitrep/sqlitestore"
)

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("serve", "", e)
	so := addStoreFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` host:port (port 0 picks a free port)")
	token := fs.String("token", "", "bearer `token` that POST /v1/articles needs (default $SITREP_TOKEN; none: writes are open)")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "largest request body in `bytes`")
	timeout := fs.Duration("timeout", server.DefaultTimeout, "time limit of one request")
	demoMode := fs.Bool("demo", false, "serve a temporary store holding sitrep's example articles")
	verbose := fs.Bool("v", false, "log every request")
	dicts := addDictFlags(fs)
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "sitrep serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *demoMode && (so.db != "" || so.store != "") {
		fmt.Fprintln(e.stderr, "sitrep serve: --demo uses a temporary store: drop --db and --store")
		return exitUsage
	}
	if *maxBody <= 0 || *timeout <= 0 {
		fmt.Fprintln(e.stderr, "sitrep serve: --max-body and --timeout must be positive")
		return exitUsage
	}
	if *token == "" {
		*token = os.Getenv("SITREP_TOKEN")
	}
	p, err := dicts.pipeline()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitUsage
	}
	log := e.log
	if *verbose {
		log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}

	var st sitrep.Store
	if *demoMode {
		dir, err := os.MkdirTemp("", "sitrep-demo-")
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
			return exitBadInput
		}
		defer os.RemoveAll(dir)
		s, err := sqlitestore.Open(ctx, filepath.Join(dir, "demo.db"))
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep serve: demo store: %v\n", err)
			return exitBadInput
		}
		st = s
		if err := loadDemo(ctx, &corpus.Processor{Pipeline: p, Store: st}); err != nil {
			st.Close()
			fmt.Fprintf(e.stderr, "sitrep serve: demo: %v\n", err)
			return exitBadInput
		}
	} else {
		var code int
		if st, code = so.open(ctx, e, "serve"); st == nil {
			return code
		}
	}
	defer st.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitBadInput
	}
	if *token == "" && !isLoopback(ln.Addr()) {
		fmt.Fprintf(e.stderr, "sitrep serve: warning: anyone who reaches %s can store articles; set --token or $SITREP_TOKEN\n", ln.Addr())
	}
	srv := &http.Server{
		Handler:           server.New(st, p, server.Options{Token: *token, MaxBody: *maxBody, Timeout: *timeout, Logger: log}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      *timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	fmt.Fprintf(e.stderr, "sitrep serve: listening on http://%s/\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitBadInput
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: shutdown: %v\n", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitBadInput
	}
	return exitOK
}

// loadDemo stores the example articles.
func loadDemo(ctx context.Context, proc *corpus.Processor) error {
	arts, err := demo.Articles()
	if err != nil {
		return err
	}
	for _, a := range arts {
		if _, _, err := proc.Process(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

func isLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}
