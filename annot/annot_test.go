package annot

import (
	"math"
	"os"
	"strings"
	"testing"
)

// sharedDir is ../shared beside the repository, or "" when it is not there.
func sharedDir(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("../../shared/eval"); err != nil {
		return ""
	}
	return "../../shared"
}

func TestCohenKappa(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pairs [][2]string
		want  float64
	}{
		{"none", nil, 0},
		{"all agree, two labels", [][2]string{{"a", "a"}, {"b", "b"}}, 1},
		// po = 0.5, pe = 0.5*0.5 + 0.5*0.5 = 0.5: chance agreement only
		{"chance", [][2]string{{"a", "a"}, {"a", "b"}, {"b", "a"}, {"b", "b"}}, 0},
		// po = 0.8; left a 0.6 b 0.4, right a 0.4 b 0.6: pe = 0.48; (0.8-0.48)/0.52
		{"textbook", [][2]string{{"a", "a"}, {"a", "a"}, {"a", "b"}, {"b", "b"}, {"b", "b"}}, (0.8 - 0.48) / 0.52},
	} {
		if got := CohenKappa(tc.pairs); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: kappa %.4f, want %.4f", tc.name, got, tc.want)
		}
	}
}

func TestPairEvents(t *testing.T) {
	ev := func(a, b int, code string) Event { return Event{Trigger: Span{a, b}, CAMEO: code} }
	x := []Event{ev(0, 5, "190"), ev(10, 15, "040")}
	y := []Event{ev(11, 14, "036"), ev(2, 4, "193"), ev(30, 35, "111")}
	got := PairEvents(x, y)
	want := [][2]int{{0, 1}, {1, 0}, {-1, 2}}
	if len(got) != len(want) {
		t.Fatalf("pairs %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pairs %v, want %v", got, want)
		}
	}
}

func TestAgree(t *testing.T) {
	sp := func(a, b int) *Span { return &Span{a, b} }
	c := &Corpus{Versions: []Version{
		{ID: "s1", Annotator: "A", Events: []Event{{Trigger: Span{0, 4}, CAMEO: "190", Source: sp(10, 15)}}},
		{ID: "s1", Annotator: "B", Events: []Event{{Trigger: Span{0, 4}, CAMEO: "193", Source: sp(11, 15)}}},
		{ID: "s2", Annotator: "A", Events: []Event{}},
		{ID: "s2", Annotator: "B", Events: []Event{}},
		{ID: "s3", Annotator: "A", Events: []Event{{Trigger: Span{3, 8}, CAMEO: "111"}}},
		{ID: "s3", Annotator: "B", Events: []Event{}},
	}}
	a := c.Agree()
	if a.Sentences != 3 || a.Units != 3 {
		t.Fatalf("sentences %d units %d, want 3 and 3", a.Sentences, a.Units)
	}
	// units: (19,19) (none,none) (11,none): po 2/3; left 19 1/3, none 1/3, 11 1/3; right 19 1/3, none 2/3
	wantKappa := (2.0/3 - (1.0/9 + 2.0/9)) / (1 - 1.0/3)
	if math.Abs(a.Kappa-wantKappa) > 1e-9 {
		t.Errorf("kappa %.4f, want %.4f", a.Kappa, wantKappa)
	}
	if math.Abs(a.Trigger-2.0/3) > 1e-9 || a.Code != 0 || a.Source != 1 {
		t.Errorf("trigger %.3f code %.3f source %.3f, want 0.667 0 1", a.Trigger, a.Code, a.Source)
	}
}

func TestValidateRejects(t *testing.T) {
	good := Sentence{ID: "gmb-ner/train.txt#7", Text: "Rebels attacked the town.", Chosen: "random", Annotators: []string{"A"},
		Events: []Event{{Trigger: Span{7, 15}, CAMEO: "190", PLOVER: "ASSAULT", Mode: "asserted", SourceCode: "REB"}}}
	if err := Validate(good, nil); err != nil {
		t.Fatalf("a good record: %v", err)
	}
	for _, tc := range []struct {
		want   string
		change func(*Sentence)
	}{
		{"training split", func(s *Sentence) { s.ID = "gmb-ner/test.txt#7" }},
		{"training split", func(s *Sentence) { s.ID = "polnear/test/text/a.txt#0-5" }},
		{"licence", func(s *Sentence) { s.ID = "conll2003/train.txt#7" }},
		{"keeps no text", func(s *Sentence) { s.Text = "" }},
		{"chosen", func(s *Sentence) { s.Chosen = "" }},
		{"settled", func(s *Sentence) { s.Annotators = []string{"A", "B"} }},
		{"CAMEO code", func(s *Sentence) { s.Events[0].CAMEO = "1999" }},
		{"mode", func(s *Sentence) { s.Events[0].Mode = "rumoured" }},
		{"PLOVER", func(s *Sentence) { s.Events[0].PLOVER = "FIGHT" }},
		{"ACLED", func(s *Sentence) { s.Events[0].ACLEDSubtype = "Armed clash"; s.Events[0].ACLEDType = "Riots" }},
		{"3-letter", func(s *Sentence) { s.Events[0].SourceCode = "RB" }},
		{"outside the sentence", func(s *Sentence) { s.Events[0].Trigger = Span{20, 40} }},
		{"killed", func(s *Sentence) { n := -1; s.Events[0].Killed = &n }},
	} {
		s := good
		s.Events = append([]Event(nil), good.Events...)
		tc.change(&s)
		err := Validate(s, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("want an error about %q, got %v", tc.want, err)
		}
	}
}

