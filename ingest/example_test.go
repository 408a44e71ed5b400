package ingest_test

import (
	"context"
	"fmt"
	"os"

	"sitrep"
	"sitrep/ingest"
)

// Read walks files and directories (and "-" for standard input), choosing
// each file's reader by its extension or first bytes. Problems with single
// records come to yield as errors and reading goes on.
func ExampleRead() {
	inputs := []string{"testdata/articles.jsonl", "testdata/feed.atom", "testdata/cc-news.warc.gz"}
	err := ingest.Read(context.Background(), inputs, os.Stdin, func(a sitrep.Article, err error) bool {
		if err != nil {
			fmt.Println("skipped:", err)
			return true
		}
		fmt.Printf("%s | %s | %s | %s\n", a.Origin, a.Published, a.Outlet, a.Title)
		return true
	})
	if err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// testdata/articles.jsonl:1 | 2023-02-06T04:17:00Z | Wire Example | Earthquake hits eastern Turkey
	// testdata/articles.jsonl:2 | 2023-02-07 | Wire Example | Talks resume in Geneva
	// skipped: testdata/articles.jsonl: byte 563: line 3: invalid JSON: unexpected end of JSON input
	// skipped: testdata/articles.jsonl: byte 623: line 5: not a JSON object but array
	// skipped: testdata/articles.jsonl: byte 647: line 6: no text (fields "text", "content", "body")
	// testdata/articles.jsonl:7 | 2023-02-09T00:00:00Z |  | Fire in port
	// testdata/feed.atom#item 1 | 2023-05-02T11:20:00+03:00 | Northern Wire | Finland & Sweden hold joint exercise
	// testdata/feed.atom#item 2 | 2023-05-01T18:00:00Z | Northern Wire | Port strike ends in Gothenburg
	// testdata/cc-news.warc.gz@459 | 2023-03-14T08:30:00+02:00 | The Daily Ledger | Floods displace thousands in southern Malawi
	// skipped: testdata/cc-news.warc.gz: byte 3265: broken WARC record: flate: corrupt input before offset 43; skipped to the next record
	// testdata/cc-news.warc.gz@5290 | 2023-03-15T06:01:02Z | zeitung.example | Demonstration in Zürich
	// testdata/cc-news.warc.gz@5753 | 2023-03-15T06:00:00Z | Valley Times | Dam breach
}
