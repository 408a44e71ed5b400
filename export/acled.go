package export

import (
	"strconv"
	"strings"

	"sitrep"
	"sitrep/country"
)

// acledColumns are the acled format's header: the 31 columns of ACLED's
// public export since its 2023 column changes, in ACLED's order (ACLED
// Codebook 2023; the API's field order).
var acledColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
	"source", "source_scale", "notes", "fatalities", "tags", "timestamp",
}

// ACLEDColumns returns the acled format's header.
func ACLEDColumns() []string { return append([]string(nil), acledColumns...) }

// ACLED's event types, and the disorder type of each (ACLED Codebook 2023:
// political violence, demonstrations, strategic developments).
const (
	acledBattles    = "Battles"
	acledExplosions = "Explosions/Remote violence"
	acledVAC        = "Violence against civilians"
	acledProtests   = "Protests"
	acledRiots      = "Riots"
	acledStrategic  = "Strategic developments"

	disorderViolence      = "Political violence"
	disorderDemonstration = "Demonstrations"
	disorderBoth          = "Political violence; Demonstrations"
	disorderStrategic     = "Strategic developments"
)

// disorderType is ACLED's disorder_type of an event type and sub-event
// type, or "" when the type is not one of ACLED's.
func disorderType(typ, subtype string) string {
	switch typ {
	case acledBattles, acledExplosions, acledVAC:
		return disorderViolence
	case acledProtests:
		if subtype == "Excessive force against protesters" {
			return disorderBoth
		}
		return disorderDemonstration
	case acledRiots:
		if subtype == "Mob violence" {
			return disorderViolence
		}
		return disorderDemonstration
	case acledStrategic:
		return disorderStrategic
	}
	return ""
}

// ACLED's actor types (inter1, inter2), as its numeric codes.
const (
	interNone = iota
	interState
	interRebels
	interPoliticalMilitia
	interIdentityMilitia
	interRioters
	interProtesters
	interCivilians
	interExternal
)

// acledSide is one actor of an event as ACLED names and types it.
type acledSide struct {
	actor, assoc string
	inter        int
}

// acledRow is the acled format's row of a happening, or nil when ACLED would
// not code it: an event without an ACLED type, not asserted (negated,
// future or possible), without a country, or dated less precisely than a
// month.
func (t *tables) acledRow(r *report) []string {
	rec := r.rec
	disorder := disorderType(rec.ACLEDType, rec.ACLEDSubtype)
	d := parseDate(rec.Date)
	precision := map[string]string{precDay: "1", precWeek: "2", precMonth: "3"}[d.prec]
	codes, known := t.countries[strings.ToUpper(rec.Country)]
	if disorder == "" || precision == "" || !known || (rec.Modality != "" && rec.Modality != sitrep.Asserted) {
		return nil
	}
	cname := t.acledCountryName(rec.Country)
	a1 := t.acledActor(r, true, cname)
	a2 := t.acledActor(r, false, cname)
	if a1.inter == interNone {
		a1, a2 = a2, acledSide{}
		if a1.inter == interCivilians && rec.ACLEDType == acledVAC {
			a1, a2 = acledSide{}, a1 // the victims stay second
		}
	}
	a1, a2 = defaultActors(a1, a2, rec.ACLEDType, cname)
	targeting := ""
	if strings.HasPrefix(disorder, disorderViolence) && (rec.ACLEDType == acledVAC || a2.inter == interCivilians) {
		targeting = "Civilian targeting"
	}
	fatalities := 0
	if rec.Killed != nil {
		fatalities = *rec.Killed
	}
	return []string{
		codes.ISO3 + strconv.FormatUint(acledNumber(rec.ID), 10), d.t.Format("2006-01-02"), d.year(), precision,
		disorder, rec.ACLEDType, rec.ACLEDSubtype,
		a1.actor, a1.assoc, interCell(a1.inter), a2.actor, a2.assoc, interCell(a2.inter), interaction(a1.inter, a2.inter),
		targeting, strings.TrimLeft(codes.Numeric, "0"), t.acled[strings.ToUpper(rec.Country)].Region, cname,
		acledAdmin1(rec), acledAdmin2(r), "", rec.Place, coord(rec.Lat), coord(rec.Lon), acledGeoPrecision(rec),
		firstOf(rec.Outlet, sourceName(&sitrep.Document{URL: rec.URL})), "", strings.Join(strings.Fields(rec.Text), " "),
		strconv.Itoa(fatalities), acledTags(r), unixTime(rec.Published),
	}
}

