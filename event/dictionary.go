package event

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

//go:embed data/patterns.txt
var defaultPatterns string

// Kind tells how a pattern's trigger is used in a sentence.
type Kind uint8

// Pattern kinds.
const (
	VerbKind   Kind = iota // the trigger is a verb; its inflections match
	NounKind               // the trigger is a noun; its plural matches
	PhraseKind             // words as written
)

// Slot markers of a pattern element (PETRARCH/TABARI patterns).
const (
	slotNone     = 0
	slotSource   = '$'
	slotTarget   = '+'
	slotCompound = '%'
)

// elem is one position of a pattern: alternatives, each a token sequence,
// or an actor slot.
type elem struct {
	alts [][]string
	gap  bool // up to maxGap tokens may come before it
	any  bool // any one word (PETRARCH "^")
	slot byte
}

const maxGap = 3

// Pattern is one coding rule: a trigger (verb, noun or phrase) with the
// words around it, and the CAMEO code it gives.
type Pattern struct {
	Code       string
	Kind       Kind
	Sym        bool   // reciprocal: a compound subject codes both ways
	Report     bool   // a reporting verb
	NeedTarget bool   // codes only with a target actor
	Casualty   bool   // a verb that counts casualties
	Neg        string // code when negated; "" keeps the code with modality negated
	ACLED      string // key of the ACLED sub-event type; "" for the code's default
	Rule       string // name of the pattern for explanation
	Reverse    string // a second code, from target to source (PETRARCH "A:B")
	MaxGap     int    // words a gap may skip (0: maxGap)
	dictionary bool   // from a user's PETRARCH/TABARI dictionary
	// bases are the verb's base forms, which need a verb context ("to",
	// a modal, a plural subject) to be read as verbs
	bases map[string]bool
	// head is the trigger; post the words after it, pre the words before
	// it (nearest first).
	head elem
	post []elem
	pre  []elem
}

// Dictionary is a compiled set of patterns indexed by their trigger words.
type Dictionary struct {
	Patterns []*Pattern
	byHead   map[string][]int
	// vocab is what coding knows of the words it met with these
	// patterns, made at the first coding (see vocabulary)
	vocab atomic.Pointer[vocabulary]
}

// LoadDefault returns sitrep's own embedded dictionary
// (data/patterns.txt), read once, or the error of reading it.
var LoadDefault = sync.OnceValues(func() (*Dictionary, error) {
	d, err := ParsePatterns(strings.NewReader(defaultPatterns))
	if err != nil {
		return nil, fmt.Errorf("event: embedded patterns: %w", err)
	}
	return d, nil
})

// Default returns sitrep's own embedded dictionary, or an empty one when
// it does not load: never a panic; the stage's Run and
// pipeline.CheckData return LoadDefault's error.
func Default() *Dictionary {
	d, err := LoadDefault()
	if err != nil {
		return &Dictionary{}
	}
	return d
}

// Add appends patterns to the dictionary and reindexes it.
func (d *Dictionary) Add(ps ...*Pattern) {
	d.Patterns = append(d.Patterns, ps...)
	d.index()
}

func (d *Dictionary) index() {
	d.vocab.Store(nil) // its words' heads are the old patterns'
	d.byHead = map[string][]int{}
	for i, p := range d.Patterns {
		seen := map[string]bool{}
		for _, alt := range p.head.alts {
			if len(alt) == 0 || seen[alt[0]] {
				continue
			}
			seen[alt[0]] = true
			d.byHead[alt[0]] = append(d.byHead[alt[0]], i)
		}
	}
}

// ParsePatterns reads a dictionary in sitrep's pattern format (see
// data/patterns.txt): one pattern a line, "CODE KIND WORDS [FLAGS]".
func ParsePatterns(r io.Reader) (*Dictionary, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	irregular := map[string][]string{}
	type raw struct {
		line  int
		parts []string
	}
	var lines []raw
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		f := strings.Fields(strings.ToLower(l))
		if len(f) == 0 {
			continue
		}
		if f[0] == "irregular" {
			if len(f) < 3 {
				return nil, fmt.Errorf("patterns line %d: irregular needs a lemma and forms", n)
			}
			irregular[f[1]] = append(irregular[f[1]], f[2:]...)
			continue
		}
		lines = append(lines, raw{n, f})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading patterns: %w", err)
	}
	d := &Dictionary{}
	for _, l := range lines {
		p, err := parseLine(l.parts, irregular)
		if err != nil {
			return nil, fmt.Errorf("patterns line %d: %w", l.line, err)
		}
		d.Patterns = append(d.Patterns, p)
	}
	d.index()
	return d, nil
}

