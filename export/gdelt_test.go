package export

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
)

// codebookEvents is GDELT 2.0's event table as the GDELT Event Codebook
// V2.0 lists it (and the BigQuery table gdelt-bq.gdeltv2.events types it),
// written out here column by column, independently of the package's list,
// so that a column out of place fails.
var codebookEvents = []struct{ name, typ string }{
	{"GLOBALEVENTID", "INTEGER"}, {"SQLDATE", "INTEGER"}, {"MonthYear", "INTEGER"}, {"Year", "INTEGER"},
	{"FractionDate", "FLOAT"},
	{"Actor1Code", "STRING"}, {"Actor1Name", "STRING"}, {"Actor1CountryCode", "STRING"},
	{"Actor1KnownGroupCode", "STRING"}, {"Actor1EthnicCode", "STRING"}, {"Actor1Religion1Code", "STRING"},
	{"Actor1Religion2Code", "STRING"}, {"Actor1Type1Code", "STRING"}, {"Actor1Type2Code", "STRING"},
	{"Actor1Type3Code", "STRING"},
	{"Actor2Code", "STRING"}, {"Actor2Name", "STRING"}, {"Actor2CountryCode", "STRING"},
	{"Actor2KnownGroupCode", "STRING"}, {"Actor2EthnicCode", "STRING"}, {"Actor2Religion1Code", "STRING"},
	{"Actor2Religion2Code", "STRING"}, {"Actor2Type1Code", "STRING"}, {"Actor2Type2Code", "STRING"},
	{"Actor2Type3Code", "STRING"},
	{"IsRootEvent", "INTEGER"}, {"EventCode", "STRING"}, {"EventBaseCode", "STRING"}, {"EventRootCode", "STRING"},
	{"QuadClass", "INTEGER"}, {"GoldsteinScale", "FLOAT"}, {"NumMentions", "INTEGER"}, {"NumSources", "INTEGER"},
	{"NumArticles", "INTEGER"}, {"AvgTone", "FLOAT"},
	{"Actor1Geo_Type", "INTEGER"}, {"Actor1Geo_FullName", "STRING"}, {"Actor1Geo_CountryCode", "STRING"},
	{"Actor1Geo_ADM1Code", "STRING"}, {"Actor1Geo_ADM2Code", "STRING"}, {"Actor1Geo_Lat", "FLOAT"},
	{"Actor1Geo_Long", "FLOAT"}, {"Actor1Geo_FeatureID", "STRING"},
	{"Actor2Geo_Type", "INTEGER"}, {"Actor2Geo_FullName", "STRING"}, {"Actor2Geo_CountryCode", "STRING"},
	{"Actor2Geo_ADM1Code", "STRING"}, {"Actor2Geo_ADM2Code", "STRING"}, {"Actor2Geo_Lat", "FLOAT"},
	{"Actor2Geo_Long", "FLOAT"}, {"Actor2Geo_FeatureID", "STRING"},
	{"ActionGeo_Type", "INTEGER"}, {"ActionGeo_FullName", "STRING"}, {"ActionGeo_CountryCode", "STRING"},
	{"ActionGeo_ADM1Code", "STRING"}, {"ActionGeo_ADM2Code", "STRING"}, {"ActionGeo_Lat", "FLOAT"},
	{"ActionGeo_Long", "FLOAT"}, {"ActionGeo_FeatureID", "STRING"},
	{"DATEADDED", "INTEGER"}, {"SOURCEURL", "STRING"},
}

// codebookMentions is GDELT 2.0's mentions table (Event Codebook V2.0,
// "Mentions table"), written out independently likewise.
var codebookMentions = []struct{ name, typ string }{
	{"GLOBALEVENTID", "INTEGER"}, {"EventTimeDate", "INTEGER"}, {"MentionTimeDate", "INTEGER"},
	{"MentionType", "INTEGER"}, {"MentionSourceName", "STRING"}, {"MentionIdentifier", "STRING"},
	{"SentenceID", "INTEGER"}, {"Actor1CharOffset", "INTEGER"}, {"Actor2CharOffset", "INTEGER"},
	{"ActionCharOffset", "INTEGER"}, {"InRawText", "INTEGER"}, {"Confidence", "INTEGER"},
	{"MentionDocLen", "INTEGER"}, {"MentionDocTone", "FLOAT"}, {"MentionDocTranslationInfo", "STRING"},
	{"Extras", "STRING"},
}

