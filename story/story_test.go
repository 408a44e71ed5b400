package story

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
)

// simHash is the 64-bit SimHash of a text's shingles, kept here to show
// why Fingerprint is a MinHash sketch instead (see TestVariants).
func simHash(text string) uint64 {
	var count [64]int
	for _, h := range shingles(text) {
		for i := range count {
			if h>>uint(i)&1 == 1 {
				count[i]++
			} else {
				count[i]--
			}
		}
	}
	var fp uint64
	for i, c := range count {
		if c > 0 {
			fp |= 1 << uint(i)
		}
	}
	return fp
}

func loadTexts(t *testing.T) (names, texts []string) {
	t.Helper()
	files, _ := filepath.Glob("../examples/*.txt")
	files = append(files, "../../shared/articles/iraq-2021-07-27.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // the reference article may be absent
		}
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
		texts = append(texts, string(b))
	}
	if len(texts) < 2 {
		t.Skip("no example articles")
	}
	return names, texts
}

// variants returns wire-copy edits of an article.
func variants(a string) map[string]string {
	body := a
	if i := strings.IndexAny(a, "-—"); i >= 0 && i < 80 {
		body = strings.TrimSpace(a[i+len(string([]rune(a[i:])[0])):]) // drop the dateline
	}
	paras := strings.Split(a, "\n\n")
	added := strings.Replace(a, "\n\n", " Officials said more details would be released later in the day.\n\n", 1)
	return map[string]string{
		"headline": "Officials say the situation remains tense\n\n" + a,
		"sentence": added,
		"dateline": "LONDON (Reuters) - " + body,
		"replaced": strings.Replace(a, paras[len(paras)-1], "A spokesman declined to comment further when reached by telephone on Sunday.", 1),
		"all3":     "New headline for the wire story\n\nLONDON (Reuters) - " + strings.Replace(body, "\n\n", " Officials said more details would be released later in the day.\n\n", 1),
	}
}

func TestVariants(t *testing.T) {
	names, texts := loadTexts(t)
	kinds := []string{"headline", "sentence", "dateline", "replaced", "all3"}
	for i, a := range texts {
		v := variants(a)
		var line []string
		for _, k := range kinds {
			b := v[k]
			fa, fb := Fingerprint(a), Fingerprint(b)
			r := Resemblance(a, b)
			line = append(line, fmt.Sprintf("%s J=%.2f bands=%d d=%d simhash d=%d", k, r, SharedBands(fa, fb), Distance(fa, fb), Distance(simHash(a), simHash(b))))
			if SharedBands(fa, fb) == 0 {
				t.Errorf("%s %s: shares no band with the original", names[i], k)
			}
			if !NearDuplicate(a, b) {
				t.Errorf("%s %s: resemblance %.2f, below %.2f", names[i], k, r, MinResemblance)
			}
		}
		t.Logf("%-22s %s", names[i], strings.Join(line, "; "))
	}
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			a, b := texts[i], texts[j]
			fa, fb := Fingerprint(a), Fingerprint(b)
			r := Resemblance(a, b)
			t.Logf("unrelated %s / %s: J=%.3f bands=%d d=%d simhash d=%d", names[i], names[j], r, SharedBands(fa, fb), Distance(fa, fb), Distance(simHash(a), simHash(b)))
			if r > 0.1 || SharedBands(fa, fb) > 1 || NearDuplicate(a, b) {
				t.Errorf("unrelated %s and %s look alike: J=%.3f bands=%d", names[i], names[j], r, SharedBands(fa, fb))
			}
		}
	}
}

func TestFingerprintBasics(t *testing.T) {
	a := "The quick brown fox jumps over the lazy dog near the river bank."
	if Fingerprint(a) != Fingerprint(strings.ToUpper(a)+"  ") {
		t.Error("case and spacing change the fingerprint")
	}
	if Distance(0, ^uint64(0)) != 64 || Distance(5, 5) != 0 {
		t.Error("Distance")
	}
	if b := Bands(0x0004000300020001); b != [4]uint16{1, 2, 3, 4} {
		t.Errorf("Bands = %v", b)
	}
	for _, s := range []string{"", "  ", "one", "two words"} {
		_ = Fingerprint(s)
		if Resemblance(s, s) != 1 {
			t.Errorf("Resemblance(%q, itself) != 1", s)
		}
	}
	if Resemblance("", "some words here") != 0 {
		t.Error("empty text resembles another")
	}
}

