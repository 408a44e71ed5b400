package sitrep

import (
	"errors"
	"strings"
	"testing"
)

// term is a parsed query term as the stores hold one.
type term struct {
	text   string
	prefix bool
}

func TestBoundSearch(t *testing.T) {
	l := SearchLimits{Terms: 4, Prefixes: 2, MinPrefix: 3}
	for _, c := range []struct {
		name     string
		groups   [][]term
		prefixes []bool // the prefix flags after, in order
		limit    string // the limit refused, or "" for none
	}{
		{"plain words", [][]term{{{"drone", false}, {"strike", false}}}, []bool{false, false}, ""},
		{"long prefix kept", [][]term{{{"bomb", true}}}, []bool{true}, ""},
		{"short prefix is a word", [][]term{{{"t", true}, {"ab", true}}}, []bool{false, false}, ""},
		{"last word counts", [][]term{{{"U.S.", true}, {"x-ray", true}}}, []bool{false, true}, ""},
		{"phrase words count", [][]term{{{"a b c", false}}, {{"d e", false}}}, nil, "words"},
		{"words across OR groups", [][]term{{{"a", false}, {"b", false}}, {{"c", false}, {"d", false}}}, []bool{false, false, false, false}, ""},
		{"too many prefixes", [][]term{{{"kab", true}, {"naj", true}, {"bag", true}}}, nil, "prefix terms"},
		// a stemming index reads "ths*" as "th*" and "aed*" as "a*"
		{"endings a stemmer strips do not count", [][]term{{{"ths", true}, {"aed", true}, {"oing", true}, {"bombs", true}}}, []bool{false, false, false, true}, ""},
		{"short prefixes do not count", [][]term{{{"kab", true}, {"naj", true}, {"b", true}}}, []bool{true, true, false}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := BoundSearch(l, c.groups, func(x *term) (string, *bool) { return x.text, &x.prefix })
			var le *SearchLimitError
			switch {
			case c.limit == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.limit != "" && (!errors.As(err, &le) || le.Limit != c.limit):
				t.Fatalf("error %v, want the %s limit", err, c.limit)
			case c.limit != "":
				if !strings.Contains(err.Error(), c.limit) {
					t.Errorf("message %q does not name %s", err, c.limit)
				}
				return
			}
			var got []bool
			for _, g := range c.groups {
				for _, x := range g {
					got = append(got, x.prefix)
				}
			}
			if len(got) != len(c.prefixes) {
				t.Fatalf("prefix flags %v, want %v", got, c.prefixes)
			}
			for i := range got {
				if got[i] != c.prefixes[i] {
					t.Errorf("prefix flags %v, want %v", got, c.prefixes)
					break
				}
			}
		})
	}
}

// TestDefaultSearchLimitsRefuseTheReportedQuery checks the query of the
// report (160 one-letter prefixes, 479 characters) against the defaults.
func TestDefaultSearchLimitsRefuseTheReportedQuery(t *testing.T) {
	groups := [][]term{nil}
	for range 160 {
		groups[0] = append(groups[0], term{"t", true})
	}
	err := BoundSearch(DefaultSearchLimits, groups, func(x *term) (string, *bool) { return x.text, &x.prefix })
	var le *SearchLimitError
	if !errors.As(err, &le) || le.Got != 160 {
		t.Errorf("error %v, want 160 words refused", err)
	}
}