func TestGDELTColumnsAreTheCodebooks(t *testing.T) {
	for _, tt := range []struct {
		name string
		got  []Column
		want []struct{ name, typ string }
	}{
		{"events", GDELTEventColumns(), codebookEvents},
		{"mentions", GDELTMentionColumns(), codebookMentions},
	} {
		if len(tt.got) != len(tt.want) {
			t.Fatalf("%s: %d columns, the codebook has %d", tt.name, len(tt.got), len(tt.want))
		}
		for i, c := range tt.want {
			if tt.got[i].Name != c.name || tt.got[i].Type != c.typ {
				t.Errorf("%s column %d = %s %s, codebook %s %s", tt.name, i+1, tt.got[i].Name, tt.got[i].Type, c.name, c.typ)
			}
		}
	}
	if len(codebookEvents) != 61 || len(codebookMentions) != 16 {
		t.Fatal("the codebook lists have 61 and 16 columns")
	}
}

// gdeltTable is a GDELT file as a positional loader reads it: rows of
// tab-separated cells named by the codebook's list.
type gdeltTable []map[string]string

// loadGDELT reads out as GDELT's loaders do, by position with the codebook
// list and no header, checking each cell against its column's type: an
// INTEGER a whole number or empty (NULL), a FLOAT a number or empty, and
// no cell with a tab or a line break.
func loadGDELT(t *testing.T, out []byte, cols []struct{ name, typ string }) gdeltTable {
	t.Helper()
	var table gdeltTable
	for n, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if line == "" {
			t.Fatalf("line %d is empty", n+1)
		}
		cells := strings.Split(line, "\t")
		if len(cells) != len(cols) {
			t.Fatalf("line %d: %d cells, the codebook has %d columns: %q", n+1, len(cells), len(cols), line)
		}
		row := map[string]string{}
		for i, c := range cols {
			v := cells[i]
			row[c.name] = v
			if strings.ContainsAny(v, "\r") {
				t.Errorf("line %d %s = %q holds a line break", n+1, c.name, v)
			}
			switch c.typ {
			case "INTEGER":
				if _, err := strconv.ParseInt(v, 10, 64); err != nil && v != "" {
					t.Errorf("line %d %s = %q is not an INTEGER", n+1, c.name, v)
				}
			case "FLOAT":
				if _, err := strconv.ParseFloat(v, 64); err != nil && v != "" {
					t.Errorf("line %d %s = %q is not a FLOAT", n+1, c.name, v)
				}
			}
		}
		table = append(table, row)
	}
	return table
}

// cellFormats are the shapes GDELT's columns take beyond their types.
var cellFormats = map[string]*regexp.Regexp{
	"GLOBALEVENTID":  regexp.MustCompile(`^[1-9][0-9]*$`),
	"SQLDATE":        regexp.MustCompile(`^(|[12][0-9]{3}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01]))$`),
	"MonthYear":      regexp.MustCompile(`^(|[12][0-9]{3}(0[1-9]|1[0-2]))$`),
	"Year":           regexp.MustCompile(`^(|[12][0-9]{3})$`),
	"FractionDate":   regexp.MustCompile(`^(|[12][0-9]{3}\.[0-9]{4})$`),
	"IsRootEvent":    regexp.MustCompile(`^[01]$`),
	"EventCode":      regexp.MustCompile(`^[0-9]{3,4}$`),
	"EventBaseCode":  regexp.MustCompile(`^[0-9]{3}$`),
	"EventRootCode":  regexp.MustCompile(`^[0-9]{2}$`),
	"QuadClass":      regexp.MustCompile(`^[1-4]$`),
	"GoldsteinScale": regexp.MustCompile(`^-?[0-9]+\.[0-9]$`),
	"NumMentions":    regexp.MustCompile(`^[1-9][0-9]*$`),
	"NumSources":     regexp.MustCompile(`^[1-9][0-9]*$`),
	"NumArticles":    regexp.MustCompile(`^[1-9][0-9]*$`),
	"DATEADDED":      regexp.MustCompile(`^[12][0-9]{3}[01][0-9][0-3][0-9][0-2][0-9][0-5][0-9][0-5][0-9]$`),
}

