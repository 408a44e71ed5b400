package entity

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"sitrep/lexicon"
)

//go:embed data/orgs.tsv
var orgsTSV string

// Org is a well-known organization from the general list in data/orgs.tsv.
type Org struct {
	Name    string
	Aliases []string
	Code    string // CAMEO actor code
	Country string // ISO 3166-1 alpha-3, or empty
}

// lexicon holds the role words and known organizations, keyed for lookup.
type lexicons struct {
	roles    *lexicon.Roles // role phrases and their CAMEO sectors
	orgs     []Org
	orgByKey map[string]int  // normalized name or alias -> index in orgs
	orgStart map[string]bool // the first words of orgByKey's keys
	maxOrg   int             // most tokens in an org name or alias
}

var loadLexicon = sync.OnceValues(func() (*lexicons, error) {
	roles, err := lexicon.LoadRoles()
	if err != nil {
		return nil, err
	}
	lx := &lexicons{roles: roles, orgByKey: map[string]int{}, orgStart: map[string]bool{}}
	for i, line := range strings.Split(orgsTSV, "\n") {
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "" || f[2] == "" {
			return nil, fmt.Errorf("entity: data/orgs.tsv:%d: want name<TAB>aliases<TAB>code<TAB>country", i+1)
		}
		o := Org{Name: f[0], Code: f[2], Country: f[3]}
		if f[1] != "" {
			o.Aliases = strings.Split(f[1], "|")
		}
		idx := len(lx.orgs)
		lx.orgs = append(lx.orgs, o)
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			k := nameKey(n)
			lx.orgByKey[k] = idx
			w, _, _ := strings.Cut(k, " ")
			lx.orgStart[w] = true
			if c := len(strings.Fields(strings.ReplaceAll(n, "'s", " 's"))); c > lx.maxOrg {
				lx.maxOrg = c
			}
		}
	}
	return lx, nil
})

// LookupOrg returns the well-known organization called name (name or alias).
// Single letters and two-letter words that are also English words ("IS",
// "AU", "AP") match only in capitals.
func LookupOrg(name string) (Org, bool) {
	lx, err := loadLexicon()
	if err != nil {
		return Org{}, false
	}
	i, ok := lx.orgByKey[nameKey(name)]
	if !ok {
		return Org{}, false
	}
	if len(name) <= 3 && strings.ToUpper(name) != name {
		return Org{}, false
	}
	return lx.orgs[i], true
}

// nameKey folds a name for lookup: lower case, dots and a leading "the "
// dropped, runs of space, hyphens and apostrophes made one space.
func nameKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '.':
			continue
		case r == ' ' || r == '-' || r == '\'' || r == '\u2019' || r == '\u2010' || r == '\u2011' || r == '\n':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Sector returns the CAMEO sector ("GOV", "MIL", ...) that a role phrase
// ("prime minister", "troops") gives an actor.
func Sector(phrase string) (string, bool) {
	lx, err := loadLexicon()
	if err != nil {
		return "", false
	}
	return lx.roles.Sector(strings.ToLower(phrase))
}
