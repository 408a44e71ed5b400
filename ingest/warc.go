package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"sitrep"
)

// maxWARCErrors is how many broken records in a row end the reading of a
// WARC file: past that the file is not a WARC file or beyond repair.
const maxWARCErrors = 50

// maxWARCHeader is the largest WARC record header read (the header, not
// its block); a larger one is a broken record.
const maxWARCHeader = 64 << 10

// ReadWARC reads a WARC file from r with the default limits; see
// Reader.ReadWARC.
func ReadWARC(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	return (*Reader)(nil).ReadWARC(ctx, name, r, yield)
}

// ReadWARC reads a WARC file (WARC 1.0 or 1.1; each record gzipped, the
// whole file gzipped, or not compressed) from r, one record at a time, and
// yields one article per HTML page: a `response` record with HTTP status
// 200 and an HTML content type (Common Crawl's CC-NEWS holds such records).
// The page is read as ReadHTML reads it, with the record's
// WARC-Target-URI as its address and its WARC-Date as the published date
// when the page gives none; Origin is "NAME@OFFSET", the record's byte
// offset in the file (in the decompressed stream for a file gzipped as a
// whole, which cannot be read from an offset anyway). Other records
// (warcinfo, request, metadata, revisit, other statuses and content types)
// are skipped without a word.
//
// Parsing is lenient: header syntax slips such as wget's <> around
// WARC-Target-URI, missing carriage returns or wrong digests are let
// through. A broken record is yielded as an *InputError naming the file and
// the record's byte offset, and reading goes on with the next record: one
// whose Content-Length is missing, not a number or negative (the error
// shows the value), one cut short by the end of the file, one over
// Limits.RecordBytes (skipped unread), one whose gzip member is damaged.
// Limits are kept while reading: a gzip member (or the whole file)
// decompressing more than Limits.CompressionRatio times its size is a
// decompression bomb, and the file's bytes, decompressed or not, stop at
// Limits.FileBytes; either ends the reading with an *InputError wrapping a
// *sitrep.LimitError. When the file cannot be read further (truncated,
// garbage that holds no more records) ReadWARC returns an *InputError; a
// cancelled ctx's error is returned as is; nil when the file is done or
// yield stops it.
func (rd *Reader) ReadWARC(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	lim := rd.limits()
	br, pos := newPositioned(&capReader{r: r, max: lim.FileBytes, limit: limitFile}, 256<<10)
	w := &warcReader{rd: rd, name: name, lim: lim, src: br, pos: pos, total: &inflated{in: pos.offset}, memberAt: -1,
		un: gowarc.NewUnmarshaler(
			gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
			gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
			gowarc.WithUnknownRecordTypePolicy(gowarc.ErrWarn),
			gowarc.WithSkipParseBlock(),
			gowarc.WithBufferMaxMemBytes(4<<20)),
		rec:    bufio.NewReaderSize(nil, 64<<10),
		member: bufio.NewReaderSize(nil, 2*maxWARCHeader),
	}
	if wholeGzip(br) {
		zr, err := openGzip(br, pos, w.total, lim)
		if err != nil {
			return &InputError{Name: name, Offset: 0, Reason: "gzip: " + err.Error()}
		}
		w.src, w.pos = newPositioned(zr, 256<<10)
		w.where, w.whole = " (offset in the decompressed stream)", true
	}
	w.fileWhere = w.where
	return w.run(ctx, checkArticles(lim, yield))
}

// warcReader is one run of ReadWARC.
type warcReader struct {
	rd        *Reader
	name      string
	lim       sitrep.Limits
	src       *bufio.Reader // the records, gzip members or not, one after another
	pos       *position     // src's offsets
	where     string        // said of offsets in a decompressed stream
	fileWhere string        // where, outside a gzip member's later records
	whole     bool          // src is a file gzipped as a whole, decompressed
	total     *inflated     // decompressed bytes of the file so far
	un        gowarc.Unmarshaler
	zr        *gzip.Reader  // reused for every member
	rec       *bufio.Reader // reused: one record's bytes, for gowarc
	// member is reused: one gzip member's decompressed bytes, buffered
	// enough to peek at a whole record header
	member *bufio.Reader
	mpos   *position // member's offsets, in the member's decompressed bytes
	// memberAt is the offset of the gzip member whose records after the
	// first are read (their offsets are in its decompressed bytes); -1
	// when none is
	memberAt int64
	trap     boundaryTrap // reused for every record
	last     string       // names the last record whose header was read
	errs     int          // broken records in a row
	quiet    bool         // the last record was broken or bad: junk after it is part of it
}

