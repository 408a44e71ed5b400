package event_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sitrep/event"
	"sitrep/event/learn"
	"sitrep/event/model"
	"sitrep/pipeline"
	"sitrep/text"
)

var (
	updateEvents = flag.Bool("update-events", false, "rewrite testdata/polnear-events.golden with today's events of the PolNeAR test articles")
	eventsOut    = flag.String("events-out", "", "write each PolNeAR test article's events as JSON to this folder, for diffing")
)

// goldenEvents holds, for each PolNeAR test article, a digest of what the
// event stage read (the document and sentences the stages before it
// made) and digests of what it wrote: the coder's events, its reading of
// every candidate word (Explain, margins to the bit), and the rules'
// events.
const goldenEvents = "testdata/polnear-events.golden"

// articleDigests is one line of the golden file.
type articleDigests struct {
	name, input, coder, explain, rules string
}

func (d articleDigests) String() string {
	return strings.Join([]string{d.name, d.input, d.coder, d.explain, d.rules}, "\t")
}

// digest is a short hex SHA-256 of v's JSON.
func digest(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Error(err) // not Fatal: called from the coding goroutines
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// analyseArticles runs the stages before the event stage over the PolNeAR
// test articles, by name; it skips the test where ../shared is missing.
func analyseArticles(t testing.TB) ([]string, []*text.Analysis) {
	files, _ := filepath.Glob("../../shared/eval/polnear/test/text/*.txt")
	if len(files) == 0 {
		t.Skip("../shared is not beside the repository")
	}
	var names []string
	var as []*text.Analysis
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := pipeline.BeforeEvents().Analyze(context.Background(), pipeline.Input{Text: string(raw), Published: "2016-10-15"})
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(f))
		as = append(as, a)
	}
	return names, as
}

// codeArticle runs the coder stage, Explain and the rules stage over one
// analysed article and returns the digests of what they wrote.
func codeArticle(t testing.TB, coder, rules *event.Stage, name string, a *text.Analysis) articleDigests {
	d := articleDigests{name: name, input: digest(t, []any{a.Doc, a.Sentences})}
	ctx := context.Background()
	if err := coder.Run(ctx, a); err != nil {
		t.Error(name, err)
	}
	coded := a.Doc.Events
	d.coder = digest(t, coded)
	scores, err := coder.Explain(a)
	if err != nil {
		t.Error(name, err)
	}
	d.explain = digest(t, scores)
	if err := rules.Run(ctx, a); err != nil {
		t.Error(name, err)
	}
	d.rules = digest(t, a.Doc.Events)
	if *eventsOut != "" {
		b, _ := json.MarshalIndent(map[string]any{"coder": coded, "explain": scores, "rules": a.Doc.Events}, "", " ")
		if err := os.WriteFile(filepath.Join(*eventsOut, name+".json"), b, 0o644); err != nil {
			t.Error(err)
		}
	}
	a.Doc.Events = coded
	return d
}

// readGolden reads the golden digests by article name.
func readGolden(t *testing.T) map[string]articleDigests {
	f, err := os.Open(goldenEvents)
	if err != nil {
		t.Fatalf("%v (make it with -update-events)", err)
	}
	defer f.Close()
	out := map[string]articleDigests{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 5 {
			t.Fatalf("%s: bad line %q", goldenEvents, sc.Text())
		}
		out[p[0]] = articleDigests{p[0], p[1], p[2], p[3], p[4]}
	}
	return out
}

// TestPolNeAREventsUnchanged pins the event stage's whole output on real
// news: every event of the 84 PolNeAR test articles, with the coder and
// with the rules alone, and the coder's margin of every candidate word,
// must be what the golden file's digests say, so that work on the
// stage's speed cannot change what it finds. The articles are coded
// concurrently by one stage, as a server does. An article whose input
// changed (the stages before the event stage read it otherwise now) is
// not compared; regenerate with -update-events after checking that the
// event stage itself did not change.
func TestPolNeAREventsUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: analyses 84 articles")
	}
	names, as := analyseArticles(t)
	coder, rules := event.New(), event.New()
	rules.RulesOnly = true
	got := make([]articleDigests, len(as))
	var wg sync.WaitGroup
	for i := range as {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = codeArticle(t, coder, rules, names[i], as[i])
		}()
	}
	wg.Wait()
	if *updateEvents {
		var b strings.Builder
		for _, d := range got {
			fmt.Fprintln(&b, d)
		}
		if err := os.WriteFile(goldenEvents, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readGolden(t)
	compared := 0
	for _, d := range got {
		w, ok := want[d.name]
		if !ok || w.input != d.input {
			continue
		}
		compared++
		if d.coder != w.coder {
			t.Errorf("%s: the coder's events changed", d.name)
		}
		if d.explain != w.explain {
			t.Errorf("%s: the coder's margins changed", d.name)
		}
		if d.rules != w.rules {
			t.Errorf("%s: the rules' events changed", d.name)
		}
	}
	// an article the stages before events now read otherwise is a change
	// to review like any other: regenerate and read the diff
	if compared < len(got) {
		t.Errorf("%d of %d articles read otherwise by the stages before events: review and regenerate with -update-events", len(got)-compared, len(got))
	}
}

// BenchmarkLoadCoder times reading the embedded coder, its lookup tables
// included.
func BenchmarkLoadCoder(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := event.ParseCoder(model.Events, "events.bin"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEmbeddedModelRoundTrip checks that the embedded coder reads into
// the look-up tables and writes back byte for byte.
func TestEmbeddedModelRoundTrip(t *testing.T) {
	ms, err := learn.Read(model.Events, "events.bin")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := learn.Write(&b, ms); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), model.Events) {
		t.Error("the embedded coder does not write back as it was read")
	}
}
