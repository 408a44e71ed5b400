package sitrep

import (
	"go/build"
	"strings"
	"testing"
)

// TestLayout keeps imports flowing one way: the contract imports only the
// standard library, data leaves import nothing of the project, and stages
// never import the pipeline or the command.
func TestLayout(t *testing.T) {
	ctx := build.Default
	check := func(dir string, ok func(string) bool) {
		t.Helper()
		p, err := ctx.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, imp := range p.Imports {
			if !ok(imp) {
				t.Errorf("%s imports %s", dir, imp)
			}
		}
	}
	stdlib := func(imp string) bool {
		return !strings.Contains(strings.Split(imp, "/")[0], ".") && !strings.HasPrefix(imp, "sitrep")
	}
	check(".", stdlib)
	// the word lists every stage may read import nothing of the project
	check("lexicon", stdlib)
	// the event coder's learner imports nothing of the project either
	check("event/learn", stdlib)
	// nor does the quote finder's learner
	check("quote/learn", stdlib)
	for _, leaf := range []string{"entity/ner/model", "place/gazetteer/data", "event/model", "place/model", "lang/model", "quote/learned/model", "syntax/model"} {
		check(leaf, func(imp string) bool { return imp == "embed" || imp == "_embed" })
	}
	for _, stage := range []string{"text", "entity", "when", "quantity", "place", "quote", "quote/learned", "event"} {
		check(stage, func(imp string) bool { return imp != "sitrep/pipeline" && !strings.HasPrefix(imp, "sitrep/cmd") })
	}
	// Inputs come before the pipeline; the stores and the queue know only
	// the contract (and the shared story keys), not the stages.
	only := func(allowed ...string) func(string) bool {
		return func(imp string) bool {
			if !strings.HasPrefix(imp, "sitrep") {
				return true
			}
			for _, a := range allowed {
				if imp == a {
					return true
				}
			}
			return false
		}
	}
	// the tagger and parser read the word clusters and the learner, and
	// know no stage
	check("syntax", only("sitrep/event/learn", "sitrep/entity/ner", "sitrep/syntax/model"))
	check("ingest", only("sitrep"))
	check("story", only("sitrep"))
	check("sqlitestore", only("sitrep", "sitrep/story"))
	check("pgstore", only("sitrep", "sitrep/story"))
	check("natsqueue", only("sitrep", "sitrep/text"))
	check("server", func(imp string) bool {
		return !strings.HasPrefix(imp, "sitrep/cmd") && !strings.HasSuffix(imp, "store")
	})
}
