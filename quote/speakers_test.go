package quote

import (
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

// quoteOf builds a quote of s whose content, cue and speaker phrase are
// the first occurrences of content, cue and speaker.
func quoteOf(s, content, cue, speaker string) sitrep.Quote {
	return attr(s, content, cue, speaker, 1).Quote
}

// TestResolvePronouns pins how the union resolves speaker pronouns over
// all its quotes.
func TestResolvePronouns(t *testing.T) {
	tests := []struct {
		name, s string
		ents    []string
		quotes  [][3]string // content, cue, speaker, in order
		want    string      // the last quote's speaker entity, "" for none
	}{
		{"after a speaker that is no entity", "A police spokesman said two youths had been killed near the house of Nelson Mandela. The victims were 18 and 20, he said.",
			[]string{"Nelson Mandela=PERSON"}, [][3]string{{"two youths had been killed", "said", "A police spokesman"}, {"The victims were 18 and 20", "said", "he"}}, ""},
		{"they is no one person", "Bala Naidoo said the killings were political. Monitors were worried. They said the lull could end.",
			[]string{"Bala Naidoo=PERSON"}, [][3]string{{"the killings were political", "said", "Bala Naidoo"}, {"the lull could end", "said", "They"}}, ""},
		{"he after a body", "The army announced that four men were held. He stated that they were armed.",
			[]string{"army=ORG"}, [][3]string{{"four men were held", "announced", "The army"}, {"they were armed", "stated", "He"}}, "E1"},
		{"a subject in between", "Edward Alden said the deals had failed. Debra Steger, a former negotiator, sees a rising tendency. \"People are blaming immigrants,\" she told AFP.",
			[]string{"Edward Alden=PERSON", "Debra Steger=PERSON"}, [][3]string{{"the deals had failed", "said", "Edward Alden"}, {"People are blaming immigrants", "told", "she"}}, "E2"},
		{"no possessive", "At his rally, Trump called for an inquiry into Clinton's charity. He said the department could not be trusted.",
			[]string{"Trump=PERSON", "Clinton=PERSON"}, [][3]string{{"the department could not be trusted", "said", "He"}}, "E1"},
	}
	for _, tt := range tests {
		a := analyze(tt.s, tt.ents...)
		var qs []sitrep.Quote
		for _, q := range tt.quotes {
			qs = append(qs, quoteOf(tt.s, q[0], q[1], q[2]))
		}
		resolveSpeakers(a, qs)
		resolvePronouns(a, qs)
		got := ""
		if sp := qs[len(qs)-1].Speaker; sp != nil {
			got = *sp
		}
		if got != tt.want {
			t.Errorf("%s: speaker %q, want %q", tt.name, got, tt.want)
		}
	}
}

// resolveSpeakers sets the entity of every quote whose speaker phrase is
// an entity's mention, as the finders do.
func resolveSpeakers(a *text.Analysis, qs []sitrep.Quote) {
	for i := range qs {
		q := &qs[i]
		for _, e := range a.Doc.Entities {
			for _, m := range e.Mentions {
				if q.SpeakerSpan != nil && m.Start >= q.SpeakerSpan.Start && m.End <= q.SpeakerSpan.End {
					q.Speaker = sitrep.Ptr(e.ID)
				}
			}
		}
	}
}

// TestTidySpeaker pins the words a speaker phrase keeps.
func TestTidySpeaker(t *testing.T) {
	tests := []struct{ s, speaker, cue, want string }{
		{"The United States Thursday blasted the move, saying it made no sense.", "The United States Thursday", "saying", "The United States"},
		{"Europeans especially say the treaty will erode standards.", "Europeans especially", "say", "Europeans"},
		{"Priorities USA, the main super PAC, says it raised $18 million.", "Priorities USA, the main super PAC", "says", "Priorities USA"},
		{"Published 2016\nOther members of the community stated they were fine.", "2016\nOther members of the community", "stated", "Other members of the community"},
		{"\"We are sure,\" said a joint statement from the agencies.", "a joint", "said", "a joint statement"},
		{"Heavy gunfire was heard, according to residents joined by AFP.", "residents", "according to", "residents"},
		{"The family said he was innocent.", "The family", "said", "The family"},
		{"The count was 19, according to a tally published by parliament.", "a tally", "according to", "a tally"},
		{"In 1996 said the EU the levels were too high.", "1996", "said", ""},
	}
	for _, tt := range tests {
		q := quoteOf(tt.s, tt.s[len(tt.s)-6:], tt.cue, tt.speaker)
		tidySpeaker(tt.s, &q)
		if q.SpeakerText != tt.want {
			t.Errorf("%q: speaker %q, want %q", tt.speaker, q.SpeakerText, tt.want)
		}
		if sp := q.SpeakerSpan; sp != nil && tt.s[sp.Start:sp.End] != q.SpeakerText || sp == nil && tt.want != "" {
			t.Errorf("%q: span %+v does not hold %q", tt.speaker, sp, q.SpeakerText)
		}
	}
}

// TestCapContent: an added content ends with the sentence of its cue, or
// of its start.
func TestCapContent(t *testing.T) {
	tests := []struct{ s, content, cue, speaker, want string }{
		{`"Today was the first step," said Sen. Sasse. "Russia must face consequences."`,
			`"Today was the first step," said Sen. Sasse. "Russia must face consequences."`, "said", "Sen. Sasse", "Today was the first step"},
		{"Police said they had arrested five people. Protesters threw bottles. The protest ended.",
			"they had arrested five people. Protesters threw bottles. The protest ended.", "said", "Police", "they had arrested five people."},
		{"Police said they had arrested five people.", "they had arrested five people", "said", "Police", "they had arrested five people"},
	}
	for _, tt := range tests {
		a := analyze(tt.s)
		q := quoteOf(tt.s, tt.content, tt.cue, tt.speaker)
		capContent(a, &q)
		if q.Text != tt.want || tt.s[q.Start:q.End] != q.Text {
			t.Errorf("%q: content %q, want %q", tt.s, q.Text, tt.want)
		}
	}
}

// TestHeadline: a short first paragraph of one sentence holds no quote.
func TestHeadline(t *testing.T) {
	s := "PLO says Arafat, Netanyahu could meet Saturday.\n\nPLO negotiators said on Friday that the leaders might meet."
	if got := Find(analyze(s, "PLO=ORG")); len(got) != 1 || !strings.HasPrefix(got[0].Text, "the leaders") || got[0].ID != "S1" {
		t.Errorf("got %+v, want the body's quote alone", got)
	}
	if n := headlineEnd(analyze("PLO negotiators said on Friday that the leaders might meet.")); n != 0 {
		t.Errorf("a text of one paragraph has a headline ending at %d", n)
	}
}

// TestModes: the modes' names read back.
func TestModes(t *testing.T) {
	for _, m := range []Mode{Combined, RulesOnly, LearnedOnly} {
		got, err := ParseMode(m.String())
		if err != nil || got != m {
			t.Errorf("ParseMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := ParseMode("both"); err == nil {
		t.Error("ParseMode(both): no error")
	}
}
