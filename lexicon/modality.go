package lexicon

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/modality.tsv
var modalityTSV string

// ModalWords are the words that set the mode of an act (data/modality.tsv),
// by class.
type ModalWords struct {
	Negators, Possible, Future, FutureVerbs, Directives, ClauseStops map[string]bool
}

// LoadModalWords returns the embedded modal words, read once.
var LoadModalWords = sync.OnceValues(func() (*ModalWords, error) {
	return ParseModalWords(modalityTSV, "lexicon/data/modality.tsv")
})

// ParseModalWords reads "word<TAB>class" lines; blank lines and lines
// starting with # are skipped. name is used in errors.
func ParseModalWords(data, name string) (*ModalWords, error) {
	m := &ModalWords{Negators: map[string]bool{}, Possible: map[string]bool{}, Future: map[string]bool{},
		FutureVerbs: map[string]bool{}, Directives: map[string]bool{}, ClauseStops: map[string]bool{}}
	classes := map[string]map[string]bool{"negator": m.Negators, "possible": m.Possible, "future": m.Future,
		"future-verb": m.FutureVerbs, "directive": m.Directives, "clause-stop": m.ClauseStops}
	for i, line := range strings.Split(data, "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			return nil, fmt.Errorf("%s:%d: want word<TAB>class", name, i+1)
		}
		set, ok := classes[f[1]]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown class %q", name, i+1, f[1])
		}
		set[f[0]] = true
	}
	return m, nil
}
