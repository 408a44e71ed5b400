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

// ReadWARC reads a WARC file (WARC 1.0 or 1.1; each record gzipped, the
// whole file gzipped, or not compressed) from r, one record at a time, and
// yields one article per HTML page: a `response` record with HTTP status
// 200 and an HTML content type (Common Crawl's CC-NEWS holds such records).
// The page is read as ReadHTML reads it, with the record's
// WARC-Target-URI as its address and its WARC-Date as the published date
// when the page gives none; Origin is "NAME@OFFSET", the record's byte
// offset in the file (in the decompressed stream for a file gzipped as a
// whole, which cannot be read from an offset anyway). Other records (warcinfo, request, metadata, revisit,
// other statuses and content types) are skipped without a word.
//
// Parsing is lenient: header syntax slips such as wget's <> around
// WARC-Target-URI, missing carriage returns or wrong digests are let
// through. A broken record is yielded as an *InputError naming the file and
// the record's byte offset, and reading goes on with the next record. When
// the file cannot be read further (truncated, garbage that holds no more
// records) ReadWARC returns an *InputError; a cancelled ctx's error is
// returned as is; nil when the file is done or yield stops it.
func ReadWARC(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	br := bufio.NewReaderSize(r, 256<<10)
	src, where := io.Reader(br), ""
	if wholeGzip(br) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return &InputError{Name: name, Offset: 0, Reason: "gzip: " + err.Error()}
		}
		src, where = zr, " (offset in the decompressed stream)"
	}
	wr, err := gowarc.NewWarcFileReaderFromStream(readerOnly{src}, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrWarn),
		gowarc.WithSkipParseBlock(),
		gowarc.WithBufferMaxMemBytes(4<<20))
	if err != nil {
		return &InputError{Name: name, Offset: 0, Reason: "WARC: " + err.Error()}
	}
	defer wr.Close()

	var end int64  // where the last record ended
	errs := 0      // broken records in a row
	quiet := false // the last record was broken
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := nextRecord(wr)
		if err != nil {
			rec.Close()
			if errors.Is(err, io.EOF) && rec.WarcRecord == nil && !errors.Is(err, io.ErrUnexpectedEOF) {
				return nil
			}
			ie := &InputError{Name: name, Offset: rec.Offset, Reason: "broken WARC record" + where + ": " + err.Error()}
			after := rec.Offset + rec.Size
			errs++
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gowarc.ErrNoRecord) ||
				after <= end || errs > maxWARCErrors || where != "" {
				if errors.Is(err, gowarc.ErrNoRecord) {
					ie.Offset = end
					ie.Reason = "data after the last record holds no WARC record" + where
				}
				if errs > 1 {
					// the run of errors began with a broken record already
					// reported; this one says where reading ended
					ie.Reason = "no more WARC records after the broken record" + where + ": " + err.Error()
				}
				return ie
			}
			end = after
			// Report the first error of a run only: resynchronizing after
			// a broken gzip member can trip on false record starts.
			if errs == 1 {
				ie.Reason += "; skipped to the next record"
				if !yield(sitrep.Article{}, ie) {
					return nil
				}
			}
			continue
		}
		if errs == 0 && !quiet && rec.Offset > end {
			// gowarc skipped bytes that are no record to find this one
			ie := &InputError{Name: name, Offset: end, Reason: fmt.Sprintf("%d bytes that are no WARC record skipped%s", rec.Offset-end, where)}
			if !yield(sitrep.Article{}, ie) {
				rec.Close()
				return nil
			}
		}
		errs = 0
		end = rec.Offset + rec.Size
		art, reason := warcArticle(rec, name)
		rec.Close()
		// bytes skipped after a broken record are part of its breakage
		quiet = reason != ""
		switch {
		case reason != "":
			ie := &InputError{Name: name, Offset: rec.Offset, Reason: reason + where}
			if !yield(sitrep.Article{}, ie) {
				return nil
			}
		case art.Text != "":
			if !yield(art, nil) {
				return nil
			}
		}
	}
}

// nextRecord is WarcFileReader.Next with a panic turned into an error.
func nextRecord(wr *gowarc.WarcFileReader) (rec gowarc.Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("WARC parser panic: %v", p)
		}
	}()
	return wr.Next()
}

// readerOnly hides a reader's Close and Seek from gowarc, which would close
// or rewind it.
type readerOnly struct{ io.Reader }

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

// warcArticle returns the article of an HTML response record; an empty
// article and reason when there is none to take, a reason when the record
// is broken.
func warcArticle(rec gowarc.Record, name string) (sitrep.Article, string) {
	wrec := rec.WarcRecord
	if wrec == nil || wrec.Type() != gowarc.Response {
		return sitrep.Article{}, ""
	}
	h := wrec.WarcHeader()
	target := strings.TrimSpace(h.Get(gowarc.WarcTargetURI))
	target = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(target, "<"), ">"))
	what := "record"
	if target != "" {
		what = "record " + target
	}
	if _, err := wrec.ContentLength(); err != nil {
		return sitrep.Article{}, what + ": bad Content-Length: " + err.Error()
	}
	if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(h.Get(gowarc.ContentType))), "application/http") {
		return sitrep.Article{}, ""
	}
	block := wrec.Block()
	if block == nil {
		return sitrep.Article{}, what + ": no content block"
	}
	raw, err := block.RawBytes()
	if err != nil {
		return sitrep.Article{}, what + ": " + err.Error()
	}
	resp, err := http.ReadResponse(bufio.NewReader(raw), nil)
	if err != nil {
		return sitrep.Article{}, what + ": HTTP response: " + err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return sitrep.Article{}, ""
	}
	ct := resp.Header.Get("Content-Type")
	body := bufio.NewReader(resp.Body)
	if !isHTMLType(ct) {
		if ct != "" {
			return sitrep.Article{}, ""
		}
		head, _ := body.Peek(512)
		if Sniff(head) != FormatHTML {
			return sitrep.Article{}, ""
		}
	}
	payload, err := decodeContent(body, resp.Header.Get("Content-Encoding"))
	if err != nil {
		return sitrep.Article{}, what + ": " + err.Error()
	}
	origin := fmt.Sprintf("%s@%d", name, rec.Offset)
	art, err := ReadHTML(payload, Page{Name: origin, URL: target, ContentType: ct, Fetched: h.Get(gowarc.WarcDate)})
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return sitrep.Article{}, what + ": " + ie.Reason
		}
		return sitrep.Article{}, what + ": " + err.Error()
	}
	return art, ""
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
// is taken as already decoded.
func decodeContent(body *bufio.Reader, enc string) (io.Reader, error) {
	enc = strings.ToLower(strings.TrimSpace(enc))
	head, _ := body.Peek(2)
	switch enc {
	case "", "identity", "none":
		return body, nil
	case "gzip", "x-gzip":
		if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
			return body, nil
		}
		zr, err := gzip.NewReader(body)
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
			return zr, nil
		}
		if len(head) > 0 && head[0] == '<' {
			return body, nil
		}
		return flate.NewReader(body), nil
	}
	if len(head) > 0 && head[0] == '<' {
		return body, nil
	}
	return nil, fmt.Errorf("unsupported content encoding %q", enc)
}
