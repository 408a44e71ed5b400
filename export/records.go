package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/country"
)

// RecordWriter writes stored happenings (sitrep.EventRecord) in one format.
// Call Flush when done.
type RecordWriter interface {
	Write(r *sitrep.EventRecord) error
	Flush() error
}

// RecordFormats are the formats NewRecordWriter knows.
var RecordFormats = []string{"jsonl", "csv", "gdelt", "acled"}

// NewRecordWriter returns a writer of happenings on w in format: jsonl (one
// JSON object a line), csv (sitrep's columns, RecordColumns), gdelt (GDELT
// 2.0's event table columns, with NumMentions, NumSources, NumArticles) or
// acled (ACLED's columns; happenings without an ACLED event type are not
// ACLED events and are left out).
func NewRecordWriter(format string, w io.Writer) (RecordWriter, error) {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return jsonlWriter{enc}, nil
	case "csv":
		return &tableWriter{w: csv.NewWriter(w), header: RecordColumns, row: recordRow}, nil
	case "gdelt":
		return &tableWriter{w: csv.NewWriter(w), header: GDELTRecordColumns, row: gdeltRow}, nil
	case "acled":
		return &tableWriter{w: csv.NewWriter(w), header: ACLEDColumns, row: acledRow}, nil
	}
	return nil, fmt.Errorf("unknown export format %q (want %s)", format, strings.Join(RecordFormats, ", "))
}

type jsonlWriter struct{ enc *json.Encoder }

func (j jsonlWriter) Write(r *sitrep.EventRecord) error {
	if err := j.enc.Encode(r); err != nil {
		return fmt.Errorf("writing JSON lines: %w", err)
	}
	return nil
}

func (jsonlWriter) Flush() error { return nil }

// tableWriter writes a CSV header, then one row per record; a nil row is
// skipped.
type tableWriter struct {
	w      *csv.Writer
	header []string
	row    func(*sitrep.EventRecord) []string
	begun  bool
}

func (t *tableWriter) Write(r *sitrep.EventRecord) error {
	if !t.begun {
		t.begun = true
		if err := writeRow(t.w, t.header); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
	}
	if row := t.row(r); row != nil {
		if err := writeRow(t.w, row); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
	}
	return nil
}

func (t *tableWriter) Flush() error {
	if !t.begun { // an empty table still has its header
		t.begun = true
		if err := writeRow(t.w, t.header); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
	}
	t.w.Flush()
	if err := t.w.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// RecordColumns are the csv format's header: EventRecord's fields.
var RecordColumns = []string{
	"id", "date", "date_precision", "cameo", "root", "quad_class", "goldstein", "plover",
	"acled_type", "acled_subtype", "modality", "source", "source_code", "target", "target_code",
	"place", "country", "admin1", "lat", "lon", "geo_precision", "killed", "injured",
	"mentions", "articles", "sources", "doc", "url", "outlet", "published", "text",
}

func recordRow(r *sitrep.EventRecord) []string {
	return []string{
		r.ID, r.Date, r.DatePrecision, r.CAMEO, r.Root, strconv.Itoa(r.QuadClass), formatFloat(r.Goldstein), r.PLOVER,
		r.ACLEDType, r.ACLEDSubtype, r.Modality, r.Source, r.SourceCode, r.Target, r.TargetCode,
		r.Place, r.Country, r.Admin1, coord(r.Lat), coord(r.Lon), r.GeoPrecision, intPtr(r.Killed), intPtr(r.Injured),
		strconv.Itoa(r.Mentions), strconv.Itoa(r.Articles), strconv.Itoa(r.Sources), r.Doc, r.URL, r.Outlet, r.Published, r.Text,
	}
}

// GDELTRecordColumns are the gdelt format's header: GDELT 2.0's event
// table columns (Event Codebook V2.0) that sitrep fills, plus its own
// PLOVER, Modality, ACLED and casualty columns. As in GDELTColumns,
// ActionGeo_CountryCode is ISO 3166-1 alpha-2 rather than FIPS 10-4.
var GDELTRecordColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL",
	"PLOVER", "Modality", "ACLEDType", "ACLEDSubtype", "Killed", "Injured",
}

