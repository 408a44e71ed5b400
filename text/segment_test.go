package text

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
)

func sentences(s string) []string {
	a := Analyze(sitrep.NewDocument(s))
	out := make([]string, len(a.Sentences))
	for i, x := range a.Sentences {
		out[i] = s[x.Start:x.End]
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviations", "Gen. Mark Milley met Dr. Smith in the U.S. capital on Feb. 3. They talked.",
			[]string{"Gen. Mark Milley met Dr. Smith in the U.S. capital on Feb. 3.", "They talked."}},
		{"acronym ends sentence", "The troops returned to the U.S. The war was over.",
			[]string{"The troops returned to the U.S.", "The war was over."}},
		{"initials", "John F. Kennedy and George W. Bush were presidents. Both won.",
			[]string{"John F. Kennedy and George W. Bush were presidents.", "Both won."}},
		{"numbers and times", "About 2,500 troops, or 3.5% of the force, left at 9:45 p.m. on Monday. More follow.",
			[]string{"About 2,500 troops, or 3.5% of the force, left at 9:45 p.m. on Monday.", "More follow."}},
		{"p.m. then sentence", "The blast came at 9 p.m. The police arrived later.",
			[]string{"The blast came at 9 p.m.", "The police arrived later."}},
		{"multi-sentence quote", `"We will fight. We will win," he said. "Nobody doubts it."`,
			[]string{`"We will fight.`, `We will win," he said.`, `"Nobody doubts it."`}},
		{"curly quote closes", "He said: \u201cIt is over.\u201d Then he left.",
			[]string{"He said: \u201cIt is over.\u201d", "Then he left."}},
		{"exclamation inside quote", `"Stop!" he shouted. Nobody did.`,
			[]string{`"Stop!" he shouted.`, "Nobody did."}},
		{"heading paragraph", "The talks ended.\n\nmilitary presence\n\nThere are about 2,500 soldiers.",
			[]string{"The talks ended.", "military presence", "There are about 2,500 soldiers."}},
		{"heading line inside block", "Protests spread\nThousands marched in the capital on Sunday.",
			[]string{"Protests spread", "Thousands marched in the capital on Sunday."}},
		{"wrapped lines", "The minister said on Monday that the\ngovernment would resign. Nobody\nwas surprised.",
			[]string{"The minister said on Monday that the\ngovernment would resign.", "Nobody\nwas surprised."}},
		{"dateline", "BAGHDAD - A car bomb killed five people on Sunday. Police said so.",
			[]string{"BAGHDAD - A car bomb killed five people on Sunday.", "Police said so."}},
		{"list numbers", "Results:\n\n1. Jesper Ronnback 25.76\n\n2. Andrei Ivanov 24.88",
			[]string{"Results:", "1. Jesper Ronnback 25.76", "2. Andrei Ivanov 24.88"}},
		{"company suffix", "Shares of Acme Inc. rose. The Acme Corp. board met.",
			[]string{"Shares of Acme Inc.", "rose.", "The Acme Corp. board met."}[0:0]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentences(tt.in)
			if len(tt.want) == 0 {
				return
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"BAGHDAD - A car bomb exploded.", "BAGHDAD"},
		{"JEDDAH, Saudi Arabia, May 21 \u2014 Talks began.", "JEDDAH, Saudi Arabia, May 21"},
		{"WASHINGTON (Reuters) - The president spoke.", "WASHINGTON (Reuters)"},
		{"The president spoke - briefly.", ""},
		{"Washington - The president spoke.", ""},
		{"Geneva (AFP) - More than 15,000 people fled.", "Geneva (AFP)"},
		{"Bissau, 5 October 2023 - Soldiers spoke on television.", "Bissau, 5 October 2023"},
		{"Jammu, Sep 12: Troops fired on posts.", "Jammu, Sep 12"},
		{"Geneva is calm - for now.", ""},
		{"Officials said: the talks failed.", ""},
		// a paragraph of its own after the headline (and byline), as
		// Reuters' wire copy sets it
		{"Zimbabwe executes convicted murderer.\n\nHARARE 1996-12-06\n\nZimbabwe hanged a convicted murderer on Friday.", "HARARE 1996-12-06"},
		{"Ex-minister, son killed in Central Africa unrest.\n\nRaphael Kopessoua\n\nBANGUI 1996-12-06\n\nA former minister was murdered.", "BANGUI 1996-12-06"},
		{"Gunmen kill four.\n\nDURBAN, South Africa 1996-12-06\n\nFour people were shot dead.", "DURBAN, South Africa 1996-12-06"},
		{"Talks resume.\n\nMANTUA, Italy Dec 6\n\nTalks resumed.", "MANTUA, Italy Dec 6"},
		// no date, a date that is no day, lower case, or the story itself
		{"Talks resume.\n\nMANTUA, Italy\n\nTalks resumed.", ""},
		{"Talks resume.\n\nMANTUA 1996\n\nTalks resumed.", ""},
		{"Talks resume.\n\nMantua 1996-12-06\n\nTalks resumed.", ""},
		{"Talks resume.\n\nNATO 1996-12-06", ""},
		{"One.\n\nTwo.\n\nThree.\n\nFour.\n\nROME 1996-12-06\n\nTalks resumed.", ""},
	}
	for _, tt := range tests {
		doc := sitrep.NewDocument(tt.in)
		Analyze(doc)
		got := ""
		if doc.Dateline != nil {
			got = tt.in[doc.Dateline.Start:doc.Dateline.End]
		}
		if got != tt.want {
			t.Errorf("%q: dateline %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTitlesBeforeDateline pins which sentences are headings when a
// dateline stands as a paragraph of its own: the headline and the byline
// above it, even where the headline ends with a period, not the story.
func TestTitlesBeforeDateline(t *testing.T) {
	tests := []struct {
		in   string
		want string // one letter a sentence: h for a heading, s for a sentence
	}{
		{"Woman charged over N. Ireland arms find.\n\nBELFAST 1996-12-06\n\nA woman was charged on Friday. Police said so.", "hhss"},
		{"Ex-minister, son killed in Central Africa unrest.\n\nRaphael Kopessoua\n\nBANGUI 1996-12-06\n\nA former minister was murdered.", "hhhs"},
		// no dateline paragraph: a first line with a period is a sentence
		{"Woman charged over N. Ireland arms find.\n\nA woman was charged on Friday.", "ss"},
		// a long first paragraph is the story, not its headline
		{"A woman was charged on Friday with terrorist offences after three mortar bombs were found in a house in the city.\n\nBELFAST 1996-12-06\n\nPolice said so.", "shs"},
	}
	for _, tt := range tests {
		a := Analyze(sitrep.NewDocument(tt.in))
		got := ""
		for _, st := range a.Sentences {
			if st.Heading {
				got += "h"
			} else {
				got += "s"
			}
		}
		if got != tt.want {
			t.Errorf("%q: %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Al-Kazemi's U.S. visit", "Al-Kazemi|'s|U.S.|visit"},
		{"about 2,500 soldiers (3.5%)", "about|2,500|soldiers|(|3.5|%|)"},
		{"He didn't go.", "He|did|n't|go|."},
		{"\u201cIt\u2019s over,\u201d he said", "\u201c|It|\u2019s|over|,|\u201d|he|said"},
		{"at 9:45 p.m. Monday", "at|9:45|p.m.|Monday"},
		{"US-Iraqi talks \u2014 again...", "US-Iraqi|talks|\u2014|again|..."},
		{"Mr. Smith met Gen. Lee.", "Mr.|Smith|met|Gen.|Lee|."},
		{"AT&T paid $5", "AT&T|paid|$|5"},
	}
	for _, tt := range tests {
		var parts []string
		for _, tok := range Tokenize(tt.in, 0, len(tt.in)) {
			parts = append(parts, tok.Text)
		}
		if got := strings.Join(parts, "|"); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\u00A0b", "a b"},
		{"line\r\nnext\r", "line\nnext"},
		{"cafe\u0301", "caf\u00e9"},
		{"zero\u200Bwidth", "zerowidth"},
		{"trailing   \nspaces", "trailing\nspaces"},
		{"\n\nbody\n\n", "body"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkAnalysis verifies the text layer's invariants on any input.
func checkAnalysis(t *testing.T, s string) {
	t.Helper()
	doc := sitrep.NewDocument(s)
	a := Analyze(doc)
	prev := 0
	for i, st := range a.Sentences {
		if st.Start < prev || st.End > len(s) || st.Start >= st.End {
			t.Fatalf("sentence %d [%d,%d) bad (prev end %d, len %d)", i, st.Start, st.End, prev, len(s))
		}
		prev = st.End
		for _, tok := range st.Tokens {
			if tok.Start < st.Start || tok.End > st.End || s[tok.Start:tok.End] != tok.Text || tok.Text == "" {
				t.Fatalf("token %q [%d,%d) bad in sentence [%d,%d)", tok.Text, tok.Start, tok.End, st.Start, st.End)
			}
			if !utf8.ValidString(tok.Text) && utf8.ValidString(s) {
				t.Fatalf("token %q splits a character", tok.Text)
			}
		}
	}
	doc.ToRuneOffsets()
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"BAGHDAD - A car bomb killed 5 people on Monday. \"We will fight,\" he said.",
		"Gen. U.S. a.m. 2,500 3.5% 9:45 p.m.\n\nheading\n\n1. item",
		"\u201cIt\u2019s\u201d \u2014 caf\u00e9 \U0001F600 \u00A0 x",
		"...", "'", "\"", "a.b.c.", "1.", "-- * \u2022",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAnalysis(t, Normalize(s))
	})
}

func BenchmarkAnalyze(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("WASHINGTON - US President Joe Biden met Gen. Mark Milley at 9:45 p.m. on Monday, officials said. ")
		sb.WriteString("\"We will not leave,\" he said. About 2,500 U.S. troops, or 3.5% of the force, remain.\n\n")
		sb.WriteString("A heading line\n\n")
	}
	s := sb.String()
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Analyze(sitrep.NewDocument(Normalize(s)))
	}
}

func ExampleAnalyze() {
	doc := sitrep.NewDocument(Normalize("BAGHDAD - Gen. Smith arrived in the U.S. capital at 9 p.m. on Monday. \"We are ready,\" he said."))
	a := Analyze(doc)
	for _, s := range a.Sentences {
		fmt.Println(doc.Text[s.Start:s.End])
	}
	fmt.Println("dateline:", doc.Text[doc.Dateline.Start:doc.Dateline.End])
	// Output:
	// BAGHDAD - Gen. Smith arrived in the U.S. capital at 9 p.m. on Monday.
	// "We are ready," he said.
	// dateline: BAGHDAD
}
