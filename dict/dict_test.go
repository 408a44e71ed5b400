package dict

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const sampleVerbs = `&TIETYPES
+MILITARY
+ECONOMIC

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
- + KNOWN_ * IN_ $  [076]  # comment
- * &TIETYPES TIES [161]

--- CALLED  [010] ---
CALLED
- *_UPON  [097]
`

func TestReadVerbs(t *testing.T) {
	v, err := ReadVerbs(strings.NewReader(sampleVerbs))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Synsets["&TIETYPES"]) != 2 || len(v.Blocks) != 2 {
		t.Fatalf("synsets %v blocks %d", v.Synsets, len(v.Blocks))
	}
	b := v.Blocks[0]
	if b.Code != "1717" || len(b.Verbs) != 1 || len(b.Verbs[0].Forms) != 2 || len(b.Patterns) != 2 {
		t.Fatalf("block %+v", b)
	}
	p := b.Patterns[0]
	if p.Code != "076" || len(p.Before) != 2 || p.Before[0].Word != "KNOWN" || !p.Before[0].Joined || p.Before[1].Word != "+" ||
		len(p.After) != 2 || p.After[0].Word != "IN" || p.After[1].Word != "$" || !p.After[1].Joined {
		t.Fatalf("pattern %+v", p)
	}
	if q := v.Blocks[1].Patterns[0]; len(q.After) != 1 || q.After[0].Word != "UPON" || !q.After[0].Joined {
		t.Fatalf("pattern %+v", q)
	}
}

func TestReadActors(t *testing.T) {
	a, err := ReadActors(strings.NewReader("GOLLUM ; pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nGONDOR [GON]\n+MINAS_TIRITH\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entries) != 2 {
		t.Fatalf("%+v", a.Entries)
	}
	g := a.Entries[0]
	for _, c := range []struct{ date, want string }{{"19900101", "HOB"}, {"19970101", "HOBGOV"}, {"20050101", "HOBREB"}} {
		if got := g.CodeOn(c.date); got != c.want {
			t.Errorf("CodeOn(%s) = %s, want %s", c.date, got, c.want)
		}
	}
	if a.Entries[1].CodeOn("") != "GON" || len(a.Entries[1].Phrases) != 2 {
		t.Errorf("%+v", a.Entries[1])
	}
}

func TestReadAgents(t *testing.T) {
	a, err := ReadAgents(strings.NewReader("!MINST! = MINISTER, MINISTRY\n!MINST!_OF_SILLY_WALKS [~GOV]\nRIGHTS_GROUP  [  NGO~] # x\nPOLICE {} [ ~COP]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entries) != 3 || len(a.Entries[0].Phrases) < 2 || a.Entries[0].Code != "GOV" || !a.Entries[1].Prefix || a.Entries[2].Code != "COP" {
		t.Fatalf("%+v", a.Entries)
	}
}

func TestReadDiscards(t *testing.T) {
	d, err := ReadDiscards(strings.NewReader("# c\nMONTHS LATER\n+TYPHOON   # x\n"))
	if err != nil || len(d.Entries) != 2 || !d.Entries[1].Story {
		t.Fatalf("%v %+v", err, d)
	}
}

// TestSharedDictionaries reads the PETRARCH validation dictionaries when
// the shared folder is there.
func TestSharedDictionaries(t *testing.T) {
	dir := "../../shared/eval/petrarch2/petrarch1-76ccdbf/"
	for _, f := range []struct {
		name string
		read func([]byte) error
	}{
		{"PETR.Validate.verbs.txt", func(b []byte) error { _, err := ReadVerbs(bytes.NewReader(b)); return err }},
		{"PETR.Validate.actors.txt", func(b []byte) error { _, err := ReadActors(bytes.NewReader(b)); return err }},
		{"PETR.Validate.agents.txt", func(b []byte) error { _, err := ReadAgents(bytes.NewReader(b)); return err }},
		{"PETR.Validate.discards.txt", func(b []byte) error { _, err := ReadDiscards(bytes.NewReader(b)); return err }},
	} {
		b, err := os.ReadFile(dir + f.name)
		if err != nil {
			t.Skip("shared dictionaries not here")
		}
		if err := f.read(b); err != nil {
			t.Errorf("%s: %v", f.name, err)
		}
	}
}

// TestSkippedPatterns: a pattern line that does not parse is left out and
// reported with its line; the rest of the dictionary is read. PETRARCH2's
// own verb dictionary has three such lines.
func TestSkippedPatterns(t *testing.T) {
	v, err := ReadVerbs(strings.NewReader("--- ATTACK [190] ---\nATTACK\n- * OFFER + FOR TALKS\n- PLANES * [195]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Skipped) != 1 || !strings.Contains(v.Skipped[0].Error(), "line 3") || len(v.Blocks) != 1 || len(v.Blocks[0].Patterns) != 1 {
		t.Errorf("skipped %v, blocks %+v: want line 3 left out and the pattern of line 4 read", v.Skipped, v.Blocks)
	}
	b, err := os.ReadFile("../../shared/eval/petrarch2/CAMEO.verbpatterns.150430.txt")
	if err != nil {
		t.Skip("shared dictionaries not here")
	}
	v, err = ReadVerbs(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range v.Skipped {
		lines = append(lines, strings.Fields(e.Error())[2])
	}
	if got := strings.Join(lines, " "); got != "5860: 8056: 8733:" || len(v.Blocks) < 300 {
		t.Errorf("PETRARCH2's verbs: %d blocks, skipped lines %q, want 5860 8056 8733", len(v.Blocks), got)
	}
}

func FuzzReadVerbs(f *testing.F) {
	f.Add(sampleVerbs)
	f.Add("--- X [1] ---\nX {A\n- * [")
	f.Add("- * [010]\n&S\n+A\n--- [] ---\n<!-- a\n-->B")
	f.Fuzz(func(t *testing.T, s string) { ReadVerbs(strings.NewReader(s)) })
}

func FuzzReadActors(f *testing.F) {
	f.Add("GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\nX [Y >1]\n")
	f.Add("[A]\n+B [C - ]\n")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ReadActors(strings.NewReader(s))
		if err == nil {
			for _, e := range a.Entries {
				e.CodeOn("20000101")
			}
		}
	})
}

func FuzzReadAgents(f *testing.F) {
	f.Add("!P! = MAN, MEN\n!P!_X {!P!S} [~GOV]\nY [NGO~]\n")
	f.Add("!A! = !A!\n!A! [~X]\n")
	f.Fuzz(func(t *testing.T, s string) { ReadAgents(strings.NewReader(s)) })
}

func FuzzReadDiscards(f *testing.F) {
	f.Add("+A\nB # c\n")
	f.Fuzz(func(t *testing.T, s string) { ReadDiscards(strings.NewReader(s)) })
}
