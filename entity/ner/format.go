package ner

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
)

// Model file format, version 1. All integers are little-endian; "uvarint"
// and "varint" are encoding/binary's variable-length encodings and
// "string" is a uvarint length followed by that many UTF-8 bytes.
//
//	header   8 bytes  "SRNERMOD"
//	version  uint32   1
//	then four sections, in this order: labels, lexicon, features,
//	clusters, each framed as
//	  length   uint32  byte length of the section once inflated
//	  zlength  uint32  byte length of the compressed section
//	  crc      uint32  CRC-32 (IEEE) of the inflated section
//	  data             DEFLATE (RFC 1951) stream of the section:
//	  labels    uvarint n, n strings ("O" first), uvarint stages (1 or 2),
//	            then the weight scale as float32 bits (uint32):
//	            weight = quantized * scale
//	  features  uvarint n, then n records in increasing key order:
//	            uvarint key delta (from the previous key, the first from 0),
//	            then one varint quantized weight per label and stage
//	            (stage 1's weights for every label, then stage 2's)
//	  clusters  uvarint n, then n records sorted by word:
//	            string word, numLevels uvarint cluster ids
//	  lexicon   uvarint classes, that many class-name strings,
//	            uvarint n, then n records sorted by class and text, front
//	            coded: uvarint class, uvarint length of the prefix shared
//	            with the previous record's text, string rest of the text
//
// A feature key is the FNV-1a hash of the feature template and its strings
// (see features.go), so the file holds no feature strings. The sections
// are compressed apart so that they can be inflated and decoded in
// parallel.
const (
	magic         = "SRNERMOD"
	formatVersion = 1
	maxPayload    = 256 << 20
)

// WriteTo writes the model in the binary format above.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(magic)
	buf.Write(binary.LittleEndian.AppendUint32(nil, formatVersion))
	var sec []byte
	var werr error
	section := func() {
		var z bytes.Buffer
		zw, err := flate.NewWriter(&z, flate.BestCompression)
		if err == nil {
			_, err = zw.Write(sec)
		}
		if err == nil {
			err = zw.Close()
		}
		if err != nil && werr == nil {
			werr = err
		}
		var hdr [12]byte
		binary.LittleEndian.PutUint32(hdr[0:], uint32(len(sec)))
		binary.LittleEndian.PutUint32(hdr[4:], uint32(z.Len()))
		binary.LittleEndian.PutUint32(hdr[8:], crc32.ChecksumIEEE(sec))
		buf.Write(hdr[:])
		buf.Write(z.Bytes())
		sec = sec[:0]
	}
	sec = binary.AppendUvarint(sec, uint64(len(m.labels)))
	for _, l := range m.labels {
		sec = appendString(sec, l)
	}
	nl := len(m.labels)
	scale := m.tab.scale
	if !(scale > 0) {
		scale = 1
	}
	stages := max(m.stages, 1)
	sec = binary.AppendUvarint(sec, uint64(stages))
	sec = binary.LittleEndian.AppendUint32(sec, math.Float32bits(scale))
	section()
	if m.res.entries == nil && m.res.lexRaw != nil {
		sec = append(sec, m.res.lexRaw...) // a loaded model: write its lexicon back
	} else {
		sec = appendLexicon(sec, &m.res)
	}
	section()
	sec = appendFeatures(sec, &m.tab, nl*stages)
	section()
	if m.res.clusterSrc == nil && m.res.clustersRaw != nil {
		sec = append(sec, m.res.clustersRaw...) // a loaded model: write its clusters back
	} else {
		words := make([]string, 0, len(m.res.clusterSrc))
		for w := range m.res.clusterSrc {
			words = append(words, w)
		}
		slices.Sort(words)
		sec = binary.AppendUvarint(sec, uint64(len(words)))
		for _, w := range words {
			sec = appendString(sec, w)
			for _, c := range m.res.clusterSrc[w] {
				sec = binary.AppendUvarint(sec, uint64(c))
			}
		}
	}
	section()

	if werr != nil {
		return 0, fmt.Errorf("ner: write model: %w", werr)
	}
	n, err := w.Write(buf.Bytes())
	if err != nil {
		return int64(n), fmt.Errorf("ner: write model: %w", err)
	}
	return int64(n), nil
}

