package export

import (
	"hash/fnv"
	"net/url"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/country"
)

// Column is one column of an export format: its name and its type as the
// format's codebook gives it (INTEGER, FLOAT or STRING for GDELT).
type Column struct {
	Name, Type string
}

// Column types of the GDELT tables.
const (
	Integer = "INTEGER"
	Float   = "FLOAT"
	String  = "STRING"
)

// gdeltEventColumns are the 61 columns of GDELT 2.0's event table, in order
// (GDELT Event Codebook V2.0, 2015; the types of its BigQuery table).
var gdeltEventColumns = func() []Column {
	cols := []Column{
		{"GLOBALEVENTID", Integer}, {"SQLDATE", Integer}, {"MonthYear", Integer}, {"Year", Integer}, {"FractionDate", Float},
	}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, c := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
			"Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, Column{a + c, String})
		}
	}
	cols = append(cols, Column{"IsRootEvent", Integer}, Column{"EventCode", String}, Column{"EventBaseCode", String},
		Column{"EventRootCode", String}, Column{"QuadClass", Integer}, Column{"GoldsteinScale", Float},
		Column{"NumMentions", Integer}, Column{"NumSources", Integer}, Column{"NumArticles", Integer}, Column{"AvgTone", Float})
	for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
		cols = append(cols, Column{g + "Type", Integer}, Column{g + "FullName", String}, Column{g + "CountryCode", String},
			Column{g + "ADM1Code", String}, Column{g + "ADM2Code", String}, Column{g + "Lat", Float},
			Column{g + "Long", Float}, Column{g + "FeatureID", String})
	}
	return append(cols, Column{"DATEADDED", Integer}, Column{"SOURCEURL", String})
}()

// GDELTEventColumns returns the columns of the gdelt format: GDELT 2.0's
// event table (Event Codebook V2.0), 61 of them in GDELT's order.
func GDELTEventColumns() []Column { return append([]Column(nil), gdeltEventColumns...) }

// gdeltEventRow is the gdelt format's row of a happening.
func (t *tables) gdeltEventRow(r *report) []string {
	rec := r.rec
	d := parseDate(rec.Date)
	row := make([]string, 0, len(gdeltEventColumns))
	row = append(row, globalEventID(rec.ID), d.sqlDate(), d.monthYear(), d.year(), d.fractionDate())
	row = append(row, t.gdeltActor(r, true).cells()...)
	row = append(row, t.gdeltActor(r, false).cells()...)
	root := "0"
	if r.art != nil && r.ev != nil && r.art.isRoot(r.ev) {
		root = "1"
	}
	tone := ""
	if r.art != nil {
		tone = strconv.FormatFloat(r.art.tone, 'f', 4, 64)
	}
	row = append(row, root, rec.CAMEO, baseCode(rec.CAMEO), rootCode(rec), strconv.Itoa(rec.QuadClass),
		strconv.FormatFloat(rec.Goldstein, 'f', 1, 64), atLeast1(rec.Mentions), atLeast1(rec.Sources),
		atLeast1(rec.Articles), tone)
	row = append(row, t.actorGeo(r, true).cells()...)
	row = append(row, t.actorGeo(r, false).cells()...)
	row = append(row, t.actionGeo(r).cells()...)
	return append(row, dateAdded(rec, d), rec.URL)
}

// globalEventID is GDELT's GLOBALEVENTID of a happening: the happening id
// (16 hex digits, the start of the SHA-256 of its key) read as a number,
// less its top bit, so that it is a positive 64-bit integer; an id that is
// not hexadecimal is hashed (FNV-1a) instead. The same happening has the
// same id in every export and in the mentions table.
func globalEventID(id string) string {
	var n uint64
	if v, err := strconv.ParseUint(id, 16, 64); err == nil && len(id) <= 16 {
		n = v
	} else {
		h := fnv.New64a()
		h.Write([]byte(id))
		n = h.Sum64()
	}
	return strconv.FormatUint(n&(1<<63-1), 10)
}

