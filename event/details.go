package event

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/quote"
	"sitrep/text"
)

// finish turns the coded events into the contract's events, with their
// actors, codes, time, place, casualties, attribution and ACLED type.
func finish(a *text.Analysis, words *docWords, cs []coded) []sitrep.Event {
	doc := a.Doc
	cas := casualties(a, words)
	published := ""
	if len(doc.Published) >= 10 {
		published = doc.Published[:10]
	} else if len(doc.Published) >= 4 {
		published = doc.Published
	}
	datelinePlace := datelinePlace(doc)
	ix := newDetailIndex(doc)
	takers := casualtyTakers(cs, cas)
	var lastPlace *sitrep.Place
	lastPlaceSent := 0
	var out []sitrep.Event
	for i := range cs {
		c := &cs[i]
		ev := c.ev
		if c.src >= 0 {
			ev.Source = sitrep.Ptr(doc.Entities[c.src].ID)
		}
		if c.tgt >= 0 {
			ev.Target = sitrep.Ptr(doc.Entities[c.tgt].ID)
		}
		ev.SourceCode, ev.TargetCode = c.srcCode, c.tgtCode
		ev.SourceText, ev.TargetText = c.srcText, c.tgtText
		// each event its own spans: offsets are converted in place
		ev.SourceSpan, ev.TargetSpan = ownSpan(c.srcSpan), ownSpan(c.tgtSpan)
		ev.Root = rootOf(ev.CAMEO)
		ev.QuadClass = QuadClass(ev.CAMEO)
		ev.Goldstein = Goldstein(ev.CAMEO)
		ev.PLOVER = PLOVER(ev.CAMEO)
		sen := a.Sentences[c.sent]
		// when
		if t := ix.sentenceTime(doc, sen, ev.Start); t != "" {
			ev.Date, ev.DatePrecision = datePrecision(t)
		} else if published != "" {
			ev.Date, ev.DatePrecision = datePrecision(published)
		}
		// where: the place its sentence says; else, for a material act, the
		// place the story last put one in, a few sentences before ("Gunmen
		// attacked a hotel in Tunis ... Police arrested two suspects");
		// else the dateline, where the reporter is
		if p := ix.sentencePlace(doc, sen, ev.End, c.conflict, visitCode(ev.CAMEO)); p != nil {
			ev.Place = sitrep.Ptr(p.ID)
			ev.GeoPrecision = geoPrecision(p.Feature)
			if c.conflict {
				lastPlace, lastPlaceSent = p, c.sent
			}
		} else if c.conflict && lastPlace != nil && c.sent-lastPlaceSent <= placeCarry {
			ev.Place = sitrep.Ptr(lastPlace.ID)
			ev.GeoPrecision = geoPrecision(lastPlace.Feature)
		} else if datelinePlace != nil {
			ev.Place = sitrep.Ptr(datelinePlace.ID)
			ev.GeoPrecision = geoPrecision(datelinePlace.Feature)
		}
		// how many
		if k, ok := takers[i]; ok {
			ev.Killed, ev.Injured = cas[k].killed, cas[k].injured
		}
		// who says so
		ev.Attribution = ix.quotes.Attribution(ev.Start, ev.End)
		for _, qi := range ix.quotes.CueHolding(ev.Start) {
			if q := doc.Quotes[qi]; ev.Source == nil && q.Speaker != nil {
				ev.Source = q.Speaker
			}
		}
		key := c.acled
		if key == "territory" && stateActor(c.srcCode) {
			key = "govterritory"
		}
		k := acledFor(ev.CAMEO, key)
		if c.learned {
			k, _ = acledSubtype(c.acledSub) // the coder's reading, none included
		}
		ev.ACLEDType, ev.ACLEDSubtype = k.Type, k.Subtype
		out = append(out, ev)
	}
	return out
}

// placeCarry is how many sentences an event's place carries over to
// events whose own sentence names none.
const placeCarry = 3

// detailIndex finds a document's times, places and quotes by offset. It is
// built once per document, so that the details of each event cost no scan
// of the whole document: long documents stay linear.
type detailIndex struct {
	quotes *quote.Index
	times  []spanRef // doc.Times by start
	places []spanRef // the mentions of doc.Places' entities by start
}

// spanRef is one span of a document and what it belongs to: a time's
// index, or a place's index and the mention's index in its entity.
type spanRef struct{ start, end, of, mention int }