// checkGeo checks one location block: type 0 to 5; with a location, a
// two-letter FIPS country, an ADM1 code that is that country's code or
// it and two more characters, and coordinates.
func checkGeo(t *testing.T, n int, row map[string]string, prefix string) {
	t.Helper()
	typ := row[prefix+"Type"]
	if typ < "0" || typ > "5" || len(typ) != 1 {
		t.Errorf("row %d %sType = %q", n, prefix, typ)
	}
	if typ == "0" {
		for _, c := range []string{"FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"} {
			if row[prefix+c] != "" {
				t.Errorf("row %d: no location but %s%s = %q", n, prefix, c, row[prefix+c])
			}
		}
		return
	}
	cc, adm1 := row[prefix+"CountryCode"], row[prefix+"ADM1Code"]
	if !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(cc) {
		t.Errorf("row %d %sCountryCode = %q, want a FIPS 10-4 code", n, prefix, cc)
	}
	if adm1 != cc && !(len(adm1) == 4 && strings.HasPrefix(adm1, cc)) {
		t.Errorf("row %d %sADM1Code = %q, want %s or %sXX", n, prefix, adm1, cc, cc)
	}
	if row[prefix+"FullName"] == "" || row[prefix+"Lat"] == "" || row[prefix+"Long"] == "" {
		t.Errorf("row %d %s: name or coordinates missing: %v", n, prefix, row)
	}
}

