package gazetteer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"sitrep/country"
)

// Kind says what sort of place an entry is.
type Kind uint8

// Entry kinds, in the order ties between them are broken.
const (
	KindPlace    Kind = iota // a populated place from GeoNames
	KindAdmin1               // a first-level division (state, province, governorate)
	KindCountry              // a country or territory with an ISO 3166-1 code
	KindLandmark             // a continent, sea, region or building from the hand table
	KindAdmin2               // a second-level division (county, district)
)

func (k Kind) String() string {
	switch k {
	case KindPlace:
		return "place"
	case KindAdmin1:
		return "admin1"
	case KindCountry:
		return "country"
	case KindLandmark:
		return "landmark"
	case KindAdmin2:
		return "admin2"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Entry is one place of the gazetteer.
type Entry struct {
	Index      int    // position in the gazetteer, stable for one data file
	Name       string // the preferred name
	Kind       Kind
	Feature    string // GeoNames feature code: PPLC, PPLA, ADM1, PCLI, SEA, BLDG, ...
	Country    string // ISO 3166-1 alpha-2, empty for continents and seas
	Admin1     string // first-level division name, if known
	Lat, Lon   float64
	Population int
	GeonameID  int
	Alt        bool // set by Lookup: the name matched an alternate name, not the preferred one or a curated alias
}

const (
	magic     = "SGZ1"
	headerLen = 4 + 5*4
	entryLen  = 26
	blockSize = 16
	noAdmin1  = 0xFFFF
)

// Gazetteer is a loaded index. It reads the data it was loaded from in
// place: Load copies nothing and builds no map.
type Gazetteer struct {
	entries   []byte
	pool      []byte
	blockOffs []byte
	keys      []byte
	countries []string
	features  []string
	admin1s   []string
	n, blocks int
}

// Load opens a gazetteer written by Builder.Bytes. It checks the header and
// section sizes; every later read is bounds-checked, so a corrupt file gives
// empty or partial answers, never a panic.
func Load(data []byte) (*Gazetteer, error) {
	if len(data) < headerLen || string(data[:4]) != magic {
		return nil, errors.New("gazetteer: not a gazetteer file")
	}
	le := binary.LittleEndian
	n := int(le.Uint32(data[4:]))
	blocks := int(le.Uint32(data[8:]))
	tablesLen := int(le.Uint32(data[12:]))
	poolLen := int(le.Uint32(data[16:]))
	keyLen := int(le.Uint32(data[20:]))
	sizes := []int{tablesLen, n * entryLen, poolLen, blocks * 4, keyLen}
	rest := data[headerLen:]
	var parts [5][]byte
	for i, s := range sizes {
		if n < 0 || blocks < 0 || s < 0 || s > len(rest) || n > 1<<26 || blocks > 1<<26 {
			return nil, fmt.Errorf("gazetteer: section %d: size %d past end of file", i, s)
		}
		parts[i], rest = rest[:s], rest[s:]
	}
	g := &Gazetteer{entries: parts[1], pool: parts[2], blockOffs: parts[3], keys: parts[4], n: n, blocks: blocks}
	tables := parts[0]
	for _, dst := range []*[]string{&g.countries, &g.features, &g.admin1s} {
		list, m, err := readStrings(tables)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: tables: %w", err)
		}
		*dst, tables = list, tables[m:]
	}
	return g, nil
}

func readStrings(b []byte) ([]string, int, error) {
	cnt, m := binary.Uvarint(b)
	if m <= 0 || cnt > uint64(len(b)) {
		return nil, 0, errors.New("bad count")
	}
	out := make([]string, 0, cnt)
	for range cnt {
		s, k := readString(b, m)
		if k < 0 {
			return nil, 0, errors.New("bad string")
		}
		out = append(out, s)
		m = k
	}
	return out, m, nil
}

// readString reads a uvarint-prefixed string at off; it returns the offset
// after it, or -1.
func readString(b []byte, off int) (string, int) {
	if off < 0 || off >= len(b) {
		return "", -1
	}
	l, m := binary.Uvarint(b[off:])
	if m <= 0 || l > uint64(len(b)-off-m) {
		return "", -1
	}
	s := off + m
	return string(b[s : s+int(l)]), s + int(l)
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return g.n }

// Entry returns entry i.
func (g *Gazetteer) Entry(i int) (Entry, bool) {
	if i < 0 || i >= g.n {
		return Entry{}, false
	}
	le := binary.LittleEndian
	r := g.entries[i*entryLen : (i+1)*entryLen]
	e := Entry{
		Index:      i,
		Lat:        float64(int32(le.Uint32(r[0:]))) / 1e5,
		Lon:        float64(int32(le.Uint32(r[4:]))) / 1e5,
		Population: int(le.Uint32(r[8:])),
		GeonameID:  int(le.Uint32(r[12:])),
		Kind:       Kind(r[25]),
	}
	name, k := readString(g.pool, int(le.Uint32(r[16:])))
	if k < 0 {
		return Entry{}, false
	}
	e.Name = name
	if a := int(le.Uint16(r[20:])); a != noAdmin1 && a < len(g.admin1s) {
		e.Admin1 = g.admin1s[a]
	}
	if c := int(le.Uint16(r[22:])); c > 0 && c <= len(g.countries) {
		e.Country = g.countries[c-1]
	}
	if f := int(r[24]); f < len(g.features) {
		e.Feature = g.features[f]
	}
	return e, true
}

// firstKey returns the first key of block i.
func (g *Gazetteer) firstKey(i int) (string, bool) {
	off := int(binary.LittleEndian.Uint32(g.blockOffs[i*4:]))
	if off >= len(g.keys) {
		return "", false
	}
	_, m := binary.Uvarint(g.keys[off:]) // shared prefix, 0
	if m <= 0 {
		return "", false
	}
	s, k := readString(g.keys, off+m)
	return s, k >= 0
}

// postings returns the packed postings (entry<<1 | alt) stored for key.
func (g *Gazetteer) postings(key string) []uint32 {
	if key == "" || g.blocks == 0 {
		return nil
	}
	// last block whose first key <= key
	i := sort.Search(g.blocks, func(i int) bool {
		k, ok := g.firstKey(i)
		return !ok || k > key
	}) - 1
	if i < 0 {
		return nil
	}
	off := int(binary.LittleEndian.Uint32(g.blockOffs[i*4:]))
	end := len(g.keys)
	if i+1 < g.blocks {
		end = min(end, int(binary.LittleEndian.Uint32(g.blockOffs[(i+1)*4:])))
	}
	if off < 0 || off > end {
		return nil
	}
	b := g.keys[:end]
	prev := ""
	for j := 0; j < blockSize && off < end; j++ {
		shared, m := binary.Uvarint(b[off:])
		if m <= 0 || shared > uint64(len(prev)) {
			return nil
		}
		suffix, k := readString(b, off+m)
		if k < 0 {
			return nil
		}
		cur := prev[:shared] + suffix
		cnt, m2 := binary.Uvarint(b[k:])
		if m2 <= 0 || cnt > uint64(end-k) {
			return nil
		}
		off = k + m2
		var out []uint32
		var last uint64
		for range cnt {
			d, m3 := binary.Uvarint(b[off:])
			if m3 <= 0 {
				return nil
			}
			off += m3
			last += d
			if cur == key {
				out = append(out, uint32(last))
			}
		}
		if cur == key {
			return out
		}
		if cur > key {
			return nil
		}
		prev = cur
	}
	return nil
}

// generic words after a division's name ("Najaf Governorate") or a town's
// ("Kansas City" is a name of its own and is found first).
var (
	adminWords = []string{"governorate", "province", "region", "state", "oblast", "prefecture", "department", "district", "county", "territory", "autonomous region"}
	cityWords  = []string{"city", "town"}
)

// Lookup returns the entries named name, best first: preferred names and
// curated aliases before alternate names, then landmarks, countries,
// divisions and towns, then the most populous. Names are folded like
// country.Key ("U.S." == "us", "the" ignored, diacritics removed). A name
// that ends with a division word ("Najaf Governorate", "Anbar province",
// "Washington state") falls back to first-level divisions named by the rest;
// "X City" falls back to towns named X.
func (g *Gazetteer) Lookup(name string) []Entry {
	key := Key(name)
	if key == "" {
		return nil
	}
	out := g.lookupKey(key, nil)
	for _, w := range adminWords {
		if rest, ok := strings.CutSuffix(key, " "+w); ok && rest != "" {
			if w == "county" || w == "district" {
				out = append(out, g.lookupKey(rest+" "+w, nil)...)
			}
			out = append(out, g.lookupKey(rest, func(e Entry) bool { return e.Kind == KindAdmin1 || e.Feature == "ADM1" })...)
		}
		if rest, ok := strings.CutPrefix(key, w+" of "); ok && rest != "" {
			out = append(out, g.lookupKey(rest, func(e Entry) bool { return e.Kind == KindAdmin1 || e.Feature == "ADM1" })...)
		}
	}
	for _, w := range cityWords {
		if rest, ok := strings.CutSuffix(key, " "+w); ok && rest != "" {
			out = append(out, g.lookupKey(rest, func(e Entry) bool { return e.Kind == KindPlace })...)
		}
	}
	out = dedupe(out)
	SortEntries(out)
	return out
}

func (g *Gazetteer) lookupKey(key string, keep func(Entry) bool) []Entry {
	ps := g.postings(key)
	out := make([]Entry, 0, len(ps))
	for _, p := range ps {
		e, ok := g.Entry(int(p >> 1))
		if !ok || keep != nil && !keep(e) {
			continue
		}
		e.Alt = p&1 == 1
		out = append(out, e)
	}
	return out
}

func dedupe(es []Entry) []Entry {
	seen := map[int]int{}
	out := es[:0]
	for _, e := range es {
		if j, ok := seen[e.Index]; ok {
			out[j].Alt = out[j].Alt && e.Alt
			continue
		}
		seen[e.Index] = len(out)
		out = append(out, e)
	}
	return out
}

// SortEntries orders entries as Lookup returns them: by Priors, best first.
func SortEntries(es []Entry) {
	ps := Priors(es)
	idx := make([]int, len(es))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case ps[a] > ps[b]:
			return -1
		case ps[a] < ps[b]:
			return 1
		}
		return es[a].Index - es[b].Index
	})
	sorted := make([]Entry, len(es))
	for i, j := range idx {
		sorted[i] = es[j]
	}
	copy(es, sorted)
}

