package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sitrep"
)

func TestReadJSONL(t *testing.T) {
	f, err := os.Open("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
		return ReadJSONL(context.Background(), "articles.jsonl", f, y)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []sitrep.Article{
		{ID: "a1", URL: "https://wire.example/a1", Title: "Earthquake hits eastern Turkey", Outlet: "Wire Example",
			Published: "2023-02-06T04:17:00Z", Text: "ANKARA - A magnitude 7.8 earthquake struck southeastern Turkey on Monday.\n\nRescue teams were sent to Gaziantep.",
			Origin: "articles.jsonl:1"},
		{ID: "2", URL: "https://wire.example/a2", Title: "Talks resume in Geneva", Outlet: "Wire Example", Byline: "Ana Lopes, Tom Berg",
			Published: "2023-02-07", Text: "GENEVA - Negotiators resumed talks on Tuesday.\n\nNo deal is expected this week.", Origin: "articles.jsonl:2"},
		{ID: "a6", Title: "Fire in port", Published: "2023-02-09T00:00:00Z",
			Text: "A fire broke out at the port of Piraeus on Thursday, the coast guard said.", Origin: "articles.jsonl:7"},
	}
	if !reflect.DeepEqual(arts, want) {
		t.Errorf("articles:\n got %+v\nwant %+v", arts, want)
	}
	wantErrs := []string{
		"articles.jsonl: byte 563: line 3: invalid JSON: unexpected end of JSON input",
		"articles.jsonl: byte 623: line 5: not a JSON object but array",
		`articles.jsonl: byte 647: line 6: no text (fields "text", "content", "body")`,
	}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors:\n got %q\nwant %q", errs, wantErrs)
	}
}

func TestReadJSONLEdges(t *testing.T) {
	rd := &Reader{Limits: sitrep.Limits{RecordBytes: 100}}
	long := `{"text":"` + strings.Repeat("x", 200) + `"}`
	// sized returns a line of n bytes with text "x..."
	sized := func(n int) string { return `{"text":"` + strings.Repeat("x", n-11) + `"}` }
	atLimit := strings.Repeat("x", 89)
	tests := []struct {
		name, in string
		texts    []string
		errs     []string
	}{
		{"no final newline", `{"text":"a"}` + "\n" + `{"text":"b"}`, []string{"a", "b"}, nil},
		{"CRLF and BOM", "\xEF\xBB\xBF{\"text\":\"a\"}\r\n\r\n{\"text\":\"b\"}\r\n", []string{"a", "b"}, nil},
		{"empty", "", nil, nil},
		{"blank lines only", "\n \n\t\n", nil, nil},
		{"line too long", long + "\n" + `{"text":"after"}` + "\n", []string{"after"},
			[]string{"j: byte 0: line 1: record size in bytes over the limit of 100; skipped"}},
		{"null", "null\n", nil, []string{"j: byte 0: line 1: not a JSON object but null"}},
		// a line of the record limit is read, one of a byte more refused
		{"line at the limit", sized(100) + "\n" + sized(100), []string{atLimit, atLimit}, nil},
		{"line at the limit, CRLF", sized(100) + "\r\n" + sized(100) + "\r\n", []string{atLimit, atLimit}, nil},
		{"line a byte over the limit", sized(101) + "\n" + sized(100) + "\n", []string{atLimit},
			[]string{"j: byte 0: line 1: record size in bytes over the limit of 100; skipped"}},
		{"line a byte over the limit, CRLF", sized(101) + "\r\n" + sized(100) + "\r\n", []string{atLimit},
			[]string{"j: byte 0: line 1: record size in bytes over the limit of 100; skipped"}},
		{"last line a byte over the limit", sized(100) + "\n" + sized(101), []string{atLimit},
			[]string{"j: byte 101: line 2: record size in bytes over the limit of 100; skipped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return rd.ReadJSONL(context.Background(), "j", strings.NewReader(tt.in), y)
			})
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, a := range arts {
				texts = append(texts, a.Text)
			}
			if !reflect.DeepEqual(texts, tt.texts) || !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("got %.200q %q, want %q %q", texts, errs, tt.texts, tt.errs)
			}
		})
	}
}