// TestGDELTEventsLoad loads the gdelt export of the test documents with the
// codebook's column list and checks every column's type and shape and, by
// name, the values that only the right position can give.
func TestGDELTEventsLoad(t *testing.T) {
	out := writeDocs(t, FormatGDELT, allDocs(t)...)
	table := loadGDELT(t, out, codebookEvents)
	if len(table) != 6+7+2 {
		t.Fatalf("%d rows, want 15 happenings", len(table))
	}
	for n, row := range table {
		for name, re := range cellFormats {
			if !re.MatchString(row[name]) {
				t.Errorf("row %d %s = %q, want %s", n+1, name, row[name], re)
			}
		}
		for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
			checkGeo(t, n+1, row, g)
		}
		if !strings.HasPrefix(row["SOURCEURL"], "https://") {
			t.Errorf("row %d SOURCEURL = %q", n+1, row["SOURCEURL"])
		}
	}
	find := func(code, actor1 string) map[string]string {
		for _, row := range table {
			if row["EventCode"] == code && row["Actor1Code"] == actor1 {
				return row
			}
		}
		t.Fatalf("no row with EventCode %s and Actor1Code %s", code, actor1)
		return nil
	}
	want := []struct {
		code string
		cols map[string]string
	}{
		{"175", map[string]string{ // police fire tear gas in Nairobi: lead paragraph, Kenya is KE, Nairobi KE05
			"SQLDATE": "20230314", "MonthYear": "202303", "Year": "2023", "FractionDate": "2023.2027",
			"Actor1Code": "KENCOP", "Actor1Name": "POLICE", "Actor1CountryCode": "KEN", "Actor1Type1Code": "COP",
			"IsRootEvent": "1", "EventBaseCode": "175", "QuadClass": "4", "GoldsteinScale": "-9.0",
			"NumMentions": "1", "NumSources": "1", "NumArticles": "1",
			"ActionGeo_Type": "4", "ActionGeo_FullName": "Nairobi, Nairobi County, Kenya", "ActionGeo_CountryCode": "KE",
			"ActionGeo_ADM1Code": "KE05", "ActionGeo_ADM2Code": "", "ActionGeo_Lat": "-1.2833", "ActionGeo_Long": "36.8167",
			"ActionGeo_FeatureID": "184745", "DATEADDED": "20230314160500",
			"SOURCEURL": "https://www.example.org/world/africa/nairobi-fuel-protest",
		}},
		{"040", map[string]string{ // the government plans to meet next week: a week, no SQLDATE; not in the lead
			"SQLDATE": "", "MonthYear": "202303", "Year": "2023", "IsRootEvent": "0", "EventBaseCode": "040",
			"EventRootCode": "04", "Actor1Code": "KENGOV", "Actor1Type1Code": "GOV",
		}},
		{"020", map[string]string{ // the UN calls on the Afghan authorities
			"Actor1Code": "IGOUNO", "Actor1Name": "UNITED NATIONS", "Actor1KnownGroupCode": "UNO", "Actor1Type1Code": "IGO",
			"Actor1CountryCode": "", "Actor2Code": "AFGGOV", "Actor2CountryCode": "AFG", "Actor2Type1Code": "GOV",
			"ActionGeo_Type": "1", "ActionGeo_FullName": "Afghanistan", "ActionGeo_CountryCode": "AF",
			"ActionGeo_ADM1Code": "AF", "ActionGeo_FeatureID": "AF", "DATEADDED": "20230314000000",
		}},
		{"111", map[string]string{ // the Taliban spokesman in Kunduz
			"Actor1Code": "IMGMOSTAL", "Actor1KnownGroupCode": "TAL", "Actor1Religion1Code": "MOS", "Actor1Type1Code": "IMG",
			"ActionGeo_CountryCode": "AF", "ActionGeo_ADM1Code": "AF24", "ActionGeo_FullName": "Kunduz, Afghanistan",
		}},
		{"141", map[string]string{ // Pittsburgh: a US city, two mentions, Pennsylvania is USPA
			"Actor1Code": "USALAB", "Actor1Name": "'=STEELWORKERS()", "Actor1CountryCode": "USA", "Actor1Type1Code": "LAB",
			"NumMentions": "2", "IsRootEvent": "1", "SQLDATE": "20240506",
			"Actor1Geo_Type": "3", "Actor1Geo_CountryCode": "US", "Actor1Geo_ADM1Code": "USPA",
			"ActionGeo_Type": "3", "ActionGeo_FullName": "Pittsburgh, Pennsylvania, United States",
			"ActionGeo_CountryCode": "US", "ActionGeo_ADM1Code": "USPA", "ActionGeo_FeatureID": "5206379",
			"DATEADDED": "20240506223000",
		}},
	}
	for _, w := range want {
		row := find(w.code, w.cols["Actor1Code"])
		for col, v := range w.cols {
			if row[col] != v {
				t.Errorf("%s: %s = %q, want %q", w.code, col, row[col], v)
			}
		}
	}
	if bytes.HasPrefix(out, []byte("GLOBALEVENTID")) {
		t.Error("the export has a header; GDELT's has none")
	}
}

