package place_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sitrep"
	"sitrep/entity"
	"sitrep/place"
	"sitrep/text"
)

var updateResolved = flag.Bool("update-resolved", false, "rewrite testdata/polnear-places.golden")

// TestResolvedOnRealNews pins where the shipped resolver puts every place
// of the 84 PolNeAR test articles (real 2016 news): the entity stage's
// places, resolved by the place stage, against a golden file. Any change
// of a feature, a candidate rule or the model moves some of them, and the
// diff (go test ./place -run ResolvedOnRealNews -update-resolved) shows
// which.
func TestResolvedOnRealNews(t *testing.T) {
	files, _ := filepath.Glob("../../shared/eval/polnear/test/text/*.txt")
	if len(files) == 0 {
		t.Skip("../shared is not beside the repository")
	}
	sort.Strings(files)
	var b strings.Builder
	ctx := context.Background()
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := sitrep.NewDocument(text.Normalize(string(raw)))
		doc.Published = "2016-10-15"
		a := text.Analyze(doc)
		if err := (entity.Stage{}).Run(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := (place.Stage{}).Run(ctx, a); err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, e := range doc.Entities {
			names[e.ID] = e.Name
		}
		for _, p := range doc.Places {
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%d\n", filepath.Base(f), names[p.Entity], p.Name, p.Country, p.GeonameID)
		}
	}
	golden := filepath.Join("testdata", "polnear-places.golden")
	if *updateResolved {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (make it with -update-resolved)", err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		n := 0
		for i := 0; i < max(len(gl), len(wl)) && n < 10; i++ {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("line %d: got %q, want %q", i+1, g, w)
				n++
			}
		}
	}
}
