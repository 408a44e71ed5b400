package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"sitrep"
)

// JSON field names read as each article field, lower case, best first. The
// list covers sitrep's own form ({id, url, title, published, text}) and the
// names common news datasets use (news-please, NewsAPI, GDELT exports).
var (
	jsonID        = []string{"id", "_id", "guid", "doc_id", "uuid"}
	jsonURL       = []string{"url", "link", "uri", "canonical_url"}
	jsonTitle     = []string{"title", "headline"}
	jsonPublished = []string{"published", "date", "published_at", "publishedat", "date_publish", "datepublished", "pubdate", "date_published", "datetime", "created_at"}
	jsonText      = []string{"text", "content", "body", "maintext", "article", "full_text", "article_text"}
	jsonOutlet    = []string{"outlet", "source", "source_domain", "site_name", "sitename", "publisher", "domain"}
	jsonByline    = []string{"byline", "author", "authors", "creator"}
	jsonLanguage  = []string{"language", "lang", "language_code"}
)

// ReadJSONL reads JSON Lines from r with the default limits; see
// Reader.ReadJSONL.
func ReadJSONL(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	return (*Reader)(nil).ReadJSONL(ctx, name, r, yield)
}

// ReadJSONL reads JSON Lines from r, one article object per line (see
// ArticleFromJSON for the fields read), and yields them in order with
// Origin "NAME:LINE". Blank lines are skipped. A line that is not a JSON
// object, has no text, is longer than Limits.RecordBytes (skipped as it is
// read, not held) or has text over Limits.ArticleBytes is yielded as an
// *InputError naming the line's byte offset and number, and reading goes
// on with the next line. A read error is returned as an *InputError, a
// cancelled ctx's error as is; nil when the input is done or yield stops
// it.
func (rd *Reader) ReadJSONL(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	lim := rd.limits()
	yield = checkArticles(lim, yield)
	br := bufio.NewReaderSize(r, 64<<10)
	var off int64
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, size, rerr := readLine(br, lim.RecordBytes)
		start := off
		off += size
		if rerr != nil && !errors.Is(rerr, io.EOF) && !errors.Is(rerr, errLineTooLong) {
			return readError(name, start, fmt.Sprintf("line %d", n), rerr)
		}
		if size == 0 && errors.Is(rerr, io.EOF) {
			return nil
		}
		var art sitrep.Article
		var err error
		switch {
		case errors.Is(rerr, errLineTooLong):
			ie := overLimit(name, start, &sitrep.LimitError{Where: fmt.Sprintf("line %d", n), Limit: limitRecord, Max: lim.RecordBytes})
			ie.Reason += "; skipped"
			if !yield(sitrep.Article{}, ie) {
				return nil
			}
		case len(bytes.TrimSpace(line)) == 0:
		default:
			if n == 1 {
				line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
			}
			art, err = articleFromJSON(line, lim.ArticleBytes)
			if err != nil {
				if !yield(sitrep.Article{}, itemError(name, start, fmt.Sprintf("line %d", n), err)) {
					return nil
				}
			} else {
				art.Origin = name + ":" + strconv.Itoa(n)
				if !yield(art, nil) {
					return nil
				}
			}
		}
		if errors.Is(rerr, io.EOF) {
			return nil
		}
	}
}

