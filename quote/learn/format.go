package learn

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
)

// File is what a model file holds: named models, named numbers (biases,
// thresholds) and named word lists.
type File struct {
	Models  map[string]*Weights
	Numbers map[string]float32
	Lists   map[string][]string
}

// A model file, little-endian:
//
//	"SRQUOTE1"
//	uvarint        the number of numbers; each: string name, uint32 float32 bits
//	uvarint        the number of lists; each: string name, uvarint count, the strings
//	uvarint        the number of models; each: string name, uvarint the number
//	               of features, then each feature in increasing order: uvarint
//	               its hash less the previous one's, uint32 its weight's float32 bits
//
// A string is its uvarint length and its bytes. Names come in increasing
// order, so that the same File always writes the same bytes.
const magic = "SRQUOTE1"

// sortedKeys returns the keys of m in increasing order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Write writes f to w.
func Write(w io.Writer, f *File) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	u32 := func(v uint32) { binary.LittleEndian.PutUint32(buf[:4], v); bw.Write(buf[:4]) }
	uv(uint64(len(f.Numbers)))
	for _, n := range sortedKeys(f.Numbers) {
		str(n)
		u32(math.Float32bits(f.Numbers[n]))
	}
	uv(uint64(len(f.Lists)))
	for _, n := range sortedKeys(f.Lists) {
		str(n)
		uv(uint64(len(f.Lists[n])))
		for _, s := range f.Lists[n] {
			str(s)
		}
	}
	uv(uint64(len(f.Models)))
	for _, n := range sortedKeys(f.Models) {
		m := f.Models[n]
		str(n)
		uv(uint64(len(m.keys)))
		prev := uint32(0)
		for i, k := range m.keys {
			uv(uint64(k - prev))
			prev = k
			u32(math.Float32bits(m.vals[i]))
		}
	}
	return bw.Flush()
}

// reader decodes a model file, remembering the first error and where it
// happened.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("byte %d: %s", r.off, what)
	}
}

func (r *reader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad " + what)
		return 0
	}
	r.off += n
	return v
}

func (r *reader) u32(what string) uint32 {
	if r.err != nil {
		return 0
	}
	if len(r.b)-r.off < 4 {
		r.fail("truncated " + what)
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b[r.off:])
	r.off += 4
	return v
}

func (r *reader) str(what string) string {
	n := r.uvarint(what)
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)-r.off) {
		r.fail("truncated " + what)
		return ""
	}
	s := string(r.b[r.off : r.off+int(n)])
	r.off += int(n)
	return s
}

// count reads a count and refuses one larger than the bytes left could
// hold (at least min bytes each), so that a corrupt file cannot make a
// huge allocation.
func (r *reader) count(what string, min int) int {
	n := r.uvarint(what)
	if r.err == nil && n > uint64((len(r.b)-r.off)/min+1) {
		r.fail(what + " larger than the file")
		return 0
	}
	return int(n)
}

// Read decodes a model file written by Write; name is used in errors.
func Read(b []byte, name string) (*File, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, fmt.Errorf("%s: not a sitrep quote model file", name)
	}
	r := &reader{b: b, off: len(magic)}
	f := &File{Models: map[string]*Weights{}, Numbers: map[string]float32{}, Lists: map[string][]string{}}
	nn := r.count("number count", 5)
	for i := 0; i < nn && r.err == nil; i++ {
		k := r.str("number name")
		f.Numbers[k] = math.Float32frombits(r.u32("number"))
	}
	nl := r.count("list count", 2)
	for i := 0; i < nl && r.err == nil; i++ {
		k := r.str("list name")
		n := r.count("list length", 1)
		l := make([]string, 0, n)
		for j := 0; j < n && r.err == nil; j++ {
			l = append(l, r.str("list word"))
		}
		f.Lists[k] = l
	}
	nm := r.count("model count", 2)
	for i := 0; i < nm && r.err == nil; i++ {
		k := r.str("model name")
		n := r.count("feature count", 5)
		m := &Weights{keys: make([]uint32, 0, n), vals: make([]float32, 0, n)}
		prev := uint64(0)
		for j := 0; j < n && r.err == nil; j++ {
			d := r.uvarint("feature")
			if j > 0 && d == 0 || prev+d > math.MaxUint32 {
				r.fail("features out of order")
			}
			prev += d
			m.keys = append(m.keys, uint32(prev))
			m.vals = append(m.vals, math.Float32frombits(r.u32("weight")))
		}
		m.buildIndex()
		if _, dup := f.Models[k]; dup {
			r.fail("model " + k + " twice")
		}
		f.Models[k] = m
	}
	if r.err == nil && r.off != len(b) {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return nil, fmt.Errorf("%s: %w", name, r.err)
	}
	return f, nil
}