// warcOutcome is what became of one record.
type warcOutcome struct {
	art    sitrep.Article // its article, if it has one
	bad    *InputError    // a record read but refused; always reported
	broken *InputError    // a record that could not be read; reading goes on
	fatal  *InputError    // the file cannot be read further
	// resume, when the record's Content-Length ran past the end of the
	// input over a record boundary in its block, holds the bytes from that
	// boundary on, to be read in place of the input's (ended) rest;
	// resumeAt is their offset from the record's start
	resume   []byte
	resumeAt int64
}

// run reads the records of w.src to its end.
func (w *warcReader) run(ctx context.Context, yield func(sitrep.Article, error) bool) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := w.pos.offset()
		head, err := w.src.Peek(5)
		if len(head) == 0 {
			if err == nil || errors.Is(err, io.EOF) {
				return nil
			}
			return w.readFailure(start, err, false).fatal
		}
		var done bool
		switch {
		case isGzip(head):
			done, err = w.readMember(ctx, start, yield)
		case bytes.HasPrefix(head, []byte("WARC/")):
			done, err = w.readPlain(start, yield)
		default:
			done, err = w.junk(start, yield)
		}
		if done {
			return err
		}
		if w.pos.offset() == start {
			w.src.Discard(1) // always move on
		}
	}
}

// deliver passes a record's outcome on: its article or error to yield,
// the first of a run of broken records only (resynchronizing after a
// broken record can trip on false record starts). It returns true when the
// reading ends, with the error ReadWARC returns.
func (w *warcReader) deliver(o warcOutcome, yield func(sitrep.Article, error) bool) (bool, error) {
	switch {
	case o.fatal != nil:
		return true, o.fatal
	case o.broken != nil:
		w.errs++
		w.quiet = true
		if w.errs > maxWARCErrors {
			o.broken.Reason = "no more WARC records after the broken record" + w.where + ": " + o.broken.Reason
			return true, o.broken
		}
		return w.errs == 1 && !yield(sitrep.Article{}, o.broken), nil
	}
	w.errs = 0
	w.quiet = o.bad != nil
	switch {
	case o.bad != nil:
		return !yield(sitrep.Article{}, o.bad), nil
	case o.art.Text != "":
		return !yield(o.art, nil), nil
	}
	return false, nil
}

// readPlain reads the record, not compressed, at start of w.src; when its
// Content-Length ran past the end over a record boundary, w.src goes on
// from that boundary.
func (w *warcReader) readPlain(start int64, yield func(sitrep.Article, error) bool) (bool, error) {
	o := w.readRecord(w.src, start, false)
	if o.resume != nil {
		w.src, w.pos = newPositioned(bytes.NewReader(o.resume), w.src.Size())
		w.pos.n = start + o.resumeAt
	}
	return w.deliver(o, yield)
}

// junk skips the bytes of w.src up to the next record start, reporting
// them unless they follow a record reported as broken or bad; it ends the
// reading when no record start follows.
func (w *warcReader) junk(start int64, yield func(sitrep.Article, error) bool) (bool, error) {
	n, found, err := skipTo(w.src, indexRecordStart, 4)
	switch {
	case err != nil:
		return true, w.readFailure(start, err, false).fatal
	case !found && w.errs > 0:
		return true, &InputError{Name: w.name, Offset: start, Reason: "no more WARC records after the broken record" + w.where}
	case !found:
		return true, &InputError{Name: w.name, Offset: start, Reason: "data after the last record holds no WARC record" + w.where}
	case !w.quiet:
		ie := &InputError{Name: w.name, Offset: start, Reason: fmt.Sprintf("%d bytes that are no WARC record skipped%s", n, w.where)}
		return !yield(sitrep.Article{}, ie), nil
	}
	return false, nil
}

// skipTo skips the bytes of br up to the first place index finds (-1:
// none), returning how many it skipped and whether it found one before the
// end; index's pattern must be at most keep+1 bytes long.
func skipTo(br *bufio.Reader, index func([]byte) int, keep int) (n int64, found bool, err error) {
	for {
		buf, err := br.Peek(br.Size())
		if i := index(buf); i >= 0 {
			br.Discard(i)
			return n + int64(i), true, nil
		}
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return n, false, err
		}
		if err != nil && errors.Is(err, io.EOF) {
			br.Discard(len(buf))
			return n + int64(len(buf)), false, nil
		}
		skip := len(buf) - keep // the last bytes may begin a match
		br.Discard(skip)
		n += int64(skip)
	}
}

