package ingest

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
)

// collect runs a reader and returns its articles, the texts of the errors
// it yielded, and the error it returned.
func collect(t testing.TB, read func(yield func(sitrep.Article, error) bool) error) ([]sitrep.Article, []string, error) {
	t.Helper()
	var arts []sitrep.Article
	var errs []string
	err := read(func(a sitrep.Article, err error) bool {
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("yielded error %T is not *InputError: %v", err, err)
			}
			if a != (sitrep.Article{}) {
				t.Errorf("error %v came with an article", err)
			}
			errs = append(errs, err.Error())
			return true
		}
		arts = append(arts, a)
		return true
	})
	return arts, errs, err
}

func TestReadFeed(t *testing.T) {
	tests := []struct {
		file string
		want []sitrep.Article
		errs []string
	}{
		{
			file: "testdata/feed.rss",
			want: []sitrep.Article{
				{
					ID:        "ch-2023-0120-lima",
					URL:       "https://coastalherald.example/world/2023/01/20/lima-protests",
					Title:     "Protesters clash with police in Lima",
					Outlet:    "Coastal Herald – World",
					Byline:    "Lucía Ramos",
					Published: "2023-01-20T14:05:00Z",
					Text: "LIMA – Thousands of protesters marched through the Peruvian capital on Thursday demanding the resignation of President Dina Boluarte.\n\n" +
						"Police fired tear gas at demonstrators near the Congress building, and the health ministry said 22 people were injured.\n\n" +
						"The protests began in December after the ousting of former president Pedro Castillo.",
					Origin: "feed.rss#item 1", Language: "en",
				},
				{
					ID:        "https://coastalherald.example/world/2023/01/21/chad-qa",
					URL:       "https://coastalherald.example/world/2023/01/21/chad-qa",
					Title:     "Q&A: why Chad’s election matters",
					Outlet:    "Coastal Herald – World",
					Published: "2023-01-21T09:00:00+01:00",
					Text:      "Chad votes next month in an election that the opposition says is already decided.\n\nHere is what you need to know.",
					Origin:    "feed.rss#item 2", Language: "en",
				},
			},
			errs: []string{"feed.rss#item 3: item has no text"},
		},
		{
			file: "testdata/feed.atom",
			want: []sitrep.Article{
				{
					ID:        "tag:northernwire.example,2023:1042",
					URL:       "https://northernwire.example/2023/05/02/joint-exercise",
					Title:     "Finland & Sweden hold joint exercise",
					Outlet:    "Northern Wire",
					Byline:    "Mikko Virtanen",
					Published: "2023-05-02T11:20:00+03:00",
					Text: "HELSINKI (Northern Wire) – Finnish and Swedish troops began a joint exercise near the Russian border on Tuesday, the Finnish defence ministry said.\n\n" +
						"About 4,000 soldiers are taking part in the drills, which run until Friday.",
					Origin: "feed.atom#item 1",
				},
				{
					ID:        "tag:northernwire.example,2023:1041",
					URL:       "https://northernwire.example/2023/05/01/port-strike",
					Title:     "Port strike ends in Gothenburg",
					Outlet:    "Northern Wire",
					Published: "2023-05-01T18:00:00Z",
					Text:      "Dock workers in Gothenburg ended a three-day strike on Monday after unions reached a deal with the port operator.\n\nTraffic is expected to return to normal by Wednesday.",
					Origin:    "feed.atom#item 2",
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			name := strings.TrimPrefix(tt.file, "testdata/")
			arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return ReadFeed(context.Background(), name, f, y)
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != len(tt.want) {
				t.Fatalf("got %d articles, want %d: %+v", len(arts), len(tt.want), arts)
			}
			for i := range arts {
				if !reflect.DeepEqual(arts[i], tt.want[i]) {
					t.Errorf("item %d:\n got %+v\nwant %+v", i+1, arts[i], tt.want[i])
				}
			}
			if !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("errors %q, want %q", errs, tt.errs)
			}
		})
	}
}

func TestReadFeedErrors(t *testing.T) {
	tests := []struct{ name, in, err string }{
		{"not a feed", "<html><body>hi</body></html>", "x.xml: feed: "},
		{"empty", "", "x.xml: feed: "},
		{"truncated", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a`, "x.xml: feed: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return ReadFeed(context.Background(), "x.xml", strings.NewReader(tt.in), y)
			})
			var ie *InputError
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) || !errors.As(err, &ie) {
				t.Errorf("error %v, want prefix %q", err, tt.err)
			}
		})
	}
}

func TestReadFeedStop(t *testing.T) {
	f, err := os.Open("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	err = ReadFeed(context.Background(), "feed.rss", f, func(sitrep.Article, error) bool { n++; return false })
	if err != nil || n != 1 {
		t.Errorf("after stop: err %v, %d calls", err, n)
	}
}

func FuzzFeed(f *testing.F) {
	for _, name := range []string{"testdata/feed.rss", "testdata/feed.atom"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_html":"<p>x</p>"}]}`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title><description>d</description></item></rdf:RDF>`))
	// items past the limit: in comments, CDATA and attributes, not
	// counted; a JSON Feed with strings that look like its structure
	f.Add([]byte(`<rss version="2.0"><channel><!-- <item> --><item><description a="x>y"><![CDATA[<item>a</item>]]></description></item><item/><item><description>b</description></item></channel></rss>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"content_text":"a, {b}]\"}"},{"content_text":"b"},{"content_text":"c"}]}`))
	// charsets: Latin-1 undeclared, declared, belied; UTF-16 with and
	// without its byte-order mark; an unknown label
	latin := "<rss version=\"2.0\"><channel><item><description>Z\xfcrich caf\xe9</description></item></channel></rss>"
	f.Add([]byte(latin))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>` + latin))
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + latin))
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-16"?>` + latin))
	f.Add([]byte(`<?xml version="1.0" encoding="x-unknown"?>` + latin))
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"))
	f.Add([]byte("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"content_text\":\"caf\xe9\"}]}"))
	small := &Reader{Limits: sitrep.Limits{FeedItems: 2, RecordBytes: 4 << 10, ArticleBytes: 64}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, rd := range []*Reader{nil, small} {
			n := 0
			_, _, _ = collect(t, func(y func(sitrep.Article, error) bool) error {
				return rd.ReadFeed(context.Background(), "fuzz", strings.NewReader(string(data)), func(a sitrep.Article, err error) bool {
					if err == nil && (a.Text == "" || !utf8.ValidString(a.Text)) {
						t.Fatalf("bad article text %q", a.Text)
					}
					if err == nil && rd != nil && len(a.Text) > 64 {
						t.Fatalf("article of %d bytes over the limit of 64", len(a.Text))
					}
					n++
					return y(a, err)
				})
			})
			if rd != nil && n > 2 {
				t.Fatalf("%d items and errors from a feed read with a limit of 2 items", n)
			}
		}
	})
}

func BenchmarkReadFeed(b *testing.B) {
	data, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := ReadFeed(context.Background(), "feed.rss", strings.NewReader(string(data)), func(sitrep.Article, error) bool { return true }); err != nil {
			b.Fatal(err)
		}
	}
}