func TestSources(t *testing.T) {
	dir := sharedDir(t)
	if dir == "" {
		t.Skip("../shared is not beside the repository")
	}
	src := NewSources(dir)
	s, err := src.Text("gmb-ner/train.txt#1")
	if err != nil || !strings.HasPrefix(s, "Thousands of demonstrators have marched through London") {
		t.Fatalf("GMB sentence 1: %q, %v", s, err)
	}
	doc, err := src.Text("conll2003/conllpp_test.txt@50")
	if err != nil || !strings.HasPrefix(doc, "GUNMEN KILL FOUR IN S.AFRICA 'S ZULU PROVINCE.\n\nDURBAN, South Africa 1996-12-06\n\n") {
		t.Fatalf("CoNLL test document 50: %.80q, %v", doc, err)
	}
	for _, bad := range []string{"gmb-ner/train.txt", "gmb-ner/train.txt#0", "gmb-ner/train.txt#99999999",
		"conll2003/conllpp_test.txt@999", "polnear/train/text/none.txt", "polnear/train/text/x.txt#5-2",
		"../eval/gmb-ner/train.txt#1", "/etc/passwd#1"} {
		if _, err := src.Text(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestSourcesContext pins the documents sentences are read in: a
// sentence of a column file stands in its block's running text at the
// offset given, the same key for the block's sentences; bytes of a plain
// text stand in the whole text.
func TestSourcesContext(t *testing.T) {
	dir := sharedDir(t)
	if dir == "" {
		t.Skip("../shared is not beside the repository")
	}
	src := NewSources(dir)
	for _, ref := range []string{"gmb-ner/train.txt#1", "gmb-ner/train.txt#49", "gmb-ner/train.txt#50", "gmb-ner/train.txt#77", "conll2003/train.txt#1002"} {
		sent, err := src.Text(ref)
		if err != nil {
			t.Fatal(err)
		}
		doc, off, key, err := src.Context(ref)
		if err != nil || off < 0 || off+len(sent) > len(doc) || doc[off:off+len(sent)] != sent {
			t.Fatalf("%s: offset %d in a document of %d bytes does not hold %q (%v)", ref, off, len(doc), sent, err)
		}
		if len(doc) < 20*len(sent)/10 {
			t.Errorf("%s: the document (%d bytes) is hardly more than the sentence", ref, len(doc))
		}
		if want := map[string]string{"gmb-ner/train.txt#1": "gmb-ner/train.txt#0", "gmb-ner/train.txt#49": "gmb-ner/train.txt#0",
			"gmb-ner/train.txt#50": "gmb-ner/train.txt#1", "gmb-ner/train.txt#77": "gmb-ner/train.txt#1", "conll2003/train.txt#1002": "conll2003/train.txt#20"}[ref]; key != want {
			t.Errorf("%s: key %q, want %q", ref, key, want)
		}
	}
	names, _ := os.ReadDir(dir + "/eval/polnear/train/text")
	if len(names) == 0 {
		t.Fatal("no PolNeAR train texts")
	}
	file := "polnear/train/text/" + names[0].Name()
	whole, err := src.Text(file)
	if err != nil {
		t.Fatal(err)
	}
	ref := file + "#10-40"
	doc, off, key, err := src.Context(ref)
	if err != nil || doc != whole || off != 10 || key != file {
		t.Errorf("%s: offset %d, key %q, whole text %v (%v)", ref, off, key, doc == whole, err)
	}
	if _, _, _, err := src.Context("gmb-ner/train.txt#99999999"); err == nil {
		t.Error("a sentence beyond the file: no error")
	}
}

// FuzzReadSentences feeds the record reader arbitrary lines: it returns
// records or an error, never panics.
func FuzzReadSentences(f *testing.F) {
	f.Add(`{"id":"gmb-ner/train.txt#1","text":"x","chosen":"random","annotators":["A"],"events":[]}`)
	f.Add(`{"id":"a","events":[{"trigger":[0,1],"cameo":"190","plover":"ASSAULT","mode":"asserted","source":[0,1]}]}`)
	f.Add("{\n}\n\n{")
	f.Fuzz(func(t *testing.T, s string) {
		recs, err := ReadSentences(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, r := range recs {
			_ = Validate(r, nil)
		}
	})
}

// FuzzSourcesText feeds the reference reader arbitrary references over a
// small shared folder: it returns a text or an error, never panics.
func FuzzSourcesText(f *testing.F) {
	dir := f.TempDir()
	for _, d := range []string{"eval/gmb-ner", "eval/polnear/train/text"} {
		if err := os.MkdirAll(dir+"/"+d, 0o755); err != nil {
			f.Fatal(err)
		}
	}
	if err := os.WriteFile(dir+"/eval/gmb-ner/train.txt", []byte("-DOCSTART-\n\nRebels\tNNS\tO\nfled\tVBD\tO\n.\t.\tO\n\nPolice\tNNS\tO\ncame\tVBD\tO\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(dir+"/eval/polnear/train/text/a.txt", []byte("Troops left.\nThey said so."), 0o644); err != nil {
		f.Fatal(err)
	}
	for _, ref := range []string{"gmb-ner/train.txt#1", "gmb-ner/train.txt@1", "polnear/train/text/a.txt#0-5", "polnear/train/text/a.txt", "x#-1", "@", "#"} {
		f.Add(ref)
	}
	src := NewSources(dir)
	f.Fuzz(func(t *testing.T, ref string) {
		if _, err := src.Text(ref); err == nil && (strings.Contains(ref, "..") || strings.HasPrefix(ref, "/")) {
			t.Fatalf("%q: read a file outside eval/", ref)
		}
		if doc, off, _, err := src.Context(ref); err == nil {
			if t2, _ := src.Text(ref); off < 0 || off+len(t2) > len(doc) || doc[off:off+len(t2)] != t2 {
				t.Fatalf("%q: the context does not hold the text at %d", ref, off)
			}
		}
	})
}