// baseCode is GDELT's EventBaseCode: the first three digits of the code.
func baseCode(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

// rootCode is GDELT's EventRootCode: the record's root, else the code's
// first two digits.
func rootCode(rec *sitrep.EventRecord) string {
	if rec.Root != "" || len(rec.CAMEO) < 2 {
		return rec.Root
	}
	return rec.CAMEO[:2]
}

// atLeast1 formats a count, 1 when it is less (a happening is reported once at least).
func atLeast1(n int) string {
	if n < 1 {
		n = 1
	}
	return strconv.Itoa(n)
}

// dateAdded is GDELT's DATEADDED: when the first report was published
// (UTC, YYYYMMDDHHMMSS; midnight when only its day is known), else the
// event's day at midnight, else "".
func dateAdded(rec *sitrep.EventRecord, d eventDate) string {
	if s := gdeltTimestamp(rec.Published); s != "" {
		return s
	}
	if s := d.sqlDate(); s != "" {
		return s + "000000"
	}
	return ""
}

// gdeltActorCols is one actor's ten columns.
type gdeltActorCols struct {
	cameoActor
	Name string
}

// cells are the actor's ten columns, in GDELT's order.
func (a gdeltActorCols) cells() []string {
	return []string{a.Code, a.Name, a.Country, a.KnownGroup, a.Ethnic, a.Religion1, a.Religion2, a.Types[0], a.Types[1], a.Types[2]}
}

// gdeltActor gives the source's (source true) or the target's columns: the
// CAMEO code taken apart, the name in upper case (the entity's name, else
// the words naming the actor in the sentence), and, when the code names no
// country, the entity's country.
func (t *tables) gdeltActor(r *report, source bool) gdeltActorCols {
	code, name := r.rec.TargetCode, r.rec.Target
	if source {
		code, name = r.rec.SourceCode, r.rec.Source
	}
	a := gdeltActorCols{cameoActor: t.parseActor(code), Name: upperName(name)}
	if r.art == nil || r.ev == nil {
		return a
	}
	id, words := r.ev.Target, r.ev.TargetText
	if source {
		id, words = r.ev.Source, r.ev.SourceText
	}
	var e *sitrep.Entity
	if id != nil {
		e = r.art.ents[*id]
	}
	if a.Name == "" && e != nil {
		a.Name = upperName(e.Name)
	}
	if a.Name == "" && (code != "" || e != nil) && !isPronoun(words) {
		a.Name = upperName(words)
	}
	if a.Country == "" && e != nil {
		if c, ok := country.ByISO3(e.Country); ok && c.CAMEO != "" {
			a.Country = c.CAMEO
		}
	}
	return a
}

// pronouns are the words that name an actor only through another mention.
var pronouns = setOf("i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "his", "its",
	"their", "our", "this", "that", "these", "those", "who", "which")

// isPronoun reports whether the words naming an actor are a pronoun.
func isPronoun(words string) bool { return pronouns[strings.ToLower(strings.TrimSpace(words))] }

// gdeltGeo is one of GDELT's three location blocks.
type gdeltGeo struct {
	Type                    int // 0 none, 1 country, 2 US state, 3 US city, 4 world city, 5 world state
	FullName, Country, ADM1 string
	ADM2                    string // GAUL or US county code: sitrep has neither, so ""
	Lat, Lon                float64
	FeatureID               string
	hasCoords               bool
}

// cells are the block's eight columns; a block with no location has Type 0
// and empty cells.
func (g gdeltGeo) cells() []string {
	if g.Type == 0 {
		return []string{"0", "", "", "", "", "", "", ""}
	}
	lat, lon := "", ""
	if g.hasCoords {
		lat, lon = strconv.FormatFloat(g.Lat, 'f', 4, 64), strconv.FormatFloat(g.Lon, 'f', 4, 64)
	}
	return []string{strconv.Itoa(g.Type), g.FullName, g.Country, g.ADM1, g.ADM2, lat, lon, g.FeatureID}
}

// geoOfPlace is GDELT's location block of a place: its type from the
// feature code, the full name "Place, Division, Country", FIPS 10-4
// country and ADM1 codes (the country code when the division has none, as
// GDELT writes it for a country), and a feature id: the FIPS code of a
// country or division, the GeoNames id of a town (GDELT has GNS ids there).
func (t *tables) geoOfPlace(p *sitrep.Place) gdeltGeo {
	fc := t.fipsCountry(p.Country, p.Admin1)
	adm1 := t.adm1[adm1Key(p.Country, p.Admin1)].Code
	if adm1 == "" {
		adm1 = fc
	}
	cname := countryName(p.Country)
	us := strings.EqualFold(p.Country, "US")
	g := gdeltGeo{Country: fc, ADM1: adm1, Lat: p.Lat, Lon: p.Lon, hasCoords: true}
	switch {
	case strings.HasPrefix(p.Feature, "PCL"):
		g.Type, g.FullName, g.ADM1, g.FeatureID = 1, firstOf(cname, p.Name), fc, fc
	case p.Feature == "ADM1":
		g.Type, g.FullName, g.FeatureID = 5, joinNames(p.Name, cname), adm1
		if us {
			g.Type = 2
		}
	default:
		g.Type, g.FullName = 4, joinNames(p.Name, p.Admin1, cname)
		if us {
			g.Type = 3
		}
		if p.GeonameID != 0 {
			g.FeatureID = strconv.Itoa(p.GeonameID)
		}
	}
	return g
}

// geoOfCountry is the location block of a country given by its ISO 3166-1
// alpha-2 code, at the country's centre.
func (t *tables) geoOfCountry(iso2 string) gdeltGeo {
	c, ok := country.ByISO2(iso2)
	if !ok {
		return gdeltGeo{}
	}
	return t.geoOfPlace(&sitrep.Place{Name: c.Name, Country: c.ISO2, Feature: "PCLI", Lat: c.Lat, Lon: c.Lon, GeonameID: c.GeonameID})
}

// actionGeo is ActionGeo: where the event happened, from the article's
// place, else from the record's place columns.
func (t *tables) actionGeo(r *report) gdeltGeo {
	if r.art != nil && r.ev != nil && r.ev.Place != nil {
		if p := r.art.places[*r.ev.Place]; p != nil {
			return t.geoOfPlace(p)
		}
	}
	if p := recordPlace(r.rec); p != nil {
		return t.geoOfPlace(p)
	}
	return gdeltGeo{}
}

// recordPlace rebuilds a place from a record's columns (its feature from
// the geo precision), or nil when the record has none.
func recordPlace(rec *sitrep.EventRecord) *sitrep.Place {
	if rec.Place == "" && rec.Country == "" && (rec.Lat == nil || rec.Lon == nil) {
		return nil
	}
	p := &sitrep.Place{Name: rec.Place, Country: rec.Country, Admin1: rec.Admin1}
	switch rec.GeoPrecision {
	case "country":
		p.Feature = "PCLI"
	case "province":
		p.Feature = "ADM1"
	case "town":
		p.Feature = "PPL"
	}
	if rec.Lat != nil && rec.Lon != nil {
		p.Lat, p.Lon = *rec.Lat, *rec.Lon
	}
	return p
}

// actorGeo is Actor1Geo (source) or Actor2Geo: as GDELT places an actor,
// the place the actor is (a place entity acting itself: "Iraq said"), else
// the place named nearest the actor in the event's sentence, else the
// actor's country; without the article, the country of the actor's code.
func (t *tables) actorGeo(r *report, source bool) gdeltGeo {
	code := r.rec.TargetCode
	if source {
		code = r.rec.SourceCode
	}
	var e *sitrep.Entity
	if r.art != nil && r.ev != nil {
		id, words := r.ev.Target, r.ev.TargetText
		if source {
			id, words = r.ev.Source, r.ev.SourceText
		}
		if id != nil {
			if p := r.art.placeOf[*id]; p != nil {
				return t.geoOfPlace(p)
			}
			e = r.art.ents[*id]
		}
		if m, ok := r.art.actorMention(r.ev, id, words); ok {
			if s, ok := r.art.sentence(r.ev.Sentence); ok {
				if p := r.art.nearestPlace(s, m.Start); p != nil {
					return t.geoOfPlace(p)
				}
			}
		}
	}
	iso2 := ""
	if a := t.parseActor(code); a.Country != "" {
		iso2 = t.byCAMEO[a.Country]
	}
	if c, ok := country.ByISO3(entityCountry(e)); ok && iso2 == "" {
		iso2 = c.ISO2
	}
	if iso2 == "" {
		return gdeltGeo{}
	}
	return t.geoOfCountry(iso2)
}

// entityCountry is an entity's country (ISO 3166-1 alpha-3), "" for none.
func entityCountry(e *sitrep.Entity) string {
	if e == nil {
		return ""
	}
	return e.Country
}

// countryName is the English name of a country given by its ISO 3166-1
// alpha-2 code, or "".
func countryName(iso2 string) string {
	if c, ok := country.ByISO2(iso2); ok {
		return c.Name
	}
	return ""
}

// joinNames joins the non-empty names with ", ", each once.
func joinNames(names ...string) string {
	var out []string
	for _, n := range names {
		if n != "" && (len(out) == 0 || out[len(out)-1] != n) {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

// firstOf returns the first non-empty string of s.
func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// sourceName is GDELT's MentionSourceName of an article: the host of its
// URL without "www.", else its outlet.
func sourceName(doc *sitrep.Document) string {
	if u, err := url.Parse(strings.TrimSpace(doc.URL)); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return doc.Outlet
}
