package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"sitrep"
)

// Page describes an HTML page to read besides its bytes.
type Page struct {
	// Name names the input in errors and becomes the article's Origin.
	Name string
	// URL is the address the page was fetched from, when known; it
	// resolves relative links and is the article's URL when the page names
	// no canonical one.
	URL string
	// ContentType is the HTTP Content-Type header, when known; its charset
	// decides how the bytes decode.
	ContentType string
	// Fetched is the date the page was fetched (a WARC-Date), the
	// published date when the page gives none.
	Fetched string
}

// ReadHTML reads one HTML page from r with the default limits; see
// Reader.ReadHTML.
func ReadHTML(r io.Reader, p Page) (sitrep.Article, error) {
	return (*Reader)(nil).ReadHTML(r, p)
}

// ReadHTML reads one HTML page from r (at most Limits.RecordBytes; a
// larger page is refused while it is read) and returns its article: the
// main text separated from navigation, footers and other boilerplate by
// readability, paragraphs separated by blank lines; title, byline, outlet,
// canonical URL and published date from the page's meta tags, JSON-LD and
// <time> elements. Non-UTF-8 pages are decoded by their declared or
// sniffed charset. A page without article text, or over a limit, is an
// error of type *InputError (over a limit, wrapping a *sitrep.LimitError);
// an article text over Limits.ArticleBytes is refused.
func (rd *Reader) ReadHTML(r io.Reader, p Page) (sitrep.Article, error) {
	lim := rd.limits()
	data, err := readAtMost(r, lim.RecordBytes, limitRecord)
	if err != nil {
		return sitrep.Article{}, pageError(p.Name, err)
	}
	art, err := parseHTML(data, p, lim.ArticleBytes, rd.warn)
	if err != nil {
		return art, err
	}
	if err := lim.CheckArticle(p.Name, art.Text); err != nil {
		return sitrep.Article{}, overLimit(p.Name, -1, err.(*sitrep.LimitError))
	}
	return art, nil
}

// pageError is the *InputError for a page that could not be read.
func pageError(name string, err error) *InputError {
	var le *sitrep.LimitError
	if errors.As(err, &le) {
		return overLimit(name, -1, le)
	}
	return &InputError{Name: name, Offset: -1, Reason: err.Error()}
}

// pageText returns the size of the text of a page outside scripts and
// styles, white space runs counted as one byte, counting no further than
// just past max: a bound on the size of any article in it, found in one
// pass of the tokenizer.
func pageText(data []byte, max int64) int64 {
	z := html.NewTokenizer(bytes.NewReader(data))
	var n int64
	skip := 0 // inside script, style and the like
	space := true
	for n <= max {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken:
			if name, _ := z.TagName(); isHiddenElement(string(name)) {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); isHiddenElement(string(name)) && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			for _, c := range z.Text() {
				isSpace := c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
				if !isSpace || !space {
					n++
				}
				space = isSpace
			}
		}
	}
	return n
}

// checkHTMLText returns a *sitrep.LimitError when the HTML fragment s has
// more than max bytes of text: it is refused before it is parsed.
func checkHTMLText(s string, max int64) error {
	if int64(len(s)) > max && pageText([]byte(s), max) > max {
		return &sitrep.LimitError{Where: "text", Limit: limitArticle, Max: max}
	}
	return nil
}

// isHiddenElement reports whether an element's text is no page text.
func isHiddenElement(name string) bool {
	switch name {
	case "script", "style", "noscript", "template", "svg", "math":
		return true
	}
	return false
}

// decodeHTML returns the page's bytes as UTF-8. Bytes that are valid UTF-8
// are taken as such whatever the page declares (a page labelled ISO-8859-1
// but written in UTF-8 is common; the reverse is vanishingly rare);
// otherwise the charset of the Content-Type, a byte-order mark or a <meta>
// decides. A page that declares none, or UTF-8, is read as UTF-8 with the
// bytes that are not read as Windows-1252 (latinFallback); then note says
// so, and at which byte, for a warning.
func decodeHTML(data []byte, contentType string) (out []byte, note *InputError, err error) {
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		data = data[3:]
	}
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	if utf8.Valid(data) && name != "utf-16le" && name != "utf-16be" {
		return data, nil, nil
	}
	declared := certain || declaresCharset(data)
	if name == "utf-8" || !declared {
		label := ""
		if declared {
			label = "UTF-8"
		}
		note := &InputError{}
		warn := func(off int64, reason string) { note.Offset, note.Reason = off, reason }
		out, _, err := transform.Bytes(newFallback(label, warn), data)
		if note.Reason == "" {
			note = nil
		}
		return out, note, err
	}
	out, err = enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil, nil
}

