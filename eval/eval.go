// Package eval scores sitrep on the public benchmarks in ../shared/eval,
// one Benchmark per dataset, each run by `sitrep eval NAME`.
package eval

import (
	"context"
	"io"
	"sort"
	"strings"
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
	{"sentences", "sentence-boundary accuracy on running text rebuilt from CoNLL-2003 and GMB", Sentences},
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
