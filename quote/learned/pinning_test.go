package learned

import (
	"strings"
	"testing"
)

// TestPinning pins behaviour that the mutation check (scripts/mutate)
// found no test noticing: each case names the rule it pins. It uses
// analyze and want from quote_test.go.
func TestPinning(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		// a reported content that is mostly (not wholly) a quotation is
		// direct: only "it " stands outside the marks (the content began
		// at "it" until the model was retrained on the entity stage's
		// surnames that are titles' words, "Larry King", then inside the
		// marks, a miss of the span; retrained on the entity stage's
		// places by their context, "in Fargo", it begins at "it" again)
		{"mostly quoted is direct", `The minister said it "was a disgrace, a betrayal of the people and an insult to every soldier who died for this country."`, []want{
			{`it "was a disgrace, a betrayal of the people and an insult to every soldier who died for this country."`, "The minister", "", "said", true},
		}},
		// a verb after a long clause and a comma ("..., then said that")
		// takes the subject of the sentence as its speaker, found across
		// the quotation that ends the clause's first part; calling and
		// praising are attributions of their own, as PolNeAR marks them
		// (the content of "called" ran to "historic" alone before the
		// model was retrained with the entity stage's headline and name
		// repairs, then took the phrase after it too; retrained on the
		// entity stage's hyphened places and majority types, the model no
		// longer took "called" for a cue here; retrained on the entity
		// stage's people in office, it took it again, its content
		// "historic" alone; retrained on the entity stage's hyphened pairs
		// of known bodies and group words, it misses "called" again: a
		// miss, pinned so that the next change that moves it shows)
		{"clause subject speaks", `The minister called the deal "historic" in a speech to parliament on Monday, then said that more talks would follow.`, []want{
			{"more talks would follow", "The minister", "", "said", false},
		}},
		{"clause subject speaks, praise", `The president praised the "courage" of the rescue teams at a ceremony in the capital, then said that the dead would be honoured.`, []want{
			{`the "courage" of the rescue teams at a ceremony in the capital`, "The president", "", "praised", false},
			{"the dead would be honoured", "The president", "", "said", false},
		}},
		// "said in a statement: "..."": the quotation after the colon is
		// the content, even with a phrase between verb and colon
		{"phrase then colon", `The ministry said in a statement: "The attack was a cowardly act of terror."`, []want{
			{"The attack was a cowardly act of terror.", "The ministry", "", "said", true},
		}},
		// the clause before "according to" is the content, its quotation
		// and all, as PolNeAR marks it (a mixed quote; since the model was
		// retrained on the entity stage's hyphened pairs, the comma and
		// the closing mark come with it)
		{"clause before according to", `The situation in the camp is "catastrophic and getting worse by the hour," according to a UN official.`, []want{
			{`The situation in the camp is "catastrophic and getting worse by the hour,"`, "a UN official", "", "according to", false},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkQuotes(t, tc.in, Find(analyze(tc.in)), tc.want)
		})
	}
}

// TestWhClauseContent: a cue followed by a wh-word reports the clause as
// content.
func TestWhClauseContent(t *testing.T) {
	long := "The minister explained how the attack had been planned by the rebels."
	got := Find(analyze(long))
	if len(got) != 1 || got[0].Text != "how the attack had been planned by the rebels" {
		t.Errorf("%q: quotes %+v, want the how-clause", long, got)
	}
}

// TestTrim pins the content trimming rules: spaces, final punctuation
// and an opening "that" go; a content that is one quotation loses its
// marks (also when a comma stands before the closing mark) and is direct,
// as is a content four fifths quoted.
func TestTrim(t *testing.T) {
	tests := []struct {
		in, want string
		direct   bool
	}{
		{` that the plan failed. `, "the plan failed", false},
		{`"We will win," `, "We will win", true},
		{`“The talks were useful`, "The talks were useful", true},
		{`it "was a disgrace, a betrayal of the people and an insult to every soldier."`, `it "was a disgrace, a betrayal of the people and an insult to every soldier."`, true},
		{`the deal "historic" in a speech`, `the deal "historic" in a speech`, false},
	}
	for _, tc := range tests {
		s := tc.in + ", he said."
		if strings.HasPrefix(tc.in, "“") {
			s = tc.in + ",” he said."
		}
		f := newFinder(nil, analyze(s))
		cs, ce, direct := f.trim(0, len(tc.in))
		if s[cs:ce] != tc.want || direct != tc.direct {
			t.Errorf("trim(%q) = %q direct=%v, want %q direct=%v", tc.in, s[cs:ce], direct, tc.want, tc.direct)
		}
	}
}
