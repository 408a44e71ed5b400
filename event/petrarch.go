package event

import (
	"strings"

	"sitrep/dict"
)

// FromVerbs converts a PETRARCH/TABARI verb dictionary into patterns: each
// verb codes its block's code alone, and each of the block's patterns
// codes its own; "---" codes nothing (and keeps shorter patterns from
// coding). A dual code "A:B" codes A from source to target and B back.
func FromVerbs(v *dict.Verbs) *Dictionary {
	d := &Dictionary{}
	for _, b := range v.Blocks {
		for _, vb := range b.Verbs {
			words := dict.Words(vb.Phrase)
			if len(words) == 0 {
				continue
			}
			// the inflected word is marked "+" in multi-word verbs
			lemmaAt := 0
			for i, w := range words {
				if strings.HasPrefix(w, "+") {
					lemmaAt = i
				}
				words[i] = strings.ToLower(strings.TrimPrefix(w, "+"))
			}
			var extra []string
			for _, f := range vb.Forms {
				fw := dict.Words(f)
				if len(fw) > lemmaAt {
					extra = append(extra, strings.ToLower(strings.TrimPrefix(fw[lemmaAt], "+")))
				}
			}
			head := elem{}
			for _, f := range VerbForms(words[lemmaAt], extra) {
				head.alts = append(head.alts, []string{f})
			}
			var pre0, post0 []elem
			for i := lemmaAt - 1; i >= 0; i-- {
				pre0 = append(pre0, elem{alts: [][]string{{words[i]}}})
			}
			for i := lemmaAt + 1; i < len(words); i++ {
				post0 = append(post0, elem{alts: [][]string{{words[i]}}})
			}
			code := b.Code
			if vb.Code != "" {
				code = vb.Code
			}
			mk := func(code string, pre, post []elem, rule string) {
				p := &Pattern{Kind: VerbKind, head: head, pre: append(append([]elem{}, pre0...), pre...), post: append(append([]elem{}, post0...), post...), Rule: rule, MaxGap: 6}
				p.Code, p.Reverse, _ = strings.Cut(code, ":")
				p.Code = strings.TrimSpace(p.Code)
				p.Reverse = strings.TrimSpace(p.Reverse)
				p.dictionary = true
				d.Patterns = append(d.Patterns, p)
			}
			mk(code, nil, nil, "petrarch:"+b.Name)
			for _, pt := range b.Patterns {
				pre, ok1 := convertWords(pt.Before, v.Synsets)
				post, ok2 := convertWords(pt.After, v.Synsets)
				if !ok1 || !ok2 {
					continue
				}
				mk(pt.Code, pre, post, "petrarch:"+b.Name+":"+itoa(pt.Line))
			}
		}
	}
	d.index()
	return d
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func convertWords(ws []dict.PatternWord, syn map[string][]string) ([]elem, bool) {
	var out []elem
	for _, w := range ws {
		e := elem{gap: !w.Joined}
		switch {
		case w.Word == "$":
			e.slot = slotSource
		case w.Word == "+":
			e.slot = slotTarget
		case w.Word == "%":
			e.slot = slotCompound
		case w.Word == "^":
			e.any = true
		case strings.HasPrefix(w.Word, "&"):
			for _, ph := range expandSynset(w.Word, syn, 0) {
				e.alts = append(e.alts, lowerWords(dict.Words(ph)))
			}
			if len(e.alts) == 0 {
				return nil, false
			}
		default:
			e.alts = [][]string{{strings.ToLower(w.Word)}}
		}
		out = append(out, e)
	}
	return out, true
}

func expandSynset(name string, syn map[string][]string, depth int) []string {
	if depth > 4 {
		return nil
	}
	var out []string
	for _, ph := range syn[name] {
		if strings.HasPrefix(ph, "&") {
			out = append(out, expandSynset(strings.Fields(ph)[0], syn, depth+1)...)
			continue
		}
		out = append(out, ph)
	}
	return out
}

func lowerWords(ws []string) []string {
	for i := range ws {
		ws[i] = strings.ToLower(ws[i])
	}
	return ws
}

// ActorDict finds actors by dictionary phrases (PETRARCH/TABARI actor and
// agent dictionaries) in the tokens of a sentence.
type ActorDict struct {
	actors  map[string][]actorPhrase // first word -> phrases
	agents  map[string][]agentPhrase
	discard [][]string
	story   [][]string
}

type actorPhrase struct {
	words []string
	entry *dict.Actor
}

type agentPhrase struct {
	words  []string
	code   string
	prefix bool
}

// NewActorDict compiles actor, agent and discard dictionaries (any may be
// nil).
func NewActorDict(as *dict.Actors, ag *dict.Agents, ds *dict.Discards) *ActorDict {
	d := &ActorDict{actors: map[string][]actorPhrase{}, agents: map[string][]agentPhrase{}}
	if as != nil {
		for i := range as.Entries {
			e := &as.Entries[i]
			for _, ph := range e.Phrases {
				w := lowerWords(dict.Words(ph))
				if len(w) > 0 {
					d.actors[w[0]] = append(d.actors[w[0]], actorPhrase{w, e})
				}
			}
		}
	}
	if ag != nil {
		for _, a := range ag.Entries {
			for _, ph := range a.Phrases {
				w := lowerWords(dict.Words(ph))
				if len(w) > 0 {
					d.agents[w[0]] = append(d.agents[w[0]], agentPhrase{w, a.Code, a.Prefix})
				}
			}
		}
	}
	if ds != nil {
		for _, x := range ds.Entries {
			w := lowerWords(dict.Words(x.Phrase))
			if len(w) == 0 {
				continue
			}
			if x.Story {
				d.story = append(d.story, w)
			} else {
				d.discard = append(d.discard, w)
			}
		}
	}
	return d
}

func hasPhrase(low []string, ph []string) bool {
	for i := 0; i+len(ph) <= len(low); i++ {
		ok := true
		for k, w := range ph {
			if low[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// find returns the dictionary actors of a sentence; date is YYYYMMDD.
func (d *ActorDict) find(low []string, date string) []actor {
	type span struct {
		start, end int
		code       string
		agent      bool
		prefix     bool
	}
	var spans []span
	for i := 0; i < len(low); {
		best := span{start: -1, end: -1}
		for _, p := range d.actors[low[i]] {
			if n := len(p.words); n > best.end-best.start && matchWords(low, i, p.words) {
				best = span{start: i, end: i + n, code: p.entry.CodeOn(date)}
			}
		}
		for _, p := range d.agents[low[i]] {
			if n := len(p.words); n > best.end-best.start && matchWords(low, i, p.words) {
				best = span{start: i, end: i + n, code: p.code, agent: true, prefix: p.prefix}
			}
		}
		if best.start < 0 {
			i++
			continue
		}
		spans = append(spans, best)
		i = best.end
	}
	var out []actor
	for k := 0; k < len(spans); k++ {
		s := spans[k]
		if s.code == "---" || s.code == "###" {
			continue
		}
		if !s.agent {
			a := actor{start: s.start, end: s.end, ent: -1, also: -1, code: s.code}
			// agents right after: "ARNOR FOREIGN MINISTER", "ARNOR'S POLICE"
			for k+1 < len(spans) && spans[k+1].agent && (spans[k+1].start == a.end || spans[k+1].start == a.end+1 && low[a.end] == "'s") {
				a.code = withAgent(a.code, spans[k+1])
				a.end = spans[k+1].end
				k++
				// and the name after the title: "Bree Prime Minister Romendacil"
				if k+1 < len(spans) && !spans[k+1].agent && spans[k+1].start == a.end {
					a.end = spans[k+1].end
					k++
				}
			}
			out = append(out, a)
			continue
		}
		// an agent: "the foreign minister of Arnor", "Arnorian rights group"
		a := actor{start: s.start, end: s.end, ent: -1, also: -1, role: true}
		if k+1 < len(spans) && !spans[k+1].agent && spans[k+1].start <= s.end+2 && s.end < len(low) && (low[s.end] == "of" || low[s.end] == "from" || low[s.end] == "in") {
			a.code = withAgent(spans[k+1].code, s)
			a.end = spans[k+1].end
			k++
		} else if s.prefix {
			a.code = s.code + "---" // an agent without an actor: "---" for the unknown country
		} else {
			a.code = "---" + s.code
		}
		out = append(out, a)
	}
	return out
}

func withAgent(code string, ag struct {
	start, end int
	code       string
	agent      bool
	prefix     bool
}) string {
	for i := 0; i+len(ag.code) <= len(code); i += 3 {
		if code[i:i+len(ag.code)] == ag.code {
			return code // already there: "White House [USAGOV] security officials [~GOV]"
		}
	}
	if ag.prefix {
		return ag.code + code
	}
	return code + ag.code
}

func matchWords(low []string, i int, ws []string) bool {
	if i+len(ws) > len(low) {
		return false
	}
	for k, w := range ws {
		if low[i+k] != w {
			return false
		}
	}
	return true
}

// discarded reports whether the sentence holds a discard phrase.
func (d *ActorDict) discarded(low []string) bool {
	for _, ph := range d.discard {
		if hasPhrase(low, ph) {
			return true
		}
	}
	return false
}
