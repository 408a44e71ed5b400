package learn

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
)

// A model file, little-endian:
//
//	"SRLRN1\0\0"
//	uvarint        the number of models
//	each model:
//	  string       its name (uvarint length, bytes)
//	  uvarint      the number of classes, then each class's name (string)
//	  uvarint      the number of features
//	  each feature, in increasing order:
//	    uint32     the feature hash
//	    uvarint    the number of weights
//	    each:      uvarint class, uint32 the weight's float32 bits
const magic = "SRLRN1\x00\x00"

// Write writes the named models to w, in the order of their names.
func Write(w io.Writer, models map[string]*Model) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	names := make([]string, 0, len(models))
	for n := range models {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	u32 := func(v uint32) { binary.LittleEndian.PutUint32(buf[:4], v); bw.Write(buf[:4]) }
	uv(uint64(len(names)))
	for _, n := range names {
		m := models[n]
		str(n)
		uv(uint64(len(m.Classes)))
		for _, c := range m.Classes {
			str(c)
		}
		uv(uint64(len(m.keys)))
		for i, k := range m.keys {
			u32(k)
			row := m.weightsOf(i)
			uv(uint64(len(row)))
			for _, w := range row {
				uv(uint64(w.class))
				u32(math.Float32bits(w.value))
			}
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
func Read(b []byte, name string) (map[string]*Model, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, fmt.Errorf("%s: not a sitrep model file", name)
	}
	r := &reader{b: b, off: len(magic)}
	out := map[string]*Model{}
	// the weights of all the models, in one allocation: a weight takes at
	// least 5 bytes of the file
	all := make([]weight, 0, (len(b)-r.off)/5)
	firsts := map[*Model]int{} // where each model's weights start in all
	nm := r.count("model count", 1)
	for i := 0; i < nm && r.err == nil; i++ {
		mname := r.str("model name")
		m := &Model{}
		first := len(all)
		nc := r.count("class count", 1)
		for c := 0; c < nc && r.err == nil; c++ {
			m.Classes = append(m.Classes, r.str("class name"))
		}
		nf := r.count("feature count", 5)
		m.keys = make([]uint32, 0, nf)
		m.starts = make([]int32, 0, nf+1)
		for f := 0; f < nf && r.err == nil; f++ {
			k := r.u32("feature")
			if len(m.keys) > 0 && k <= m.keys[len(m.keys)-1] {
				r.fail("features out of order")
			}
			m.keys = append(m.keys, k)
			m.starts = append(m.starts, int32(len(all)-first))
			nw := r.count("weight count", 5)
			for j := 0; j < nw && r.err == nil; j++ {
				c := r.uvarint("class")
				if c >= uint64(nc) {
					r.fail("class out of range")
				}
				all = append(all, weight{class: uint16(c), value: math.Float32frombits(r.u32("weight"))})
			}
		}
		m.starts = append(m.starts, int32(len(all)-first))
		m.weights = all[first:len(all):len(all)]
		firsts[m] = first
		if _, dup := out[mname]; dup {
			r.fail("model " + mname + " twice")
		}
		m.buildIndex()
		out[mname] = m
	}
	if r.err == nil && r.off != len(b) {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return nil, fmt.Errorf("%s: %w", name, r.err)
	}
	if cap(all)-len(all) > len(all)/8 {
		// not to keep the room the estimate took too much
		exact := slices.Clone(all)
		for m, first := range firsts {
			n := len(m.weights)
			m.weights = exact[first : first+n : first+n]
		}
	}
	return out, nil
}

// ErrNoModel is returned by Need for a model a file lacks.
var ErrNoModel = errors.New("model missing")

// Need returns the named model of models, or an error naming it.
func Need(models map[string]*Model, name string) (*Model, error) {
	m, ok := models[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNoModel, name)
	}
	return m, nil
}
