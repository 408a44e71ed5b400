package ingest

import (
	"bytes"
	"encoding/json"
	"io"
)

// cutAt is what an itemScanner says of a byte: pass it on, or end the
// feed before or after it.
type cutAt int

const (
	keep cutAt = iota
	cutBefore
	cutAfter
)

// itemScanner follows the structure of a feed one byte at a time, to count
// its items while it is read.
type itemScanner interface {
	// scan looks at the next byte and says whether the feed is to end
	// there: just past the last item to pass on.
	scan(b byte) cutAt
	// closers are the bytes that close what is open at the cut, so that
	// what the parser reads is a complete feed.
	closers() []byte
	// over reports whether an item past the limit was seen.
	over() bool
}

// itemCutter passes a feed on up to the end of its last item within the
// limit, then the bytes that close the feed there, so that the feed parser
// builds no more items than the limit (its memory grows with the items).
// Past the cut it reads on, without passing the bytes on, only to tell
// whether more items come (over), so that the caller can say so.
type itemCutter struct {
	r    io.Reader
	s    itemScanner
	cut  bool   // the feed was cut
	tail []byte // closing bytes still to pass on
	err  error  // a read error past the cut, when the parser had its feed
}

// newItemCutter returns an itemCutter for the feed in r, which br peeks
// into: a JSON feed when it starts with '{', XML otherwise.
func newItemCutter(r io.Reader, first byte, max int) *itemCutter {
	var s itemScanner = &xmlItems{max: max}
	if first == '{' {
		s = &jsonItems{max: max}
	}
	return &itemCutter{r: r, s: s}
}

// Read passes the feed on up to the cut, then the closing bytes, then
// io.EOF.
func (c *itemCutter) Read(p []byte) (int, error) {
	if c.cut {
		if len(c.tail) > 0 {
			n := copy(p, c.tail)
			c.tail = c.tail[n:]
			return n, nil
		}
		c.drain()
		return 0, io.EOF
	}
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		at := c.s.scan(p[i])
		if at == keep {
			continue
		}
		k := i
		if at == cutAfter {
			k = i + 1
		}
		c.cut, c.tail = true, c.s.closers()
		c.look(p[k:n])
		m := copy(p[k:], c.tail)
		c.tail = c.tail[m:]
		return k + m, nil
	}
	return n, err
}

// look scans bytes past the cut for one more item.
func (c *itemCutter) look(b []byte) {
	for _, x := range b {
		if c.s.over() {
			return
		}
		c.s.scan(x)
	}
}

// drain reads past the cut until another item shows, or the input ends.
func (c *itemCutter) drain() {
	buf := make([]byte, 32<<10)
	for !c.s.over() && c.err == nil {
		n, err := c.r.Read(buf)
		c.look(buf[:n])
		if err == io.EOF {
			return
		}
		if err != nil {
			c.err = err
		}
	}
}

// over reports whether the feed holds more items than the limit.
func (c *itemCutter) over() bool { return c.s.over() }

// xmlState is where an xmlItems is in the markup.
type xmlState int

const (
	xText    xmlState = iota
	xOpen             // after '<'
	xName             // in a start tag's name
	xAttrs            // in a start tag, past its name
	xDQuote           // in a "-quoted attribute value
	xSQuote           // in a '-quoted attribute value
	xEndName          // in an end tag
	xBang             // after "<!"
	xComment          // in <!-- -->
	xCDATA            // in <![CDATA[ ]]>
	xDecl             // in <!DOCTYPE ...>
	xPI               // in <? ?>
)

// maxNameLen is the longest element name kept; longer ones are cut.
const maxNameLen = 256

// xmlItems follows an RSS, RDF or Atom feed: the open elements, and the
// item and entry elements (any namespace prefix) outside other items.
type xmlItems struct {
	max       int
	items     int // items started
	stack     []string
	itemDepth int // the stack depth of the item open, 0 when none is
	st        xmlState
	name      []byte
	slash     bool    // the last byte in a start tag was '/'
	last      [2]byte // the two bytes before this one, in comments and the like
	bang      []byte
	declDepth int
	isOver    bool
}

func (x *xmlItems) over() bool { return x.isOver }

// closers are the end tags of the elements open.
func (x *xmlItems) closers() []byte {
	var b bytes.Buffer
	for i := len(x.stack) - 1; i >= 0; i-- {
		b.WriteString("</" + x.stack[i] + ">")
	}
	return b.Bytes()
}

// scan follows one byte; it cuts after the '>' that ends the last item
// within the limit.
func (x *xmlItems) scan(b byte) cutAt {
	switch x.st {
	case xText:
		if b == '<' {
			x.st = xOpen
		}
	case xOpen:
		x.name = x.name[:0]
		switch b {
		case '/':
			x.st = xEndName
		case '!':
			x.st, x.bang = xBang, x.bang[:0]
		case '?':
			x.st, x.last = xPI, [2]byte{}
		default:
			x.st, x.name = xName, append(x.name, b)
		}
	case xName:
		switch b {
		case '>':
			x.st = xText
			return x.start(false)
		case '/', ' ', '\t', '\r', '\n':
			x.st, x.slash = xAttrs, b == '/'
		default:
			if len(x.name) < maxNameLen {
				x.name = append(x.name, b)
			}
		}
	case xAttrs:
		switch b {
		case '>':
			x.st = xText
			return x.start(x.slash)
		case '"':
			x.st = xDQuote
		case '\'':
			x.st = xSQuote
		}
		x.slash = b == '/'
	case xDQuote, xSQuote:
		if (b == '"' && x.st == xDQuote) || (b == '\'' && x.st == xSQuote) {
			x.st, x.slash = xAttrs, false
		}
	case xEndName:
		switch b {
		case '>':
			x.st = xText
			return x.end()
		case ' ', '\t', '\r', '\n':
		default:
			if len(x.name) < maxNameLen {
				x.name = append(x.name, b)
			}
		}
	case xBang:
		x.bangByte(b)
	case xComment, xCDATA, xPI:
		closer := [3]byte{'-', '-', '>'}
		if x.st == xCDATA {
			closer = [3]byte{']', ']', '>'}
		}
		if x.st == xPI && b == '>' && x.last[1] == '?' || x.st != xPI && b == '>' && x.last == [2]byte{closer[0], closer[1]} {
			x.st = xText
		}
		x.last = [2]byte{x.last[1], b}
	case xDecl:
		switch {
		case b == '[':
			x.declDepth++
		case b == ']' && x.declDepth > 0:
			x.declDepth--
		case b == '>' && x.declDepth == 0:
			x.st = xText
		}
	}
	return keep
}

