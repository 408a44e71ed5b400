package lexicon

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/roles.tsv
var rolesTSV string

// Roles maps role words and phrases ("police", "prime minister") to the
// CAMEO sector they give an actor. The zero value knows no roles.
type Roles struct {
	sector   map[string]string
	alone    map[string]bool
	maxWords int
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

// LoadRoles returns the embedded role table (data/roles.tsv), read once.
var LoadRoles = sync.OnceValues(func() (*Roles, error) { return ParseRoles(rolesTSV, "lexicon/data/roles.tsv") })

// ParseRoles reads a role table: "phrase<TAB>sector<TAB>alone" lines, alone
// "yes" or "no"; blank lines and lines starting with # are skipped. name is
// used in errors.
func ParseRoles(data, name string) (*Roles, error) {
	r := &Roles{sector: map[string]string{}, alone: map[string]bool{}}
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
		if n := len(strings.Fields(f[0])); n > r.maxWords {
			r.maxWords = n
		}
	}
	return r, nil
}