func rec(mod func(*sitrep.EventRecord)) sitrep.EventRecord {
	lat, lon := 34.52813, 69.17233
	r := sitrep.EventRecord{Date: "2021-10-08", CAMEO: "1831", Root: "18", SourceCode: "IMGMOSISI", Source: "Islamic State",
		Target: "Afghanistan", TargetCode: "AFG", Place: "Kabul", Country: "AF", Admin1: "Kabul", Lat: &lat, Lon: &lon,
		Modality: "asserted", Doc: "a", Outlet: "AP", Text: "A suicide bomber struck."}
	if mod != nil {
		mod(&r)
	}
	return r
}

func TestKey(t *testing.T) {
	base := Key(rec(nil))
	if base != "2021-10-08|1831|IMGMOSISI|AFG|AF/kabul/kabul|asserted" {
		t.Errorf("Key = %q", base)
	}
	same := []func(*sitrep.EventRecord){
		func(r *sitrep.EventRecord) {
			r.Doc, r.Outlet, r.URL, r.Text = "b", "Reuters", "https://x", "Other words."
		},
		func(r *sitrep.EventRecord) { r.Date = "2021-10-08T09:30:00" },
		func(r *sitrep.EventRecord) { r.Source, r.Target = "IS", "the Afghans" }, // codes decide
		func(r *sitrep.EventRecord) { r.Killed = new(int); r.Goldstein = -10 },
		func(r *sitrep.EventRecord) { r.Place = "KABUL"; r.Lat = nil },
	}
	for i, m := range same {
		if k := Key(rec(m)); k != base {
			t.Errorf("same %d: key %q, want %q", i, k, base)
		}
	}
	differ := []func(*sitrep.EventRecord){
		func(r *sitrep.EventRecord) { r.Date = "2021-10-09" },
		func(r *sitrep.EventRecord) { r.CAMEO = "183" },
		func(r *sitrep.EventRecord) { r.SourceCode = "AFGGOV" },
		func(r *sitrep.EventRecord) { r.TargetCode = "" },
		func(r *sitrep.EventRecord) { r.Place, r.Admin1 = "Kunduz", "Kunduz" },
		func(r *sitrep.EventRecord) { r.Modality = "negated" },
		func(r *sitrep.EventRecord) { r.Place, r.Country, r.Admin1 = "", "", "" },
	}
	seen := map[string]int{}
	for i, m := range differ {
		k := Key(rec(m))
		if k == base {
			t.Errorf("differ %d: same key %q", i, k)
		}
		if j, ok := seen[k]; ok {
			t.Errorf("differ %d and %d: same key %q", i, j, k)
		}
		seen[k] = i
	}
	// Without codes, names decide, normalized; a name never equals a code.
	noCode := func(name string) string {
		return Key(rec(func(r *sitrep.EventRecord) { r.SourceCode, r.Source = "", name }))
	}
	if noCode("The Taliban") != noCode("taliban") || noCode("U.S. Army") != noCode("US army") {
		t.Error("names not normalized")
	}
	if noCode("IMGMOSISI") == base {
		t.Error("a name equals a code")
	}
	// Coordinates stand in for a place without a name.
	coords := func(lat, lon float64) string {
		return Key(rec(func(r *sitrep.EventRecord) { r.Place, r.Country, r.Admin1, r.Lat, r.Lon = "", "", "", &lat, &lon }))
	}
	if coords(34.51, 69.17) != coords(34.53, 69.18) || coords(34.51, 69.17) == coords(35.5, 69.17) {
		t.Error("coordinates not rounded to 0.1 degree")
	}
	if ID(base) != ID(base) || len(ID(base)) != 16 || ID(base) == ID(noCode("x")) {
		t.Error("ID")
	}
}

