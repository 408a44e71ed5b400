package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// SniffSize is how many bytes of an input Detect and Sniff look at past
// what comes before the first element or value (white space, the XML
// declaration, comments, a doctype): enough for the first element, and
// for a JSON Feed's "version" among its first members.
const SniffSize = 4096

// MaxSniffSize is the most bytes of an input peeked at to sniff it (see
// PeekHead): white space, comments and declarations longer than that
// before the first element leave the format to the name's hint.
const MaxSniffSize = 64 << 10

// PeekHead returns the first bytes of br to pass to Detect, without
// consuming them: SniffSize bytes past the white space, XML declaration,
// processing instructions, comments and doctype that come before the
// first element or value, however long these are up to MaxSniffSize (or
// br's size, if smaller), and, when the input starts with a JSON object
// whose first line has not ended, up to MaxSniffSize to see its second
// line. open reports that what comes before the first element or value
// had not ended within those bytes and the input goes on: the bytes leave
// the format open. err is br's error (io.EOF: head is the whole input).
func PeekHead(br *bufio.Reader) (head []byte, open bool, err error) {
	limit := min(MaxSniffSize, br.Size())
	n := min(SniffSize, limit)
	for {
		head, err = br.Peek(n)
		lead, done := leadLen(head)
		if err != nil || len(head) < n {
			return head, false, err
		}
		if n == limit || (done && len(head)-lead >= SniffSize && !firstLineOpen(head[lead:])) {
			return head, !done, err
		}
		n = min(max(2*n, lead+SniffSize), limit)
	}
}

// leadLen returns how many bytes at the start of head come before the
// first element or value: a byte-order mark, white space, the XML
// declaration, processing instructions, comments and declarations (a
// doctype, its internal subset included). done is false when they run to
// the end of head, so that the first element or value is not in it; n is
// then the length of those that end in head (and the white space after
// them).
func leadLen(head []byte) (n int, done bool) {
	t := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	for {
		t = bytes.TrimLeft(t, " \t\r\n")
		n = len(head) - len(t)
		if len(t) == 0 || len(t) == 1 && t[0] == '<' {
			return n, false
		}
		if t[0] != '<' || t[1] != '?' && t[1] != '!' {
			return n, true
		}
		m := prologItem(t)
		if m < 0 {
			return n, false
		}
		t = t[m:]
	}
}

// firstLineOpen reports whether t starts with a JSON object whose first
// line does not end in t: a JSON Lines file of long lines, whose second
// line tells it from one JSON object (Detect).
func firstLineOpen(t []byte) bool {
	return len(t) > 0 && t[0] == '{' && bytes.IndexByte(t, '\n') < 0
}

// prologItem returns the length of the processing instruction (the XML
// declaration among them), comment or declaration ("<!DOCTYPE ...>", with
// its internal subset in brackets) that starts t, or -1 when it does not
// end in t.
func prologItem(t []byte) int {
	switch {
	case bytes.HasPrefix(t, []byte("<?")):
		if i := bytes.Index(t, []byte("?>")); i >= 0 {
			return i + 2
		}
	case bytes.HasPrefix(t, []byte("<!--")):
		if i := bytes.Index(t[2:], []byte("-->")); i >= 0 { // "<!-->" too, as HTML has it
			return 2 + i + 3
		}
	case bytes.HasPrefix(t, []byte("<!")):
		depth := 0
		for i, c := range t {
			switch {
			case c == '[':
				depth++
			case c == ']' && depth > 0:
				depth--
			case c == '>' && depth == 0:
				return i + 1
			}
		}
	}
	return -1
}

// Detect returns the format of an input from its first bytes (as PeekHead
// gives them, gzip undone), with hint, the format its name's extension or
// its Content-Type says (FormatUnknown: none), as a hint only. The bytes
// decide whenever they show a format: a WARC version line, a feed's or a
// page's first element, a JSON Feed, JSON Lines or a JSON array. The hint
// decides only what the bytes leave open: bytes that read as plain text or
// as nothing known are taken as the hinted format (a ".html" fragment that
// starts with text is a page, a ".warc" file with junk before its first
// record is WARC), and a ".json" file of objects is read as JSON, which
// takes objects one after another, unless the bytes show JSON Lines: a
// first line that is a whole JSON object, then another line that starts
// one (see jsonLines), read line by line so that a bad line is skipped.
// With no hint such bytes are text, or FormatUnknown when they are binary.
func Detect(head []byte, hint Format) Format {
	f := Sniff(head)
	switch {
	case f == FormatJSONL && hint == FormatJSON && !jsonLines(head):
		return FormatJSON
	case (f == FormatText || f == FormatUnknown) && hint != FormatUnknown:
		return hint
	}
	return f
}

// jsonLines reports whether head shows JSON Lines rather than JSON objects
// one after another: its first line is a whole JSON object, and the next
// line that is not blank starts another and does not end open as a
// pretty-printed object's first line does. The second line need not be
// valid JSON: a bad line is what the JSON Lines reader skips.
func jsonLines(head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	first, rest, ok := bytes.Cut(t, []byte("\n"))
	first = bytes.TrimSpace(first)
	if !ok || len(first) == 0 || first[0] != '{' || !json.Valid(first) {
		return false
	}
	rest = bytes.TrimLeft(rest, " \t\r\n")
	second, _, _ := bytes.Cut(rest, []byte("\n"))
	second = bytes.TrimSpace(second)
	return len(second) > 0 && second[0] == '{' && !endsOpen(second)
}