// TestReadJSONLinesNamedJSON: JSON Lines in a file named .json are read as
// JSON Lines, whatever the length of their lines: a bad line is reported
// with its number and the lines after it are read.
func TestReadJSONLinesNamedJSON(t *testing.T) {
	line := func(i int, pad int) string {
		return fmt.Sprintf(`{"text":"Police arrested %d people in Lagos.%s"}`, i, strings.Repeat(" ", pad))
	}
	for _, pad := range []int{0, 5000, 40000} {
		t.Run(fmt.Sprint(pad), func(t *testing.T) {
			data := line(1, pad) + "\n" + `{"text": "Police arrested 2 pe` + "\n" + line(3, pad) + "\n" + line(4, pad) + "\n"
			path := filepath.Join(t.TempDir(), "lines.json")
			writeFile(t, path, []byte(data))
			arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return Read(context.Background(), []string{path}, nil, y)
			})
			wantErr := fmt.Sprintf("%s: byte %d: line 2: invalid JSON: unexpected end of JSON input", path, len(line(1, pad))+1)
			if err != nil || len(arts) != 3 || len(errs) != 1 || errs[0] != wantErr {
				t.Fatalf("%d articles, errors %q, %v; want 3 articles and %q", len(arts), errs, err, wantErr)
			}
			if arts[2].Origin != path+":4" {
				t.Errorf("last origin %q, want %q", arts[2].Origin, path+":4")
			}
		})
	}
}

func TestArticleFromJSON(t *testing.T) {
	tests := []struct {
		in   string
		want sitrep.Article
		err  string
	}{
		{`{"id":"x","url":"u","title":"t","published":"2021-07-27","text":"body"}`,
			sitrep.Article{ID: "x", URL: "u", Title: "t", Published: "2021-07-27", Text: "body"}, ""},
		{`{"ID":7,"Link":"u","Headline":"Q&amp;A","date_publish":"2021-07-27 10:00:00","maintext":"body","source_domain":"news.example","authors":["A","B"]}`,
			sitrep.Article{ID: "7", URL: "u", Title: "Q&A", Published: "2021-07-27T10:00:00", Text: "body", Outlet: "news.example", Byline: "A, B"}, ""},
		{`{"content":"<p>one</p><p>two &amp; three</p>","source":{"name":"Wire"},"author":{"name":"By Jo Ng"},"publishedAt":"2021-07-27T10:00:00Z"}`,
			sitrep.Article{Text: "one\n\ntwo & three", Outlet: "Wire", Byline: "Jo Ng", Published: "2021-07-27T10:00:00Z"}, ""},
		{`{"text":"a","date":1627380000123}`, sitrep.Article{Text: "a", Published: "2021-07-27T10:00:00Z"}, ""},
		{`{"text":"a","date":"not a date","published":""}`, sitrep.Article{Text: "a"}, ""},
		{`{"text":"a < b and c > d"}`, sitrep.Article{Text: "a < b and c > d"}, ""},
		{`{"text":""}`, sitrep.Article{}, `no text (fields "text", "content", "body")`},
		{`{"text":5}`, sitrep.Article{Text: "5"}, ""},
		{`"text"`, sitrep.Article{}, "not a JSON object but string"},
		{`{"text":"a"`, sitrep.Article{}, "invalid JSON: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		got, err := ArticleFromJSON([]byte(tt.in))
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.err {
			t.Errorf("ArticleFromJSON(%s) = %+v, %q; want %+v, %q", tt.in, got, gotErr, tt.want, tt.err)
		}
	}
}

func TestReadJSON(t *testing.T) {
	tests := []struct {
		name, in string
		texts    []string
		errs     []string
		err      string
	}{
		{"array", `[{"text":"a"}, {"title":"no text"}, {"text":"b"}]`, []string{"a", "b"},
			[]string{`j: byte 13: item 2: no text (fields "text", "content", "body")`}, ""},
		{"pretty object", "{\n  \"title\": \"T\",\n  \"text\": \"a\"\n}\n", []string{"a"}, nil, ""},
		{"objects", `{"text":"a"} {"text":"b"}`, []string{"a", "b"}, nil, ""},
		{"empty array", `[]`, nil, nil, ""},
		{"broken array", `[{"text":"a"}, {"text":`, []string{"a"}, nil, "j: byte 13: item 2: JSON: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return ReadJSON(context.Background(), "j", strings.NewReader(tt.in), y)
			})
			var texts []string
			for _, a := range arts {
				texts = append(texts, a.Text)
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Errorf("error %T is not *InputError", err)
				}
			}
			if !reflect.DeepEqual(texts, tt.texts) || !reflect.DeepEqual(errs, tt.errs) || gotErr != tt.err {
				t.Errorf("got %q %q %q, want %q %q %q", texts, errs, gotErr, tt.texts, tt.errs, tt.err)
			}
		})
	}
}