// declaresCharset reports whether the first 1024 bytes of a page mention a
// charset (a <meta charset> or http-equiv Content-Type), which
// charset.DetermineEncoding does not tell from its default.
func declaresCharset(data []byte) bool {
	return bytes.Contains(bytes.ToLower(data[:min(len(data), 1024)]), []byte("charset"))
}

// parseHTML reads the article of a page. A page whose text, all of it, is
// over maxText bytes is refused before it is parsed: its article could be
// no smaller, and parsing and readability on such a page take seconds and
// hundreds of megabytes.
//
// warn is told when the page's charset was guessed.
func parseHTML(data []byte, p Page, maxText int64, warn func(name string, offset int64, reason string)) (sitrep.Article, error) {
	fail := func(reason string) (sitrep.Article, error) {
		return sitrep.Article{}, &InputError{Name: p.Name, Offset: -1, Reason: reason}
	}
	data, note, err := decodeHTML(data, p.ContentType)
	if err != nil {
		return fail(err.Error())
	}
	if note != nil {
		warn(p.Name, note.Offset, note.Reason)
	}
	if int64(len(data)) > maxText && pageText(data, maxText) > maxText {
		le := &sitrep.LimitError{Where: "page text", Limit: limitArticle, Max: maxText}
		return sitrep.Article{}, overLimit(p.Name, -1, le)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return fail("HTML: " + err.Error())
	}
	base, _ := url.Parse(p.URL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	m := scanMeta(doc)

	art := sitrep.Article{Origin: p.Name}
	rd, rerr := readable(doc, base)
	if rerr == nil && rd.a.Node != nil {
		art.Text = nodeText(rd.a.Node, false)
	}
	if art.Text == "" {
		// readability found nothing: fall back to the body without its
		// obvious boilerplate. readability changed doc, so parse again.
		if doc2, err := html.Parse(bytes.NewReader(data)); err == nil {
			art.Text = nodeText(doc2, true)
		}
	}
	if strings.TrimSpace(art.Text) == "" {
		return fail("no article text found in the page")
	}

	art.Title = cleanInline(firstNonEmpty(rd.Title(), m.get("og:title"), m.title))
	art.Byline = cleanByline(firstNonEmpty(rd.Byline(), m.get("author"), m.get("article:author"), m.ldAuthor))
	if strings.HasPrefix(art.Byline, "http://") || strings.HasPrefix(art.Byline, "https://") {
		art.Byline = ""
	}
	// an absolute canonical address first: a relative one is only as good
	// as the address the page was fetched from
	art.URL = firstNonEmpty(absURL(nil, m.canonical), absURL(nil, m.get("og:url")),
		absURL(base, m.canonical), absURL(base, m.get("og:url")), absURL(base, p.URL))
	host := ""
	if u, err := url.Parse(art.URL); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	art.Outlet = cleanInline(firstNonEmpty(rd.SiteName(), m.get("og:site_name"), m.ldPublisher, m.get("application-name"), host))
	art.Language = LanguageCode(firstNonEmpty(m.lang, m.get("og:locale"), m.get("content-language"), m.get("dc.language")))
	for _, c := range append([]string{m.ldPublished}, m.dates()...) {
		if d := NormalizeDate(c); d != "" {
			art.Published = d
			break
		}
	}
	if art.Published == "" {
		art.Published = NormalizeDate(p.Fetched)
	}
	return art, nil
}

// readResult is what readability found; its zero value (no article) is
// usable.
type readResult struct{ a readability.Article }

func (r readResult) Title() string    { return r.a.Title() }
func (r readResult) Byline() string   { return r.a.Byline() }
func (r readResult) SiteName() string { return r.a.SiteName() }

// readable runs readability over doc, which it changes; a panic in it (it
// is a large port of JavaScript) is turned into an error.
func readable(doc *html.Node, base *url.URL) (res readResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = readResult{}, fmt.Errorf("readability: %v", r)
		}
	}()
	ps := readability.NewParser()
	a, err := ps.ParseAndMutate(doc, base)
	return readResult{a}, err
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// absURL resolves ref against base and returns it when it is an absolute
// http(s) URL.
func absURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// cleanInline turns a one-line value that may hold markup or entities
// ("Q&amp;A", "<b>Title</b>") into plain text on one line.
func cleanInline(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = HTMLText(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// cleanByline removes a leading "By" from a byline.
func cleanByline(s string) string {
	s = cleanInline(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = strings.TrimSpace(s[3:])
	}
	if len(s) > 200 {
		return ""
	}
	return s
}

// pageMeta is what scanMeta found in a page's head and markup.
type pageMeta struct {
	meta        map[string]string // meta name/property/itemprop (lower case) -> first content
	canonical   string
	title       string // <title>
	lang        string // <html lang>
	times       []string
	ldPublished string
	ldAuthor    string
	ldPublisher string
}

func (m *pageMeta) get(k string) string { return m.meta[k] }

// publishedKeys are meta names that carry the publication date, best first.
var publishedKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished",
	"article.published", "published_time", "publish-date", "publish_date",
	"publishdate", "pubdate", "og:pubdate", "dc.date.issued", "dcterms.issued",
	"dc.date", "dcterms.date", "dcterms.created", "sailthru.date",
	"parsely-pub-date", "date", "datecreated",
}

// dates returns the page's published-date candidates, best first.
func (m *pageMeta) dates() []string {
	var out []string
	for _, k := range publishedKeys {
		if v := m.meta[k]; v != "" {
			out = append(out, v)
		}
	}
	return append(out, m.times...)
}

// scanMeta collects metadata from doc before readability changes it: meta
// tags, the canonical link, the title, <time> elements (those marked as the
// publication date first) and JSON-LD.
func scanMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{meta: map[string]string{}}
	var pubTimes, articleTimes, otherTimes []string
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				if content == "" {
					break
				}
				for _, k := range []string{attr(n, "property"), attr(n, "name"), attr(n, "itemprop")} {
					for _, f := range strings.Fields(strings.ToLower(k)) {
						if _, ok := m.meta[f]; !ok {
							m.meta[f] = content
						}
					}
				}
			case atom.Html:
				m.lang = attr(n, "lang")
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = attr(n, "href")
				}
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = n.FirstChild.Data
				}
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					switch {
					case hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished"):
						pubTimes = append(pubTimes, dt)
					case inArticle:
						articleTimes = append(articleTimes, dt)
					default:
						otherTimes = append(otherTimes, dt)
					}
				}
			case atom.Article:
				inArticle = true
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					m.jsonLD(n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	m.times = append(append(pubTimes, articleTimes...), otherTimes...)
	return m
}

