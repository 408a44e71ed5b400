package dict

import (
	"fmt"
	"io"
	"strings"
)

// Agents is a PETRARCH/TABARI agent dictionary.
type Agents struct {
	Entries []Agent
}

// Agent is a role phrase ("FOREIGN_MINISTER") and its code: Code goes
// after the actor's code ("~GOV") or, with Prefix, before it ("NGO~").
type Agent struct {
	Phrases []string // the phrase and its plural
	Code    string
	Prefix  bool
	Line    int
}

// ReadAgents reads an agent dictionary, expanding "!NAME! = A, B" lists.
func ReadAgents(r io.Reader) (*Agents, error) {
	lines, err := readLines(r, "agents")
	if err != nil {
		return nil, err
	}
	subst := map[string][]string{}
	ag := &Agents{}
	for _, l := range lines {
		t := l.text
		if strings.HasPrefix(t, "!") && strings.Contains(t, "=") {
			name, list, ok := strings.Cut(t, "=")
			if !ok {
				return nil, fmt.Errorf("agents line %d: substitution without =", l.n)
			}
			var vals []string
			for _, v := range strings.Split(list, ",") {
				if v = strings.TrimSpace(v); v != "" {
					vals = append(vals, v)
				}
			}
			subst[strings.TrimSpace(name)] = vals
			continue
		}
		rest, plural, err := braces(t)
		if err != nil {
			return nil, fmt.Errorf("agents line %d: %w", l.n, err)
		}
		head, code, ok, err := bracket(rest)
		if err != nil {
			return nil, fmt.Errorf("agents line %d: %w", l.n, err)
		}
		if !ok || head == "" {
			return nil, fmt.Errorf("agents line %d: want PHRASE [CODE]", l.n)
		}
		code = strings.TrimSpace(code)
		a := Agent{Line: l.n}
		switch {
		case strings.HasPrefix(code, "~"):
			a.Code = strings.TrimSpace(code[1:])
		case strings.HasSuffix(code, "~"):
			a.Code, a.Prefix = strings.TrimSpace(code[:len(code)-1]), true
		default:
			a.Code = code
		}
		phrases := append([]string{head}, plural...)
		if len(plural) == 0 && !strings.HasSuffix(head, "S") && !strings.Contains(t, "{}") {
			phrases = append(phrases, head+"S")
		}
		for _, p := range phrases {
			a.Phrases = append(a.Phrases, expand(p, subst, 0)...)
		}
		ag.Entries = append(ag.Entries, a)
	}
	return ag, nil
}

// expand replaces a !NAME! in p by each of its values.
func expand(p string, subst map[string][]string, depth int) []string {
	i := strings.IndexByte(p, '!')
	if depth > 4 {
		return []string{p}
	}
	if i < 0 {
		return []string{p}
	}
	j := strings.IndexByte(p[i+1:], '!')
	if j < 0 {
		return []string{p}
	}
	name := p[i : i+j+2]
	vals, ok := subst[name]
	if !ok {
		return []string{p}
	}
	var out []string
	for _, v := range vals {
		out = append(out, expand(p[:i]+v+p[i+j+2:], subst, depth+1)...)
	}
	return out
}

// Discards is a discard list: phrases that make a sentence (or, with
// Story, a whole story) uncodable.
type Discards struct {
	Entries []Discard
}

// Discard is one discard phrase.
type Discard struct {
	Phrase string
	Story  bool
}

// ReadDiscards reads a discard list.
func ReadDiscards(r io.Reader) (*Discards, error) {
	lines, err := readLines(r, "discards")
	if err != nil {
		return nil, err
	}
	d := &Discards{}
	for _, l := range lines {
		t := l.text
		story := strings.HasPrefix(t, "+")
		t = strings.TrimSpace(strings.TrimPrefix(t, "+"))
		if t != "" {
			d.Entries = append(d.Entries, Discard{Phrase: t, Story: story})
		}
	}
	return d, nil
}
