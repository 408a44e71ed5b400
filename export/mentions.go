package export

import (
	"strconv"

	"sitrep"
)

// gdeltMentionColumns are the 16 columns of GDELT 2.0's mentions table, in
// order (GDELT Event Codebook V2.0, "Mentions table").
var gdeltMentionColumns = []Column{
	{"GLOBALEVENTID", Integer}, {"EventTimeDate", Integer}, {"MentionTimeDate", Integer}, {"MentionType", Integer},
	{"MentionSourceName", String}, {"MentionIdentifier", String}, {"SentenceID", Integer},
	{"Actor1CharOffset", Integer}, {"Actor2CharOffset", Integer}, {"ActionCharOffset", Integer},
	{"InRawText", Integer}, {"Confidence", Integer}, {"MentionDocLen", Integer}, {"MentionDocTone", Float},
	{"MentionDocTranslationInfo", String}, {"Extras", String},
}

// GDELTMentionColumns returns the columns of the gdelt-mentions format:
// GDELT 2.0's mentions table, 16 of them in GDELT's order.
func GDELTMentionColumns() []Column { return append([]Column(nil), gdeltMentionColumns...) }

// mentionTypeWeb is GDELT's MentionType of a web article.
const mentionTypeWeb = "1"

// gdeltMentionRows are the gdelt-mentions rows of a happening: one per
// sentence of the first reporting article that mentions it. Without the
// article there is one row with what the record says (the sentence and
// offsets then empty).
func (t *tables) gdeltMentionRows(r *report) [][]string {
	rec := r.rec
	eventTime := dateAdded(rec, parseDate(rec.Date))
	if r.art == nil || len(r.mentions) == 0 {
		return [][]string{{globalEventID(rec.ID), eventTime, gdeltTimestamp(rec.Published), mentionTypeWeb,
			sourceName(&sitrep.Document{URL: rec.URL, Outlet: rec.Outlet}), firstOf(rec.URL, rec.Doc),
			"", "", "", "", "", "", "", "", "", ""}}
	}
	a := r.art
	var rows [][]string
	for _, k := range r.mentions {
		ev := &a.doc.Events[k]
		off1, ok1 := t.actorOffset(a, ev, ev.Source, ev.SourceText, ev.SourceCode)
		off2, ok2 := t.actorOffset(a, ev, ev.Target, ev.TargetText, ev.TargetCode)
		raw := ok1 && ok2
		rows = append(rows, []string{
			globalEventID(rec.ID), eventTime, gdeltTimestamp(a.doc.Published), mentionTypeWeb,
			sourceName(a.doc), firstOf(a.doc.URL, a.doc.ID), strconv.Itoa(ev.Sentence + 1),
			strconv.Itoa(off1), strconv.Itoa(off2), strconv.Itoa(a.charOffset(ev.Start)),
			boolInt(raw), strconv.Itoa(confidence(ev, raw)), strconv.Itoa(a.length),
			strconv.FormatFloat(a.tone, 'f', 4, 64), "", "",
		})
	}
	return rows
}

// actorOffset is GDELT's Actor1CharOffset or Actor2CharOffset: where in the
// article (in characters) the actor is named in the event's sentence, or -1.
// ok is false when the event has the actor but its sentence does not name
// it (it was found elsewhere: a quote's speaker, an earlier sentence); an
// event without the actor is ok.
func (t *tables) actorOffset(a *article, ev *sitrep.Event, id *string, words, code string) (int, bool) {
	if m, found := a.actorMention(ev, id, words); found {
		return a.charOffset(m.Start), true
	}
	return -1, id == nil && words == "" && code == ""
}

// confidence is GDELT's Confidence (10 to 100) as sitrep estimates it: 100
// when the sentence itself names every actor of the event, 50 when one was
// found outside it; halved for an event that is negated, future or possible.
func confidence(ev *sitrep.Event, raw bool) int {
	c := 100
	if !raw {
		c = 50
	}
	if ev.Modality != "" && ev.Modality != sitrep.Asserted {
		c /= 2
	}
	if c < 10 {
		c = 10
	}
	return c
}

// boolInt is GDELT's 1 or 0 of a flag.
func boolInt(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
