package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	token := fs.String("token", "", "bearer `token` that POST /v1/articles needs; visible to other users in ps: prefer $SITREP_TOKEN or --token-file (none: writes are open to JSON from the same origin)")
	tokenFile := fs.String("token-file", "", "read the bearer token from `file` (its first line)")
	var hosts hostList
	fs.Var(&hosts, "allowed-host", "a `name` (or address) the server answers to besides its listen address's; repeat or separate with commas")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "largest request body in `bytes`")
	timeout := fs.Duration("timeout", server.DefaultTimeout, "time limit of one request")
	demoMode := fs.Bool("demo", false, "serve a temporary store holding sitrep's example articles")
	verbose := fs.Bool("v", false, "log every request")
	dicts := addDictFlags(fs)
	lang := addLangFlag(fs)
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
	tok, code := serveToken(e, *token, *tokenFile)
	if code != exitOK {
		return code
	}
	p, err := dicts.pipeline()
	if err == nil {
		p, err = lang.apply(p)
	}
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
	if tok == "" && !isLoopback(ln.Addr()) {
		fmt.Fprintf(e.stderr, "sitrep serve: warning: anyone who reaches %s can store articles; set $SITREP_TOKEN or --token-file\n", ln.Addr())
	}
	allowed := allowedHosts(ln.Addr(), hosts)
	fmt.Fprintf(e.stderr, "sitrep serve: answering to Host %s (add names with --allowed-host)\n", strings.Join(allowed, ", "))
	opts := server.Options{Token: tok, AllowedHosts: allowed, MaxBody: *maxBody, Timeout: *timeout, Logger: log}
	srv := &http.Server{
		Handler:           server.New(st, p, opts),
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

// serveToken returns the bearer token: from --token-file, --token or
// $SITREP_TOKEN, in that order; --token draws a warning, since other
// users of the machine see it in ps. code is not exitOK when the token
// cannot be had.
func serveToken(e *env, flagToken, file string) (token string, code int) {
	switch {
	case file != "" && flagToken != "":
		fmt.Fprintln(e.stderr, "sitrep serve: --token and --token-file: give one")
		return "", exitUsage
	case file != "":
		t, err := readToken(file)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep serve: --token-file: %v\n", err)
			return "", exitBadInput
		}
		return t, exitOK
	case flagToken != "":
		fmt.Fprintln(e.stderr, "sitrep serve: warning: --token is visible to other users of this machine (ps); prefer $SITREP_TOKEN or --token-file")
		return flagToken, exitOK
	}
	return strings.TrimSpace(os.Getenv("SITREP_TOKEN")), exitOK
}

// maxTokenFile is the largest token file read.
const maxTokenFile = 4 << 10

// readToken reads a token file: its first line, trimmed, not empty.
func readToken(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if len(b) > maxTokenFile {
		return "", fmt.Errorf("%s: larger than %d bytes: not a token", path, maxTokenFile)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	if t := strings.TrimSpace(line); t != "" {
		return t, nil
	}
	return "", fmt.Errorf("%s: no token on its first line", path)
}

// hostList is a flag of host names, repeated or separated by commas.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

// Set adds the comma-separated names of v.
func (h *hostList) Set(v string) error {
	for n := range strings.SplitSeq(v, ",") {
		n = strings.TrimSpace(n)
		if n == "" || strings.ContainsAny(n, "/ ") {
			return fmt.Errorf("bad host name %q", n)
		}
		*h = append(*h, n)
	}
	return nil
}

// allowedHosts returns the names the server answers to: its listen
// address's host (for a loopback address, localhost, 127.0.0.1 and ::1;
// for the unspecified address, those, the machine's addresses and its
// host name), then extra.
func allowedHosts(addr net.Addr, extra []string) []string {
	var out []string
	add := func(h string) {
		if h != "" && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	ta, ok := addr.(*net.TCPAddr)
	switch {
	case !ok:
	case ta.IP.IsLoopback() || ta.IP.IsUnspecified():
		for _, h := range []string{"localhost", "127.0.0.1", "::1", ta.IP.String()} {
			add(h)
		}
		if ta.IP.IsUnspecified() {
			addMachine(add)
		}
	default:
		add(ta.IP.String())
	}
	for _, h := range extra {
		add(h)
	}
	return out
}

// addMachine adds the machine's host name and the addresses of its
// interfaces.
func addMachine(add func(string)) {
	if name, err := os.Hostname(); err == nil {
		add(strings.ToLower(name))
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsUnspecified() {
			add(ipn.IP.String())
		}
	}
}
