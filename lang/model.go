package lang

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"
)

// The model file (lang/model/lang.bin, written by Train) is, with every
// integer an unsigned varint unless noted:
//
//	magic "sitrep-lang\n", version 2
//	L, then per language: code length, code bytes, script mask (bit s set
//	  when the language is written in script s), and numKinds floors as
//	  zig-zag varints in 1/scoreScale nat (the log-probability of a
//	  feature of that kind the language's list lacks)
//	V, then per feature, sorted by text: the length of the prefix it shares
//	  with the previous feature's text, the length and bytes of the rest,
//	  P, and P postings of two bytes: language index, weight
//	  (log-probability above the language's floor, in 1/scoreScale nat)
const (
	modelMagic   = "sitrep-lang\n"
	modelVersion = 2
	// scoreScale is the number of score units per nat (natural-log unit).
	scoreScale = 16
	maxLangs   = 255
)

// langInfo is what the model knows of one language.
type langInfo struct {
	code    string
	scripts uint32 // bit s: written in script s
	floor   [numKinds]int32
}

// Detector identifies the language of texts with one model. It is safe for
// concurrent use; its zero value has no languages and answers "und".
type Detector struct {
	langs []langInfo
	// open-addressing table from feature hash to postings, one cache line
	// per probe: see slot
	table []slot
	shift uint // 64 - log2(len(table))
	// post holds each feature's postings, lang<<8 | weight
	post []uint16
}

// slot is an entry of the feature table: the high 32 bits of the
// feature's hash (0: empty), and where its postings are, offset<<8 | count.
type slot struct {
	key uint32
	ref uint32
}

// maxPostings bounds the postings of the model (24 bits of slot.ref).
const maxPostings = 1 << 24

// Languages returns the ISO 639-1 codes the detector can answer, sorted.
func (d *Detector) Languages() []string {
	out := make([]string, len(d.langs))
	for i, l := range d.langs {
		out[i] = l.code
	}
	sort.Strings(out)
	return out
}

// keyOf returns the table key of hash h: its high half, never 0.
func keyOf(h uint64) uint32 {
	if k := uint32(h >> 32); k != 0 {
		return k
	}
	return 1
}

// postings returns the postings of the feature with hash h (none when
// the model lacks it).
func (d *Detector) postings(h uint64) []uint16 {
	if len(d.table) == 0 {
		return nil
	}
	key, mask := keyOf(h), uint64(len(d.table)-1)
	for i := (h * 0x9e3779b97f4a7c15) >> d.shift; ; i = (i + 1) & mask {
		s := d.table[i]
		switch s.key {
		case key:
			return d.post[s.ref>>8 : s.ref>>8+s.ref&0xff]
		case 0:
			return nil
		}
	}
}

// insert adds the postings post[off:off+n] under hash h; it fails when
// the table has the key already (two features whose hashes share the high
// half and the probe sequence).
func (d *Detector) insert(h uint64, off, n int) error {
	key, mask := keyOf(h), uint64(len(d.table)-1)
	for i := (h * 0x9e3779b97f4a7c15) >> d.shift; ; i = (i + 1) & mask {
		switch d.table[i].key {
		case key:
			return errors.New("hash collision")
		case 0:
			d.table[i] = slot{key, uint32(off)<<8 | uint32(n)}
			return nil
		}
	}
}

// Load parses a model file (the format Train writes) into a Detector.
func Load(data []byte) (*Detector, error) {
	r := &reader{b: data}
	if !bytes.HasPrefix(data, []byte(modelMagic)) {
		return nil, errors.New("lang: model: not a sitrep language model (bad magic)")
	}
	r.b = r.b[len(modelMagic):]
	if v := r.uvarint(); v != modelVersion {
		return nil, fmt.Errorf("lang: model: version %d, want %d", v, modelVersion)
	}
	d := &Detector{}
	nl := r.uvarint()
	if nl > maxLangs {
		return nil, fmt.Errorf("lang: model: %d languages, at most %d", nl, maxLangs)
	}
	for range nl {
		l := langInfo{code: string(r.bytes()), scripts: uint32(r.uvarint())}
		for k := range l.floor {
			l.floor[k] = int32(r.varint())
		}
		d.langs = append(d.langs, l)
	}
	nv := r.uvarint()
	if r.err != nil || nv > uint64(len(data)) {
		return nil, fmt.Errorf("lang: model: header: %w", r.errOr("bad feature count"))
	}
	size := 2
	for size < 2*int(nv) {
		size <<= 1
	}
	d.table = make([]slot, size)
	d.shift = uint(64 - bitsLen(size))
	var text []byte
	for i := range nv {
		shared := r.uvarint()
		if shared > uint64(len(text)) {
			return nil, fmt.Errorf("lang: model: feature %d: shares %d bytes of %d", i, shared, len(text))
		}
		text = append(text[:shared], r.bytes()...)
		np := r.uvarint()
		if r.err != nil || !utf8.Valid(text) || len(text) == 0 || np > nl {
			return nil, fmt.Errorf("lang: model: feature %d: %w", i, r.errOr("bad text or postings"))
		}
		off := len(d.post)
		if off+int(np) > maxPostings {
			return nil, fmt.Errorf("lang: model: more than %d postings", maxPostings)
		}
		for range np {
			li, w := r.byte(), r.byte()
			if uint64(li) >= nl {
				return nil, fmt.Errorf("lang: model: feature %d: language %d of %d", i, li, nl)
			}
			d.post = append(d.post, uint16(li)<<8|uint16(w))
		}
		h, _ := featureHash(string(text))
		if err := d.insert(h, off, int(np)); err != nil {
			return nil, fmt.Errorf("lang: model: feature %q: %w", text, err)
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("lang: model: %w", r.err)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("lang: model: %d bytes after the end", len(r.b))
	}
	return d, nil
}

// bitsLen returns log2 of the power of two n.
func bitsLen(n int) int {
	b := 0
	for n > 1 {
		n >>= 1
		b++
	}
	return b
}

// reader decodes the model file; the first error sticks and later reads
// return zero values.
type reader struct {
	b   []byte
	err error
}

// errOr returns the sticky error, or a new one with message msg.
func (r *reader) errOr(msg string) error {
	if r.err != nil {
		return r.err
	}
	return errors.New(msg)
}

// uvarint reads an unsigned varint.
func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated or bad varint")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// varint reads a zig-zag varint.
func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated or bad varint")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// byte reads one byte.
func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = errors.New("truncated")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// bytes reads a length-prefixed byte string.
func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errors.New("truncated string")
		return nil
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s
}