// TestGDELTMentionsLoad loads the mentions export with the codebook's list:
// one row per mention, sentence numbers from 1, offsets pointing at the
// trigger and the actors in the article's text, counted in characters.
func TestGDELTMentionsLoad(t *testing.T) {
	docs := allDocs(t)
	events := writeDocs(t, FormatGDELT, docs...)
	ids := map[string]bool{}
	for _, row := range loadGDELT(t, events, codebookEvents) {
		ids[row["GLOBALEVENTID"]] = true
	}
	table := loadGDELT(t, writeDocs(t, FormatGDELTMentions, docs...), codebookMentions)
	if len(table) != 6+7+3 {
		t.Fatalf("%d mentions, want one per event (16)", len(table))
	}
	// the rows go by happening (in the order of their first mention), then
	// by mention
	tb, _ := loadTables()
	var i int
	for _, d := range docs {
		text := []rune(d.Text)
		if !d.RuneOffsets {
			d = cloneRuneDoc(d)
		}
		a := newArticle(tb, d)
		for _, h := range happenings(d) {
			for _, k := range a.mentionsOf(h.ID) {
				checkMention(t, i+1, table[i], &d.Events[k], text, ids)
				i++
			}
		}
	}
	// "Steelworkers protested": Actor1 at the entity's mention, in characters
	// (the text has an em dash before it)
	us := table[len(table)-3:]
	d := cloneRuneDoc(usDoc())
	if got, want := us[0]["Actor1CharOffset"], strconv.Itoa(d.Entities[1].Mentions[0].Start); got != want {
		t.Errorf("Actor1CharOffset = %s, want %s", got, want)
	}
	if us[1]["SentenceID"] != "4" || us[1]["Actor1CharOffset"] == "-1" {
		t.Errorf("second protest mention: %v", us[1])
	}
	// "Police arrested two of them": "them" names Actor2 only through
	// another mention, so the event is not all in the raw text
	if us[2]["Actor1CharOffset"] == "-1" || us[2]["Actor2CharOffset"] != "-1" || us[2]["InRawText"] != "0" || us[2]["Confidence"] != "50" {
		t.Errorf("arrest mention: %v", us[2])
	}
	if us[0]["MentionSourceName"] != "wire.example" || us[0]["MentionTimeDate"] != "20240506223000" {
		t.Errorf("source %q, time %q", us[0]["MentionSourceName"], us[0]["MentionTimeDate"])
	}
}

// checkMention checks mention row n of event ev of an article with text.
func checkMention(t *testing.T, n int, row map[string]string, ev *sitrep.Event, text []rune, ids map[string]bool) {
	t.Helper()
	if !ids[row["GLOBALEVENTID"]] {
		t.Errorf("mention %d: GLOBALEVENTID %s is no event's", n, row["GLOBALEVENTID"])
	}
	if got := row["SentenceID"]; got != strconv.Itoa(ev.Sentence+1) {
		t.Errorf("mention %d SentenceID = %s, want %d", n, got, ev.Sentence+1)
	}
	off, _ := strconv.Atoi(row["ActionCharOffset"])
	if end := off + utf8.RuneCountInString(ev.Text); off < 0 || end > len(text) || string(text[off:end]) != ev.Text {
		t.Errorf("mention %d ActionCharOffset %d does not hold %q", n, off, ev.Text)
	}
	if row["MentionType"] != "1" || row["MentionDocLen"] != strconv.Itoa(len(text)) || row["MentionDocTone"] == "" {
		t.Errorf("mention %d: %v", n, row)
	}
	if c, _ := strconv.Atoi(row["Confidence"]); c < 10 || c > 100 {
		t.Errorf("mention %d Confidence = %d", n, c)
	}
}

// cloneRuneDoc is a copy of d with code-point offsets.
func cloneRuneDoc(d *sitrep.Document) *sitrep.Document {
	c := *d
	c.Sentences = append([]sitrep.Span(nil), d.Sentences...)
	c.Entities = nil
	for _, e := range d.Entities {
		e.Mentions = append([]sitrep.Mention(nil), e.Mentions...)
		c.Entities = append(c.Entities, e)
	}
	c.Events = append([]sitrep.Event(nil), d.Events...)
	c.Places = append([]sitrep.Place(nil), d.Places...)
	c.Quantities = append([]sitrep.Quantity(nil), d.Quantities...)
	c.ToRuneOffsets()
	return &c
}

