package ingest

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// SniffSize is how many bytes of an input Detect and Sniff look at: enough
// for an XML declaration, a doctype and comments before the first element,
// and for a JSON Feed's "version" among its first members.
const SniffSize = 4096

// Detect returns the format of an input from its first bytes (up to
// SniffSize of them, gzip undone), with hint, the format its name's
// extension or its Content-Type says (FormatUnknown: none), as a hint only.
// The bytes decide whenever they show a format: a WARC version line, a
// feed's or a page's first element, a JSON Feed, JSON Lines or a JSON
// array. The hint decides only what the bytes leave open: bytes that read
// as plain text or as nothing known are taken as the hinted format (a
// ".html" fragment that starts with text is a page, a ".warc" file with
// junk before its first record is WARC), and a ".json" file of objects is
// read as JSON, which takes objects one after another. With no hint such
// bytes are text, or FormatUnknown when they are binary.
func Detect(head []byte, hint Format) Format {
	f := Sniff(head)
	switch {
	case f == FormatJSONL && hint == FormatJSON:
		return FormatJSON
	case (f == FormatText || f == FormatUnknown) && hint != FormatUnknown:
		return hint
	}
	return f
}

// Sniff returns the format the first bytes of an input say, with no hint
// (see Detect; SniffSize bytes are enough, gzip is not looked into): WARC
// by its version line; feeds and HTML by their first element (past the XML
// declaration, comments and doctype; an element HTML does not know counts
// only when closing tags follow); a JSON Feed by its version URL; JSON
// Lines by a leading '{' and a complete first line, JSON by a leading '['
// or a pretty-printed first object; text when the bytes are text without
// binary control characters, in UTF-8 or a legacy 8-bit charset
// (Latin-1, Windows-1252), which the readers decode; FormatUnknown
// otherwise (binary data, or nothing but white space).
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
	if bytes.Contains(t, []byte("jsonfeed.org/version")) {
		return FormatFeed
	}
	if line, _, ok := bytes.Cut(t, []byte("\n")); ok {
		line = bytes.TrimSpace(line)
		if last := line[len(line)-1]; last == '{' || last == '[' || last == ',' || last == ':' {
			return FormatJSON
		}
	}
	return FormatJSONL
}

// sniffMarkup looks at the first element of an XML or HTML document, past
// the XML declaration, comments and doctype.
func sniffMarkup(t []byte) Format {
	for len(t) > 0 && t[0] == '<' {
		switch {
		case bytes.HasPrefix(t, []byte("<?")):
			i := bytes.Index(t, []byte("?>"))
			if i < 0 {
				return FormatUnknown
			}
			t = t[i+2:]
		case bytes.HasPrefix(t, []byte("<!--")):
			i := bytes.Index(t, []byte("-->"))
			if i < 0 {
				return FormatHTML
			}
			t = t[i+3:]
		case bytes.HasPrefix(t, []byte("<!")):
			if len(t) >= 14 && bytes.EqualFold(t[:14], []byte("<!doctype html")) {
				return FormatHTML
			}
			i := bytes.IndexByte(t, '>')
			if i < 0 {
				return FormatUnknown
			}
			t = t[i+1:]
		default:
			return sniffElement(t)
		}
		t = bytes.TrimLeft(t, " \t\r\n")
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