// jsonLD reads datePublished, author and publisher from a JSON-LD script:
// the first object (in an array or @graph too) that has datePublished.
func (m *pageMeta) jsonLD(src string) {
	if m.ldPublished != "" {
		return
	}
	src = strings.TrimSpace(src)
	src = strings.TrimSuffix(strings.TrimPrefix(src, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	var visit func(v any, depth int) bool
	visit = func(v any, depth int) bool {
		if depth > 4 {
			return false
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if visit(e, depth+1) {
					return true
				}
			}
		case map[string]any:
			if d, ok := x["datePublished"].(string); ok && d != "" {
				m.ldPublished = d
				m.ldAuthor = ldName(x["author"])
				m.ldPublisher = ldName(x["publisher"])
				return true
			}
			if g, ok := x["@graph"]; ok {
				return visit(g, depth+1)
			}
		}
		return false
	}
	visit(v, 0)
}

// ldName returns the name of a JSON-LD person or organization (or of
// several, joined with commas).
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		s, _ := x["name"].(string)
		return s
	case []any:
		var names []string
		for _, e := range x {
			if n := ldName(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// HTMLText returns the text of an HTML fragment (a feed item's content, a
// description): entities unescaped, scripts and styles dropped, block
// elements (paragraphs, headings, list items, divs) separated by blank
// lines and <br> by a line break. It removes no boilerplate.
func HTMLText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return tidyText(fragment)
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return tidyText(html.UnescapeString(fragment))
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return nodeText(body, false)
}

// tidyText is nodeText for a string without markup: whitespace runs inside
// lines collapse, blank-line paragraph breaks stay.
func tidyText(s string) string {
	var tb textBuilder
	tb.text(s, true)
	return tb.String()
}

// skipped are elements whose content is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Video: true, atom.Audio: true, atom.Select: true, atom.Option: true,
	atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Figcaption: true,
	atom.Picture: true, atom.Img: true,
}

// boilerplate are elements dropped when a whole body is read without
// readability.
var boilerplate = map[atom.Atom]bool{
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Menu: true, atom.Dialog: true,
}

// blocks are elements that begin and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Nav: true, atom.Main: true, atom.Figure: true, atom.Address: true,
	atom.Hr: true, atom.Form: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Caption: true, atom.Body: true, atom.Center: true,
	atom.Hgroup: true,
}