// TestGDELTWithoutDocs: a record alone still fills the 61 columns where it
// can (codes, counts, dates, the action's place from its columns).
func TestGDELTWithoutDocs(t *testing.T) {
	recs := sampleRecords()
	var buf bytes.Buffer
	w, err := NewRecordWriter(FormatGDELT, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	table := loadGDELT(t, buf.Bytes(), codebookEvents)
	for col, want := range map[string]string{
		"GLOBALEVENTID": "728224406569967729", "NumMentions": "3", "NumSources": "2", "NumArticles": "2",
		"Actor2Code": "IRQMIL", "Actor2CountryCode": "IRQ", "Actor2Type1Code": "MIL", "Actor2Geo_CountryCode": "IZ",
		"ActionGeo_FullName": "Najaf, Iraq", "ActionGeo_CountryCode": "IZ", "ActionGeo_ADM1Code": "IZ17",
		"AvgTone": "", "DATEADDED": "20210727000000", "IsRootEvent": "0",
	} {
		if got := table[0][col]; got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
}

func TestGlobalEventID(t *testing.T) {
	tests := []struct{ id, want string }{
		{"0000000000000001", "1"},
		{"ffffffffffffffff", "9223372036854775807"},
		{"8000000000000000", "0"},
	}
	for _, tt := range tests {
		if got := globalEventID(tt.id); got != tt.want {
			t.Errorf("globalEventID(%s) = %s, want %s", tt.id, got, tt.want)
		}
	}
	if a, b := globalEventID("h1"), globalEventID("h2"); a == b || a == "" {
		t.Errorf("hashed ids %s, %s", a, b)
	}
}

func TestParseActor(t *testing.T) {
	tests := []struct {
		code string
		want cameoActor
	}{
		{"IRQGOVKRG", cameoActor{Code: "IRQGOVKRG", Country: "IRQ", KnownGroup: "KRG", Types: [3]string{"GOV"}}},
		{"IGOEUREEC", cameoActor{Code: "IGOEUREEC", Country: "EUR", KnownGroup: "EEC", Types: [3]string{"IGO"}}},
		{"PSEREBHAM", cameoActor{Code: "PSEREBHAM", Country: "PSE", KnownGroup: "HAM", Types: [3]string{"REB"}}},
		{"IMGMOSISI", cameoActor{Code: "IMGMOSISI", Religion1: "MOS", KnownGroup: "ISI", Types: [3]string{"IMG"}}},
		{"USAMILGOV", cameoActor{Code: "USAMILGOV", Country: "USA", Types: [3]string{"MIL", "GOV"}}},
		{"COP", cameoActor{Code: "COP", Types: [3]string{"COP"}}},
		{"", cameoActor{}},
	}
	tb, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if got := tb.parseActor(tt.code); got != tt.want {
			t.Errorf("parseActor(%s) = %+v, want %+v", tt.code, got, tt.want)
		}
	}
}

// TestLeadParagraph: a headline before the lead paragraph is passed over;
// a text without blank lines has lines as paragraphs.
func TestLeadParagraph(t *testing.T) {
	tb, _ := loadTables()
	a := newArticle(tb, usDoc())
	if !a.isRoot(&a.doc.Events[0]) || a.isRoot(&a.doc.Events[2]) {
		t.Errorf("lead paragraph [%d, %d): V1 root %v, V3 root %v", a.leadStart, a.leadEnd, a.isRoot(&a.doc.Events[0]), a.isRoot(&a.doc.Events[2]))
	}
	d := sitrep.NewDocument("First line, said police.\nSecond line of the story.")
	d.Sentences = []sitrep.Span{{Start: 0, End: 24}, {Start: 25, End: 50}}
	a = newArticle(tb, d)
	if a.leadStart != 0 || a.leadEnd != 24 {
		t.Errorf("lead paragraph [%d, %d), want [0, 24)", a.leadStart, a.leadEnd)
	}
}

func BenchmarkGDELTDocWriter(b *testing.B) {
	docs := allDocs(b)
	var buf bytes.Buffer
	w, _ := NewDocWriter(FormatGDELT, &buf)
	for i := 0; i < b.N; i++ {
		buf.Reset()
		for _, d := range docs {
			if err := w.Write(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
