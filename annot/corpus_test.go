package annot

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Floors of the corpus: they may only rise as annotation goes on.
const (
	minSentences = 8137
	minWithEvent = 3655
	minEvents    = 4735
	minPerRoot   = 60
	minKappa     = 0.75
	minHeldOut   = 800
)

// TestCorpus validates every embedded record, the held-out sentences too
// (its text against ../shared when it is beside the repository), and
// holds the corpus to its floors.
func TestCorpus(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var src *Sources
	if dir := sharedDir(t); dir != "" {
		src = NewSources(dir)
	}
	seen := map[string]bool{}
	// the held-out sentences are validated alike, and none is also a
	// training sentence
	for _, s := range slices.Concat(c.Sentences, c.HeldOut) {
		if seen[s.ID] {
			t.Errorf("%s: recorded twice", s.ID)
		}
		seen[s.ID] = true
		if err := Validate(s, src); err != nil {
			t.Error(err)
		}
	}
	if len(c.HeldOut) < minHeldOut {
		t.Errorf("%d held-out sentences, below the floor %d", len(c.HeldOut), minHeldOut)
	}
	versions := map[string][]string{}
	for _, v := range c.Versions {
		versions[v.ID] = append(versions[v.ID], v.Annotator)
	}
	for id, who := range versions {
		if len(who) != 2 || who[0] == who[1] {
			t.Errorf("%s: versions by %v, want two different annotators", id, who)
		}
		if !seen[id] {
			t.Errorf("%s: annotated twice but has no settled record", id)
		}
	}
	st := c.Count()
	if st.Sentences < minSentences || st.WithEvent < minWithEvent || st.Events < minEvents {
		t.Errorf("%d sentences, %d with an event, %d events: below the floors %d, %d, %d", st.Sentences, st.WithEvent, st.Events, minSentences, minWithEvent, minEvents)
	}
	for r := 1; r <= 20; r++ {
		root := string(rune('0'+r/10)) + string(rune('0'+r%10))
		if st.Roots[root] < minPerRoot {
			t.Errorf("root %s: %d events, below the floor %d", root, st.Roots[root], minPerRoot)
		}
	}
	if ag := c.Agree(); ag.Kappa < minKappa || ag.Sentences < st.Sentences/10 {
		t.Errorf("agreement %s: want kappa >= %.2f on at least a tenth of the sentences", ag, minKappa)
	}
}

// TestRealArticlesAreHeldOut: the whole real articles with gold readings
// come from test splits, which no annotated sentence comes from, and their
// texts are not copied into the repository.
func TestRealArticlesAreHeldOut(t *testing.T) {
	golds, err := filepath.Glob("../testdata/real/*.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) < 30 {
		t.Errorf("%d real articles, want at least 30", len(golds))
	}
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var head struct{ Source, Published, Kind string }
		if err := json.Unmarshal(b, &head); err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		held := false
		for _, p := range []string{"conll2003/conllpp_test.txt@", "polnear/test/text/", "gmb-ner/test.txt"} {
			held = held || strings.HasPrefix(head.Source, p)
		}
		if !held || head.Published == "" || head.Kind == "" {
			t.Errorf("%s: source %q (want a test split), published %q, kind %q", g, head.Source, head.Published, head.Kind)
		}
	}
	if txt, _ := filepath.Glob("../testdata/real/*.txt"); len(txt) > 0 {
		t.Errorf("article texts copied into the repository: %v", txt)
	}
}