func appendFeatures(p []byte, tab *table, nl int) []byte {
	type feat struct {
		key uint64
		w   []int16
	}
	var feats []feat
	tab.each(func(k uint64, ws []int16) { feats = append(feats, feat{k, ws}) })
	slices.SortFunc(feats, func(a, b feat) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	p = binary.AppendUvarint(p, uint64(len(feats)))
	prev := uint64(0)
	for _, f := range feats {
		p = binary.AppendUvarint(p, f.key-prev)
		prev = f.key
		for l := 0; l < nl; l++ {
			p = binary.AppendVarint(p, int64(f.w[l]))
		}
	}
	return p
}

func appendLexicon(p []byte, r *resources) []byte {
	p = binary.AppendUvarint(p, uint64(len(r.classes)))
	cid := map[string]int{}
	for i, c := range r.classes {
		p = appendString(p, c)
		cid[c] = i
	}
	var ents []LexEntry
	for _, e := range r.entries {
		if _, ok := cid[e.Class]; ok && e.Text != "" {
			ents = append(ents, e)
		}
	}
	slices.SortFunc(ents, func(a, b LexEntry) int {
		if c := cid[a.Class] - cid[b.Class]; c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	})
	p = binary.AppendUvarint(p, uint64(len(ents)))
	prev := ""
	for _, e := range ents {
		k := 0
		for k < len(prev) && k < len(e.Text) && prev[k] == e.Text[k] {
			k++
		}
		p = binary.AppendUvarint(p, uint64(cid[e.Class]))
		p = binary.AppendUvarint(p, uint64(k))
		p = appendString(p, e.Text[k:])
		prev = e.Text
	}
	return p
}

func appendString(p []byte, s string) []byte {
	p = binary.AppendUvarint(p, uint64(len(s)))
	return append(p, s...)
}

// ErrFormat is wrapped by every error Load returns for a malformed file.
var ErrFormat = errors.New("not a valid ner model file")

// Load reads a model written by WriteTo.
func Load(r io.Reader) (*Model, error) {
	var hdr [12]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("ner: load: header: %w (%w)", err, ErrFormat)
	}
	if string(hdr[:8]) != magic {
		return nil, fmt.Errorf("ner: load: bad magic %q: %w", hdr[:8], ErrFormat)
	}
	if v := binary.LittleEndian.Uint32(hdr[8:]); v != formatVersion {
		return nil, fmt.Errorf("ner: load: format version %d, want %d: %w", v, formatVersion, ErrFormat)
	}
	// Read the compressed sections, then inflate and decode them in
	// parallel.
	names := [...]string{"labels", "lexicon", "features", "clusters"}
	var comp [len(names)][]byte
	var raw [len(names)]uint32
	var sums [len(names)]uint32
	for i, name := range names {
		var h [12]byte
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return nil, fmt.Errorf("ner: load: %s: %w (%w)", name, err, ErrFormat)
		}
		raw[i] = binary.LittleEndian.Uint32(h[0:])
		n := binary.LittleEndian.Uint32(h[4:])
		sums[i] = binary.LittleEndian.Uint32(h[8:])
		// DEFLATE expands at most 1032 times.
		if raw[i] > maxPayload || n > maxPayload || uint64(raw[i]) > 1032*uint64(n)+64 {
			return nil, fmt.Errorf("ner: load: %s: section too large: %w", name, ErrFormat)
		}
		var b bytes.Buffer // grows as data comes: a false length costs little
		b.Grow(int(min(n, 4<<20)))
		if _, err := io.CopyN(&b, r, int64(n)); err != nil {
			return nil, fmt.Errorf("ner: load: %s: %w (%w)", name, err, ErrFormat)
		}
		comp[i] = b.Bytes()
	}
	if n, _ := r.Read(make([]byte, 1)); n != 0 {
		return nil, fmt.Errorf("ner: load: trailing data: %w", ErrFormat)
	}
	var secs [len(names)]*decoder
	inflate := func(i int) *decoder {
		d := &decoder{}
		p := make([]byte, raw[i])
		fr := flate.NewReader(bytes.NewReader(comp[i]))
		_, err := io.ReadFull(fr, p)
		var one [1]byte
		switch {
		case err != nil:
			d.err = fmt.Errorf("%w (%w)", err, ErrFormat)
		case func() bool { n, _ := fr.Read(one[:]); return n != 0 }():
			d.fail("section longer than its length")
		case crc32.ChecksumIEEE(p) != sums[i]:
			d.fail("checksum mismatch")
		}
		d.p = p
		return d
	}
	m := &Model{}
	d := inflate(0)
	nl := d.count(1)
	for i := 0; i < nl && d.err == nil; i++ {
		m.labels = append(m.labels, d.str())
	}
	if d.err == nil && (nl == 0 || m.labels[0] != "O") {
		d.fail("labels must start with O")
	}
	for _, l := range m.labels {
		if !validLabel(l) {
			d.fail("bad label " + l)
		}
	}
	st := d.uvarint()
	if d.err == nil && (st < 1 || st > 2) {
		d.fail("stages must be 1 or 2")
	}
	m.stages = int(st)
	scale := math.Float32frombits(d.u32())
	d.end()
	if d.err != nil {
		return nil, fmt.Errorf("ner: load: labels: %w", d.err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if secs[1] = inflate(1); secs[1].err == nil {
			m.res.decodeLexicon(secs[1])
		}
	})
	wg.Go(func() {
		if secs[2] = inflate(2); secs[2].err == nil {
			m.tab = m.decodeFeatures(secs[2], scale)
		}
	})
	if secs[3] = inflate(3); secs[3].err == nil {
		m.res.decodeClusters(secs[3])
	}
	wg.Wait()
	for i := 1; i < len(names); i++ {
		if err := secs[i].err; err != nil {
			return nil, fmt.Errorf("ner: load: %s: %w", names[i], err)
		}
	}
	m.init()
	return m, nil
}

