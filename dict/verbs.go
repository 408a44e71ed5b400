package dict

import (
	"fmt"
	"io"
	"strings"
)

// Verbs is a PETRARCH/TABARI verb dictionary.
type Verbs struct {
	Synsets map[string][]string // "&NAME" -> phrases
	Blocks  []VerbBlock
	// Skipped holds an error for each pattern line that does not parse
	// ("- SAID * AN OFFER + FOR TALKS" without its [code]), naming its
	// line: the pattern is left out and the rest is read, as PETRARCH
	// reads its own dictionary, whose CAMEO.verbpatterns.150430.txt has
	// three such lines. The caller reports them.
	Skipped []error
}

// VerbBlock is one "--- VERB [CODE] ---" block: its verbs share its
// patterns.
type VerbBlock struct {
	Name     string
	Code     string // the block's default code ("---" codes nothing)
	Verbs    []Verb
	Patterns []VerbPattern
	Line     int
}

// Verb is one verb of a block: a word or phrase ("CORDON_OFF") with its
// irregular forms and, rarely, a code of its own.
type Verb struct {
	Phrase string
	Forms  []string
	Code   string
}

// PatternWord is one element of a pattern: a word, or a marker: "$"
// source, "+" target, "%" compound actor, "^" any one word, "&NAME" a
// synset. Joined is true when "_" ties it to its neighbour nearer the verb.
type PatternWord struct {
	Word   string
	Joined bool
}

// VerbPattern is one "- BEFORE * AFTER [CODE]" line.
type VerbPattern struct {
	Before []PatternWord // nearest the verb first
	After  []PatternWord
	Code   string
	Line   int
}

// ReadVerbs reads a verb dictionary.
func ReadVerbs(r io.Reader) (*Verbs, error) {
	lines, err := readLines(r, "verbs")
	if err != nil {
		return nil, err
	}
	v := &Verbs{Synsets: map[string][]string{}}
	var cur *VerbBlock
	syn := ""
	for _, l := range lines {
		t := l.text
		switch {
		case strings.HasPrefix(t, "---"):
			inner := strings.Trim(t, "- ")
			name, code, _, err := bracket(inner)
			if err != nil {
				return nil, fmt.Errorf("verbs line %d: %w", l.n, err)
			}
			v.Blocks = append(v.Blocks, VerbBlock{Name: strings.TrimSuffix(name, "_"), Code: code, Line: l.n})
			cur = &v.Blocks[len(v.Blocks)-1]
			syn = ""
		case strings.HasPrefix(t, "&"):
			syn = strings.Fields(t)[0]
			if _, ok := v.Synsets[syn]; !ok {
				v.Synsets[syn] = nil
			}
			cur = nil
		case strings.HasPrefix(t, "-"):
			if cur == nil {
				return nil, fmt.Errorf("verbs line %d: pattern outside a verb block", l.n)
			}
			p, err := parsePattern(strings.TrimSpace(t[1:]))
			if err != nil {
				v.Skipped = append(v.Skipped, fmt.Errorf("verbs line %d: %w", l.n, err))
				continue
			}
			p.Line = l.n
			cur.Patterns = append(cur.Patterns, p)
		case strings.HasPrefix(t, "+") && syn != "" && cur == nil:
			v.Synsets[syn] = append(v.Synsets[syn], strings.TrimSpace(t[1:]))
		default:
			if cur == nil {
				if syn != "" { // synset member without "+"
					v.Synsets[syn] = append(v.Synsets[syn], strings.TrimPrefix(t, "+"))
					continue
				}
				return nil, fmt.Errorf("verbs line %d: %q outside a verb block", l.n, t)
			}
			rest, forms, err := braces(t)
			if err != nil {
				return nil, fmt.Errorf("verbs line %d: %w", l.n, err)
			}
			head, code, _, err := bracket(rest)
			if err != nil {
				return nil, fmt.Errorf("verbs line %d: %w", l.n, err)
			}
			head = strings.TrimPrefix(strings.TrimSpace(head), "+")
			if head == "" {
				continue
			}
			for i := range forms {
				forms[i] = strings.TrimPrefix(forms[i], "+")
			}
			cur.Verbs = append(cur.Verbs, Verb{Phrase: strings.Fields(head)[0], Forms: forms, Code: code})
		}
	}
	return v, nil
}

func parsePattern(s string) (VerbPattern, error) {
	body, code, ok, err := bracket(s)
	if err != nil {
		return VerbPattern{}, err
	}
	if !ok {
		return VerbPattern{}, fmt.Errorf("pattern %q has no [code]", s)
	}
	// split on spaces, then on "_" keeping which words are joined
	type w struct {
		word      string
		joinPrev  bool
		isVerbPos bool
	}
	var ws []w
	for _, f := range strings.Fields(body) {
		parts := strings.Split(f, "_")
		for i, p := range parts {
			if p == "" {
				continue
			}
			// "*" may be glued: WOULD_*_TALKS
			ws = append(ws, w{word: strings.ToUpper(p), joinPrev: i > 0, isVerbPos: p == "*"})
		}
		// a trailing "_" (IN_) joins to the next word
		if strings.HasSuffix(f, "_") && len(ws) > 0 {
			ws[len(ws)-1].word += "_"
		}
	}
	star := -1
	for i, x := range ws {
		if x.isVerbPos {
			star = i
			break
		}
	}
	if star < 0 {
		return VerbPattern{}, fmt.Errorf("pattern %q has no *", s)
	}
	p := VerbPattern{Code: code}
	for i := star - 1; i >= 0; i-- {
		// joined to the word after it (nearer the verb)?
		joined := ws[i+1].joinPrev || strings.HasSuffix(ws[i].word, "_")
		p.Before = append(p.Before, PatternWord{Word: strings.TrimSuffix(ws[i].word, "_"), Joined: joined})
	}
	for i := star + 1; i < len(ws); i++ {
		joined := ws[i].joinPrev || strings.HasSuffix(ws[i-1].word, "_")
		p.After = append(p.After, PatternWord{Word: strings.TrimSuffix(ws[i].word, "_"), Joined: joined})
	}
	return p, nil
}