// Priors returns Prior of each entry, with one adjustment that needs the
// whole list: a city of 100,000+ people named like the division it lies in
// ("New York", "Baghdad") goes ahead of the division, as news means the city.
func Priors(es []Entry) []float64 {
	ps := make([]float64, len(es))
	for i, e := range es {
		ps[i] = Prior(e)
	}
	for i, a := range es {
		if a.Kind != KindAdmin1 {
			continue
		}
		for j, p := range es {
			if p.Kind == KindPlace && p.Population >= 100000 && p.Country == a.Country && p.Admin1 == a.Admin1 && ps[j] <= ps[i] {
				ps[j] = ps[i] + 0.01
			}
		}
	}
	return ps
}

// Prior is how likely an entry is meant when its name stands alone: curated
// names (landmarks, countries) first, then bigger and more important places;
// a match on an alternate name counts much less. A division's population is
// the sum of its towns, so it counts for less than a town's.
func Prior(e Entry) float64 {
	p := 0.0
	if e.Alt {
		p -= 0.6
	}
	pop := math.Log10(float64(e.Population) + 1)
	switch e.Kind {
	case KindLandmark:
		p += 9
	case KindCountry:
		p += 10 + 0.1*pop
	case KindAdmin1:
		p += 0.5 * pop
	case KindAdmin2:
		p += 0.5*pop - 1
	default:
		p += 0.6 * pop
		switch e.Feature {
		case "PPLC":
			p += 2.5
		case "PPLA", "PPLG":
			p += 1
		case "PPLA2":
			p += 0.4
		case "PPLX":
			p -= 0.5
		}
	}
	return p
}

// Key folds a name the way the index does (see country.Key), and also
// drops the possessive "'s" and commas: "Washington, D.C." == "washington dc".
func Key(name string) string {
	k := country.Key(name)
	k = strings.ReplaceAll(k, ",", "")
	k = strings.TrimSuffix(k, "'s")
	return strings.TrimSpace(k)
}

// Distance returns the great-circle distance in km between two points.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(min(1, h)))
}