// indexRecordStart returns the index of the first gzip magic or "WARC/"
// in b, -1 when there is none.
func indexRecordStart(b []byte) int {
	i := bytes.Index(b, []byte{0x1f, 0x8b})
	if j := bytes.Index(b, []byte("WARC/")); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	return i
}

// indexWARCLine returns the index of the first "WARC/" in b that starts a
// line after the first, -1 when there is none.
func indexWARCLine(b []byte) int {
	if i := bytes.Index(b, []byte("\nWARC/")); i >= 0 {
		return i + 1
	}
	return -1
}

// readMember reads the records of the gzip member at start through a
// guard against decompression bombs: its first record and then, as a file
// gzipped as a whole holds them all in one member, the records after it
// until the member ends. Bytes of the member that are no record are
// reported, naming the record before them, and skipped; none is dropped
// unsaid. It returns true when the reading ends, with ReadWARC's error.
func (w *warcReader) readMember(ctx context.Context, start int64, yield func(sitrep.Article, error) bool) (bool, error) {
	if err := w.openMember(); err != nil {
		return w.deliver(w.readFailure(start, fmt.Errorf("gzip: %w", err), true), yield)
	}
	defer w.leaveMember()
	if done, err, ok := w.memberStart(start, yield); !ok {
		return done, err
	}
	for off := start; ; {
		at := w.mpos.offset()
		o := w.readRecord(w.member, off, true)
		if done, err := w.deliver(o, yield); done {
			return true, err
		}
		if o.resume != nil {
			w.mpos = &position{r: bytes.NewReader(o.resume), n: at + o.resumeAt, br: w.member}
			w.member.Reset(w.mpos)
		}
		if err := ctx.Err(); err != nil {
			return true, err
		}
		w.enterMember(start)
		next, done, err := w.nextInMember(start, o.broken != nil, yield)
		if done || next < 0 {
			return done, err
		}
		off = next
	}
}

// memberStart checks that the gzip member just opened at start begins
// with a record. When it does not, the bytes up to its first record are
// skipped (through the member's guard, so that a decompression bomb is
// told as one) and reported; ok is false when the member holds no record,
// and then done and err are deliver's.
func (w *warcReader) memberStart(start int64, yield func(sitrep.Article, error) bool) (done bool, err error, ok bool) {
	if head, _ := w.member.Peek(5); bytes.HasPrefix(head, []byte("WARC/")) {
		return false, nil, true
	}
	n, found, err := skipTo(w.member, indexWARCLine, 6)
	switch {
	case err != nil:
		done, err = w.deliver(w.readFailure(start, err, true), yield)
		return done, err, false
	case !found:
		done, err = w.deliver(w.brokenRecord(start, fmt.Sprintf("broken WARC record: no WARC version line in its gzip member of %d bytes", n)), yield)
		return done, err, false
	}
	if w.quiet {
		return false, nil, true
	}
	ie := &InputError{Name: w.name, Offset: start, Reason: fmt.Sprintf("the first %d bytes of its gzip member are no WARC record, skipped", n)}
	if !yield(sitrep.Article{}, ie) {
		return true, nil, false
	}
	return false, nil, true
}

// openMember opens the gzip member at w.src's offset as w.member, through
// a guard against decompression bombs.
func (w *warcReader) openMember() error {
	var err error
	if w.zr == nil {
		w.zr, err = gzip.NewReader(w.src)
	} else {
		err = w.zr.Reset(w.src)
	}
	if err != nil {
		return err
	}
	w.zr.Multistream(false)
	w.mpos = &position{r: newInflateGuard(w.zr, w.pos, w.total, w.lim), br: w.member}
	w.member.Reset(w.mpos)
	return nil
}

// enterMember says that the records read now are the later records of the
// gzip member at start, whose offsets are in its decompressed bytes: the
// decompressed stream's, for a member at the start of a file.
func (w *warcReader) enterMember(start int64) {
	w.memberAt = start
	w.where = fmt.Sprintf(" (offset in the decompressed gzip member at byte %d%s)", start, w.fileWhere)
	if start == 0 && !w.whole {
		w.where = " (offset in the decompressed stream)"
	}
}