// readError is the *InputError for a read that failed at offset of the
// input name, at the place where ("line 3"): a limit gone over below the
// reader (a decompression bomb, the file size) says so.
func readError(name string, offset int64, where string, err error) *InputError {
	var le *sitrep.LimitError
	if errors.As(err, &le) {
		le.Where = where
		return overLimit(name, offset, le)
	}
	return &InputError{Name: name, Offset: offset, Reason: fmt.Sprintf("%s: read: %v", where, err)}
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line of br without its line ending, and the
// number of bytes it took in the input (ending included). A line longer
// than limit is skipped and errLineTooLong returned; io.EOF comes with the
// last line when it has no line ending.
func readLine(br *bufio.Reader, limit int64) (line []byte, size int64, err error) {
	var long []byte
	tooLong := false
	for {
		frag, err := br.ReadSlice('\n')
		size += int64(len(frag))
		if errors.Is(err, bufio.ErrBufferFull) {
			if !tooLong {
				long = append(long, frag...)
				if int64(len(long)) > limit+1 { // +1: a '\r' of the line ending
					tooLong, long = true, nil
				}
			}
			continue
		}
		if tooLong {
			if err == nil {
				err = errLineTooLong
			} else if errors.Is(err, io.EOF) {
				err = errors.Join(errLineTooLong, io.EOF)
			}
			return nil, size, err
		}
		if long != nil {
			frag = append(long, frag...)
		}
		frag = bytes.TrimSuffix(frag, []byte("\n"))
		frag = bytes.TrimSuffix(frag, []byte("\r"))
		if int64(len(frag)) > limit {
			err2 := errLineTooLong
			if errors.Is(err, io.EOF) {
				err2 = errors.Join(errLineTooLong, io.EOF)
			}
			return nil, size, err2
		}
		return frag, size, err
	}
}

// ReadJSON reads JSON articles from r with the default limits; see
// Reader.ReadJSON.
func ReadJSON(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	return (*Reader)(nil).ReadJSON(ctx, name, r, yield)
}

// ReadJSON reads JSON articles from r: a JSON array of article objects, or
// one or more objects one after the other, pretty-printed or not. Articles
// are yielded in order with Origin "NAME#item N" (N from 1). An element
// that is no article (no text, not an object, text over
// Limits.ArticleBytes) is yielded as an *InputError and reading goes on; a
// JSON syntax error ends the reading, returned as an *InputError with its
// byte offset. Limits are kept while reading: an element longer than
// Limits.RecordBytes ends the reading with an *InputError wrapping a
// *sitrep.LimitError, as does an array of more than Limits.FeedItems
// elements after the first FeedItems are yielded.
func (rd *Reader) ReadJSON(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	lim := rd.limits()
	yield = checkArticles(lim, yield)
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	elem := &elementCap{r: br, limit: lim.RecordBytes}
	dec := json.NewDecoder(elem)
	array := false
	if b := firstByte(br); b == '[' {
		if _, err := dec.Token(); err != nil {
			return jsonError(name, dec.InputOffset(), "", err)
		}
		array = true
	}
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if array && !dec.More() {
			if _, err := dec.Token(); err != nil {
				return jsonError(name, dec.InputOffset(), "", err)
			}
			return nil
		}
		if array && n > lim.FeedItems {
			ie := overLimit(name, dec.InputOffset(), &sitrep.LimitError{Limit: limitArray, Max: int64(lim.FeedItems)})
			ie.Reason += fmt.Sprintf("; the elements after element %d skipped", lim.FeedItems)
			return ie
		}
		start := dec.InputOffset()
		elem.end = start + lim.RecordBytes + 1024 // and the separators before it
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if errors.Is(err, io.EOF) && !array {
				return nil
			}
			return jsonError(name, start, fmt.Sprintf("item %d", n), err)
		}
		origin := fmt.Sprintf("%s#item %d", name, n)
		art, err := articleFromJSON(raw, lim.ArticleBytes)
		if err != nil {
			if !yield(sitrep.Article{}, itemError(name, start, fmt.Sprintf("item %d", n), err)) {
				return nil
			}
			continue
		}
		art.Origin = origin
		if !yield(art, nil) {
			return nil
		}
	}
}

// jsonError is the *InputError for JSON that could not be read at offset,
// at the place where ("item 3", or "" for the input): a limit gone over
// says so.
func jsonError(name string, offset int64, where string, err error) *InputError {
	var le *sitrep.LimitError
	if errors.As(err, &le) {
		le.Where = where
		return overLimit(name, offset, le)
	}
	if where != "" {
		where += ": "
	}
	return &InputError{Name: name, Offset: offset, Reason: where + "JSON: " + err.Error()}
}

// itemError is the *InputError for a line or item (where) at offset that
// holds no article: a limit gone over says so.
func itemError(name string, offset int64, where string, err error) *InputError {
	var le *sitrep.LimitError
	if errors.As(err, &le) {
		le.Where = where + ": " + le.Where
		return overLimit(name, offset, le)
	}
	return &InputError{Name: name, Offset: offset, Reason: where + ": " + err.Error()}
}

// elementCap hands a JSON decoder no byte past end (counted from the
// start of the input): the end of the element being read, at the longest.
// Reading past it is a *sitrep.LimitError, so a huge element is refused
// while it is read, not once it is held.
type elementCap struct {
	r     io.Reader
	n     int64 // bytes handed out
	end   int64 // 0: not set yet
	limit int64 // the element size limit, for the error
}