// acledNumber is the number after the country code in event_id_cnty: the
// happening's GLOBALEVENTID cut to its last ten digits.
func acledNumber(id string) uint64 {
	n, _ := strconv.ParseUint(globalEventID(id), 10, 64)
	return n % 10_000_000_000
}

// interCell is an inter code as ACLED writes it: "" for no actor.
func interCell(inter int) string {
	if inter == interNone {
		return ""
	}
	return strconv.Itoa(inter)
}

// interaction is ACLED's interaction code: the two actor types, the lower
// first (13: state forces and a political militia), or the one type
// followed by 0 for an event with one actor (60: protesters alone).
func interaction(a, b int) string {
	switch {
	case a == interNone && b == interNone:
		return ""
	case b == interNone:
		return strconv.Itoa(a * 10)
	case a == interNone:
		return strconv.Itoa(b * 10)
	case a > b:
		a, b = b, a
	}
	return strconv.Itoa(a*10 + b)
}

// acledActor names and types the source (source true) or target: its ACLED
// type from its CAMEO code and the event type (interType), its name from
// the record or the article; protesters, rioters and civilians are named
// ACLED's way, "Protesters (Kenya)", with a named group (not a place) as the
// associated actor; a state actor without a name as "Police Forces of
// Kenya".
func (t *tables) acledActor(r *report, source bool, countryName string) acledSide {
	code, name := r.rec.TargetCode, r.rec.Target
	var id *string
	words := ""
	if r.ev != nil {
		id, words = r.ev.Target, r.ev.TargetText
		if source {
			id, words = r.ev.Source, r.ev.SourceText
		}
	}
	if source {
		code, name = r.rec.SourceCode, r.rec.Source
	}
	if code == "" && name == "" && words == "" {
		return acledSide{}
	}
	a := t.parseActor(code)
	s := acledSide{actor: name, inter: t.interType(a, r.rec, source)}
	violent := strings.HasPrefix(disorderType(r.rec.ACLEDType, r.rec.ACLEDSubtype), disorderViolence)
	generic := genericActor(a, s.inter, firstOf(t.countryOfActor(a), countryName), violent)
	place := r.isPlace(id, name)
	switch {
	case s.inter == interProtesters || s.inter == interRioters || s.inter == interCivilians:
		s.actor, s.assoc = generic, name
		if place {
			s.assoc = ""
		}
	case s.actor == "" || place: // "Baku shelled Jermuk": the forces of Azerbaijan
		s.actor = generic
	}
	if strings.HasPrefix(s.actor, unidentifiedArmedGroup) {
		s.inter = interPoliticalMilitia // ACLED's unidentified armed groups are always political militias
	}
	return s
}

// unidentifiedArmedGroup is the name ACLED gives an armed group it cannot
// name (interaction code 3, whatever the group's kind).
const unidentifiedArmedGroup = "Unidentified Armed Group"

// isPlace reports whether an actor is a place (an entity that a place
// resolves, or, without the article, the record's place or country): ACLED
// does not name places as actors.
func (r *report) isPlace(id *string, name string) bool {
	if r.art != nil && id != nil {
		return r.art.placeOf[*id] != nil
	}
	return name != "" && (name == r.rec.Place || name == r.rec.Admin1 || name == countryName(r.rec.Country))
}

