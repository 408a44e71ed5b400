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
	for _, leaf := range []string{"entity/ner/model", "place/gazetteer/data"} {
		check(leaf, func(imp string) bool { return imp == "embed" || imp == "_embed" })
	}
	for _, stage := range []string{"text", "entity", "when", "quantity", "place", "quote", "event"} {
		check(stage, func(imp string) bool { return imp != "sitrep/pipeline" && !strings.HasPrefix(imp, "sitrep/cmd") })
	}
}
