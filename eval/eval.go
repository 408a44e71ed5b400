// Package eval scores sitrep on the public benchmarks in ../shared/eval,
// one Benchmark per dataset, each run by `sitrep eval NAME`.
package eval

import (
	"context"
	"io"
	"sort"
	"strings"

	"sitrep/event"
)

// Benchmark is one scorer: Run reads its dataset under shared (the folder
// holding eval/) and writes a report to w.
type Benchmark struct {
	Name    string
	Summary string
	Run     func(ctx context.Context, shared string, w io.Writer) error
}

// benchmarks lists every scorer. Add new ones here.
var benchmarks = []Benchmark{
	{"petrarch", "events: PETRARCH validation records coded exactly right, from the text alone", Petrarch},
	{"plover", "events: PLOVER event type accuracy on the PLOVER gold standard records", PloverGSR},
	{"case2021", "events: weighted F1 of the ACLED sub-event type on CASE 2021 task 2 (even ids)", CASE2021},
	{"conll", "NER span F1 on CoNLL-2003 dev/test and CoNLL++", CoNLL},
	{"sentences", "sentence-boundary accuracy on running text rebuilt from CoNLL-2003 and GMB", Sentences},
	{"geo", "toponym recognition P/R/F1 and resolution acc@161/mean/median km on LGL and GeoWebNews", Geoparsing},
	{"timeml", "TIMEX3 extent F1 strict/relaxed, type accuracy, value F1 on TempEval-3 platinum and TimeBank+AQUAINT", TimeML},
	{"corpus", "the annotated real-news corpus: counts, annotator agreement, sitrep scored on its sentences", Corpus},
	{"events", "the event coder cross-validated (5 folds by document) on the annotated corpus: trigger F1, root, PLOVER and mode accuracy, source and target F1", func(ctx context.Context, shared string, w io.Writer) error {
		return Events(ctx, shared, 5, event.DefaultTrainOptions(), nil, w)
	}},
	{"heldout", "the shipped event coder on the held-out annotated sentences (trained on none of them): trigger F1, root, PLOVER and mode accuracy, source and target F1", HeldOut},
	{"polnear", "attribution (quote) P/R/F1, content and speaker, on PolNeAR dev/test", PolNeAR},
	{"quotes", "the quote stage's modes (union, rules, learned) on PolNeAR dev/test: attribution P/R/F1, content and speaker", QuoteModes},
	{"merges", "entity merging: pairwise precision and recall of merged mentions on the gold-read articles (run from the repository root)", Merges},
}

// Lookup returns the benchmark called name.
func Lookup(name string) (Benchmark, bool) {
	for _, b := range benchmarks {
		if b.Name == name {
			return b, true
		}
	}
	return Benchmark{}, false
}

// NamesList returns the benchmarks' names, comma-separated.
func NamesList() string {
	names := make([]string, len(benchmarks))
	for i, b := range benchmarks {
		names[i] = b.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
