package pipeline_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"sitrep"
	"sitrep/annot"
	"sitrep/pipeline"
)

var updateFloors = flag.Bool("update-floors", false, "rewrite ../testdata/floors.tsv with today's scores of the gold-read articles")

// floorsFile is the ratchet: per gold-read article, the macro F1 and the
// events F1 it must keep and the most forbidden readings it may show.
const floorsFile = "../testdata/floors.tsv"

// goldRead is one article with a gold reading.
type goldRead struct {
	name, gold, date string
	text             func() (string, error)
}

// goldReadArticles lists every article with a gold reading: the reference
// article, the articles written for the project (testdata/articles) and
// the real articles (testdata/real, their texts read from ../shared).
func goldReadArticles(t *testing.T, shared string) []goldRead {
	var out []goldRead
	file := func(path string) func() (string, error) {
		return func() (string, error) { b, err := os.ReadFile(path); return string(b), err }
	}
	out = append(out, goldRead{"reference/iraq-2021-07-27", filepath.Join(shared, "eval/reference/iraq-2021-07-27.gold.json"),
		"2021-07-27", file(filepath.Join(shared, "articles/iraq-2021-07-27.txt"))})
	written, err := filepath.Glob("../testdata/articles/*.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range written {
		name := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		out = append(out, goldRead{"articles/" + name, g, "", file(strings.TrimSuffix(g, ".gold.json") + ".txt")})
	}
	real, err := filepath.Glob("../testdata/real/*.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	src := annot.NewSources(shared)
	for _, g := range real {
		var head struct{ Source string }
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &head); err != nil || head.Source == "" {
			t.Fatalf("%s: no source: %v", g, err)
		}
		ref := head.Source
		out = append(out, goldRead{"real/" + strings.TrimSuffix(filepath.Base(g), ".gold.json"), g, "",
			func() (string, error) { return src.Text(ref) }})
	}
	for i := range out {
		if out[i].date == "" {
			out[i].date = publishedOf(t, out[i].gold)
		}
	}
	return out
}

func publishedOf(t *testing.T, gold string) string {
	var head struct{ Published string }
	b, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &head); err != nil {
		t.Fatalf("%s: %v", gold, err)
	}
	return head.Published
}

// goldScore is the shared scorer's verdict on one article.
type goldScore struct {
	macro, events float64
	forbidden     int
}

var scoreLine = regexp.MustCompile(`: F1 ([0-9.]+) \(.*events ([0-9.]+),.*\) forbidden (\d+)\s*$`)

// TestGoldReadArticles scores every gold-read article with the shared
// scorer (../shared/tools/score-gold) and fails when one falls below its
// floor in ../testdata/floors.tsv. Raise the floors with -update-floors
// after a change that improves them, and review the diff.
func TestGoldReadArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	shared := "../../shared"
	scorer := filepath.Join(shared, "tools/score-gold")
	if _, err := os.Stat(scorer); err != nil {
		t.Skip("../shared is not beside the repository")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 (for the shared scorer) is not installed")
	}
	floors := readFloors(t)
	p := pipeline.Default()
	got := map[string]goldScore{}
	dir := t.TempDir()
	for _, a := range goldReadArticles(t, shared) {
		text, err := a.text()
		if err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		doc, err := p.Extract(context.Background(), sitrep.Article{Text: text, Published: a.date})
		if err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		docPath := filepath.Join(dir, "doc.json")
		if err := os.WriteFile(docPath, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("python3", scorer, a.gold, docPath).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: score-gold: %v\n%s", a.name, err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		m := scoreLine.FindStringSubmatch(lines[len(lines)-1])
		if m == nil {
			t.Fatalf("%s: score-gold's last line is not a score: %q", a.name, lines[len(lines)-1])
		}
		s := goldScore{}
		s.macro, _ = strconv.ParseFloat(m[1], 64)
		s.events, _ = strconv.ParseFloat(m[2], 64)
		s.forbidden, _ = strconv.Atoi(m[3])
		got[a.name] = s
		f, ok := floors[a.name]
		switch {
		case *updateFloors:
		case !ok:
			t.Errorf("%s: no floor in %s (run with -update-floors)", a.name, floorsFile)
		case s.macro < f.macro-1e-9 || s.events < f.events-1e-9 || s.forbidden > f.forbidden:
			t.Errorf("%s: macro F1 %.3f events F1 %.3f forbidden %d, below its floor %.3f / %.3f / %d",
				a.name, s.macro, s.events, s.forbidden, f.macro, f.events, f.forbidden)
		}
	}
	for name := range floors {
		if _, ok := got[name]; !ok && !*updateFloors {
			t.Errorf("%s: has a floor but no gold reading", name)
		}
	}
	if *updateFloors {
		writeFloors(t, got)
	}
}

func readFloors(t *testing.T) map[string]goldScore {
	out := map[string]goldScore{}
	f, err := os.Open(floorsFile)
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		var name string
		var s goldScore
		if _, err := fmt.Sscanf(l, "%s\t%g\t%g\t%d", &name, &s.macro, &s.events, &s.forbidden); err != nil {
			t.Fatalf("%s:%d: %v", floorsFile, n, err)
		}
		out[name] = s
	}
	return out
}

func writeFloors(t *testing.T, got map[string]goldScore) {
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# Floors of the gold-read articles (pipeline/goldread_test.go): name, macro F1, events F1, most forbidden readings.\n")
	b.WriteString("# Scores may rise; a change that lowers one fails the test. Rewrite with: go test ./pipeline -run GoldRead -update-floors\n")
	for _, n := range names {
		s := got[n]
		fmt.Fprintf(&b, "%s\t%.3f\t%.3f\t%d\n", n, s.macro, s.events, s.forbidden)
	}
	if err := os.WriteFile(floorsFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