func gdeltRow(r *sitrep.EventRecord) []string {
	sql, month, year, frac := "", "", "", ""
	d := strings.ReplaceAll(r.Date, "-", "")
	if len(d) >= 4 && isDigits(d[:4]) {
		year = d[:4]
		if len(d) >= 6 && isDigits(d[4:6]) {
			month = d[:6]
			m, _ := strconv.Atoi(d[4:6])
			day := 15
			if len(d) >= 8 && isDigits(d[6:8]) {
				sql = d[:8]
				day, _ = strconv.Atoi(d[6:8])
			}
			y, _ := strconv.Atoi(year)
			// GDELT's FractionDate: YYYY.FFFF, (month*30+day)/365.
			frac = strconv.FormatFloat(float64(y)+float64((m-1)*30+day)/365, 'f', 4, 64)
		}
	}
	base := r.CAMEO
	if len(base) > 3 {
		base = base[:3]
	}
	geo, full := "0", ""
	if r.Place != "" {
		geo = "4"
		switch {
		case r.GeoPrecision == "country":
			geo = "1"
		case r.GeoPrecision == "province" && r.Country == "US":
			geo = "2"
		case r.GeoPrecision == "province":
			geo = "5"
		case r.Country == "US":
			geo = "3"
		}
		full = r.Place
		if r.Admin1 != "" && r.Admin1 != r.Place {
			full += ", " + r.Admin1
		}
	}
	added := strings.ReplaceAll(r.Published, "-", "")
	if len(added) > 8 {
		added = added[:8]
	}
	row := []string{r.ID, sql, month, year, frac}
	row = append(row, actorFields(r.SourceCode, r.Source, "")...)
	row = append(row, actorFields(r.TargetCode, r.Target, "")...)
	row = append(row, "1", r.CAMEO, base, r.Root, strconv.Itoa(r.QuadClass), formatFloat(r.Goldstein),
		strconv.Itoa(r.Mentions), strconv.Itoa(r.Sources), strconv.Itoa(r.Articles),
		geo, full, r.Country, r.Admin1, coord(r.Lat), coord(r.Lon), added, r.URL,
		r.PLOVER, r.Modality, r.ACLEDType, r.ACLEDSubtype, intPtr(r.Killed), intPtr(r.Injured))
	return row
}

// actorFields gives GDELT's code, name, country and type columns of one
// actor from its CAMEO code: a leading three-letter country code (unless
// country is known already) and the next three letters as the type.
func actorFields(code, name, ctry string) []string {
	typ := ""
	switch {
	case len(code) >= 3 && agentCodes[code[:3]]:
		typ = code[:3]
	case len(code) >= 3 && isUpper(code[:3]):
		if ctry == "" {
			ctry = code[:3]
		}
		if len(code) >= 6 {
			typ = code[3:6]
		}
	}
	return []string{code, strings.ToUpper(name), ctry, typ}
}

// ACLEDColumns are the acled format's header, as ACLED's export names them.
var ACLEDColumns = []string{
	"event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
	"location", "latitude", "longitude", "fatalities", "source", "notes",
}

func acledRow(r *sitrep.EventRecord) []string {
	if r.ACLEDType == "" {
		return nil
	}
	ctry := r.Country
	if c, ok := country.ByISO2(r.Country); ok {
		ctry = c.Name
	}
	fatalities := "0"
	if r.Killed != nil {
		fatalities = strconv.Itoa(*r.Killed)
	}
	source := r.Outlet
	if source == "" {
		source = r.URL
	}
	return []string{
		r.Date, r.ACLEDType, r.ACLEDSubtype, r.Source, r.Target, ctry, r.Admin1,
		r.Place, coord(r.Lat), coord(r.Lon), fatalities, source, r.Text,
	}
}

func coord(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', 4, 64)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