// bangByte follows "<!": a comment, CDATA or a declaration.
func (x *xmlItems) bangByte(b byte) {
	x.bang = append(x.bang, b)
	switch {
	case string(x.bang) == "--":
		x.st, x.last = xComment, [2]byte{}
	case string(x.bang) == "[CDATA[":
		x.st, x.last = xCDATA, [2]byte{}
	case bytes.HasPrefix([]byte("--"), x.bang) || bytes.HasPrefix([]byte("[CDATA["), x.bang):
	case b == '>':
		x.st = xText
	default:
		x.st, x.declDepth = xDecl, 0
		if b == '[' {
			x.declDepth = 1
		}
	}
}

// isItem reports whether an element name is a feed item's.
func isItem(name []byte) bool {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return string(name) == "item" || string(name) == "entry"
}

// start follows a start tag; it cuts after an empty last item.
func (x *xmlItems) start(empty bool) cutAt {
	item := x.itemDepth == 0 && isItem(x.name)
	if item {
		x.items++
		if x.items > x.max {
			x.isOver = true
		}
	}
	if empty {
		if item && x.items == x.max {
			return cutAfter
		}
		return keep
	}
	x.stack = append(x.stack, string(x.name))
	if item {
		x.itemDepth = len(x.stack)
	}
	return keep
}

// end follows an end tag, closing the innermost element of its name; it
// cuts after the end of the last item.
func (x *xmlItems) end() cutAt {
	for i := len(x.stack) - 1; i >= 0; i-- {
		if x.stack[i] != string(x.name) {
			continue
		}
		closesItem := x.itemDepth > 0 && i+1 <= x.itemDepth
		x.stack = x.stack[:i]
		if closesItem {
			x.itemDepth = 0
			if x.items == x.max {
				return cutAfter
			}
		}
		return keep
	}
	return keep
}

// jsonItems follows a JSON Feed: the open objects and arrays, the member
// names of the top-level object, and the elements of its "items" array.
type jsonItems struct {
	max     int
	stack   []byte // '{' and '[' open
	inStr   bool
	esc     bool
	isName  bool   // the string being read is a member name of the top-level object
	wantKey bool   // a member name of the top-level object comes next
	str     []byte // the member name being read (its first 64 bytes)
	name    string // the name of the top-level member whose value is being read
	inItems bool   // the array open at depth 2 is the top-level "items"
	elems   int    // commas between the elements of "items" seen
	isOver  bool
}

func (j *jsonItems) over() bool { return j.isOver }

// closers close the arrays and objects open.
func (j *jsonItems) closers() []byte {
	out := make([]byte, 0, len(j.stack))
	for i := len(j.stack) - 1; i >= 0; i-- {
		if j.stack[i] == '{' {
			out = append(out, '}')
		} else {
			out = append(out, ']')
		}
	}
	return out
}

// scan follows one byte; it cuts before the comma that would begin an
// element of "items" past the limit. Only commas directly in the items
// array count: not those in its elements, in strings, or in the members
// before or after it.
func (j *jsonItems) scan(b byte) cutAt {
	if j.inStr {
		j.strByte(b)
		return keep
	}
	top := len(j.stack) == 1 && j.stack[0] == '{' // in the top-level object
	switch b {
	case '"':
		j.inStr, j.isName, j.str = true, top && j.wantKey, j.str[:0]
	case ':':
		if top {
			j.wantKey = false
		}
	case '{', '[':
		if b == '[' && top && j.name == "items" {
			j.inItems, j.elems = true, 0
		}
		j.stack = append(j.stack, b)
		if len(j.stack) == 1 && b == '{' {
			j.wantKey = true
		}
	case '}', ']':
		if len(j.stack) > 0 {
			j.stack = j.stack[:len(j.stack)-1]
		}
		if len(j.stack) < 2 {
			j.inItems = false
		}
	case ',':
		if top {
			j.wantKey, j.name = true, ""
		}
		if j.inItems && len(j.stack) == 2 {
			return j.comma()
		}
	}
	return keep
}

// strByte follows one byte of a string, keeping a member name of the
// top-level object.
func (j *jsonItems) strByte(b byte) {
	switch {
	case j.esc:
		j.esc = false
	case b == '\\':
		j.esc = true
	case b == '"':
		j.inStr = false
		if j.isName {
			j.name = memberName(j.str)
		}
		return
	}
	if j.isName && len(j.str) < 64 {
		j.str = append(j.str, b)
	}
}

// memberName returns a member name as read between its quotes, its
// escapes ("it\\u0065ms") undone.
func memberName(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var name string
	if json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &name) != nil {
		return string(raw)
	}
	return name
}

// comma follows a comma between two elements of "items": it cuts before
// the one that begins the element past the limit.
func (j *jsonItems) comma() cutAt {
	j.elems++
	if j.elems < j.max || j.isOver {
		return keep
	}
	j.isOver = true
	return cutBefore
}
