package lexicon

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed data/roles.tsv
var rolesTSV string

// agentsTSV is the Phoenix agent dictionary as a role table, made by
// `go generate ./lexicon`; roles.tsv takes precedence over it.
//
//go:generate go run ./internal/agentgen -in ../../shared/eval/petrarch2/Phoenix.agents.txt -out data/agents.tsv
//go:embed data/agents.tsv
var agentsTSV string

// Roles maps role words and phrases ("police", "prime minister") to the
// CAMEO sector they give an actor. The zero value knows no roles.
type Roles struct {
	sector   map[string]string
	alone    map[string]bool
	maxWords int
	// aloneByFirst lists, by first word, the words of the phrases that may
	// stand alone, longest first; byFirst lists every phrase so
	aloneByFirst map[string][][]string
	byFirst      map[string][][]string
}

// Sector returns the CAMEO sector ("GOV", "MIL", ...) of a role phrase,
// given in lower case.
func (r *Roles) Sector(phrase string) (string, bool) {
	s, ok := r.sector[phrase]
	return s, ok
}

// Alone reports whether a role word may stand alone as an actor ("Police
// fired tear gas") rather than only qualify a name.
func (r *Roles) Alone(word string) bool { return r.alone[word] }

// MaxWords is the most words in a role phrase.
func (r *Roles) MaxWords() int { return r.maxWords }

// note records phrase p in the first-word index of phrases that may stand
// alone; sortAlone puts each list in order once all are noted.
func (r *Roles) note(p string, alone bool) {
	f := strings.Fields(p)
	r.byFirst[f[0]] = append(r.byFirst[f[0]], f)
	if alone {
		r.aloneByFirst[f[0]] = append(r.aloneByFirst[f[0]], f)
	}
}

// sortAlone orders each first word's phrases longest first, so that
// AloneAt finds the longest that matches (two phrases of one length
// cannot both match the same words).
func (r *Roles) sortAlone() {
	for _, index := range []map[string][][]string{r.aloneByFirst, r.byFirst} {
		for _, list := range index {
			sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
		}
	}
}

// AloneAt returns the number of words of the longest role phrase that may
// stand alone as an actor starting at words[i] (lower case), 0 for none:
// "riot police", "rebel group", "police".
func (r *Roles) AloneAt(words []string, i int) int { return longestAt(r.aloneByFirst, words, i) }

// PhraseAt returns the number of words of the longest role phrase starting
// at words[i] (lower case), 0 for none: "prime minister", "police".
func (r *Roles) PhraseAt(words []string, i int) int { return longestAt(r.byFirst, words, i) }

// longestAt returns the number of words of the longest phrase of index
// (by first word, longest first) starting at words[i], 0 for none.
func longestAt(index map[string][][]string, words []string, i int) int {
	for _, ph := range index[words[i]] {
		if len(ph) <= len(words)-i && equalWords(ph, words[i:i+len(ph)]) {
			return len(ph)
		}
	}
	return 0
}

func equalWords(a, b []string) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// LoadRoles returns the embedded role table, read once: data/roles.tsv,
// and the Phoenix agents of data/agents.tsv that it does not list.
var LoadRoles = sync.OnceValues(func() (*Roles, error) {
	r, err := ParseRoles(rolesTSV, "lexicon/data/roles.tsv")
	if err != nil {
		return nil, err
	}
	ag, err := ParseRoles(agentsTSV, "lexicon/data/agents.tsv")
	if err != nil {
		return nil, err
	}
	r.add(ag)
	return r, nil
})

// LoadOwnRoles returns data/roles.tsv alone, without the Phoenix agents.
func LoadOwnRoles() (*Roles, error) { return ParseRoles(rolesTSV, "lexicon/data/roles.tsv") }

// add adds the phrases of o that r does not list.
func (r *Roles) add(o *Roles) {
	for p, s := range o.sector {
		if _, ok := r.sector[p]; ok {
			continue
		}
		r.sector[p] = s
		r.alone[p] = o.alone[p]
		r.maxWords = max(r.maxWords, len(strings.Fields(p)))
		r.note(p, o.alone[p])
	}
	r.sortAlone()
}

// ParseRoles reads a role table: "phrase<TAB>sector<TAB>alone" lines, alone
// "yes" or "no"; blank lines and lines starting with # are skipped. name is
// used in errors.
func ParseRoles(data, name string) (*Roles, error) {
	r := &Roles{sector: map[string]string{}, alone: map[string]bool{}, aloneByFirst: map[string][][]string{}, byFirst: map[string][][]string{}}
	for i, line := range strings.Split(data, "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || len(f[1]) != 3 || (f[2] != "yes" && f[2] != "no") {
			return nil, fmt.Errorf("%s:%d: want phrase<TAB>sector (3 letters)<TAB>yes|no", name, i+1)
		}
		if f[0] != strings.ToLower(f[0]) {
			return nil, fmt.Errorf("%s:%d: phrase %q is not in lower case", name, i+1, f[0])
		}
		if _, dup := r.sector[f[0]]; dup {
			return nil, fmt.Errorf("%s:%d: %q is listed twice", name, i+1, f[0])
		}
		r.sector[f[0]] = f[1]
		r.alone[f[0]] = f[2] == "yes"
		r.note(f[0], f[2] == "yes")
		if n := len(strings.Fields(f[0])); n > r.maxWords {
			r.maxWords = n
		}
	}
	r.sortAlone()
	return r, nil
}