// defaultActors gives an event the actors ACLED always names when the text
// named none: the protesters of a protest, the rioters of a riot, an
// unidentified armed group for violence and for the other side of a
// battle, and the civilians who are the victims of violence against
// civilians.
func defaultActors(a1, a2 acledSide, typ, where string) (acledSide, acledSide) {
	if a1.inter == interNone {
		switch typ {
		case acledProtests:
			a1 = acledSide{actor: genericActor(cameoActor{}, interProtesters, where, false), inter: interProtesters}
		case acledRiots:
			a1 = acledSide{actor: genericActor(cameoActor{}, interRioters, where, false), inter: interRioters}
		case acledBattles, acledExplosions, acledVAC:
			a1 = acledSide{actor: genericActor(cameoActor{}, interPoliticalMilitia, where, true), inter: interPoliticalMilitia}
		}
	}
	if a2.inter == interNone && typ == acledVAC {
		a2 = acledSide{actor: genericActor(cameoActor{}, interCivilians, where, false), inter: interCivilians}
	}
	if a2.inter == interNone && typ == acledBattles { // a battle has two sides
		a2 = acledSide{actor: genericActor(cameoActor{}, interPoliticalMilitia, where, true), inter: interPoliticalMilitia}
	}
	return a1, a2
}

// countryOfActor is the name of the country of an actor's CAMEO code, or "".
func (t *tables) countryOfActor(a cameoActor) string {
	return countryName(t.byCAMEO[a.Country])
}

// interType is ACLED's type of an actor: state forces (a government,
// military, police or intelligence code, or a bare country code acting) or,
// acting abroad, external forces; international bodies external forces;
// rebels, insurgents, separatists and international militant groups rebels;
// unaffiliated armed groups and criminals political militias; then, by the
// event, protesters in protests and rioters in riots; civilians for the
// civilian sectors and for the target of violence against civilians; an
// actor otherwise unknown is a political militia when it commits political
// violence (ACLED's "Unidentified Armed Group"), else a civilian.
func (t *tables) interType(a cameoActor, rec *sitrep.EventRecord, source bool) int {
	bare := source && len(a.Code) == 3 && t.isCAMEOCountry(a.Code)
	switch {
	case a.has("GOV", "MIL", "COP", "SPY", "JUD", "LEG") || bare:
		if iso2 := t.byCAMEO[a.Country]; iso2 != "" && rec.Country != "" && !strings.EqualFold(iso2, rec.Country) {
			return interExternal
		}
		return interState
	case a.has("IGO"):
		return interExternal
	case a.has("REB", "INS", "SEP", "IMG"):
		return interRebels
	case a.has("UAF", "CRM"):
		return interPoliticalMilitia
	case rec.ACLEDType == acledProtests:
		return interProtesters
	case rec.ACLEDType == acledRiots:
		return interRioters
	case a.has("CVL", "REF", "EDU", "MED", "HLH", "AGR", "LAB", "BUS", "REL", "NGO", "HRI", "ENV", "ELI", "MOD", "DEV"):
		return interCivilians
	case rec.ACLEDType == acledVAC && !source:
		return interCivilians
	case source && strings.HasPrefix(disorderType(rec.ACLEDType, rec.ACLEDSubtype), disorderViolence):
		return interPoliticalMilitia
	case a.has("OPP", "PTY", "RAD"):
		return interPoliticalMilitia
	}
	return interCivilians
}

