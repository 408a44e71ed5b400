package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sitrep"
)

// Format is an input format.
type Format int

// The formats Read knows.
const (
	FormatUnknown Format = iota
	FormatHTML           // one HTML page
	FormatFeed           // RSS, Atom or JSON feed
	FormatWARC           // WARC file
	FormatJSONL          // JSON Lines, one article per line
	FormatJSON           // JSON array of articles, or objects one after another
	FormatText           // plain UTF-8 text, one article
)

var formatNames = [...]string{"unknown", "HTML", "feed", "WARC", "JSON Lines", "JSON", "text"}

func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return "unknown"
	}
	return formatNames[f]
}

// FormatOf returns the format a file name's extension says, and whether the
// name also says gzip compression (".jsonl.gz", ".html.gz"; ".warc.gz" is
// FormatWARC and false, as WARC files carry their own compression).
// FormatUnknown when the extension says nothing.
func FormatOf(name string) (f Format, gz bool) {
	base := strings.ToLower(filepath.Base(name))
	if strings.HasSuffix(base, ".warc.gz") {
		return FormatWARC, false
	}
	if s, ok := strings.CutSuffix(base, ".gz"); ok {
		base, gz = s, true
	}
	switch filepath.Ext(base) {
	case ".html", ".htm", ".xhtml", ".shtml":
		f = FormatHTML
	case ".xml", ".rss", ".atom", ".rdf":
		f = FormatFeed
	case ".warc":
		f = FormatWARC
	case ".jsonl", ".ndjson":
		f = FormatJSONL
	case ".json":
		f = FormatJSON
	case ".txt", ".text":
		f = FormatText
	}
	return f, gz
}

// Reader reads articles from files, directories, standard input and web
// addresses. Its zero value reads no standard input, fetches with a
// 60-second timeout and keeps to sitrep.DefaultLimits.
type Reader struct {
	// Stdin is read for the input "-".
	Stdin io.Reader
	// Client fetches http:// and https:// inputs; nil means a client with
	// a 60-second timeout.
	Client *http.Client
	// Limits bound what one input may hold; zero fields are taken from
	// sitrep.DefaultLimits. They are enforced while reading: an input, a
	// record or an article over one is an *InputError wrapping a
	// *sitrep.LimitError that names the input, the place and the limit,
	// and reading goes on where it can (the next record, line or input).
	Limits sitrep.Limits
	// Warn, when set, is told of what was read all the same but perhaps
	// not as written: an input that is not UTF-8 and declares no charset,
	// read as Windows-1252; a declared charset that is unknown or that the
	// bytes belie. The *InputError names the input and, where it can, the
	// byte. Warnings are not errors: the articles are yielded.
	Warn func(*InputError)
}

// Read reads the articles of inputs, in order, and passes each to yield
// with a nil error; a problem with one record, line, item or file is passed
// to yield as a non-nil error (an *InputError naming the input and the
// place in it) with a zero Article, and reading goes on. yield returns
// false to stop; Read then returns nil.
//
// An input is a file, a directory (its files in lexical order, recursively;
// hidden files and directories are skipped, each with an error), "-" for
// r.Stdin, or an http(s) URL, fetched. gzip-compressed inputs are
// decompressed, UTF-16 ones (with a byte-order mark) decoded. The reader is
// chosen by the first bytes (Detect), the extension (FormatOf) or
// Content-Type a hint only, deciding only what the bytes leave open; the
// charset by the byte-order mark, Content-Type, the input's declaration
// and the bytes (see charset.go: undeclared bytes that are not UTF-8 are
// read as Windows-1252, with a warning to r.Warn). An input that is empty,
// or neither text nor a known format, is skipped with an error.
// An input over one of r.Limits (its bytes, decompressed or not, over
// FileBytes; a gzip stream decompressing more than CompressionRatio times
// its size; a record, feed, JSON array or article over its limit) is
// reported to yield as an *InputError wrapping the *sitrep.LimitError.
//
// Read returns an error only when it cannot go on: ctx is cancelled, or an
// input named in inputs does not exist or cannot be read (checked before
// any is read).
func (rd *Reader) Read(ctx context.Context, inputs []string, yield func(sitrep.Article, error) bool) error {
	for _, in := range inputs {
		if in == "-" || isURL(in) {
			continue
		}
		if _, err := os.Stat(in); err != nil {
			return inputError(in, err)
		}
	}
	w := &walk{rd: rd, yield: yield}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case in == "-":
			err = w.stdin(ctx)
		case isURL(in):
			err = w.fetch(ctx, in)
		default:
			err = w.path(ctx, in)
		}
		if err != nil {
			return err
		}
		if w.stopped {
			return nil
		}
	}
	return nil
}