// newDetailIndex indexes doc's quotes, times and place mentions.
func newDetailIndex(doc *sitrep.Document) *detailIndex {
	ix := &detailIndex{quotes: quote.NewIndex(doc.Quotes)}
	for i, t := range doc.Times {
		ix.times = append(ix.times, spanRef{t.Start, t.End, i, 0})
	}
	for pi := range doc.Places {
		if e := entityByID(doc, doc.Places[pi].Entity); e != nil {
			for mi, m := range e.Mentions {
				ix.places = append(ix.places, spanRef{m.Start, m.End, pi, mi})
			}
		}
	}
	byStart := func(a, b spanRef) int { return a.start - b.start }
	slices.SortStableFunc(ix.times, byStart)
	slices.SortStableFunc(ix.places, byStart)
	return ix
}

// startingIn returns the refs (sorted by start) that start in [lo, hi),
// in the document's order (by what they belong to, then by mention).
func startingIn(refs []spanRef, lo, hi int) []spanRef {
	a := sort.Search(len(refs), func(i int) bool { return refs[i].start >= lo })
	b := sort.Search(len(refs), func(i int) bool { return refs[i].start >= hi })
	if b <= a {
		return nil
	}
	out := slices.Clone(refs[a:b])
	slices.SortFunc(out, func(x, y spanRef) int {
		if x.of != y.of {
			return x.of - y.of
		}
		return x.mention - y.mention
	})
	return out
}

// sentenceTime is the value of the date nearest off in the sentence.
func (ix *detailIndex) sentenceTime(doc *sitrep.Document, sen text.Sentence, off int) string {
	best, bestD := "", 1<<30
	for _, r := range startingIn(ix.times, sen.Start, sen.End) {
		t := doc.Times[r.of]
		if t.Type != sitrep.TimeDate && t.Type != sitrep.TimeTime {
			continue
		}
		if !datePattern.MatchString(t.Value) || ix.reportedApart(doc, t.Start, off) || otherClauseTime(doc.Text, sen, t.Start, off) {
			continue
		}
		d := t.Start - off
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = t.Value, d
		}
	}
	return best
}

// placeOfFollows reports whether text after a place's name goes on to a
// smaller place in it: " city of Kitwe", " province of Idlib".
func placeOfFollows(rest string) bool {
	f := strings.Fields(rest)
	return len(f) >= 3 && f[1] == "of" && unicode.IsUpper(firstRune(f[2])) && placeNouns[strings.ToLower(f[0])]
}

// afterPlaceOf reports whether before ends in a locative phrase that
// names a place's kind before it: "in the Copperbelt city of ".
func afterPlaceOf(before string) bool {
	f := strings.Fields(before)
	n := len(f)
	if n < 3 || f[n-1] != "of" || !placeNouns[strings.ToLower(f[n-2])] {
		return false
	}
	for k := n - 3; k >= 0 && k >= n-6; k-- {
		switch strings.ToLower(f[k]) {
		case "in", "at", "near", "outside", "into":
			return true
		}
	}
	return false
}

// otherClauseTime reports whether the time at offset at dates another
// clause than the trigger at off does: a relative clause or an apposition
// set off by commas that holds the time and not the trigger ("Ruto, who
// visited a camp on Monday, pledged", "Hichilema, a businessman first
// elected in 2021, called"), or a participle right before the time's
// preposition ("despite warnings issued in October").
func otherClauseTime(txt string, sen text.Sentence, at, off int) bool {
	// the comma-set insert around the time
	open := strings.LastIndexByte(txt[sen.Start:at], ',')
	if open >= 0 {
		open += sen.Start
		rest := strings.Fields(txt[open+1 : at])
		if len(rest) > 0 && insertOpeners[strings.ToLower(rest[0])] {
			end := strings.IndexByte(txt[at:sen.End], ',')
			if end >= 0 && (off < open || off > at+end) {
				return true
			}
		}
	}
	// "criticized ... despite warnings issued in October": a participle
	// after the trigger that the time follows dates something else
	before := strings.Fields(txt[max(sen.Start, at-40):at])
	if n := len(before); n >= 2 && off < at && (before[n-1] == "in" || before[n-1] == "on") {
		w := strings.ToLower(strings.Trim(before[n-2], ",;"))
		pos := at - len(before[n-1]) - 1 - len(before[n-2])
		if strings.HasSuffix(w, "ed") && len(w) > 4 && (off < pos-1 || off > pos+len(before[n-2])) && !strings.HasSuffix(w, "eed") {
			return true
		}
	}
	return false
}

