// Package demo holds sitrep's example articles, embedded, so that
// `sitrep serve --demo` can show a filled store from the binary alone.
//
// The articles are copies of ../../examples/*.txt (go generate refreshes
// them; a test checks that they match). Each gets a publication date, so
// that relative times ("on Friday") resolve and the timeline has days.
package demo

//go:generate sh -c "rm -f articles/*.txt && cp ../../examples/*.txt articles/"

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"sitrep"
)

//go:embed articles/*.txt
var files embed.FS

// published dates the example articles; an example not listed here is
// loaded without a date.
var published = map[string]string{
	"ceasefire-talks": "2022-10-03",
	"diplomatic-deal": "2023-03-10",
	"earthquake":      "2020-01-25",
	"flood-relief":    "2020-08-03",
	"mosque-bombing":  "2021-10-08",
	"protest-capital": "2023-03-14",
}

// Articles returns the example articles, in file name order. The title is
// the file name made readable; the URL is empty.
func Articles() ([]sitrep.Article, error) {
	names, err := fs.Glob(files, "articles/*.txt")
	if err != nil {
		return nil, fmt.Errorf("demo articles: %w", err)
	}
	out := make([]sitrep.Article, 0, len(names))
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("demo article %s: %w", n, err)
		}
		base := strings.TrimSuffix(path.Base(n), ".txt")
		out = append(out, sitrep.Article{
			Title:     strings.ToUpper(base[:1]) + strings.ReplaceAll(base[1:], "-", " "),
			Outlet:    "sitrep examples",
			Published: published[base],
			Text:      string(b),
			Origin:    "examples/" + base + ".txt",
		})
	}
	return out, nil
}