func parseLine(f []string, irregular map[string][]string) (*Pattern, error) {
	if len(f) < 3 {
		return nil, fmt.Errorf("want CODE KIND WORDS, have %q", strings.Join(f, " "))
	}
	code := f[0]
	if !Valid(code) {
		return nil, fmt.Errorf("unknown CAMEO code %q", code)
	}
	p := &Pattern{Code: code}
	switch f[1] {
	case "verb":
		p.Kind = VerbKind
	case "noun":
		p.Kind = NounKind
	case "phrase":
		p.Kind = PhraseKind
	default:
		return nil, fmt.Errorf("unknown kind %q (want verb, noun or phrase)", f[1])
	}
	var words []string
	for _, w := range f[2:] {
		switch {
		case w == "sym":
			p.Sym = true
		case w == "report":
			p.Report = true
		case w == "target":
			p.NeedTarget = true
		case w == "casualty":
			p.Casualty = true
		case strings.HasPrefix(w, "neg="):
			p.Neg = w[4:]
			if !Valid(p.Neg) {
				return nil, fmt.Errorf("unknown CAMEO code %q in neg=", p.Neg)
			}
		case strings.HasPrefix(w, "acled="):
			p.ACLED = w[6:]
			if _, ok := acledKinds[p.ACLED]; !ok {
				return nil, fmt.Errorf("unknown ACLED key %q", p.ACLED)
			}
		default:
			words = append(words, w)
		}
	}
	if len(words) == 0 || words[0] == ".." {
		return nil, fmt.Errorf("pattern has no trigger word")
	}
	var elems []elem
	gap := false
	for _, w := range words {
		if w == ".." {
			gap = true
			continue
		}
		e := elem{gap: gap}
		gap = false
		for _, a := range strings.Split(w, "|") {
			if a == "" {
				continue
			}
			e.alts = append(e.alts, strings.Split(a, "_"))
		}
		if len(e.alts) == 0 {
			return nil, fmt.Errorf("empty word in %q", strings.Join(words, " "))
		}
		elems = append(elems, e)
	}
	switch p.Kind {
	case VerbKind:
		p.bases = map[string]bool{}
		for _, alt := range elems[0].alts {
			p.bases[alt[0]] = true
			for _, f := range irregular[alt[0]] {
				if f == alt[0] { // "hit", "set": the past is the base
					delete(p.bases, f)
				}
			}
		}
		elems[0] = inflectVerbs(elems[0], irregular)
		p.head, p.post = elems[0], elems[1:]
	case NounKind:
		// the trigger is the whole phrase; its last word takes a plural
		last := len(elems) - 1
		elems[last] = pluralize(elems[last])
		p.head = elems[0]
		p.post = elems[1:]
	default:
		p.head, p.post = elems[0], elems[1:]
	}
	p.Rule = f[1] + ":" + strings.Join(words, " ")
	return p, nil
}

// inflectVerbs adds each alternative's inflected forms (first word).
func inflectVerbs(e elem, irregular map[string][]string) elem {
	var out [][]string
	seen := map[string]bool{}
	for _, alt := range e.alts {
		for _, form := range VerbForms(alt[0], irregular[alt[0]]) {
			a := append([]string{form}, alt[1:]...)
			k := strings.Join(a, " ")
			if !seen[k] {
				seen[k] = true
				out = append(out, a)
			}
		}
	}
	e.alts = out
	return e
}

func pluralize(e elem) elem {
	var out [][]string
	seen := map[string]bool{}
	for _, alt := range e.alts {
		last := alt[len(alt)-1]
		for _, form := range []string{last, plural(last)} {
			a := append(append([]string{}, alt[:len(alt)-1]...), form)
			k := strings.Join(a, " ")
			if !seen[k] {
				seen[k] = true
				out = append(out, a)
			}
		}
	}
	e.alts = out
	return e
}

func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// VerbForms returns the forms of an English verb lemma: the lemma, third
// person, past and participles, with extra (irregular) forms added.
func VerbForms(lemma string, extra []string) []string {
	forms := []string{lemma}
	n := len(lemma)
	if n == 0 {
		return nil
	}
	last := lemma[n-1]
	// third person
	switch {
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "x") || strings.HasSuffix(lemma, "z") ||
		strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "sh") || strings.HasSuffix(lemma, "o"):
		forms = append(forms, lemma+"es")
	case last == 'y' && n > 1 && !isVowel(lemma[n-2]):
		forms = append(forms, lemma[:n-1]+"ies")
	default:
		forms = append(forms, lemma+"s")
	}
	// past and -ing
	switch {
	case last == 'e' && !strings.HasSuffix(lemma, "ee"):
		forms = append(forms, lemma+"d", lemma[:n-1]+"ing")
	case last == 'e':
		forms = append(forms, lemma+"d", lemma+"ing")
	case last == 'y' && n > 1 && !isVowel(lemma[n-2]):
		forms = append(forms, lemma[:n-1]+"ied", lemma+"ing")
	default:
		forms = append(forms, lemma+"ed", lemma+"ing")
		// consonant-vowel-consonant endings may double: ban banned, commit committed
		if n >= 3 && !isVowel(last) && isVowel(lemma[n-2]) && !isVowel(lemma[n-3]) && strings.IndexByte("wxy", last) < 0 {
			forms = append(forms, lemma+string(last)+"ed", lemma+string(last)+"ing")
		}
	}
	forms = append(forms, extra...)
	// British -ise forms come from their own lemma; nothing more here
	sort.Strings(forms[1:])
	return forms
}
