package dict

import (
	"fmt"
	"io"
	"strings"
)

// Actors is a PETRARCH/TABARI actor dictionary.
type Actors struct {
	Entries []Actor
}

// Actor is one actor: its phrases (the first line and its "+" synonyms)
// and its codes, possibly dated.
type Actor struct {
	Phrases []string
	Codes   []DatedCode
	Line    int
}

// DatedCode is a code valid from From to To (YYYYMMDD, inclusive; empty
// for open ends).
type DatedCode struct {
	Code     string
	From, To string
}

// CodeOn returns the actor's code on date (YYYYMMDD; empty for any).
func (a Actor) CodeOn(date string) string {
	var undated string
	for _, c := range a.Codes {
		if c.From == "" && c.To == "" {
			if undated == "" {
				undated = c.Code
			}
			continue
		}
		if date == "" {
			continue
		}
		if (c.From == "" || date >= c.From) && (c.To == "" || date <= c.To) {
			return c.Code
		}
	}
	return undated
}

// ReadActors reads an actor dictionary.
func ReadActors(r io.Reader) (*Actors, error) {
	lines, err := readLines(r, "actors")
	if err != nil {
		return nil, err
	}
	as := &Actors{}
	var cur *Actor
	for _, l := range lines {
		t := l.text
		switch {
		case strings.HasPrefix(t, "["):
			if cur == nil {
				return nil, fmt.Errorf("actors line %d: code before any actor", l.n)
			}
			_, code, _, err := bracket(t)
			if err != nil {
				return nil, fmt.Errorf("actors line %d: %w", l.n, err)
			}
			dc, err := parseDated(code)
			if err != nil {
				return nil, fmt.Errorf("actors line %d: %w", l.n, err)
			}
			cur.Codes = append(cur.Codes, dc)
		case strings.HasPrefix(t, "+"):
			if cur == nil {
				return nil, fmt.Errorf("actors line %d: synonym before any actor", l.n)
			}
			head, code, ok, err := bracket(t[1:])
			if err != nil {
				return nil, fmt.Errorf("actors line %d: %w", l.n, err)
			}
			if head != "" {
				cur.Phrases = append(cur.Phrases, head)
			}
			if ok {
				dc, err := parseDated(code)
				if err != nil {
					return nil, fmt.Errorf("actors line %d: %w", l.n, err)
				}
				cur.Codes = append(cur.Codes, dc)
			}
		default:
			head, code, ok, err := bracket(t)
			if err != nil {
				return nil, fmt.Errorf("actors line %d: %w", l.n, err)
			}
			if head == "" {
				return nil, fmt.Errorf("actors line %d: no phrase", l.n)
			}
			as.Entries = append(as.Entries, Actor{Phrases: []string{head}, Line: l.n})
			cur = &as.Entries[len(as.Entries)-1]
			if ok {
				dc, err := parseDated(code)
				if err != nil {
					return nil, fmt.Errorf("actors line %d: %w", l.n, err)
				}
				cur.Codes = append(cur.Codes, dc)
			}
		}
	}
	return as, nil
}

// parseDated reads "CODE", "CODE <DATE", "CODE >DATE", "CODE D1 - D2".
func parseDated(s string) (DatedCode, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t<>")
	if i < 0 {
		return DatedCode{Code: s}, nil
	}
	dc := DatedCode{Code: strings.TrimSpace(s[:i])}
	rest := strings.Join(strings.Fields(s[i:]), "")
	switch {
	case rest == "":
	case rest[0] == '<':
		d, err := normDate(rest[1:])
		if err != nil {
			return dc, err
		}
		dc.To = d
	case rest[0] == '>':
		d, err := normDate(rest[1:])
		if err != nil {
			return dc, err
		}
		dc.From = d
	default:
		a, b, ok := strings.Cut(rest, "-")
		if !ok {
			return dc, fmt.Errorf("bad date restriction %q", s)
		}
		var err error
		if dc.From, err = normDate(a); err != nil {
			return dc, err
		}
		if dc.To, err = normDate(b); err != nil {
			return dc, err
		}
	}
	return dc, nil
}

// normDate turns YYMMDD or YYYYMMDD into YYYYMMDD (two-digit years are
// 19xx above 30, else 20xx).
func normDate(d string) (string, error) {
	for _, r := range d {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("bad date %q", d)
		}
	}
	switch len(d) {
	case 8:
		return d, nil
	case 6:
		if d[:2] > "30" {
			return "19" + d, nil
		}
		return "20" + d, nil
	}
	return "", fmt.Errorf("bad date %q", d)
}
