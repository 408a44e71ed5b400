package story

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"sitrep"
)

// Records flattens a document's events into event records, one per event, in
// the document's order. Each record names its actors (entity names and CAMEO
// codes), its place (gazetteer name, country, first-level division and
// coordinates from doc.Places), the sentence that reports it, and the
// document (id, URL, outlet, publication date); Mentions, Articles and
// Sources are 1. An event without a date takes the document's publication
// day. ID is the happening's id: ID(Key(record)).
//
// Offsets may be code points (a document from the pipeline) or bytes (one
// still inside it): Records reads doc.RuneOffsets.
func Records(doc *sitrep.Document) []sitrep.EventRecord {
	if doc == nil || len(doc.Events) == 0 {
		return nil
	}
	names := make(map[string]string, len(doc.Entities))
	for _, e := range doc.Entities {
		names[e.ID] = e.Name
	}
	places := make(map[string]*sitrep.Place, len(doc.Places))
	for i := range doc.Places {
		places[doc.Places[i].ID] = &doc.Places[i]
	}
	var runes []rune
	if doc.RuneOffsets {
		runes = []rune(doc.Text)
	}
	sentence := func(ev *sitrep.Event) string {
		if ev.Sentence < 0 || ev.Sentence >= len(doc.Sentences) {
			return ev.Text
		}
		s := doc.Sentences[ev.Sentence]
		n := len(doc.Text)
		if runes != nil {
			n = len(runes)
		}
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			return ev.Text
		}
		if runes != nil {
			return strings.TrimSpace(string(runes[s.Start:s.End]))
		}
		return strings.TrimSpace(doc.Text[s.Start:s.End])
	}
	recs := make([]sitrep.EventRecord, 0, len(doc.Events))
	for i := range doc.Events {
		ev := &doc.Events[i]
		r := sitrep.EventRecord{
			Date:          ev.Date,
			DatePrecision: ev.DatePrecision,
			CAMEO:         ev.CAMEO,
			Root:          ev.Root,
			QuadClass:     ev.QuadClass,
			Goldstein:     ev.Goldstein,
			PLOVER:        ev.PLOVER,
			ACLEDType:     ev.ACLEDType,
			ACLEDSubtype:  ev.ACLEDSubtype,
			Modality:      ev.Modality,
			SourceCode:    ev.SourceCode,
			TargetCode:    ev.TargetCode,
			GeoPrecision:  ev.GeoPrecision,
			Killed:        copyInt(ev.Killed),
			Injured:       copyInt(ev.Injured),
			Text:          sentence(ev),
			Doc:           doc.ID,
			URL:           doc.URL,
			Outlet:        doc.Outlet,
			Published:     doc.Published,
			Mentions:      1,
			Articles:      1,
			Sources:       1,
		}
		if r.Date == "" && len(doc.Published) >= 10 {
			r.Date = doc.Published[:10]
		}
		if ev.Source != nil {
			r.Source = names[*ev.Source]
		}
		if ev.Target != nil {
			r.Target = names[*ev.Target]
		}
		if ev.Place != nil {
			if p := places[*ev.Place]; p != nil {
				r.Place, r.Country, r.Admin1 = p.Name, p.Country, p.Admin1
				lat, lon := p.Lat, p.Lon
				r.Lat, r.Lon = &lat, &lon
			}
		}
		r.ID = ID(Key(r))
		recs = append(recs, r)
	}
	return recs
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Key returns the happening key of an event record: two events, in one
// article or in several, report the same happening when their keys are
// equal. Like GDELT's event identity, the key is made of
//
//	day | CAMEO code | source | target | place | modality
//
// where day is the first 10 characters of Date ("2021-07-27"; a coarser
// date stays as it is, "2021-07"); source and target are the actor's CAMEO
// code when it has one, else its name normalized (NormName), else "-";
// place is country/admin1/name with the name normalized, or the
// coordinates rounded to 0.1 degree when the place has no name, or "-"; and
// modality is asserted, negated, future or possible (empty reads as
// asserted). The key is deterministic and readable, so that a store can keep
// it and a person can read why two reports were merged.
func Key(r sitrep.EventRecord) string {
	var b strings.Builder
	day := r.Date
	if len(day) > 10 {
		day = day[:10]
	}
	b.WriteString(orDash(clean(day)))
	b.WriteByte('|')
	b.WriteString(orDash(clean(r.CAMEO)))
	b.WriteByte('|')
	b.WriteString(actorKey(r.SourceCode, r.Source))
	b.WriteByte('|')
	b.WriteString(actorKey(r.TargetCode, r.Target))
	b.WriteByte('|')
	b.WriteString(placeKey(r))
	b.WriteByte('|')
	m := r.Modality
	if m == "" {
		m = sitrep.Asserted
	}
	b.WriteString(clean(m))
	return b.String()
}

// ID returns the short id of a happening key: the first 16 hex digits of
// its SHA-256, as sitrep.TextID names documents.
func ID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

func actorKey(code, name string) string {
	if c := clean(strings.ToUpper(strings.TrimSpace(code))); c != "" {
		return c
	}
	if n := NormName(name); n != "" {
		return "~" + n // a name, never equal to a code
	}
	return "-"
}

func placeKey(r sitrep.EventRecord) string {
	name := NormName(r.Place)
	if name != "" || r.Country != "" || r.Admin1 != "" {
		return clean(strings.ToUpper(r.Country)) + "/" + NormName(r.Admin1) + "/" + name
	}
	if r.Lat != nil && r.Lon != nil && !math.IsNaN(*r.Lat) && !math.IsNaN(*r.Lon) {
		return "@" + round1(*r.Lat) + "," + round1(*r.Lon)
	}
	return "-"
}

func round1(f float64) string {
	v := math.Round(f*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// NormName normalizes an actor or place name for a key: lower case, letters
// and digits only, words joined by single spaces, and a leading "the"
// dropped ("The  Taliban" and "taliban" are one name).
func NormName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' || r == '.' {
			continue // "U.S." is "us", "Mujahid's" one word
		}
		space = true
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// clean keeps a key field free of the separators.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '|' || r == '/' || unicode.IsSpace(r) {
			return '_'
		}
		return r
	}, s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// SourceKey names the source a document counts for when a store counts a
// happening's Sources: the outlet, normalized (NormName), when the document
// has one; else the host of its URL without "www."; else the document's own
// id, so that documents of unknown origin each count as one source.
func SourceKey(outlet, rawURL, docID string) string {
	if o := NormName(outlet); o != "" {
		return o
	}
	if rawURL != "" {
		if u, err := url.Parse(strings.TrimSpace(rawURL)); err == nil && u.Host != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return "doc:" + docID
}