// endsOpen reports whether a JSON line ends with a value or member still
// to come ("{", "[", a comma, a colon), as a pretty-printed object's lines
// do.
func endsOpen(line []byte) bool {
	return len(line) > 0 && bytes.IndexByte([]byte("{[,:"), line[len(line)-1]) >= 0
}

// Sniff returns the format the first bytes of an input say, with no hint
// (see Detect; PeekHead gives enough of them, gzip is not looked into):
// WARC by its version line; feeds and HTML by their first element (past
// the XML declaration, comments and doctype; an element HTML does not know
// counts only when closing tags follow); a JSON Feed by its version URL
// (its slashes escaped or not); JSON Lines by a leading '{' and a complete
// first line, JSON by a leading '[' or a pretty-printed first object; text
// when the bytes are text without binary control characters, in UTF-8 or a
// legacy 8-bit charset (Latin-1, Windows-1252), which the readers decode;
// FormatUnknown otherwise (binary data, or nothing but white space).
func Sniff(head []byte) Format {
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return FormatWARC
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 {
		return FormatUnknown
	}
	switch t[0] {
	case '{', '[':
		if f := sniffJSON(t); f != FormatUnknown {
			return f
		}
	case '<':
		if f := sniffMarkup(t); f != FormatUnknown {
			return f
		}
	}
	if looksLikeText(head) {
		return FormatText
	}
	return FormatUnknown
}

// sniffJSON tells JSON from text that starts with a bracket ("[Reuters]",
// "{{template}}"): an object must go on with a member name or end, an
// array with a value that holds articles. An object is a JSON Feed when
// its version URL shows, JSON Lines when its first line ends in the head
// complete, JSON (one pretty-printed object or more) when its first line
// ends open ("{", a member and a comma, a name and a colon).
func sniffJSON(t []byte) Format {
	rest := bytes.TrimLeft(t[1:], " \t\r\n")
	if t[0] == '[' {
		if len(rest) > 0 && !strings.ContainsRune(`{["]`, rune(rest[0])) {
			return FormatUnknown
		}
		return FormatJSON
	}
	if len(rest) > 0 && rest[0] != '"' && rest[0] != '}' {
		return FormatUnknown
	}
	if isJSONFeed(t) {
		return FormatFeed
	}
	if line, _, ok := bytes.Cut(t, []byte("\n")); ok && endsOpen(bytes.TrimSpace(line)) {
		return FormatJSON
	}
	return FormatJSONL
}

// isJSONFeed reports whether a JSON object's first bytes hold a JSON
// Feed's version URL, its slashes escaped ("jsonfeed.org\\/version", as
// PHP writes them) or not.
func isJSONFeed(t []byte) bool {
	return bytes.Contains(t, []byte("jsonfeed.org/version")) || bytes.Contains(t, []byte(`jsonfeed.org\/version`))
}

// sniffMarkup looks at the first element of an XML or HTML document, past
// the XML declaration, comments and doctype.
func sniffMarkup(t []byte) Format {
	for len(t) > 1 && t[0] == '<' {
		if t[1] != '?' && t[1] != '!' {
			return sniffElement(t)
		}
		if len(t) >= 14 && bytes.EqualFold(t[:14], []byte("<!doctype html")) {
			return FormatHTML
		}
		n := prologItem(t)
		if n < 0 {
			if bytes.HasPrefix(t, []byte("<!--")) {
				return FormatHTML
			}
			return FormatUnknown
		}
		t = bytes.TrimLeft(t[n:], " \t\r\n")
	}
	return FormatUnknown
}

// sniffElement says what a document whose first element starts t is: a
// feed by the root elements of RSS, Atom and RSS 1.0 (with or without a
// namespace prefix), HTML by an element HTML has, or by any other name when
// closing tags follow; FormatUnknown for text that only starts with '<'.
func sniffElement(t []byte) Format {
	name := t[1:]
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	lower := strings.ToLower(string(name))
	local := lower
	if i := strings.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	switch {
	case lower == "":
		return FormatUnknown
	case local == "rss" || local == "feed" || local == "rdf" || local == "channel":
		return FormatFeed
	case htmlElements[lower] || bytes.Contains(t, []byte("</")) || bytes.Contains(t, []byte("/>")):
		return FormatHTML
	}
	return FormatUnknown
}

// htmlElements are the elements a page or a fragment of one commonly
// starts with.
var htmlElements = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`html head body title meta link base style script noscript
		div p span a b i u em strong small big br hr img figure figcaption picture
		h1 h2 h3 h4 h5 h6 header footer nav main article section aside address
		table thead tbody tr td th ul ol li dl dt dd pre blockquote code q cite time
		form input button iframe svg center font`) {
		m[n] = true
	}
	return m
}()

// looksLikeText reports whether head is text: no NUL, few control
// characters, and either UTF-8 (at most a cut rune at the end) or, when
// it is not, bytes of which at most a third are above ASCII, as in text in
// Latin-1 or Windows-1252 (binary data has about half).
func looksLikeText(head []byte) bool {
	controls, high := 0, 0
	valid := true
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				return false
			}
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
				controls++
			}
			i++
			continue
		}
		high++
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && (len(head)-i >= utf8.UTFMax || utf8.FullRune(head[i:])) {
			valid = false
		}
		i += size
	}
	if controls*100 > len(head) {
		return false
	}
	return valid || high*3 <= len(head)
}