// leaveMember undoes enterMember.
func (w *warcReader) leaveMember() { w.memberAt, w.where = -1, w.fileWhere }

// nextInMember goes past the blank lines that end a record of the gzip
// member at start to the next record in it, returning its offset in the
// member's decompressed bytes, or -1 when the member has ended. Bytes up to
// the next record start ("WARC/" beginning a line) are skipped, reported
// as an error naming the record they follow unless that was reported (the
// rest of a broken record, whose read errors other than a limit are let
// pass too). It returns true when the reading ends, with ReadWARC's error.
func (w *warcReader) nextInMember(start int64, broken bool, yield func(sitrep.Article, error) bool) (next int64, done bool, err error) {
	skipEndOfRecord(w.member)
	at := w.mpos.offset()
	n, found := int64(0), true
	if head, _ := w.member.Peek(5); !bytes.HasPrefix(head, []byte("WARC/")) {
		n, found, err = skipTo(w.member, indexWARCLine, 6)
	}
	var le *sitrep.LimitError
	switch {
	case err != nil && broken && !errors.As(err, &le):
		return -1, false, nil
	case err != nil:
		done, err = w.deliver(w.readFailure(start, err, true), yield)
		return -1, done, err
	case n > 0 && !w.quiet:
		ie := &InputError{Name: w.name, Offset: at, Reason: fmt.Sprintf("%s: %d bytes after it in its gzip member are no WARC record, skipped%s", w.last, n, w.where)}
		if !yield(sitrep.Article{}, ie) {
			return -1, true, nil
		}
	}
	if !found {
		return -1, false, nil
	}
	return w.mpos.offset(), false, nil
}

// readRecord reads one record from rs (w.src, or a gzip member of it),
// which starts at offset start: its header, checked before its block is
// read, then the record through gowarc, bounded by its Content-Length.
func (w *warcReader) readRecord(rs *bufio.Reader, start int64, inMember bool) warcOutcome {
	w.last = "record"
	head, err := rs.Peek(maxWARCHeader)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return w.readFailure(start, err, inMember)
	}
	if !bytes.HasPrefix(head, []byte("WARC/")) {
		return w.brokenRecord(start, "broken WARC record: no WARC version line")
	}
	n := headerEnd(head)
	if n < 0 {
		rs.Discard(len(head)) // always past "WARC/"
		if len(head) < maxWARCHeader {
			what := parseWARCHeader(head).what()
			return warcOutcome{bad: &InputError{Name: w.name, Offset: start, Reason: what + ": header cut short by the end of the input" + w.where}}
		}
		return w.brokenRecord(start, fmt.Sprintf("broken WARC record: header longer than %d bytes", maxWARCHeader))
	}
	h := parseWARCHeader(head[:n])
	w.last = h.what()
	length, reason := h.contentLength()
	if reason != "" {
		rs.Discard(n)
		return w.brokenRecord(start, h.what()+": "+reason)
	}
	if length > w.lim.RecordBytes {
		return w.skipRecord(rs, start, h, int64(n)+length)
	}
	return w.parseRecord(rs, start, h, int64(n), length, inMember)
}

// brokenRecord is the outcome of a record whose end cannot be told.
func (w *warcReader) brokenRecord(start int64, reason string) warcOutcome {
	return warcOutcome{broken: &InputError{Name: w.name, Offset: start, Reason: reason + w.where + "; skipped to the next record"}}
}

// skipRecord skips a record over the record size limit, unread; when the
// input ends inside it, over a record boundary, the records after that are
// read (resume).
func (w *warcReader) skipRecord(rs *bufio.Reader, start int64, h warcHeader, size int64) warcOutcome {
	w.trap.reset(rs, int64(h.headerLen), w.lim.RecordBytes)
	n, err := io.CopyN(io.Discard, &w.trap, size)
	if err != nil && !errors.Is(err, io.EOF) {
		return w.readFailure(start, err, rs == w.member)
	}
	skipEndOfRecord(rs)
	le := &sitrep.LimitError{Where: h.what(), Limit: limitRecord, Max: w.lim.RecordBytes, Got: size - int64(h.headerLen)}
	ie := overLimit(w.name, start, le)
	ie.Reason += ", skipped"
	o := warcOutcome{bad: ie}
	if n < size {
		ie.Reason += fmt.Sprintf("; the input ends after %d bytes of it", n-int64(h.headerLen)) + w.resumeAt(&o, h)
	}
	ie.Reason += w.where
	return o
}

