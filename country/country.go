package country

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed countries.tsv
var table []byte

// Country is one entry of the table.
type Country struct {
	ISO2, ISO3, CAMEO, Name string
	Aliases, Demonyms       []string
	Capital                 string
	Lat, Lon                float64
	GeonameID               int
}

type index struct {
	all     []Country
	byName  map[string]int
	byDemo  map[string]int
	starts  map[string]bool // the first words of byName's and byDemo's keys
	byISO2  map[string]int
	byISO3  map[string]int
	loadErr error
}

var (
	once sync.Once
	idx  index
)

func load() *index {
	once.Do(func() {
		all, err := Parse(table)
		idx.loadErr = err
		idx.all = all
		idx.byName = map[string]int{}
		idx.byDemo = map[string]int{}
		idx.byISO2 = map[string]int{}
		idx.byISO3 = map[string]int{}
		// Official names first, so that an alias never takes a name from
		// the country it officially belongs to.
		for i, c := range all {
			idx.byISO2[c.ISO2] = i
			idx.byISO3[c.ISO3] = i
			addKey(idx.byName, c.Name, i)
		}
		for i, c := range all {
			for _, a := range c.Aliases {
				addKey(idx.byName, a, i)
			}
			for _, d := range c.Demonyms {
				addKey(idx.byDemo, d, i)
			}
		}
		idx.starts = firstWords(idx.byName, idx.byDemo)
	})
	return &idx
}

// firstWords returns the set of the first words of the maps' keys.
func firstWords(maps ...map[string]int) map[string]bool {
	out := map[string]bool{}
	for _, m := range maps {
		for k := range m {
			w, _, _ := strings.Cut(k, " ")
			out[w] = true
		}
	}
	return out
}

// StartsName reports whether some country name, alias or demonym has
// word (folded by Key) as the first word of its key: where it has not, no
// phrase whose key starts with that word is one ("Obama said" need not be
// looked up).
func StartsName(word string) bool { return load().starts[word] }

func addKey(m map[string]int, s string, i int) {
	k := Key(s)
	if k == "" {
		return
	}
	if _, ok := m[k]; !ok {
		m[k] = i
	}
}

// Parse reads the tab-separated table format of countries.tsv. Lines that
// start with '#' and empty lines are skipped. It never panics; a malformed
// line is an error naming the line.
func Parse(data []byte) ([]Country, error) {
	var out []Country
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return out, fmt.Errorf("country table line %d: %d fields, want 10", n+1, len(f))
		}
		c := Country{ISO2: f[0], ISO3: f[1], CAMEO: f[2], Name: f[3], Capital: f[6]}
		if len(c.ISO2) != 2 || len(c.ISO3) != 3 || c.Name == "" {
			return out, fmt.Errorf("country table line %d: bad codes or name", n+1)
		}
		c.Aliases = splitList(f[4])
		c.Demonyms = splitList(f[5])
		var err error
		if c.Lat, err = strconv.ParseFloat(f[7], 64); err != nil {
			return out, fmt.Errorf("country table line %d: lat: %w", n+1, err)
		}
		if c.Lon, err = strconv.ParseFloat(f[8], 64); err != nil {
			return out, fmt.Errorf("country table line %d: lon: %w", n+1, err)
		}
		if c.GeonameID, err = strconv.Atoi(f[9]); err != nil {
			return out, fmt.Errorf("country table line %d: geonameid: %w", n+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// Key folds a name for lookup: lower case, Latin diacritics removed, dots
// dropped ("U.S." == "US"), curly apostrophes made straight, hyphens and runs
// of spaces made one space, and a leading "the " removed.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '.':
			continue
		case r == ' ' || r == '\t' || r == '\n' || r == '-' || r == '\u00a0' || r == '\u2010' || r == '\u2011':
			space = true
			continue
		case r == '\u2019' || r == '\u2018' || r == '`':
			r = '\''
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteString(Fold(r))
	}
	k := b.String()
	k = strings.TrimPrefix(k, "the ")
	return k
}

// Fold returns the lower-case ASCII form of a Latin letter with a diacritic
// ("é" -> "e", "ß" -> "ss"), or the lower-cased rune itself.
func Fold(r rune) string {
	if f, ok := fold[r]; ok {
		return f
	}
	return strings.ToLower(string(r))
}

var fold = func() map[rune]string {
	m := map[rune]string{}
	groups := []struct{ to, from string }{
		{"a", "àáâãäåāăąÀÁÂÃÄÅĀĂĄ"}, {"ae", "æÆ"}, {"c", "çćĉċčÇĆĈĊČ"}, {"d", "ďđðĎĐÐ"},
		{"e", "èéêëēĕėęěÈÉÊËĒĔĖĘĚ"}, {"g", "ĝğġģĜĞĠĢ"}, {"h", "ĥħĤĦ"}, {"i", "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ"},
		{"j", "ĵĴ"}, {"k", "ķĶ"}, {"l", "ĺļľŀłĹĻĽĿŁ"}, {"n", "ñńņňÑŃŅŇ"}, {"o", "òóôõöøōŏőÒÓÔÕÖØŌŎŐ"},
		{"oe", "œŒ"}, {"r", "ŕŗřŔŖŘ"}, {"s", "śŝşšșŚŜŞŠȘ"}, {"ss", "ß"}, {"t", "ţťŧțŢŤŦȚ"},
		{"th", "þÞ"}, {"u", "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ"}, {"w", "ŵŴ"}, {"y", "ýÿŷÝŸŶ"}, {"z", "źżžŹŻŽ"},
		{"'", "ʼʻ"},
	}
	for _, g := range groups {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}()

func get(m map[string]int, k string) (*Country, bool) {
	x := load()
	i, ok := m[k]
	if !ok {
		return nil, false
	}
	c := x.all[i]
	return &c, true
}

// ByName finds a country by its name, official name or an alias ("U.S.",
// "Britain", "Ivory Coast"), ignoring case, dots, diacritics and "the".
func ByName(name string) (*Country, bool) { return get(load().byName, Key(name)) }

// ByDemonym finds a country by a nationality adjective or noun, singular or
// plural: "Iraqi", "Iraqis", "American", "French".
func ByDemonym(word string) (*Country, bool) { return get(load().byDemo, Key(word)) }

// ByISO2 finds a country by its ISO 3166-1 alpha-2 code (any case).
func ByISO2(code string) (*Country, bool) { return get(load().byISO2, strings.ToUpper(code)) }

// ByISO3 finds a country by its ISO 3166-1 alpha-3 code (any case).
func ByISO3(code string) (*Country, bool) { return get(load().byISO3, strings.ToUpper(code)) }

// All returns a copy of the whole table, sorted by ISO2 code.
func All() []Country {
	x := load()
	out := make([]Country, len(x.all))
	copy(out, x.all)
	return out
}

// Err reports an error met while parsing the embedded table (nil when the
// table is well formed, which the tests assert).
func Err() error { return load().loadErr }