// Read reads the articles of inputs with a Reader whose Stdin is stdin; see
// Reader.Read.
func Read(ctx context.Context, inputs []string, stdin io.Reader, yield func(sitrep.Article, error) bool) error {
	return (&Reader{Stdin: stdin}).Read(ctx, inputs, yield)
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// walk is one run of Reader.Read.
type walk struct {
	rd      *Reader
	yield   func(sitrep.Article, error) bool
	stopped bool
}

// emit passes an article or a problem on, noting when yield says stop.
func (w *walk) emit(a sitrep.Article, err error) bool {
	if w.stopped {
		return false
	}
	if !w.yield(a, err) {
		w.stopped = true
	}
	return !w.stopped
}

// problem reports the end of one input: an *InputError (or other non-fatal
// error) is passed to yield; a context error is returned.
func (w *walk) problem(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return err
	}
	w.emit(sitrep.Article{}, err)
	return nil
}

func (w *walk) stdin(ctx context.Context) error {
	if w.rd.Stdin == nil {
		return w.problem(ctx, &InputError{Name: "stdin", Offset: -1, Reason: "no standard input"})
	}
	return w.problem(ctx, w.stream(ctx, "stdin", w.rd.Stdin, FormatUnknown, "", ""))
}

func (w *walk) fetch(ctx context.Context, u string) error {
	client := w.rd.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return w.problem(ctx, &InputError{Name: u, Offset: -1, Reason: err.Error()})
	}
	req.Header.Set("User-Agent", "sitrep (news reader)")
	// Asked for explicitly, a gzip body is not decompressed by the client
	// but by stream, which guards against decompression bombs.
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return w.problem(ctx, &InputError{Name: u, Offset: -1, Reason: "fetch: " + err.Error()})
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return w.problem(ctx, &InputError{Name: u, Offset: -1, Reason: "fetch: HTTP " + resp.Status})
	}
	ct := resp.Header.Get("Content-Type")
	f := contentTypeFormat(ct, resp.Request.URL.Path)
	return w.problem(ctx, w.stream(ctx, u, resp.Body, f, ct, resp.Request.URL.String()))
}

// contentTypeFormat returns the format hint of a fetched input: its
// Content-Type's, else its path's extension's.
func contentTypeFormat(ct, path string) Format {
	f, _ := FormatOf(path)
	mt, _, _ := mime.ParseMediaType(ct)
	switch {
	case isHTMLType(ct):
		f = FormatHTML
	case strings.Contains(mt, "rss") || strings.Contains(mt, "atom") || mt == "application/feed+json":
		f = FormatFeed
	case mt == "application/warc":
		f = FormatWARC
	case mt == "text/plain" && f == FormatUnknown:
		f = FormatText
	}
	return f
}

