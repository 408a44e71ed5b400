package quote

import (
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
	"sitrep/text"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"",
		`"`,
		`“`,
		`He said: "`,
		`"Unbalanced, he said. "Another`,
		"“Open ‘single” close’ he said.",
		`Officials said that, according to, "x" ,said he.`,
		"According to",
		"He said, adding that",
		"\"A,\" he said. \"B.\"\n\n\"C.\"",
		"Smith: \"x\"",
		", , said , , told that that",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		s = text.Normalize(s)
		doc := sitrep.NewDocument(s)
		if strings.Contains(s, "he") {
			doc.Entities = []sitrep.Entity{{ID: "E1", Name: "he", Type: sitrep.Person,
				Mentions: []sitrep.Mention{{Start: strings.Index(s, "he"), End: strings.Index(s, "he") + 2, Text: "he"}}}}
		}
		a := text.Analyze(doc)
		qs := Find(a)
		last := -1
		for _, q := range qs {
			if q.Start < 0 || q.End > len(s) || q.Start >= q.End || q.Text != s[q.Start:q.End] {
				t.Fatalf("bad quote span %+v in %q", q, s)
			}
			if q.Start < last {
				t.Fatalf("quotes out of order in %q", s)
			}
			last = q.Start
			for _, sp := range []*sitrep.Span{q.SpeakerSpan, q.CueSpan} {
				if sp != nil && (sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End) {
					t.Fatalf("bad span %+v in %q", sp, s)
				}
			}
		}
		for _, sent := range a.Sentences {
			for i := range sent.Tokens {
				Modality(sent.Tokens, i)
			}
		}
	})
}

func FuzzModality(f *testing.F) {
	f.Add("there will be no forces", 4)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, s string, i int) {
		toks := text.Tokenize(s, 0, len(s))
		switch Modality(toks, i) {
		case sitrep.Asserted, sitrep.Negated, sitrep.Future, sitrep.Possible:
		default:
			t.Fatal("unknown modality")
		}
	})
}
