package event

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

// ent is a hand-built entity of a test document: every whole-word
// occurrence of its names becomes a mention.
type ent struct {
	names   []string
	typ     string
	code    string
	country string
	feature string // a Place is made when set
}

type tm struct{ text, value string }

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// buildDoc analyzes txt and adds the entities, places and times, as the
// earlier stages would.
func buildDoc(txt, published string, ents []ent, times []tm) *text.Analysis {
	doc := sitrep.NewDocument(txt)
	doc.Published = published
	a := text.Analyze(doc)
	taken := make([]bool, len(txt))
	type cand struct {
		name string
		e    int
	}
	var cands []cand
	for i, e := range ents {
		for _, n := range e.names {
			cands = append(cands, cand{n, i})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return len(cands[i].name) > len(cands[j].name) })
	mentions := make([][]sitrep.Mention, len(ents))
	for _, c := range cands {
		for off := 0; ; {
			k := strings.Index(txt[off:], c.name)
			if k < 0 {
				break
			}
			st := off + k
			en := st + len(c.name)
			off = en
			if st > 0 && isWordByte(txt[st-1]) || en < len(txt) && isWordByte(txt[en]) {
				continue
			}
			free := true
			for x := st; x < en; x++ {
				if taken[x] {
					free = false
				}
			}
			if !free {
				continue
			}
			for x := st; x < en; x++ {
				taken[x] = true
			}
			mentions[c.e] = append(mentions[c.e], sitrep.Mention{Start: st, End: en, Text: c.name})
		}
	}
	for i, e := range ents {
		if len(mentions[i]) == 0 {
			continue
		}
		sort.Slice(mentions[i], func(x, y int) bool { return mentions[i][x].Start < mentions[i][y].Start })
		id := fmt.Sprintf("E%d", len(doc.Entities)+1)
		doc.Entities = append(doc.Entities, sitrep.Entity{ID: id, Name: e.names[0], Type: e.typ, Mentions: mentions[i], Code: e.code, Country: e.country})
		if e.feature != "" {
			doc.Places = append(doc.Places, sitrep.Place{ID: fmt.Sprintf("P%d", len(doc.Places)+1), Entity: id, Name: e.names[0], Feature: e.feature})
		}
	}
	for _, t := range times {
		if k := strings.Index(txt, t.text); k >= 0 {
			doc.Times = append(doc.Times, sitrep.Time{ID: fmt.Sprintf("T%d", len(doc.Times)+1), Start: k, End: k + len(t.text), Text: t.text, Type: sitrep.TimeDate, Value: t.value})
		}
	}
	return a
}

func runStage(t testing.TB, a *text.Analysis) []sitrep.Event {
	t.Helper()
	if err := rulesStage().Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a.Doc.Events
}

func describe(doc *sitrep.Document, ev sitrep.Event) string {
	name := func(id *string) string {
		if id == nil {
			return "-"
		}
		if e := entityByID(doc, *id); e != nil {
			return e.Name
		}
		return *id
	}
	place := "-"
	if ev.Place != nil {
		for _, p := range doc.Places {
			if p.ID == *ev.Place {
				place = p.Name
			}
		}
	}
	k, inj := "-", "-"
	if ev.Killed != nil {
		k = fmt.Sprint(*ev.Killed)
	}
	if ev.Injured != nil {
		inj = fmt.Sprint(*ev.Injured)
	}
	return fmt.Sprintf("s%d %s %q %s(%s) -> %s(%s) %s date=%s place=%s k=%s i=%s acled=%s/%s rule=%s",
		ev.Sentence, ev.CAMEO, ev.Text, name(ev.Source), ev.SourceCode, name(ev.Target), ev.TargetCode,
		ev.Modality, ev.Date, place, k, inj, ev.ACLEDType, ev.ACLEDSubtype, ev.Rule)
}

// rulesStage is the stage coding with its patterns and hand-written rules
// alone: the tests that pin those rules (still the coder's features, its
// fallback, and --rules-only) run it.
func rulesStage() *Stage { return &Stage{Dict: Default(), RulesOnly: true} }