func TestRecords(t *testing.T) {
	text := "KÂBUL — Bombers struck a mosque on Friday. Ministers condemned it."
	doc := sitrep.NewDocument(text)
	doc.ID, doc.URL, doc.Outlet, doc.Published = "d1", "https://www.example.com/a", "AP", "2021-10-09T08:00:00Z"
	doc.Sentences = []sitrep.Span{{Start: 0, End: 42}, {Start: 43, End: 66}}
	doc.Entities = []sitrep.Entity{{ID: "E1", Name: "Bombers"}, {ID: "E2", Name: "Kâbul", Code: "AFG"}}
	doc.Places = []sitrep.Place{{ID: "P1", Entity: "E2", Name: "Kabul", Country: "AF", Admin1: "Kabul", Lat: 34.5, Lon: 69.2}}
	killed := 3
	doc.Events = []sitrep.Event{
		{ID: "V1", Sentence: 0, Source: sitrep.Ptr("E1"), CAMEO: "180", Root: "18", Date: "2021-10-08", Place: sitrep.Ptr("P1"), Modality: "asserted", Killed: &killed},
		{ID: "V2", Sentence: 1, Target: sitrep.Ptr("E9"), CAMEO: "111", Root: "11", Modality: "asserted", Text: "condemned"},
		{ID: "V3", Sentence: 7, CAMEO: "111", Root: "11", Text: "fallback"},
	}
	doc.RuneOffsets = true
	recs := Records(doc)
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	if r.Text != "KÂBUL — Bombers struck a mosque on Friday." || r.Source != "Bombers" || r.Place != "Kabul" ||
		r.Country != "AF" || *r.Lat != 34.5 || *r.Killed != 3 || r.Doc != "d1" || r.Outlet != "AP" ||
		r.Mentions != 1 || r.Articles != 1 || r.Sources != 1 || r.ID != ID(Key(r)) {
		t.Errorf("record 0 = %+v", r)
	}
	killed = 4
	if *r.Killed != 3 {
		t.Error("record shares the event's pointer")
	}
	if recs[1].Date != "2021-10-09" || recs[1].Text != "Ministers condemned it." || recs[1].Target != "" {
		t.Errorf("record 1 = %+v", recs[1])
	}
	if recs[2].Text != "fallback" {
		t.Errorf("record 2 text %q", recs[2].Text)
	}
	if Records(nil) != nil || Records(sitrep.NewDocument("")) != nil {
		t.Error("records of nothing")
	}
}

func TestSourceKey(t *testing.T) {
	for _, c := range []struct{ outlet, url, id, want string }{
		{"Reuters", "https://www.reuters.com/x", "a", "reuters"},
		{"The Associated Press", "", "a", "associated press"},
		{"", "https://WWW.BBC.co.uk/news/1", "a", "bbc.co.uk"},
		{"", "not a url", "a", "doc:a"},
		{"", "", "b", "doc:b"},
	} {
		if got := SourceKey(c.outlet, c.url, c.id); got != c.want {
			t.Errorf("SourceKey(%q, %q, %q) = %q, want %q", c.outlet, c.url, c.id, got, c.want)
		}
	}
}

func FuzzStory(f *testing.F) {
	f.Add("KABUL (AP) — A bomber struck. Officials said 3 died.", 0, 10, 2)
	f.Add("", -1, 100, 0)
	f.Add("ünïcödé ’quotes’ and | pipes / slashes", 5, 3, 1)
	f.Fuzz(func(t *testing.T, text string, start, end, sent int) {
		fp := Fingerprint(text)
		_ = Bands(fp)
		if r := Resemblance(text, text); r != 1 {
			t.Errorf("Resemblance with itself %g", r)
		}
		doc := sitrep.NewDocument(text)
		doc.Sentences = []sitrep.Span{{Start: start, End: end}}
		doc.Entities = []sitrep.Entity{{ID: "E1", Name: text}}
		doc.Places = []sitrep.Place{{ID: "P1", Name: text}}
		doc.Events = []sitrep.Event{{Sentence: sent, Source: sitrep.Ptr("E1"), Place: sitrep.Ptr("P1"), CAMEO: text, Date: text}}
		for _, runes := range []bool{false, true} {
			doc.RuneOffsets = runes
			for _, r := range Records(doc) {
				if r.ID != ID(Key(r)) || strings.Count(Key(r), "|") != 5 {
					t.Errorf("key %q", Key(r))
				}
			}
		}
	})
}

func BenchmarkFingerprint(b *testing.B) {
	data, err := os.ReadFile("../../shared/articles/iraq-2021-07-27.txt")
	if err != nil {
		data = []byte(strings.Repeat("A suicide bomber struck a crowded mosque during Friday prayers. ", 40))
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fingerprint(text)
	}
}

func BenchmarkResemblance(b *testing.B) {
	a := strings.Repeat("A suicide bomber struck a crowded mosque during Friday prayers, officials said. ", 10)
	c := a + "One more sentence."
	b.SetBytes(int64(len(a) + len(c)))
	for b.Loop() {
		Resemblance(a, c)
	}
}

func ExampleKey() {
	r := sitrep.EventRecord{Date: "2021-07-26", CAMEO: "036", SourceCode: "USAGOV", TargetCode: "IRQGOV",
		Place: "Washington", Country: "US", Admin1: "District of Columbia", Modality: "asserted"}
	fmt.Println(Key(r))
	// Output: 2021-07-26|036|USAGOV|IRQGOV|US/district of columbia/washington|asserted
}
