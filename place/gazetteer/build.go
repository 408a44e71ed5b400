package gazetteer

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
)

// Builder collects entries and their names and writes the binary index.
// It is used by the generator and by tests that need a small gazetteer.
type Builder struct {
	entries []Entry
	names   map[string]map[uint32]bool // key -> entry<<1|alt
}

// Add adds an entry with its names. The first names (main of them) are
// preferred names or curated aliases; the rest are alternate names. It
// returns the entry's index.
func (b *Builder) Add(e Entry, main int, names ...string) int {
	if b.names == nil {
		b.names = map[string]map[uint32]bool{}
	}
	i := len(b.entries)
	e.Index = i
	b.entries = append(b.entries, e)
	for j, n := range names {
		k := Key(n)
		if k == "" {
			continue
		}
		alt := uint32(0)
		if j >= main {
			alt = 1
		}
		p := uint32(i)<<1 | alt
		if b.names[k] == nil {
			b.names[k] = map[uint32]bool{}
		}
		if alt == 1 && b.names[k][uint32(i)<<1] {
			continue // already a main name
		}
		delete(b.names[k], uint32(i)<<1|1)
		b.names[k][p] = true
	}
	return i
}

// Len returns the number of entries added.
func (b *Builder) Len() int { return len(b.entries) }

// Bytes writes the index.
func (b *Builder) Bytes() ([]byte, error) {
	idx := func(m map[string]int, list *[]string, s string) int {
		if i, ok := m[s]; ok {
			return i
		}
		m[s] = len(*list)
		*list = append(*list, s)
		return m[s]
	}
	var countries, features, admin1s []string
	cm, fm, am := map[string]int{}, map[string]int{}, map[string]int{}
	var pool bytes.Buffer
	poolIdx := map[string]int{}
	var ents bytes.Buffer
	le := binary.LittleEndian
	var r [entryLen]byte
	for _, e := range b.entries {
		le.PutUint32(r[0:], uint32(int32(math.Round(e.Lat*1e5))))
		le.PutUint32(r[4:], uint32(int32(math.Round(e.Lon*1e5))))
		le.PutUint32(r[8:], uint32(max(0, min(e.Population, math.MaxUint32))))
		le.PutUint32(r[12:], uint32(max(0, e.GeonameID)))
		off, ok := poolIdx[e.Name]
		if !ok {
			off = pool.Len()
			poolIdx[e.Name] = off
			pool.Write(binary.AppendUvarint(nil, uint64(len(e.Name))))
			pool.WriteString(e.Name)
		}
		le.PutUint32(r[16:], uint32(off))
		a := noAdmin1
		if e.Admin1 != "" {
			a = idx(am, &admin1s, e.Admin1)
		}
		c := 0
		if e.Country != "" {
			c = idx(cm, &countries, e.Country) + 1
		}
		f := idx(fm, &features, e.Feature)
		if e.Admin1 != "" && a >= noAdmin1 || c > math.MaxUint16 || f > math.MaxUint8 {
			return nil, fmt.Errorf("gazetteer: too many admin1s, countries or features")
		}
		le.PutUint16(r[20:], uint16(a))
		le.PutUint16(r[22:], uint16(c))
		r[24] = byte(f)
		r[25] = byte(e.Kind)
		ents.Write(r[:])
	}
	var tables []byte
	for _, list := range [][]string{countries, features, admin1s} {
		tables = binary.AppendUvarint(tables, uint64(len(list)))
		for _, s := range list {
			tables = binary.AppendUvarint(tables, uint64(len(s)))
			tables = append(tables, s...)
		}
	}
	keys := make([]string, 0, len(b.names))
	for k := range b.names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var kd, offs []byte
	prev := ""
	for i, k := range keys {
		shared := 0
		if i%blockSize == 0 {
			offs = le.AppendUint32(offs, uint32(len(kd)))
		} else {
			for shared < len(prev) && shared < len(k) && prev[shared] == k[shared] {
				shared++
			}
		}
		kd = binary.AppendUvarint(kd, uint64(shared))
		kd = binary.AppendUvarint(kd, uint64(len(k)-shared))
		kd = append(kd, k[shared:]...)
		ps := make([]uint32, 0, len(b.names[k]))
		for p := range b.names[k] {
			ps = append(ps, p)
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
		kd = binary.AppendUvarint(kd, uint64(len(ps)))
		last := uint32(0)
		for _, p := range ps {
			kd = binary.AppendUvarint(kd, uint64(p-last))
			last = p
		}
		prev = k
	}
	out := []byte(magic)
	for _, v := range []int{len(b.entries), len(keys) / blockSize, len(tables), pool.Len(), len(kd)} {
		out = le.AppendUint32(out, uint32(v))
	}
	// the block count rounds up
	le.PutUint32(out[8:], uint32(len(offs)/4))
	out = append(out, tables...)
	out = append(out, ents.Bytes()...)
	out = append(out, pool.Bytes()...)
	out = append(out, offs...)
	out = append(out, kd...)
	return out, nil
}