// nodeText renders n's text, one paragraph per block element, blank lines
// between them. With dropBoilerplate it skips navigation, headers, footers,
// asides and forms.
func nodeText(n *html.Node, dropBoilerplate bool) string {
	var tb textBuilder
	var walk func(n *html.Node, pre bool, depth int)
	walk = func(n *html.Node, pre bool, depth int) {
		switch n.Type {
		case html.TextNode:
			tb.text(n.Data, pre)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] || hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
				return
			}
			if dropBoilerplate && (boilerplate[n.DataAtom] || isBoilerRole(attr(n, "role"))) {
				tb.brk(2)
				return
			}
		case html.DocumentNode:
		default:
			return
		}
		if depth > 512 {
			return
		}
		block := blocks[n.DataAtom]
		switch n.DataAtom {
		case atom.Br:
			tb.brk(tb.pending + 1)
		case atom.Tr:
			tb.brk(1)
		case atom.Td, atom.Th:
			tb.space()
		case atom.Pre:
			pre = true
		}
		if block {
			tb.brk(2)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre, depth+1)
		}
		if block {
			tb.brk(2)
		} else if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			tb.space()
		}
	}
	walk(n, false, 0)
	return tb.String()
}

func isBoilerRole(role string) bool {
	switch strings.ToLower(role) {
	case "navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog":
		return true
	}
	return false
}

// textBuilder joins text runs: whitespace collapses to one space, and
// pending line breaks (1) or paragraph breaks (2) are written only between
// words, so the text neither starts nor ends with space.
type textBuilder struct {
	b       strings.Builder
	spc     bool
	pending int
}

func (t *textBuilder) brk(n int) {
	if n > 2 {
		n = 2
	}
	if n > t.pending {
		t.pending = n
	}
}

func (t *textBuilder) space() { t.spc = true }

// text adds a text run; in preformatted text newlines are kept as line
// breaks (two or more as a paragraph break).
func (t *textBuilder) text(s string, pre bool) {
	newlines := 0
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		t.word(s[start:end])
		start = -1
	}
	for i, r := range s {
		switch r {
		case ' ', '\t', '\r', '\f', '\v', '\u00a0', '\u2007', '\u202f', '\u3000', '\u2002', '\u2003', '\u2009', '\u200a':
			flush(i)
			t.spc = true
		case '\n', '\u2028', '\u2029':
			flush(i)
			t.spc = true
			if pre || r != '\n' {
				newlines++
				t.brk(newlines)
			}
			continue
		case '\u00ad', '\u200b', '\ufeff', '\u2060':
			// soft hyphen and zero-width characters: drop, keeping the word
			// in one piece
			if start >= 0 {
				t.word(s[start:i])
				start = -1
			}
			continue
		default:
			if start < 0 {
				start = i
			}
			newlines = 0
		}
	}
	flush(len(s))
}

// word writes a run of non-space text after whatever separator is pending.
func (t *textBuilder) word(w string) {
	if w == "" {
		return
	}
	if t.b.Len() > 0 {
		switch {
		case t.pending == 2:
			t.b.WriteString("\n\n")
		case t.pending == 1:
			t.b.WriteByte('\n')
		case t.spc:
			t.b.WriteByte(' ')
		}
	}
	t.pending, t.spc = 0, false
	t.b.WriteString(w)
}

func (t *textBuilder) String() string { return t.b.String() }

// LanguageCode returns the ISO 639-1 code of a declared language tag
// ("fr-FR", "de_DE", "EN") in lower case, or "" when tag names none.
func LanguageCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
