package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// How an input's charset is decided, before UTF-8 is required of it:
//
//  1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//  2. the charset of the HTTP Content-Type, when the input was fetched or
//     came out of a WARC record;
//  3. what the input declares: an XML declaration's encoding (feeds), a
//     <meta> charset (HTML pages);
//  4. the bytes: UTF-8 where they are valid UTF-8, and every byte that is
//     not part of a valid UTF-8 sequence read as Windows-1252 (a superset
//     of Latin-1's printable characters), with a warning naming the input
//     and the first such byte.
//
// A declared UTF-8 that the bytes belie is read as in 4, with a warning;
// any other declared charset is decoded as declared. JSON and JSON Lines
// are UTF-8 by definition and read as they are (invalid bytes become
// U+FFFD).

// warn passes a warning about the input name at offset (-1: the input as a
// whole) to rd.Warn, when there is one; rd may be nil.
func (rd *Reader) warn(name string, offset int64, reason string) {
	if rd != nil && rd.Warn != nil {
		rd.Warn(&InputError{Name: name, Offset: offset, Reason: reason})
	}
}

// charsetParam returns the charset parameter of a Content-Type, "" when
// there is none.
func charsetParam(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// utf16BOM returns the decoder of the UTF-16 text that head starts with a
// byte-order mark of, nil when it starts with none. The decoder drops the
// mark.
func utf16BOM(head []byte) transform.Transformer {
	switch {
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	}
	return nil
}

// fromUTF16 returns br, or, when br starts with a UTF-16 byte-order mark,
// a reader of the same text in UTF-8, so that it can be sniffed and read
// like any other input.
func fromUTF16(br *bufio.Reader) *bufio.Reader {
	head, _ := br.Peek(2)
	dec := utf16BOM(head)
	if dec == nil {
		return br
	}
	return bufio.NewReaderSize(transform.NewReader(br, dec), br.Size())
}

// latinFallback is a transform.Transformer that decodes UTF-8 in which
// bytes that are not part of a valid UTF-8 sequence are Windows-1252: text
// in Latin-1 or Windows-1252 comes out right (a run of high bytes that
// happens to be valid UTF-8 is vanishingly rare in such text), UTF-8 is
// passed on as it is, and so is a mixture of the two. onFirst, when set,
// is called at the first byte decoded as Windows-1252 with its offset in
// the input.
type latinFallback struct {
	pos     int64 // bytes of the input consumed before this call
	seen    bool  // a byte was decoded as Windows-1252
	onFirst func(offset int64, b byte)
}

// Transform implements transform.Transformer.
func (t *latinFallback) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	defer func() { t.pos += int64(nSrc) }()
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst, nSrc = nDst+1, nSrc+1
			continue
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size == 1 {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r = charmap.Windows1252.DecodeByte(c)
			if nDst+utf8.RuneLen(r) > len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			if !t.seen {
				t.seen = true
				if t.onFirst != nil {
					t.onFirst(t.pos+int64(nSrc), c)
				}
			}
			nDst += utf8.EncodeRune(dst[nDst:], r)
			nSrc++
			continue
		}
		if nDst+size > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], src[nSrc:nSrc+size])
		nSrc += size
	}
	return nDst, nSrc, nil
}

// Reset implements transform.Transformer.
func (t *latinFallback) Reset() { t.pos, t.seen = 0, false }

// fallback returns a latinFallback for the input name that warns, through
// rd.Warn, at the first byte it reads as Windows-1252. declared is the
// label the input declared ("" for none), for the warning.
func (rd *Reader) fallback(name, declared string) *latinFallback {
	return newFallback(declared, func(off int64, reason string) { rd.warn(name, off, reason) })
}

// newFallback returns a latinFallback that tells warn of the first byte it
// reads as Windows-1252: its offset and a reason saying what happened.
// declared is the label the input declared ("" for none).
func newFallback(declared string, warn func(offset int64, reason string)) *latinFallback {
	return &latinFallback{onFirst: func(off int64, b byte) {
		what := "no charset declared"
		if declared != "" {
			what = fmt.Sprintf("declared %s but is not", declared)
		}
		warn(off, fmt.Sprintf("not UTF-8 (byte 0x%02x) and %s: read as Windows-1252", b, what))
	}}
}