// genericActor is ACLED's name for an actor of a type that the text does
// not name: "Protesters (Kenya)", "Military Forces of Iraq" (a state's
// forces in political violence), "Government of Iraq".
func genericActor(a cameoActor, inter int, where string, violent bool) string {
	in := func(s string) string {
		if where == "" {
			return s
		}
		return s + " (" + where + ")"
	}
	of := func(s string) string {
		if where == "" {
			return s
		}
		return s + " of " + where
	}
	switch inter {
	case interState, interExternal:
		switch {
		case a.has("IGO"):
			return "International Organization"
		case a.has("MIL") || (violent && !a.has("COP", "GOV")):
			return of("Military Forces")
		case a.has("COP"):
			return of("Police Forces")
		}
		return of("Government")
	case interRebels, interPoliticalMilitia, interIdentityMilitia:
		return in(unidentifiedArmedGroup)
	case interRioters:
		return in("Rioters")
	case interProtesters:
		return in("Protesters")
	case interCivilians:
		return in("Civilians")
	}
	return ""
}

// acledAdmin1 is ACLED's admin1: the place's first-level division (the
// place itself for a province).
func acledAdmin1(rec *sitrep.EventRecord) string {
	if rec.Admin1 == "" && rec.GeoPrecision == "province" {
		return rec.Place
	}
	return rec.Admin1
}

// acledAdmin2 is ACLED's admin2: the place itself when the article's place
// is a second-level division; sitrep knows no other.
func acledAdmin2(r *report) string {
	if r.art != nil && r.ev != nil && r.ev.Place != nil {
		if p := r.art.places[*r.ev.Place]; p != nil && p.Feature == "ADM2" {
			return p.Name
		}
	}
	return ""
}

// acledGeoPrecision is ACLED's geo_precision: 1 a town, 2 near a town or a
// small part of a region (a district, a landmark), 3 a larger region (a
// province or the country, whose centre is then the location).
func acledGeoPrecision(rec *sitrep.EventRecord) string {
	switch rec.GeoPrecision {
	case "town":
		return "1"
	case "province", "country":
		return "3"
	case "":
		if rec.Place == "" {
			return ""
		}
	}
	return "2"
}

// crowdNouns are the units of a quantity that counts a crowd.
var crowdNouns = setOf("protester", "demonstrator", "person", "people", "supporter", "student", "worker", "teacher",
	"farmer", "resident", "marcher", "activist", "woman", "man", "youth", "trader", "driver")

// acledTags is ACLED's tags: for protests and riots the crowd size, from a
// quantity of people in the event's sentence ("crowd size=thousands"),
// else "crowd size=no report"; "" for other events.
func acledTags(r *report) string {
	if r.rec.ACLEDType != acledProtests && r.rec.ACLEDType != acledRiots {
		return ""
	}
	if r.art != nil && r.ev != nil {
		if s, ok := r.art.sentence(r.ev.Sentence); ok {
			for _, q := range r.art.doc.Quantities {
				if q.Start >= s.Start && q.End <= s.End && q.Casualty == "" && crowdNouns[q.Unit] {
					return "crowd size=" + crowdSize(q.Text)
				}
			}
		}
	}
	return "crowd size=no report"
}

// crowdSize is the size words of a crowd quantity: "Thousands of
// protesters" -> "thousands", "about 300 students" -> "about 300".
func crowdSize(text string) string {
	s := strings.ToLower(strings.Join(strings.Fields(text), " "))
	if i := strings.Index(s, " of "); i > 0 {
		return s[:i]
	}
	if f := strings.Fields(s); len(f) > 1 {
		return strings.Join(f[:len(f)-1], " ")
	}
	return s
}

// unixTime is ACLED's timestamp as sitrep fills it: the first report's
// publication time in Unix seconds, or "".
func unixTime(published string) string {
	t, ok := publishedTime(published)
	if !ok {
		return ""
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// coord formats an optional coordinate with four decimals, "" for none.
func coord(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', 4, 64)
}

// acledCountryName is ACLED's name of a country given by its ISO code, else
// the country's English name.
func (t *tables) acledCountryName(iso2 string) string {
	if a, ok := t.acled[strings.ToUpper(iso2)]; ok {
		return a.Name
	}
	if c, ok := country.ByISO2(iso2); ok {
		return c.Name
	}
	return ""
}