// path reads a file or a directory named in the inputs.
func (w *walk) path(ctx context.Context, p string) error {
	info, err := os.Stat(p)
	if err != nil {
		return inputError(p, err)
	}
	if !info.IsDir() {
		return w.file(ctx, p, info, false)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if w.stopped {
			return fs.SkipAll
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			w.emit(sitrep.Article{}, &InputError{Name: path, Offset: -1, Reason: unwrapPathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			what := "hidden file"
			if d.IsDir() {
				what = "hidden directory"
			}
			w.emit(sitrep.Article{}, &InputError{Name: path, Offset: -1, Reason: what + ", skipped"})
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := os.Stat(path) // follows a symbolic link
		if err != nil {
			w.emit(sitrep.Article{}, &InputError{Name: path, Offset: -1, Reason: unwrapPathError(err)})
			return nil
		}
		if info.IsDir() {
			w.emit(sitrep.Article{}, &InputError{Name: path, Offset: -1, Reason: "link to a directory, skipped"})
			return nil
		}
		return w.file(ctx, path, info, true)
	})
}

// inputError is the fatal error for an input that cannot be read; it
// wraps the cause (errors.Is(err, fs.ErrNotExist) holds for a missing one).
func inputError(in string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("input %s: %w", in, err)
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// file reads one file; inDir says it was found in a directory rather than
// named.
func (w *walk) file(ctx context.Context, path string, info fs.FileInfo, inDir bool) error {
	if !info.Mode().IsRegular() {
		return w.problem(ctx, &InputError{Name: path, Offset: -1, Reason: "not a regular file, skipped"})
	}
	f, _ := FormatOf(path)
	fh, err := os.Open(path)
	if err != nil {
		return w.problem(ctx, &InputError{Name: path, Offset: -1, Reason: unwrapPathError(err)})
	}
	defer fh.Close()
	return w.problem(ctx, w.stream(ctx, path, fh, f, "", ""))
}

// stream reads one input, decompressing it when it is gzipped (a
// gzipped WARC file is left to ReadWARC) and decoding it when it is UTF-16,
// within the reader's limits: at most FileBytes of it are read, and its
// gzip stream is guarded against bombs. Its format is detected from its
// first bytes (Detect), hint (from the name or Content-Type) deciding only
// what they leave open. pageURL and contentType come from a fetch.
func (w *walk) stream(ctx context.Context, name string, r io.Reader, hint Format, contentType, pageURL string) error {
	lim := w.rd.limits()
	raw := &capReader{r: r, max: lim.FileBytes, limit: limitFile}
	br, pos := newPositioned(raw, 64<<10)
	head, _ := br.Peek(SniffSize)
	if isGzip(head) {
		if hint == FormatWARC || gzipHoldsWARC(br) {
			return streamError(name, w.format(ctx, name, br, FormatWARC, contentType, pageURL))
		}
		zr, err := openGzip(br, pos, nil, lim)
		if err != nil {
			return &InputError{Name: name, Offset: 0, Reason: "gzip: " + err.Error()}
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	br = fromUTF16(br)
	f, err := detectStream(name, br, hint)
	if err != nil {
		return err
	}
	return streamError(name, w.format(ctx, name, br, f, contentType, pageURL))
}

// detectStream returns the format of the input name that br starts, from
// its first bytes (PeekHead, Detect) and hint: past white space, comments
// and declarations however long, up to MaxSniffSize; when these go on past
// it, hint decides. An input of nothing but white space is an *InputError
// saying it is empty; one whose white space, comments or declarations go
// on past MaxSniffSize, with no hint, one saying its format is unknown.
func detectStream(name string, br *bufio.Reader, hint Format) (Format, error) {
	head, open, err := PeekHead(br)
	blank := len(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")))) == 0
	if err != nil && !errors.Is(err, io.EOF) && blank {
		return FormatUnknown, streamError(name, err)
	}
	if blank && !open {
		return FormatUnknown, &InputError{Name: name, Offset: -1, Reason: "empty input"}
	}
	f := Detect(head, hint)
	if open && hint != FormatUnknown {
		f = hint
	}
	if f == FormatUnknown && open {
		return f, &InputError{Name: name, Offset: -1, Reason: fmt.Sprintf(
			"unknown format: nothing but white space, comments or declarations in the first %d bytes, skipped", len(head))}
	}
	return f, nil
}

// format reads one input of the known format f from br.
func (w *walk) format(ctx context.Context, name string, br *bufio.Reader, f Format, contentType, pageURL string) error {
	yield := w.emit
	switch f {
	case FormatWARC:
		return w.rd.ReadWARC(ctx, name, br, yield)
	case FormatFeed:
		return w.rd.readFeed(ctx, name, br, contentType, yield)
	case FormatJSONL:
		return w.rd.ReadJSONL(ctx, name, br, yield)
	case FormatJSON:
		return w.rd.ReadJSON(ctx, name, br, yield)
	case FormatHTML:
		art, err := w.rd.ReadHTML(br, Page{Name: name, URL: pageURL, ContentType: contentType})
		if err != nil {
			return err
		}
		yield(art, nil)
		return nil
	case FormatText:
		art, err := w.rd.readText(name, br, contentType)
		if err != nil {
			return err
		}
		yield(art, nil)
		return nil
	}
	return &InputError{Name: name, Offset: -1, Reason: "unknown format (not HTML, a feed, WARC, JSON or text), skipped"}
}

// ReadText reads a plain text article from r, the input called name: at
// most Limits.ArticleBytes, a larger one refused (an *InputError wrapping a
// *sitrep.LimitError) as soon as one byte more has been read. Empty and
// binary inputs are refused as PlainText refuses them; text that is not
// UTF-8 is read as Windows-1252, with a warning to rd.Warn naming the
// input and the first such byte. The article's Origin is name.
func (rd *Reader) ReadText(name string, r io.Reader) (sitrep.Article, error) {
	return rd.readText(name, r, "")
}

// readText is ReadText for an input whose Content-Type may name its
// charset.
func (rd *Reader) readText(name string, r io.Reader, contentType string) (sitrep.Article, error) {
	lim := rd.limits()
	data, err := readAtMost(r, lim.ArticleBytes, limitArticle)
	if err != nil {
		return sitrep.Article{}, pageError(name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if err := checkText(name, data); err != nil {
		return sitrep.Article{}, err
	}
	if data, err = rd.decodeText(name, data, contentType); err != nil {
		return sitrep.Article{}, &InputError{Name: name, Offset: -1, Reason: err.Error(), Err: err}
	}
	txt := string(data)
	if err := lim.CheckArticle(name, txt); err != nil {
		return sitrep.Article{}, overLimit(name, -1, err.(*sitrep.LimitError))
	}
	return sitrep.Article{Text: txt, Origin: name}, nil
}

// streamError turns a *sitrep.LimitError that a reader returned as is
// (from the guards below it) into an *InputError naming the input; other
// errors pass unchanged.
func streamError(name string, err error) error {
	var le *sitrep.LimitError
	if err != nil && errors.As(err, &le) {
		var ie *InputError
		if !errors.As(err, &ie) {
			return overLimit(name, -1, le)
		}
	}
	return err
}

func isGzip(head []byte) bool { return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b }

// gzipHoldsWARC reports whether the gzip stream at the start of br
// decompresses to a WARC record.
func gzipHoldsWARC(br *bufio.Reader) bool {
	buf, _ := br.Peek(br.Size())
	zr, err := gzip.NewReader(bytes.NewReader(buf))
	if err != nil {
		return false
	}
	var first [5]byte
	n, _ := io.ReadFull(zr, first[:])
	return string(first[:n]) == "WARC/"
}
