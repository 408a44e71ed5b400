package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"sitrep"
)

// The names of the limits in errors (sitrep.LimitError.Limit).
const (
	limitArticle = "article size in bytes"
	limitRecord  = "record size in bytes"
	limitFile    = "file size in bytes"
	limitInflate = "decompressed file size in bytes"
	limitRatio   = "compression ratio (decompression bomb)"
	limitItems   = "feed items"
	limitArray   = "JSON array elements"
)

// limits returns the reader's limits, DefaultLimits where unset; rd may be
// nil.
func (rd *Reader) limits() sitrep.Limits {
	if rd == nil {
		return sitrep.DefaultLimits
	}
	return rd.Limits.OrDefault()
}

// limitReason says what went over which limit, for an InputError's Reason
// (which names the input and place itself).
func limitReason(le *sitrep.LimitError) string {
	what := le.Limit
	if le.Where != "" {
		what = le.Where + ": " + what
	}
	if le.Got > 0 {
		return fmt.Sprintf("%s %d over the limit of %d", what, le.Got, le.Max)
	}
	return fmt.Sprintf("%s over the limit of %d", what, le.Max)
}

// overLimit is the *InputError for a limit gone over at offset of the input
// name (-1: the input as a whole); it wraps le.
func overLimit(name string, offset int64, le *sitrep.LimitError) *InputError {
	le.Input = name
	return &InputError{Name: name, Offset: offset, Reason: limitReason(le), Err: le}
}

// checkArticles wraps yield so that an article whose text is over
// lim.ArticleBytes comes to it as an *InputError (wrapping a
// *sitrep.LimitError) naming the article's origin, not as an article.
func checkArticles(lim sitrep.Limits, yield func(sitrep.Article, error) bool) func(sitrep.Article, error) bool {
	return func(a sitrep.Article, err error) bool {
		if err == nil {
			if cerr := lim.CheckArticle(a.Origin, a.Text); cerr != nil {
				le := cerr.(*sitrep.LimitError)
				return yield(sitrep.Article{}, overLimit(a.Origin, -1, le))
			}
		}
		return yield(a, err)
	}
}

// readAtMost reads all of r, refusing more than max bytes with a
// *sitrep.LimitError for limit; it reads at most max+1 bytes.
func readAtMost(r io.Reader, max int64, limit string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > max {
		return nil, &sitrep.LimitError{Limit: limit, Max: max}
	}
	return data, nil
}

// capReader passes r on and refuses, with a *sitrep.LimitError, to read
// more than max bytes of it: the limit is enforced while reading.
type capReader struct {
	r     io.Reader
	n     int64 // bytes read
	max   int64
	limit string // the limit's name
	err   error
}

// Read reads from r, failing once more than max bytes came.
func (c *capReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if rest := c.max + 1 - c.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		c.err = &sitrep.LimitError{Limit: c.limit, Max: c.max}
		return n - int(c.n-c.max), c.err // the bytes within the limit
	}
	return n, err
}

// position counts the bytes read from an input through a bufio.Reader
// above it, so that the offset of the next byte the bufio.Reader hands
// out is known.
type position struct {
	r  io.Reader
	n  int64
	br *bufio.Reader // the reader above, set after it is made
}

// Read reads from r and counts.
func (p *position) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	return n, err
}

// offset is the offset in the input of the next byte br hands out.
func (p *position) offset() int64 { return p.n - int64(p.br.Buffered()) }

// newPositioned returns a bufio.Reader of size bytes over r and the
// position that says its offset.
func newPositioned(r io.Reader, size int) (*bufio.Reader, *position) {
	p := &position{r: r}
	p.br = bufio.NewReaderSize(p, size)
	return p.br, p
}

// inflated counts the decompressed bytes of one input over all its gzip
// streams (the members of a WARC file, each with its own guard).
type inflated struct {
	out int64 // decompressed bytes handed out so far
	// in returns the input's bytes taken so far, compressed or not; nil
	// when the input is one stream, whose own guard checks its ratio
	in func() int64
}