// parseRecord reads a record whose header (hdrLen bytes) says its block
// is length bytes: gowarc parses it from a reader that ends with it, so
// that a wrong length cannot swallow the records after it.
func (w *warcReader) parseRecord(rs *bufio.Reader, start int64, h warcHeader, hdrLen, length int64, inMember bool) warcOutcome {
	w.trap.reset(io.LimitReader(rs, hdrLen+length), hdrLen, w.lim.RecordBytes)
	body := &errTrap{r: &w.trap}
	w.rec.Reset(body)
	rec, err := unmarshal(w.un, w.rec)
	if rec != nil {
		defer rec.Close()
	}
	var art sitrep.Article
	var bad *InputError
	if err == nil {
		art, bad = w.article(rec, start)
	}
	if _, derr := io.Copy(io.Discard, w.rec); derr != nil && body.err == nil {
		body.err = derr
	}
	if body.err != nil {
		return w.readFailure(start, body.err, inMember)
	}
	if body.n < hdrLen+length {
		o := warcOutcome{}
		reason := fmt.Sprintf("%s: cut short: Content-Length %d, but the input ends after %d bytes of it", h.what(), length, body.n-hdrLen)
		reason += w.resumeAt(&o, h)
		o.bad = &InputError{Name: w.name, Offset: start, Reason: reason + w.where}
		return o
	}
	skipEndOfRecord(rs)
	if err != nil {
		return w.brokenRecord(start, "broken WARC record: "+err.Error())
	}
	return warcOutcome{art: art, bad: bad}
}

// resumeAt sets o to resume at the record boundary w.trap found in the
// block of a record (header h) that the input ended inside, and says so
// for the error; "" when it found none.
func (w *warcReader) resumeAt(o *warcOutcome, h warcHeader) string {
	if w.trap.kept == nil {
		return ""
	}
	o.resume, o.resumeAt = w.trap.kept, w.trap.at
	return fmt.Sprintf("; a record starts %d bytes into it: its Content-Length is wrong, read on from there", w.trap.at-int64(h.headerLen))
}

// readFailure is the outcome of a read error at the record at start: a
// limit gone over (a decompression bomb, the file size) or the end of a
// gzip stream cut short ends the file, as does any error outside a gzip
// member; in a member (a damaged one) reading goes on after it.
func (w *warcReader) readFailure(start int64, err error, inMember bool) warcOutcome {
	var le *sitrep.LimitError
	if errors.As(err, &le) {
		return warcOutcome{fatal: overLimit(w.name, start, le)}
	}
	ie := &InputError{Name: w.name, Offset: start, Reason: "broken WARC record" + w.where + ": " + err.Error(), Err: err}
	if !inMember || w.whole || errors.Is(err, io.ErrUnexpectedEOF) {
		return warcOutcome{fatal: ie}
	}
	ie.Reason += "; skipped to the next record"
	return warcOutcome{broken: ie}
}

// errTrap passes a reader on, keeping its first error other than io.EOF
// (gowarc does not always return it) and counting the bytes.
type errTrap struct {
	r   io.Reader
	n   int64
	err error
}

// Read reads from r.
func (t *errTrap) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.n += int64(n)
	if err != nil && !errors.Is(err, io.EOF) && t.err == nil {
		t.err = err
	}
	return n, err
}

// boundaryTrap passes a record's bytes on, looking in its block (past
// the header's skip bytes) for a record boundary: a blank line, then
// "WARC/". From the first one on it keeps the bytes, up to max of them, so
// that when the record's Content-Length runs past the end of the input,
// the records it swallowed are read from there.
type boundaryTrap struct {
	r     io.Reader
	skip  int64  // the header's bytes, not looked in
	max   int64  // the most bytes kept
	n     int64  // bytes passed
	found bool   // a boundary was found
	at    int64  // its offset from the record's start
	kept  []byte // the bytes from it on; nil when none or over max
	win   []byte // reused: the last bytes looked in, then the new ones
}

// reset makes t a trap for the record read from r.
func (t *boundaryTrap) reset(r io.Reader, skip, max int64) {
	*t = boundaryTrap{r: r, skip: skip, max: max, win: t.win[:0]}
}