// Read reads from r up to end.
func (c *elementCap) Read(p []byte) (int, error) {
	if c.end > 0 {
		rest := c.end - c.n
		if rest <= 0 {
			return 0, &sitrep.LimitError{Limit: limitRecord, Max: c.limit}
		}
		if int64(len(p)) > rest {
			p = p[:rest]
		}
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// firstByte returns the first byte of br that is not white space, without
// consuming it, looking as far as br's buffer holds (past 4 KB of blank
// lines, say); 0 at the end or past that.
func firstByte(br *bufio.Reader) byte {
	for i := 1; i <= br.Size(); i++ {
		b, err := br.Peek(i)
		if len(b) < i {
			return 0
		}
		if c := b[i-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c
		}
		if err != nil {
			return 0
		}
	}
	return 0
}

// ArticleFromJSON reads one article from a JSON object. Field names are
// matched without regard to case: text from "text" (or "content", "body",
// "maintext", "article"), title from "title" or "headline", URL from "url"
// or "link", published from "published" (or "date", "published_at",
// "date_publish", ...; a string, or a number of Unix seconds or
// milliseconds), outlet from "outlet" (or "source", "source_domain",
// "publisher"; an object's "name" is taken), byline from "byline", "author"
// or "authors" (a list is joined with commas), ID from "id" (a string or
// number). Text with HTML markup is turned into paragraphs. An object
// without text is an error, as is (a *sitrep.LimitError) HTML text over
// sitrep.DefaultLimits.ArticleBytes.
func ArticleFromJSON(data []byte) (sitrep.Article, error) {
	return articleFromJSON(data, sitrep.DefaultLimits.ArticleBytes)
}

// articleFromJSON is ArticleFromJSON with HTML text over maxText bytes of
// text refused before it is parsed.
func articleFromJSON(data []byte, maxText int64) (sitrep.Article, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return sitrep.Article{}, fmt.Errorf("not a JSON object but %s", ute.Value)
		}
		return sitrep.Article{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if obj == nil {
		return sitrep.Article{}, errors.New("not a JSON object but null")
	}
	fields := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		lk := strings.ToLower(k)
		if _, ok := fields[lk]; !ok || k == lk {
			fields[lk] = v
		}
	}
	pick := func(keys []string) string {
		for _, k := range keys {
			if v, ok := fields[k]; ok {
				if s := strings.TrimSpace(jsonString(v)); s != "" {
					return s
				}
			}
		}
		return ""
	}
	art := sitrep.Article{
		ID:     pick(jsonID),
		URL:    pick(jsonURL),
		Title:  cleanInline(pick(jsonTitle)),
		Outlet: cleanInline(pick(jsonOutlet)),
		Byline: cleanByline(pick(jsonByline)),
	}
	art.Language = LanguageCode(pick(jsonLanguage))
	text := pick(jsonText)
	if looksLikeHTML(text) {
		if err := checkHTMLText(text, maxText); err != nil {
			return sitrep.Article{}, err
		}
		text = HTMLText(text)
	}
	if strings.TrimSpace(text) == "" {
		return sitrep.Article{}, errors.New(`no text (fields "text", "content", "body")`)
	}
	art.Text = text
	for _, k := range jsonPublished {
		v, ok := fields[k]
		if !ok {
			continue
		}
		if d := jsonDate(v); d != "" {
			art.Published = d
			break
		}
	}
	return art, nil
}

// jsonString returns a JSON value as a string: a string as is, a number
// in its JSON form, a list's strings (or names) joined with ", ", an
// object's "name"; "" otherwise.
func jsonString(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(v, &list) == nil {
			var out []string
			for _, e := range list {
				if s := strings.TrimSpace(jsonString(e)); s != "" && (len(e) == 0 || e[0] != '[') {
					out = append(out, s)
				}
			}
			return strings.Join(out, ", ")
		}
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(v, &obj) == nil {
			for _, k := range []string{"name", "Name", "title"} {
				if n, ok := obj[k]; ok && len(n) > 0 && n[0] == '"' {
					return jsonString(n)
				}
			}
		}
	case 't', 'f', 'n':
		return ""
	default:
		return string(v)
	}
	return ""
}

// jsonDate reads a date: a string NormalizeDate reads, or a number of Unix
// seconds (milliseconds when it is that large).
func jsonDate(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') {
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil || math.IsNaN(f) || f <= 0 {
			return ""
		}
		if f > 1e11 {
			f /= 1000
		}
		if f > 1e10 {
			return ""
		}
		return formatDate(time.Unix(int64(f), 0).UTC(), true, true)
	}
	return NormalizeDate(jsonString(v))
}

// looksLikeHTML reports whether s carries HTML markup or entities.
func looksLikeHTML(s string) bool {
	for _, tag := range []string{"<p>", "<p ", "<br", "</p>", "</div>", "<div", "</a>", "&amp;", "&quot;", "&#", "&nbsp;", "</li>", "</span>"} {
		if strings.Contains(s, tag) {
			return true
		}
	}
	return false
}