// reportedApart reports whether offset at lies inside what a quote
// reports while off, the event's trigger, lies outside it: "Powell told
// reporters that inflation, at 3% in June, ..." is not told in June.
func (ix *detailIndex) reportedApart(doc *sitrep.Document, at, off int) bool {
	for _, qi := range ix.quotes.Holding(at, at+1) {
		if q := doc.Quotes[qi]; off < q.Start || off >= q.End {
			return true
		}
	}
	return false
}

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?`)

func datePrecision(v string) (string, string) {
	m := datePattern.FindString(v)
	switch {
	case len(m) == 10:
		return m, "day"
	case strings.Contains(m, "W"):
		return m, "week"
	case len(m) == 7:
		return m, "month"
	case len(m) == 4:
		return m, "year"
	}
	return v, ""
}

func geoPrecision(feature string) string {
	switch {
	case strings.HasPrefix(feature, "PPL"):
		return "town"
	case feature == "ADM1":
		return "province"
	case strings.HasPrefix(feature, "PCL"):
		return "country"
	case feature == "":
		return ""
	}
	return "region"
}

// sentencePlace picks where an event happened: a place named after a
// locative preposition nearest the trigger, else (for conflict) any
// place of the sentence.
func (ix *detailIndex) sentencePlace(doc *sitrep.Document, sen text.Sentence, off int, conflict, visit bool) *sitrep.Place {
	var best *sitrep.Place
	bestD := 1 << 30
	var any *sitrep.Place
	anyD := 1 << 30
	for _, m := range startingIn(ix.places, sen.Start, sen.End) {
		p := &doc.Places[m.of]
		d := m.start - off
		if d < 0 {
			d = -d*2 + 1 // places after the trigger first
		}
		if strings.HasPrefix(p.Feature, "PCL") {
			d += 1000 // a town or province named nearby says more than the country
		}
		if placeOfFollows(doc.Text[m.end:sen.End]) {
			d += 500 // "the Copperbelt city of Kitwe": Kitwe
		}
		if (locativeBefore(doc.Text, sen.Start, m.start) || visit && destinationBefore(doc.Text, sen.Start, m.start) || afterPlaceOf(doc.Text[sen.Start:m.start])) && d < bestD {
			best, bestD = p, d
		}
		if d < anyD && !possessive(doc.Text[m.end:sen.End]) {
			any, anyD = p, d // "the commander of Israel's militia": an owner, no place
		}
	}
	if best != nil {
		return best
	}
	if conflict {
		return any
	}
	return nil
}

// possessive reports whether rest, the text right after a place's
// mention, opens with the possessive "'s".
func possessive(rest string) bool {
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "\u2019s")
}

// visitCode reports whether a CAMEO code is one of consultation (root 04:
// visits, meetings, talks), whose place is where the parties go: "Arafat
// would go to Cairo for talks" are talks in Cairo.
func visitCode(code string) bool {
	return strings.HasPrefix(code, "04")
}

// destinationBefore reports whether the words right before off in
// txt[lo:off] end with "to" (or "to the capital", "to the city of"): the
// place after them is where a visit goes.
func destinationBefore(txt string, lo, off int) bool {
	f := strings.Fields(strings.ToLower(txt[lo:off]))
	for k := len(f) - 1; k >= 0 && k >= len(f)-4; k-- {
		switch strings.Trim(f[k], ",") {
		case "to":
			return true
		case "the", "city", "town", "capital", "of":
			continue
		}
		return false
	}
	return false
}

func locativeBefore(txt string, lo, off int) bool {
	s := strings.ToLower(txt[lo:off])
	f := strings.Fields(s)
	for k := len(f) - 1; k >= 0 && k >= len(f)-3; k-- {
		w := strings.Trim(f[k], ",")
		if locPreps[w] || w == "on" || w == "of" && k > 0 && (f[k-1] == "south" || f[k-1] == "north" || f[k-1] == "east" || f[k-1] == "west" || f[k-1] == "outskirts") {
			return true
		}
		if w == "the" || w == "city" || w == "town" || w == "village" || w == "province" || w == "capital" || w == "of" {
			continue
		}
		return false
	}
	return false
}

func entityByID(doc *sitrep.Document, id string) *sitrep.Entity {
	// the entity stage numbers entities E1, E2, ... in order
	if n, err := strconv.Atoi(strings.TrimPrefix(id, "E")); err == nil && n >= 1 && n <= len(doc.Entities) && doc.Entities[n-1].ID == id {
		return &doc.Entities[n-1]
	}
	for i := range doc.Entities {
		if doc.Entities[i].ID == id {
			return &doc.Entities[i]
		}
	}
	return nil
}

// datelinePlace is the place named in the dateline, if any.
func datelinePlace(doc *sitrep.Document) *sitrep.Place {
	if doc.Dateline == nil {
		return nil
	}
	for pi := range doc.Places {
		e := entityByID(doc, doc.Places[pi].Entity)
		if e == nil {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start >= doc.Dateline.Start && m.Start < doc.Dateline.End {
				return &doc.Places[pi]
			}
		}
	}
	return nil
}

// casualty is the counts of dead and wounded a sentence states, and the
// byte offset of its first count.
type casualty struct {
	killed, injured *int
	at              int
}

// casualtyTakers returns, by index in cs, the events that take the
// casualties of a sentence, and the sentence: of each sentence with
// casualties, the asserted conflict event nearest its first count ("The
// killings came hours after ... 18 people were massacred" gives 18 to the
// massacre); an event of 18 or above in a sentence without casualties
// takes those of the sentence before when that one has no conflict event
// ("Gunmen attacked the village. Twelve people died.").
func casualtyTakers(cs []coded, cas map[int]*casualty) map[int]int {
	conflictIn := map[int]bool{} // sentences with a conflict event, asserted or not
	for _, c := range cs {
		if c.conflict {
			conflictIn[c.sent] = true
		}
	}
	best := map[int]int{} // by sentence: the index of its taker so far
	for i := range cs {
		c := &cs[i]
		if !c.conflict || c.ev.Modality != sitrep.Asserted {
			continue
		}
		k := c.sent
		if cas[k] == nil {
			if k > 0 && cas[k-1] != nil && !conflictIn[k-1] && rootOf(c.ev.CAMEO) >= "18" {
				if _, taken := best[k-1]; !taken {
					best[k-1] = i
				}
			}
			continue
		}
		if j, ok := best[k]; !ok || distance(c.ev.Start, cas[k].at) < distance(cs[j].ev.Start, cas[k].at) {
			best[k] = i
		}
	}
	takers := map[int]int{}
	for k, i := range best {
		takers[i] = k
	}
	return takers
}

// distance is how far apart two byte offsets are.
func distance(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

var (
	killWords   = lexicon.Words("shared.death-words")
	injureWords = lexicon.Words("shared.injury-words", "event.injury-words")
)

// casualties reads killed/injured counts per sentence: from the quantity
// stage when it marked casualties, else from the words around numbers.
func casualties(a *text.Analysis, words *docWords) map[int]*casualty {
	out := map[int]*casualty{}
	doc := a.Doc
	marked := false
	for _, q := range doc.Quantities {
		if q.Casualty == "" {
			continue
		}
		marked = true
		si := a.SentenceAt(q.Start)
		if si < 0 {
			continue
		}
		c := out[si]
		if c == nil {
			c = &casualty{at: q.Start}
			out[si] = c
		}
		v := int(q.Value)
		switch q.Casualty {
		case "killed":
			if c.killed == nil {
				c.killed = &v
			}
		case "injured":
			if c.injured == nil {
				c.injured = &v
			}
		}
	}
	if !marked {
		countNearWords(a, words, out)
	}
	oneKilled(a, words, out)
	return out
}

// countNearWords reads the counts of dead and wounded per sentence from
// the words around numbers, where the quantity stage marked none.
func countNearWords(a *text.Analysis, words *docWords, out map[int]*casualty) {
	for si, sen := range a.Sentences {
		toks := sen.Tokens
		for i, t := range toks {
			v, ok := tokenNumber(t, words.at(si, i, t.Text))
			if !ok {
				continue
			}
			kind := ""
			// "killing 12 people and wounding 30": the casualty word right
			// before a number is its own, whatever follows
			if i > 0 {
				switch w := strings.ToLower(toks[i-1].Text); {
				case killWords[w]:
					kind = "killed"
				case injureWords[w]:
					kind = "injured"
				}
			}
			for k := i + 1; kind == "" && k < len(toks) && k <= i+5; k++ {
				w := strings.ToLower(toks[k].Text)
				if w == "," || w == "." || w == ";" {
					break
				}
				if killWords[w] {
					kind = "killed"
					break
				}
				if injureWords[w] {
					kind = "injured"
					break
				}
			}
			if kind == "" { // "the injury of 3", "killing 12"
				for k := i - 1; k >= 0 && k >= i-3; k-- {
					w := strings.ToLower(toks[k].Text)
					if killWords[w] {
						kind = "killed"
						break
					}
					if injureWords[w] {
						kind = "injured"
						break
					}
				}
			}
			if kind == "" {
				continue
			}
			c := out[si]
			if c == nil {
				c = &casualty{at: t.Start}
				out[si] = c
			}
			n := v
			if kind == "killed" && c.killed == nil {
				c.killed = &n
			} else if kind == "injured" && c.injured == nil {
				c.injured = &n
			}
		}
	}
}

// oneKilled gives a sentence with no count of the dead one dead where a
// word of death takes one person named with "a" or "an": "killing a
// teenager", "a policeman was killed".
func oneKilled(a *text.Analysis, words *docWords, out map[int]*casualty) {
	for si, sen := range a.Sentences {
		if c := out[si]; c != nil && c.killed != nil {
			continue
		}
		toks := sen.Tokens
		for i, t := range toks {
			if !strings.EqualFold(t.Text, "a") && !strings.EqualFold(t.Text, "an") || !onePerson(toks, words, si, i) {
				continue
			}
			if !(i > 0 && killWords[strings.ToLower(toks[i-1].Text)]) && !killedAfter(toks, i) {
				continue
			}
			c := out[si]
			if c == nil {
				c = &casualty{at: t.Start}
				out[si] = c
			}
			one := 1
			c.killed = &one
			break
		}
	}
}

// onePerson reports whether a singular person noun follows the article at
// token i of sentence si, right after it or after one word ("a teenager",
// "a young teenager").
func onePerson(toks []text.Token, words *docWords, si, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+2; k++ {
		if p := words.at(si, k, toks[k].Text).person; p.Person && !p.Plural && !p.Adjective {
			return true
		}
	}
	return false
}

// killedAfter reports whether the person named from token i was killed in
// a passive a few words on: "a policeman was killed".
func killedAfter(toks []text.Token, i int) bool {
	for k := i + 2; k < len(toks) && k <= i+5; k++ {
		switch strings.ToLower(toks[k].Text) {
		case "killed", "slain", "massacred":
			return beForms[strings.ToLower(toks[k-1].Text)]
		}
	}
	return false
}

// tokenNumber returns the count token t, whose word is w, gives: a number
// below a million that is no year, or a number word (no number word has
// an apostrophe, which w's lower case makes straight).
func tokenNumber(t text.Token, w *wordFacts) (int, bool) {
	if t.Kind == text.Number {
		v, err := strconv.Atoi(strings.ReplaceAll(t.Text, ",", ""))
		if err == nil && v < 1000000 && !(v >= 1900 && v <= 2100) {
			return v, true
		}
		return 0, false
	}
	return int(w.count), w.countWord
}

// stateActor reports whether a CAMEO actor code names a state or its
// government or armed forces.
func stateActor(code string) bool {
	if len(code) == 3 && code != "IGO" && code != "NGO" {
		return true
	}
	return len(code) == 6 && (strings.HasSuffix(code, "GOV") || strings.HasSuffix(code, "MIL") || strings.HasSuffix(code, "COP"))
}

// countWord returns the count a number word gives ("twelve", "dozens"),
// from the shared table (lexicon/data/numbers.tsv); 0 and false for other
// words. Stage.Run returns the table's loading error first.
func countWord(w string) (int, bool) {
	n, err := lexicon.LoadNumbers()
	if err != nil {
		return 0, false
	}
	v, ok := n.Value(w, lexicon.Cardinal|lexicon.Dozen|lexicon.Vague)
	return int(v), ok && v >= 1
}

// isCountWord reports whether w is a number word of at least one.
func isCountWord(w string) bool {
	_, ok := countWord(w)
	return ok
}

// ownSpan returns a copy of sp, or nil.
func ownSpan(sp *sitrep.Span) *sitrep.Span {
	if sp == nil {
		return nil
	}
	c := *sp
	return &c
}