// inflateGuard counts the bytes a decompressor hands out: past
// lim.FileBytes (over every stream sharing total) it refuses them, and
// once more than lim.RecordBytes/16 are out it refuses them as a
// decompression bomb when they are more than lim.CompressionRatio times
// the compressed bytes taken, counted for this stream and, when total
// says the input's bytes, for the whole input too: a bomb of many small
// gzip members, each under the threshold, is caught by the latter. Errors
// are *sitrep.LimitError.
type inflateGuard struct {
	r     io.Reader    // the decompressor
	in    func() int64 // compressed bytes taken so far by this stream
	out   int64        // decompressed bytes handed out by this stream
	total *inflated    // decompressed bytes of the whole input
	lim   sitrep.Limits
	err   error
}

// newInflateGuard guards zr, whose compressed input is read through src
// from src's current offset on; total, when not nil, is shared with the
// other streams of the same input.
func newInflateGuard(zr io.Reader, src *position, total *inflated, lim sitrep.Limits) *inflateGuard {
	start := src.offset()
	if total == nil {
		total = &inflated{}
	}
	return &inflateGuard{r: zr, in: func() int64 { return src.offset() - start }, total: total, lim: lim}
}

// Read reads from the decompressor, failing past a limit.
func (g *inflateGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	g.out += int64(n)
	g.total.out += int64(n)
	if le := g.check(); le != nil {
		g.err = le
		return 0, le
	}
	return n, err
}

// check returns the limit gone over, if any.
func (g *inflateGuard) check() *sitrep.LimitError {
	if g.total.out > g.lim.FileBytes {
		return &sitrep.LimitError{Limit: limitInflate, Max: g.lim.FileBytes, Got: g.total.out}
	}
	if le := g.ratio(g.out, g.in); le != nil {
		return le
	}
	if g.total.in != nil {
		return g.ratio(g.total.out, g.total.in)
	}
	return nil
}

// ratio returns the decompression bomb error when out bytes, once over
// lim.RecordBytes/16, are more than lim.CompressionRatio times in's.
func (g *inflateGuard) ratio(out int64, in func() int64) *sitrep.LimitError {
	if out <= g.lim.RecordBytes/16 {
		return nil
	}
	if ratio := out / max(in(), 1); ratio > g.lim.CompressionRatio {
		return &sitrep.LimitError{Limit: limitRatio, Max: g.lim.CompressionRatio, Got: ratio}
	}
	return nil
}

// openGzip opens the gzip stream at src's offset in br (br must be src's
// reader, so that gzip reads no byte past the stream's end) and returns
// its decompressed bytes through an inflateGuard.
func openGzip(br *bufio.Reader, src *position, total *inflated, lim sitrep.Limits) (io.Reader, error) {
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, err
	}
	return newInflateGuard(zr, src, total, lim), nil
}

// DecompressGzip returns the decompressed bytes of the gzip stream r (one
// or more members) within lim, through the guard every reader of this
// package decompresses with: at most lim.RecordBytes out, and no more than
// lim.CompressionRatio times the compressed bytes once more than
// lim.RecordBytes/16 are out (a decompression bomb). Going over a limit is
// a *sitrep.LimitError whose Input is name (what the caller calls the
// stream: a URL, a file; "gzip stream" when empty). It is for callers that
// fetch bodies themselves (sitrep watch).
func DecompressGzip(name string, r io.Reader, lim sitrep.Limits) ([]byte, error) {
	lim = lim.OrDefault()
	if name == "" {
		name = "gzip stream"
	}
	br, src := newPositioned(r, 64<<10)
	zr, err := openGzip(br, src, nil, lim)
	if err != nil {
		return nil, fmt.Errorf("%s: gzip: %w", name, err)
	}
	data, err := readAtMost(zr, lim.RecordBytes, limitRecord)
	var le *sitrep.LimitError
	if errors.As(err, &le) {
		le.Input = name
		return nil, le
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}