func FuzzJSONL(f *testing.F) {
	data, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	for _, line := range strings.Split(string(data), "\n") {
		f.Add([]byte(line))
	}
	f.Add([]byte(`[{"text":"a"},{"text":1e400}]`))
	// more elements than the limit, an element over the record size, HTML
	// text over the article size
	f.Add([]byte(`[{"text":"a"},{"text":"b"},{"text":"c"}]`))
	f.Add([]byte(`[{"text":"a"},{"text":"` + strings.Repeat("b", 200) + `"}]`))
	f.Add([]byte(`{"text":"<p>` + strings.Repeat("c", 100) + `</p>"}` + "\n" + `{"text":"d"}`))
	small := &Reader{Limits: sitrep.Limits{FeedItems: 2, RecordBytes: 128, ArticleBytes: 64}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, r := range []struct {
			array bool // ReadJSON, which limits array elements
			read  func(context.Context, string, io.Reader, func(sitrep.Article, error) bool) error
		}{{false, small.ReadJSONL}, {true, small.ReadJSON}} {
			n := 0
			_, _, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return r.read(context.Background(), "fuzz", strings.NewReader(string(data)), func(a sitrep.Article, err error) bool {
					if err == nil && len(a.Text) > 64 {
						t.Fatalf("article of %d bytes over the limit of 64", len(a.Text))
					}
					n++
					return y(a, err)
				})
			})
			var ie *InputError
			if err != nil && !errors.As(err, &ie) {
				t.Fatalf("returned error %T is not *InputError", err)
			}
			if r.array && bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")) && n > 2 {
				t.Fatalf("%d elements read from an array with a limit of 2", n)
			}
		}
		for _, read := range []func(context.Context, string, *strings.Reader, func(sitrep.Article, error) bool) error{
			func(ctx context.Context, n string, r *strings.Reader, y func(sitrep.Article, error) bool) error {
				return ReadJSONL(ctx, n, r, y)
			},
			func(ctx context.Context, n string, r *strings.Reader, y func(sitrep.Article, error) bool) error {
				return ReadJSON(ctx, n, r, y)
			},
		} {
			_, _, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return read(context.Background(), "fuzz", strings.NewReader(string(data)), func(a sitrep.Article, err error) bool {
					if err == nil && strings.TrimSpace(a.Text) == "" {
						t.Fatal("article without text")
					}
					return y(a, err)
				})
			})
			var ie *InputError
			if err != nil && !errors.As(err, &ie) {
				t.Fatalf("returned error %T is not *InputError", err)
			}
		}
	})
}

func BenchmarkReadJSONL(b *testing.B) {
	var sb strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&sb, `{"id":"a%d","url":"https://wire.example/a%d","title":"Earthquake hits eastern Turkey","published":"2023-02-06T04:17:00Z","outlet":"Wire Example","text":"ANKARA - A magnitude 7.8 earthquake struck southeastern Turkey on Monday, the disaster agency said.\n\nRescue teams were sent to Gaziantep, Kahramanmaras and Hatay, where hundreds of buildings collapsed."}`+"\n", i, i)
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if err := ReadJSONL(context.Background(), "bench.jsonl", strings.NewReader(data), func(sitrep.Article, error) bool { n++; return true }); err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
}