// decodeText returns the bytes of a text input as UTF-8: decoded by the
// charset of contentType when it names one other than UTF-8 (an unknown
// one is warned of and ignored), otherwise as UTF-8 with bytes that are
// not read as Windows-1252 (latinFallback). data has no byte-order mark.
func (rd *Reader) decodeText(name string, data []byte, contentType string) ([]byte, error) {
	label := charsetParam(contentType)
	enc, canon := charset.Lookup(label)
	switch {
	case label != "" && enc == nil:
		rd.warn(name, -1, fmt.Sprintf("unknown charset %q in the Content-Type, ignored", label))
	case enc != nil && canon != "utf-8":
		out, _, err := transform.Bytes(enc.NewDecoder(), data)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", canon, err)
		}
		return out, nil
	}
	if utf8.Valid(data) {
		return data, nil
	}
	declared := ""
	if canon == "utf-8" {
		declared = "UTF-8 in the Content-Type"
	}
	out, _, err := transform.Bytes(rd.fallback(name, declared), data)
	return out, err
}

// feedUTF8 returns the feed in br as UTF-8, its XML declaration removed so
// that the feed parser decodes nothing again, and with it what comes
// before the root element (dropLead): by a UTF-16 byte-order mark, else the
// charset of contentType, else the encoding of the XML declaration, else
// (or when that is UTF-8, or a UTF-16 that the declaration's own bytes
// belie, or unknown) as UTF-8 with bytes that are not read as
// Windows-1252, warned of (latinFallback). JSON feeds take the byte-order
// mark and the Content-Type.
func (rd *Reader) feedUTF8(name string, br *bufio.Reader, contentType string) *bufio.Reader {
	head, _ := br.Peek(1024)
	dec := utf16BOM(head)
	if dec == nil {
		dec = rd.feedDecoder(name, head, contentType)
	}
	out := bufio.NewReaderSize(transform.NewReader(br, dec), br.Size())
	dropLead(out)
	return out
}

// feedDecoder returns the decoder of a feed without a UTF-16 byte-order
// mark; see feedUTF8.
func (rd *Reader) feedDecoder(name string, head []byte, contentType string) transform.Transformer {
	label, from := charsetParam(contentType), "in the Content-Type"
	if label == "" {
		label, from = xmlEncoding(head), "in the XML declaration"
	}
	if label == "" {
		return rd.fallback(name, "")
	}
	enc, canon := charset.Lookup(label)
	switch {
	case enc == nil:
		rd.warn(name, -1, fmt.Sprintf("unknown charset %q %s, ignored", label, from))
		return rd.fallback(name, "")
	case canon == "utf-8" || (strings.HasPrefix(canon, "utf-16") && from == "in the XML declaration"):
		return rd.fallback(name, label+" "+from)
	}
	return enc.NewDecoder()
}

// xmlEncoding returns the encoding an XML declaration at the start of head
// names (a UTF-8 byte-order mark and white space before it allowed), ""
// when there is none.
func xmlEncoding(head []byte) string {
	decl, ok := xmlDecl(head)
	if !ok {
		return ""
	}
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	end := bytes.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return ""
	}
	return strings.TrimSpace(string(rest[1 : 1+end]))
}

// xmlDecl returns the XML declaration that head starts with, through its
// "?>", after a UTF-8 byte-order mark and white space; ok is false when
// head starts with none.
func xmlDecl(head []byte) (decl []byte, ok bool) {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(t) < 6 || !bytes.HasPrefix(t, []byte("<?xml")) || !strings.ContainsRune(" \t\r\n?", rune(t[5])) {
		return nil, false
	}
	end := bytes.Index(t, []byte("?>"))
	if end < 0 {
		return nil, false
	}
	return t[:end+2], true
}

// dropLead discards what br starts with before a feed's first element or
// value, as far as br's buffer holds: the byte-order mark, white space,
// the XML declaration, processing instructions, comments and doctype
// (leadLen). The feed parser then finds the root element within the first
// bytes it looks at, however long a comment came before it.
func dropLead(br *bufio.Reader) {
	head, _ := br.Peek(br.Size())
	n, _ := leadLen(head)
	// the bytes are buffered: Discard cannot fail
	_, _ = br.Discard(n)
}
