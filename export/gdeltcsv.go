// Package export writes sitrep documents in other projects' formats.
//
// GDELTWriter writes events as CSV rows with the GDELT 2.0 event table's
// column names (GDELT Event Codebook V2.0, 2015) where a column applies,
// plus sitrep's own columns (PLOVER type, modality, ACLED type,
// casualties, sentence text). Differences from GDELT: ActionGeo_CountryCode
// is ISO 3166-1 alpha-2 (GDELT uses FIPS 10-4); the mention and tone
// columns (NumMentions, AvgTone, ...) are left out.
//
// Every CSV writer of the package passes each cell through Cell, which
// puts a single quote before a text cell that a spreadsheet would run as a
// formula (one beginning with =, +, -, @, tab or carriage return), as
// OWASP advises against CSV injection; numbers stay numbers.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
)

// GDELTColumns are the header of the events CSV.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "DatePrecision",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "GeoPrecision",
	"SOURCEURL", "DocID", "EventID", "PLOVER", "Modality", "ACLEDType", "ACLEDSubtype",
	"Killed", "Injured", "Rule", "Trigger", "Sentence",
}

// GDELTWriter writes events CSV rows; Header is written before the first
// row.
type GDELTWriter struct {
	w      *csv.Writer
	header bool
}

// NewGDELTWriter returns a writer on w.
func NewGDELTWriter(w io.Writer) *GDELTWriter { return &GDELTWriter{w: csv.NewWriter(w)} }

// Write writes one row per event of doc. doc's offsets may be bytes or
// code points (doc.RuneOffsets says which).
func (g *GDELTWriter) Write(doc *sitrep.Document) error {
	if !g.header {
		if err := writeRow(g.w, GDELTColumns); err != nil {
			return fmt.Errorf("writing events CSV: %w", err)
		}
		g.header = true
	}
	ents := map[string]*sitrep.Entity{}
	for i := range doc.Entities {
		ents[doc.Entities[i].ID] = &doc.Entities[i]
	}
	places := map[string]*sitrep.Place{}
	for i := range doc.Places {
		places[doc.Places[i].ID] = &doc.Places[i]
	}
	for _, ev := range doc.Events {
		row := make([]string, 0, len(GDELTColumns))
		sql, month, year := "", "", ""
		d := strings.ReplaceAll(ev.Date, "-", "")
		if len(d) >= 4 && isDigits(d[:4]) {
			year = d[:4]
			if len(d) >= 6 && isDigits(d[4:6]) {
				month = d[:6]
				if len(d) >= 8 && isDigits(d[6:8]) {
					sql = d[:8]
				}
			}
		}
		row = append(row, doc.ID+"-"+ev.ID, sql, month, year, ev.DatePrecision)
		row = append(row, actorCols(ents, ev.Source, ev.SourceCode)...)
		row = append(row, actorCols(ents, ev.Target, ev.TargetCode)...)
		base := ev.CAMEO
		if len(base) > 3 {
			base = base[:3]
		}
		root := "0"
		if ev.Sentence == 0 || ev.Sentence == 1 {
			root = "1" // GDELT: the event is in the lead paragraph
		}
		row = append(row, root, ev.CAMEO, base, ev.Root, strconv.Itoa(ev.QuadClass), strconv.FormatFloat(ev.Goldstein, 'f', -1, 64))
		var p *sitrep.Place
		if ev.Place != nil {
			p = places[*ev.Place]
		}
		if p != nil {
			fid := ""
			if p.GeonameID != 0 {
				fid = strconv.Itoa(p.GeonameID)
			}
			full := p.Name
			if p.Admin1 != "" && p.Admin1 != p.Name {
				full += ", " + p.Admin1
			}
			row = append(row, geoType(p), full, p.Country, p.Admin1,
				strconv.FormatFloat(p.Lat, 'f', 4, 64), strconv.FormatFloat(p.Lon, 'f', 4, 64), fid, ev.GeoPrecision)
		} else {
			row = append(row, "0", "", "", "", "", "", "", "")
		}
		row = append(row, doc.URL, doc.ID, ev.ID, ev.PLOVER, ev.Modality, ev.ACLEDType, ev.ACLEDSubtype,
			intPtr(ev.Killed), intPtr(ev.Injured), ev.Rule, ev.Text, sentenceText(doc, ev.Sentence))
		if err := writeRow(g.w, row); err != nil {
			return fmt.Errorf("writing events CSV: %w", err)
		}
	}
	g.w.Flush()
	if err := g.w.Error(); err != nil {
		return fmt.Errorf("writing events CSV: %w", err)
	}
	return nil
}

func actorCols(ents map[string]*sitrep.Entity, id *string, code string) []string {
	name, country := "", ""
	if id != nil {
		if e := ents[*id]; e != nil {
			name = strings.ToUpper(e.Name)
			country = e.Country
			if code == "" {
				code = e.Code
			}
		}
	}
	return actorFields(code, name, country)
}

// geoType is GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4
// world city, 5 world state.
func geoType(p *sitrep.Place) string {
	us := p.Country == "US"
	switch {
	case strings.HasPrefix(p.Feature, "PCL"):
		return "1"
	case strings.HasPrefix(p.Feature, "ADM1"):
		if us {
			return "2"
		}
		return "5"
	case us:
		return "3"
	}
	return "4"
}

func sentenceText(doc *sitrep.Document, i int) string {
	if i < 0 || i >= len(doc.Sentences) {
		return ""
	}
	s := doc.Sentences[i]
	if !doc.RuneOffsets {
		if 0 <= s.Start && s.Start <= s.End && s.End <= len(doc.Text) {
			return doc.Text[s.Start:s.End]
		}
		return ""
	}
	r := []rune(doc.Text)
	if 0 <= s.Start && s.Start <= s.End && s.End <= len(r) {
		return string(r[s.Start:s.End])
	}
	return ""
}

func intPtr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func isUpper(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// agentCodes are CAMEO's actor type codes (CAMEO codebook, ch. 3), which
// start a code that names no country.
var agentCodes = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "REB": true, "OPP": true, "LAB": true, "EDU": true, "MED": true,
	"CVL": true, "AGR": true, "HLH": true, "LEG": true, "JUD": true, "REF": true, "BUS": true, "IGO": true,
	"NGO": true, "SPY": true, "CRM": true, "ELI": true, "MOD": true, "RAD": true, "UAF": true, "INS": true,
	"SEP": true, "PTY": true, "HRI": true, "ENV": true, "IMG": true, "MNC": true, "NGM": true, "REL": true,
}
