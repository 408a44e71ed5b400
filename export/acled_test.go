package export

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"testing"

	"sitrep"
)

// codebookACLED is ACLED's public export header since its 2023 column
// changes (ACLED Codebook 2023; acledR's column list), written out here
// independently of the package's list.
var codebookACLED = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
	"geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
}

// acledTable writes records in the acled format and reads them back as
// rows named by the header.
func acledTable(t *testing.T, recs []sitrep.EventRecord) []map[string]string {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewRecordWriter(FormatACLED, &buf)
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
	return readCSVTable(t, buf.Bytes(), codebookACLED)
}

// readCSVTable reads a CSV table whose header must be want.
func readCSVTable(t *testing.T, out []byte, want []string) []map[string]string {
	t.Helper()
	table, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if !slices.Equal(table[0], want) {
		t.Fatalf("header %v\nwant   %v", table[0], want)
	}
	var rows []map[string]string
	for _, r := range table[1:] {
		row := map[string]string{}
		for i, h := range table[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// acledRecord is a happening in Najaf with the given type, date and actors.
func acledRecord(id, typ, sub, date, prec string, killed *int) sitrep.EventRecord {
	lat, lon := 32.0, 44.3
	return sitrep.EventRecord{ID: id, Date: date, DatePrecision: prec, CAMEO: "190", Root: "19", QuadClass: 4,
		ACLEDType: typ, ACLEDSubtype: sub, Modality: sitrep.Asserted, Place: "Najaf", Country: "IQ", Admin1: "Najaf",
		Lat: &lat, Lon: &lon, GeoPrecision: "town", Killed: killed, Text: "Something happened.", Doc: "d", Outlet: "Wire",
		Published: "2021-07-27T10:00:00Z", Mentions: 1, Articles: 1, Sources: 1}
}

func TestACLEDColumnsAreTheCodebook(t *testing.T) {
	if !slices.Equal(ACLEDColumns(), codebookACLED) {
		t.Errorf("columns %v\nwant    %v", ACLEDColumns(), codebookACLED)
	}
}

// TestACLEDRows: only political violence, demonstrations and strategic
// developments that happened, dated to the month or better; a day-dated
// event_date with its time precision; fatalities 0 when none are reported.
func TestACLEDRows(t *testing.T) {
	three := 3
	var recs []sitrep.EventRecord
	add := func(r sitrep.EventRecord, edit func(*sitrep.EventRecord)) {
		if edit != nil {
			edit(&r)
		}
		recs = append(recs, r)
	}
	add(acledRecord("00000000000000a1", "Battles", "Armed clash", "2021-07-26", "day", &three), func(r *sitrep.EventRecord) {
		r.SourceCode, r.TargetCode, r.Target = "IRQMIL", "IRQREB", "Islamic State"
	})
	add(acledRecord("00000000000000a2", "Protests", "Peaceful protest", "2021-W30", "week", nil), nil)
	add(acledRecord("00000000000000a3", "Strategic developments", "Arrests", "2021-07", "month", nil), func(r *sitrep.EventRecord) {
		r.SourceCode, r.TargetCode = "IRQCOP", "IRQOPP"
	})
	add(acledRecord("00000000000000a4", "Violence against civilians", "Attack", "2021-07-26", "day", nil), func(r *sitrep.EventRecord) {
		r.SourceCode, r.TargetCode = "USAMIL", "IRQCVL" // a foreign army: external forces
	})
	add(acledRecord("00000000000000a5", "Riots", "Mob violence", "2021-07-26", "day", nil), nil)
	// not ACLED events:
	add(acledRecord("00000000000000b1", "", "", "2021-07-26", "day", nil), nil)                                            // a statement
	add(acledRecord("00000000000000b2", "Battles", "Armed clash", "2021", "year", nil), nil)                               // only the year
	add(acledRecord("00000000000000b3", "Battles", "Armed clash", "", "", nil), nil)                                       // no date
	add(acledRecord("00000000000000b4", "Battles", "Armed clash", "2021-07-26", "day", nil), func(r *sitrep.EventRecord) { // future
		r.Modality = sitrep.Future
	})
	add(acledRecord("00000000000000b5", "Battles", "Armed clash", "2021-07-26", "day", nil), func(r *sitrep.EventRecord) { // nowhere
		r.Country, r.Place, r.Lat, r.Lon = "", "", nil, nil
	})
	rows := acledTable(t, recs)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want the 5 ACLED events", len(rows))
	}
	want := []map[string]string{
		{"event_id_cnty": "IRQ161", "event_date": "2021-07-26", "year": "2021", "time_precision": "1",
			"disorder_type": "Political violence", "actor1": "Military Forces of Iraq", "inter1": "1",
			"actor2": "Islamic State", "inter2": "2", "interaction": "12", "civilian_targeting": "", "fatalities": "3",
			"iso": "368", "region": "Middle East", "country": "Iraq", "admin1": "Najaf", "location": "Najaf",
			"latitude": "32.0000", "longitude": "44.3000", "geo_precision": "1", "source": "Wire",
			"timestamp": "1627380000", "tags": ""},
		{"event_date": "2021-07-29", "time_precision": "2", "disorder_type": "Demonstrations", "actor1": "Protesters (Iraq)",
			"inter1": "6", "interaction": "60", "fatalities": "0", "tags": "crowd size=no report"},
		{"event_date": "2021-07-15", "time_precision": "3", "disorder_type": "Strategic developments",
			"actor1": "Police Forces of Iraq", "inter1": "1", "inter2": "3", "interaction": "13", "fatalities": "0"},
		{"disorder_type": "Political violence", "actor1": "Military Forces of United States", "inter1": "8",
			"actor2": "Civilians (Iraq)", "inter2": "7", "interaction": "78", "civilian_targeting": "Civilian targeting"},
		{"disorder_type": "Political violence", "event_type": "Riots", "actor1": "Rioters (Iraq)", "inter1": "5", "interaction": "50"},
	}
	for i, w := range want {
		for col, v := range w {
			if got := rows[i][col]; got != v {
				t.Errorf("row %d %s = %q, want %q", i+1, col, got, v)
			}
		}
	}
	dates := regexp.MustCompile(`^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$`)
	for i, r := range rows {
		if !dates.MatchString(r["event_date"]) || r["fatalities"] == "" {
			t.Errorf("row %d: event_date %q, fatalities %q", i+1, r["event_date"], r["fatalities"])
		}
		if !slices.Contains([]string{"Political violence", "Demonstrations", "Political violence; Demonstrations", "Strategic developments"}, r["disorder_type"]) {
			t.Errorf("row %d disorder_type %q", i+1, r["disorder_type"])
		}
	}
}

// TestACLEDFromDocs: the article gives the crowd size and the associated
// actor; placing a protest in a named group's name.
func TestACLEDFromDocs(t *testing.T) {
	rows := readCSVTable(t, writeDocs(t, FormatACLED, allDocs(t)...), codebookACLED)
	var protests int
	for _, r := range rows {
		if r["sub_event_type"] == "Peaceful protest" && r["country"] == "United States" {
			protests++
			for col, want := range map[string]string{
				"actor1": "Protesters (United States)", "assoc_actor_1": "'=Steelworkers()", "inter1": "6",
				"region": "North America", "iso": "840", "admin1": "Pennsylvania", "event_id_cnty": "USA" + r["event_id_cnty"][3:],
			} {
				if r[col] != want {
					t.Errorf("%s = %q, want %q", col, r[col], want)
				}
			}
		}
		if r["sub_event_type"] == "Protest with intervention" && r["tags"] != "crowd size=thousands" {
			t.Errorf("Nairobi tags = %q, want crowd size=thousands", r["tags"])
		}
	}
	if protests != 1 {
		t.Errorf("%d Pittsburgh protest rows, want one happening", protests)
	}
}

func TestInteraction(t *testing.T) {
	tests := []struct {
		a, b int
		want string
	}{{1, 3, "13"}, {3, 1, "13"}, {6, 0, "60"}, {0, 7, "70"}, {0, 0, ""}, {7, 7, "77"}}
	for _, tt := range tests {
		if got := interaction(tt.a, tt.b); got != tt.want {
			t.Errorf("interaction(%d, %d) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDefaultActors: the actors ACLED always names when the text named
// none, and a battle's second side.
func TestDefaultActors(t *testing.T) {
	state := acledSide{actor: "Military Forces of Mali", inter: interState}
	for _, c := range []struct {
		name           string
		a1, a2         acledSide
		typ            string
		want1, want2   string
		inter1, inter2 int
	}{
		{"a battle with one side named", state, acledSide{}, acledBattles, "Military Forces of Mali", "Unidentified Armed Group (Mali)", interState, interPoliticalMilitia},
		{"violence against civilians with no side named", acledSide{}, acledSide{}, acledVAC, "Unidentified Armed Group (Mali)", "Civilians (Mali)", interPoliticalMilitia, interCivilians},
		{"a protest", acledSide{}, acledSide{}, acledProtests, "Protesters (Mali)", "", interProtesters, interNone},
	} {
		a1, a2 := defaultActors(c.a1, c.a2, c.typ, "Mali")
		if a1.actor != c.want1 || a2.actor != c.want2 || a1.inter != c.inter1 || a2.inter != c.inter2 {
			t.Errorf("%s: %q (%d), %q (%d); want %q (%d), %q (%d)", c.name, a1.actor, a1.inter, a2.actor, a2.inter, c.want1, c.inter1, c.want2, c.inter2)
		}
	}
}