// Read reads from r and looks at the bytes.
func (t *boundaryTrap) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.look(p[:n])
	t.n += int64(n)
	return n, err
}

// look looks at b, the bytes at offset t.n of the record.
func (t *boundaryTrap) look(b []byte) {
	if t.found {
		if t.kept != nil && int64(len(t.kept)+len(b)) > t.max {
			t.kept = nil
		} else if t.kept != nil {
			t.kept = append(t.kept, b...)
		}
		return
	}
	if t.skip-t.n >= int64(len(b)) {
		return
	}
	off := max(t.n, t.skip)
	b = b[off-t.n:]
	base := off - int64(len(t.win)) // the offset of win[0]
	t.win = append(t.win, b...)
	if i := indexBoundary(t.win); i >= 0 {
		t.found, t.at = true, base+int64(i)
		if int64(len(t.win)-i) <= t.max {
			t.kept = append([]byte(nil), t.win[i:]...)
		}
		return
	}
	keep := min(len(t.win), 7) // a boundary is 8 bytes at most
	t.win = t.win[:copy(t.win, t.win[len(t.win)-keep:])]
}

// indexBoundary returns the index of the first "WARC/" in b that follows
// a blank line, -1 when there is none.
func indexBoundary(b []byte) int {
	for off := 0; ; {
		j := bytes.Index(b[off:], []byte("WARC/"))
		if j < 0 {
			return -1
		}
		i := off + j
		if bytes.HasSuffix(b[:i], []byte("\n\n")) || bytes.HasSuffix(b[:i], []byte("\n\r\n")) {
			return i
		}
		off = i + 1
	}
}

// skipEndOfRecord skips the blank lines that end a record.
func skipEndOfRecord(rs *bufio.Reader) {
	for {
		b, err := rs.ReadByte()
		if err != nil {
			return
		}
		if b != '\r' && b != '\n' {
			rs.UnreadByte()
			return
		}
	}
}

// unmarshal is Unmarshaler.Unmarshal with a panic turned into an error.
func unmarshal(un gowarc.Unmarshaler, r *bufio.Reader) (rec gowarc.WarcRecord, err error) {
	defer func() {
		if p := recover(); p != nil {
			rec, err = nil, fmt.Errorf("WARC parser panic: %v", p)
		}
	}()
	rec, _, _, err = un.Unmarshal(r)
	return rec, err
}

// warcHeader is the little of a record header read before gowarc parses
// it: what tells where the record ends, and what names it.
type warcHeader struct {
	headerLen int    // bytes, the blank line included
	length    string // Content-Length, "" when there is none
	hasLength bool
	target    string // WARC-Target-URI without <>
}

// headerEnd returns the length of the header at the start of b, the line
// that ends it included; -1 when b holds no blank line.
func headerEnd(b []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return -1
		}
		line := bytes.TrimSuffix(b[i:i+j], []byte("\r"))
		i += j + 1
		if len(line) == 0 {
			return i
		}
	}
}

// parseWARCHeader reads the fields a record's end and name come from.
func parseWARCHeader(b []byte) warcHeader {
	h := warcHeader{headerLen: len(b)}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "content-length":
			if !h.hasLength {
				h.length, h.hasLength = v, true
			}
		case "warc-target-uri":
			h.target = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">"))
		}
	}
	return h
}

// what names the record in errors: "record" and its address.
func (h warcHeader) what() string {
	if h.target == "" {
		return "record"
	}
	return "record " + h.target
}

// contentLength returns the record's block length, or why it has none.
func (h warcHeader) contentLength() (int64, string) {
	if !h.hasLength {
		return 0, "no Content-Length"
	}
	n, err := strconv.ParseInt(h.length, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Sprintf("bad Content-Length %q: out of range", h.length)
	case err != nil:
		return 0, fmt.Sprintf("bad Content-Length %q: not a number", h.length)
	case n < 0:
		return 0, fmt.Sprintf("bad Content-Length %q: negative", h.length)
	}
	return n, ""
}