func (m *Model) decodeFeatures(d *decoder, scale float32) table {
	nl := len(m.labels) * m.stages
	nf := d.count(1 + nl)
	if d.err != nil {
		return table{nl: nl}
	}
	tab := newTable(nl, nf, scale)
	ws := make([]int16, nl)
	key := uint64(0)
	for i := 0; i < nf && d.err == nil; i++ {
		delta := d.uvarint()
		if i > 0 && delta == 0 {
			d.fail("repeated feature key")
		}
		key += delta
		for l := range ws {
			v := d.varint()
			if v < -32767 || v > 32767 {
				d.fail("weight out of range")
			}
			ws[l] = int16(v)
		}
		if key == 0 {
			d.fail("zero feature key")
		}
		if d.err == nil && !tab.putQ(key, ws) {
			d.fail("colliding feature keys")
		}
	}
	d.end()
	return tab
}

func (r *resources) decodeClusters(d *decoder) {
	raw := d.p
	nw := d.count(1 + numLevels)
	if d.err == nil {
		r.clusters = make(map[uint64][numLevels]uint16, nw)
	}
	for i := 0; i < nw && d.err == nil; i++ {
		n := d.uvarint()
		if d.err == nil && n > uint64(len(d.p)) {
			d.fail("truncated string")
		}
		if d.err != nil {
			break
		}
		h := uint64(fnvOffset)
		for _, b := range d.p[:n] {
			h ^= uint64(b)
			h *= fnvPrime
		}
		d.p = d.p[n:]
		var c [numLevels]uint16
		for lv := range c {
			v := d.uvarint()
			if v > math.MaxUint16 {
				d.fail("cluster id out of range")
			}
			c[lv] = uint16(v)
		}
		r.clusters[h] = c
	}
	d.end()
	r.clustersRaw = raw
}

// decodeLexicon rebuilds the entries in one buffer and hashes them from it,
// with no allocation per entry; it keeps the section to write it back.
func (r *resources) decodeLexicon(d *decoder) {
	raw := d.p
	nc := d.count(1)
	if nc > maxClasses {
		d.fail("too many lexicon classes")
	}
	for i := 0; i < nc && d.err == nil; i++ {
		r.classes = append(r.classes, d.str())
	}
	ne := d.count(3)
	if d.err == nil {
		r.lex = newLexTable(ne * 5 / 4)
	}
	var text []byte
	for i := 0; i < ne && d.err == nil; i++ {
		c := d.uvarint()
		k := d.uvarint()
		n := d.uvarint()
		if d.err != nil {
			break
		}
		if c >= uint64(nc) || k > uint64(len(text)) || n > uint64(len(d.p)) {
			d.fail("bad lexicon entry")
			break
		}
		text = append(text[:k], d.p[:n]...)
		d.p = d.p[n:]
		addEntry(r, int(c), text)
	}
	d.end()
	r.lexRaw = raw
}

type decoder struct {
	p   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("%s: %w", msg, ErrFormat)
	}
}

// end fails unless the section was read to its end.
func (d *decoder) end() {
	if d.err == nil && len(d.p) != 0 {
		d.fail("trailing bytes")
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.p)
	if n <= 0 {
		d.fail("truncated number")
		return 0
	}
	d.p = d.p[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.p)
	if n <= 0 {
		d.fail("truncated number")
		return 0
	}
	d.p = d.p[n:]
	return v
}

func (d *decoder) u32() uint32 {
	if d.err != nil {
		return 0
	}
	if len(d.p) < 4 {
		d.fail("truncated number")
		return 0
	}
	v := binary.LittleEndian.Uint32(d.p)
	d.p = d.p[4:]
	return v
}

// count reads a record count, rejecting one that cannot fit in the bytes
// left when each record takes at least minBytes.
func (d *decoder) count(minBytes int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.p)/minBytes) {
		d.fail("count larger than the data")
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.p)) {
		d.fail("truncated string")
		return ""
	}
	s := string(d.p[:n])
	d.p = d.p[n:]
	return s
}
