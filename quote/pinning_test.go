package quote

import "testing"

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
		// direct: only "it " stands outside the marks
		{"mostly quoted is direct", `The minister said it "was a disgrace, a betrayal of the people and an insult to every soldier who died for this country."`, []want{
			{`it "was a disgrace, a betrayal of the people and an insult to every soldier who died for this country."`, "The minister", "", "said", true},
		}},
		// a verb after a long clause and a comma ("..., then said that")
		// takes the subject of the sentence as its speaker, found across
		// the quotation that ends the clause's first part
		{"clause subject speaks", `The minister called the deal "historic" in a speech to parliament on Monday, then said that more talks would follow.`, []want{
			{"more talks would follow", "The minister", "", "said", false},
		}},
		{"clause subject speaks, praise", `The president praised the "courage" of the rescue teams at a ceremony in the capital, then said that the dead would be honoured.`, []want{
			{"the dead would be honoured", "The president", "", "said", false},
		}},
		// "said in a statement: "..."": the quotation after the colon is
		// the content, even with a phrase between verb and colon
		{"phrase then colon", `The ministry said in a statement: "The attack was a cowardly act of terror."`, []want{
			{"The attack was a cowardly act of terror.", "The ministry", "", "said", true},
		}},
		// a quotation right before "according to" is the content, not the
		// whole sentence up to the cue
		{"quotation before according to", `The situation in the camp is "catastrophic and getting worse by the hour," according to a UN official.`, []want{
			{"catastrophic and getting worse by the hour", "a UN official", "", "according to", true},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkQuotes(t, tc.in, Find(analyze(tc.in)), tc.want)
		})
	}
}

// TestWhClauseContent: a cue followed by a wh-word or subordinator reports
// the clause as content when it says something (five words or more), and
// nothing when the clause is a bare word.
func TestWhClauseContent(t *testing.T) {
	long := "The minister explained how the attack had been planned by the rebels."
	got := Find(analyze(long))
	if len(got) != 1 || got[0].Text != "how the attack had been planned by the rebels" {
		t.Errorf("%q: quotes %+v, want the how-clause", long, got)
	}
	short := "The minister explained why."
	if got := Find(analyze(short)); len(got) != 0 {
		t.Errorf("%q: quotes %+v, want none", short, got)
	}
}