// wholeGzip reports whether br holds a WARC file gzipped as a whole (one gzip
// member holding several records) rather than record by record: the first
// member's first record is followed, inside the member, by another record.
func wholeGzip(br *bufio.Reader) bool {
	head, _ := br.Peek(2)
	if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		return false
	}
	buf, _ := br.Peek(br.Size())
	zr, err := gzip.NewReader(bytes.NewReader(buf))
	if err != nil {
		return false
	}
	zr.Multistream(false)
	dec, _ := io.ReadAll(io.LimitReader(zr, 4<<20))
	hdrEnd := bytes.Index(dec, []byte("\r\n\r\n"))
	if hdrEnd < 0 || !bytes.HasPrefix(dec, []byte("WARC/")) {
		return false
	}
	length := int64(-1)
	for _, line := range strings.Split(string(dec[:hdrEnd]), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "Content-Length") {
			length, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	next := int64(hdrEnd) + 4 + length
	if length < 0 || next >= int64(len(dec)) {
		return false
	}
	rest := bytes.TrimLeft(dec[next:], "\r\n")
	return bytes.HasPrefix(rest, []byte("WARC/"))
}

// article returns the article of an HTML response record, which starts at
// offset; an empty article and no error when there is none to take, an
// *InputError when the record is broken or over a limit.
func (w *warcReader) article(wrec gowarc.WarcRecord, offset int64) (sitrep.Article, *InputError) {
	if wrec == nil || wrec.Type() != gowarc.Response {
		return sitrep.Article{}, nil
	}
	h := wrec.WarcHeader()
	target := strings.TrimSpace(h.Get(gowarc.WarcTargetURI))
	target = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(target, "<"), ">"))
	what := "record"
	if target != "" {
		what = "record " + target
	}
	fail := func(reason string, err error) (sitrep.Article, *InputError) {
		return sitrep.Article{}, &InputError{Name: w.name, Offset: offset, Reason: what + ": " + reason + w.where, Err: err}
	}
	if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(h.Get(gowarc.ContentType))), "application/http") {
		return sitrep.Article{}, nil
	}
	block := wrec.Block()
	if block == nil {
		return fail("no content block", nil)
	}
	raw, err := block.RawBytes()
	if err != nil {
		return fail(err.Error(), err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(raw), nil)
	if err != nil {
		return fail("HTTP response: "+err.Error(), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return sitrep.Article{}, nil
	}
	ct := resp.Header.Get("Content-Type")
	body, pos := newPositioned(resp.Body, 4096)
	if !isHTMLType(ct) {
		if ct != "" {
			return sitrep.Article{}, nil
		}
		head, _ := body.Peek(512)
		if Sniff(head) != FormatHTML {
			return sitrep.Article{}, nil
		}
	}
	payload, err := decodeContent(body, pos, resp.Header.Get("Content-Encoding"), w.lim)
	if err != nil {
		return fail(err.Error(), err)
	}
	origin := fmt.Sprintf("%s@%d", w.name, offset)
	if w.memberAt > 0 {
		origin = fmt.Sprintf("%s@%d+%d", w.name, w.memberAt, offset)
	}
	art, err := w.rd.ReadHTML(payload, Page{Name: origin, URL: target, ContentType: ct, Fetched: h.Get(gowarc.WarcDate)})
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return fail(ie.Reason, ie.Err)
		}
		return fail(err.Error(), err)
	}
	return art, nil
}

// isHTMLType reports whether a Content-Type names HTML.
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodeContent undoes a Content-Encoding that the archive kept (wget stores
// the bytes as the server sent them; Common Crawl stores them decoded and
// renames the header). A payload that does not start as its encoding says
// is taken as already decoded. body is pos's reader; what it decompresses
// is guarded against decompression bombs by lim.
func decodeContent(body *bufio.Reader, pos *position, enc string, lim sitrep.Limits) (io.Reader, error) {
	enc = strings.ToLower(strings.TrimSpace(enc))
	head, _ := body.Peek(2)
	switch enc {
	case "", "identity", "none":
		return body, nil
	case "gzip", "x-gzip":
		if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
			return body, nil
		}
		zr, err := openGzip(body, pos, nil, lim)
		if err != nil {
			return nil, fmt.Errorf("content encoding gzip: %w", err)
		}
		return zr, nil
	case "deflate":
		if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			zr, err := zlib.NewReader(body)
			if err != nil {
				return nil, fmt.Errorf("content encoding deflate: %w", err)
			}
			return newInflateGuard(zr, pos, nil, lim), nil
		}
		if len(head) > 0 && head[0] == '<' {
			return body, nil
		}
		return newInflateGuard(flate.NewReader(body), pos, nil, lim), nil
	}
	if len(head) > 0 && head[0] == '<' {
		return body, nil
	}
	return nil, fmt.Errorf("unsupported content encoding %q", enc)
}
