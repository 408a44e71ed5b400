package text

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/lexicon"
)

// Analyze runs the text layer over doc: it finds paragraphs, headings, the
// dateline and sentences, tokenizes each sentence, and records the sentence
// spans (bytes) and the dateline in doc. doc.Text should already be
// normalized (see Normalize).
func Analyze(doc *sitrep.Document) *Analysis {
	a := &Analysis{Doc: doc}
	s := doc.Text
	para := 0
	buf := make([]Token, 0, len(s)/4+16) // one backing array for most tokens
	for _, p := range Paragraphs(s) {
		for _, seg := range lineSegments(s, p) {
			var sents []Sentence
			sents, buf = splitSegment(s, seg, para, buf)
			a.Sentences = append(a.Sentences, sents...)
		}
		para++
	}
	doc.Sentences = make([]sitrep.Span, len(a.Sentences))
	for i, st := range a.Sentences {
		doc.Sentences[i] = sitrep.Span{Start: st.Start, End: st.End}
	}
	doc.Dateline = nil
	if len(a.Sentences) > 0 {
		first := 0
		if a.Sentences[0].Heading && len(a.Sentences) > 1 {
			first = 1
		}
		if d, ok := FindDateline(s, a.Sentences[first].Start, a.Sentences[first].End); ok {
			doc.Dateline = &d
		} else if d, at, ok := datelineParagraph(s, a.Sentences); ok {
			doc.Dateline = &d
			markTitles(s, a.Sentences[:at])
		}
	}
	return a
}

// datelineLookahead is how many sentences at the start of a text may come
// before a dateline that stands as a paragraph of its own (a headline, a
// byline).
const datelineLookahead = 4

// datelineParagraph finds a dateline that is a paragraph of its own among
// the first sentences, as wire copy sets it between the headline (and
// byline) and the story: "BANGUI 1996-12-06", "DURBAN, South Africa
// 1996-12-06", "MANTUA, Italy Dec 6".
func datelineParagraph(s string, sents []Sentence) (sitrep.Span, int, bool) {
	for i := 0; i < len(sents) && i < datelineLookahead; i++ {
		if !aloneInParagraph(sents, i) || i+1 == len(sents) {
			continue
		}
		line := strings.TrimSpace(s[sents[i].Start:sents[i].End])
		if placeThenDate(line) {
			return sitrep.Span{Start: sents[i].Start, End: sents[i].Start + len(line)}, i, true
		}
	}
	return sitrep.Span{}, 0, false
}

// aloneInParagraph reports whether sentence i of sents is the only one of
// its paragraph among them.
func aloneInParagraph(sents []Sentence, i int) bool {
	return (i == 0 || sents[i-1].Paragraph != sents[i].Paragraph) &&
		(i+1 == len(sents) || sents[i+1].Paragraph != sents[i].Paragraph)
}

// titleWords is the most words a line before a dateline paragraph may
// have to be read as the story's headline or byline.
const titleWords = 14

// markTitles marks as headings the sentences before a dateline that
// stands as a paragraph of its own, each alone in its paragraph and
// short: the headline and the byline above it, even where the headline
// ends with a period ("Woman charged over N. Ireland arms find.").
func markTitles(s string, before []Sentence) {
	for i := range before {
		st := &before[i]
		if aloneInParagraph(before, i) && len(strings.Fields(s[st.Start:st.End])) <= titleWords {
			st.Heading = true
		}
	}
}

// placeThenDate reports whether line is a place in capitals (its first
// word at least two capital letters; then, after a comma, at most four
// capitalized words: a country or region) followed by a date alone: an
// ISO date ("1996-12-06") or a month and a day ("Dec 6", "6 December
// 2023").
func placeThenDate(line string) bool {
	words := strings.Fields(line)
	if len(words) < 2 || len(words) > 10 {
		return false
	}
	place, date := words, []string(nil)
	for k := range words {
		if isDateWord(words[k]) {
			place, date = words[:k], words[k:]
			break
		}
	}
	if len(place) == 0 || len(date) == 0 || !allDateWords(date) || !dateSaysDay(date) {
		return false
	}
	first := strings.TrimSuffix(place[0], ",")
	letters := 0
	for _, r := range first {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	for _, w := range place[1:] {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return len(place) <= 6
}

// isDateWord reports whether w (a comma after it allowed) is part of a
// date: an ISO date, a month name or abbreviation, or a day or year number.
func isDateWord(w string) bool {
	w = strings.TrimSuffix(w, ",")
	if isoDate(w) {
		return true
	}
	if lw := strings.ToLower(w); Months[lw] > 0 || Months[lw+"."] > 0 {
		return true
	}
	return len(w) >= 1 && len(w) <= 4 && strings.Trim(w, "0123456789") == ""
}

// allDateWords reports whether every word of ws is a date word.
func allDateWords(ws []string) bool {
	for _, w := range ws {
		if !isDateWord(w) {
			return false
		}
	}
	return true
}

// dateSaysDay reports whether date words name a day: an ISO date, or a
// month with a number.
func dateSaysDay(ws []string) bool {
	month, number := false, false
	for _, w := range ws {
		w = strings.TrimSuffix(w, ",")
		switch lw := strings.ToLower(w); {
		case isoDate(w):
			return true
		case Months[lw] > 0 || Months[lw+"."] > 0:
			month = true
		default:
			number = true
		}
	}
	return month && number
}

// isoDate reports whether w is a date written YYYY-MM-DD.
func isoDate(w string) bool {
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return false
	}
	return strings.Trim(w[:4]+w[5:7]+w[8:], "0123456789") == ""
}

// Paragraphs returns the blocks of s separated by blank lines, trimmed of
// surrounding white space.
func Paragraphs(s string) []sitrep.Span {
	var out []sitrep.Span
	start := -1 // start of the current block, -1 when between blocks
	lineStart := 0
	for lineStart <= len(s) {
		nl := strings.IndexByte(s[lineStart:], '\n')
		lineEnd := len(s)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		blank := strings.TrimFunc(s[lineStart:lineEnd], unicode.IsSpace) == ""
		if blank {
			if start >= 0 {
				out = appendTrimmed(out, s, start, lineStart)
				start = -1
			}
		} else if start < 0 {
			start = lineStart
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	if start >= 0 {
		out = appendTrimmed(out, s, start, len(s))
	}
	return out
}

func appendTrimmed(out []sitrep.Span, s string, start, end int) []sitrep.Span {
	for start < end {
		r, size := decode(s, start)
		if !isSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	if start < end {
		out = append(out, sitrep.Span{Start: start, End: end})
	}
	return out
}

// segment is a stretch of a paragraph that sentences may not cross; heading
// marks a line standing alone without final punctuation.
type segment struct {
	sitrep.Span
	heading bool
}

// lineSegments splits a paragraph at lines that must end a sentence: a
// heading line (short, no final punctuation, followed by a capitalized
// line) and list items. Other line breaks are plain spaces.
func lineSegments(s string, p sitrep.Span) []segment {
	var lines []sitrep.Span
	for i := p.Start; i < p.End; {
		nl := strings.IndexByte(s[i:p.End], '\n')
		e := p.End
		if nl >= 0 {
			e = i + nl
		}
		lines = appendTrimmed(lines, s, i, e)
		i = e + 1
	}
	if len(lines) == 1 {
		return []segment{{Span: lines[0], heading: isHeadingLine(s[lines[0].Start:lines[0].End], true)}}
	}
	var out []segment
	cur := lines[0]
	prevEnded := true // did the line before cur end a sentence?
	for i := 0; i < len(lines); i++ {
		l := s[lines[i].Start:lines[i].End]
		last := i == len(lines)-1
		breakAfter := false
		heading := false
		if !last {
			next := s[lines[i+1].Start:lines[i+1].End]
			if isListItem(next) {
				breakAfter = true
			}
			if prevEnded && isHeadingLine(l, false) && startsUpper(next) && lines[i].Start == cur.Start {
				breakAfter, heading = true, true
			}
		}
		prevEnded = endsSentence(l)
		if last || breakAfter {
			cur.End = lines[i].End
			out = append(out, segment{Span: cur, heading: heading})
			if !last {
				cur = lines[i+1]
			}
		}
	}
	return out
}

func isListItem(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	if r == '•' || r == '*' || r == '\u25CF' || r == '\u25AA' {
		return true
	}
	return (r == '-' || r == '\u2013' || r == '\u2014') && len(l) > 1 && l[1] == ' '
}

// IsUpperWord reports whether s has letters and none of them is lower case
// ("KABUL", "GAZA CITY", "UAE").
func IsUpperWord(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// AllCapsSentence reports whether most of the words (of two letters or
// more) of a sentence's tokens are in capitals, as a headline set in
// capitals is: there "WHO" or "US" are no acronyms.
func AllCapsSentence(toks []Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.Kind == Word && len(t.Text) > 1 {
			words++
			if IsUpperWord(t.Text) {
				caps++
			}
		}
	}
	return words > 2 && caps*2 > words
}

func startsUpper(l string) bool {
	for _, r := range l {
		if IsQuote(r) || r == '(' {
			continue
		}
		return unicode.IsUpper(r) || isDigit(r)
	}
	return false
}

// endsSentence reports whether line l ends with final punctuation, allowing
// closing quotes and brackets after it.
func endsSentence(l string) bool {
	l = strings.TrimRightFunc(l, func(r rune) bool { return IsQuote(r) || r == ')' || r == ']' || unicode.IsSpace(r) })
	r, _ := utf8.DecodeLastRuneInString(l)
	return r == '.' || r == '!' || r == '?' || r == '\u2026' || r == ':' || r == ';'
}

// isHeadingLine reports whether l reads as a heading: no final punctuation,
// no more than 14 words (alone in its paragraph) or 10 words and 70 bytes
// (inside a paragraph), not ending in a comma or a word that joins to the
// next line.
func isHeadingLine(l string, alone bool) bool {
	if endsSentence(l) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	if r == ',' || r == '(' || IsDash(r) {
		return false
	}
	if strings.Contains(l, ". ") || strings.Contains(l, "? ") || strings.Contains(l, "! ") {
		return false // sentences inside: not a heading
	}
	words := strings.Fields(l)
	if alone {
		return len(words) <= 14 || len(l) < 100
	}
	if len(words) > 10 || len(l) > 70 {
		return false
	}
	switch strings.ToLower(words[len(words)-1]) {
	case "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "that", "said", "as":
		return false
	}
	return true
}

// splitSegment cuts one segment into sentences.
// Its tokens are appended to buf, which is returned.
func splitSegment(s string, seg segment, para int, buf []Token) ([]Sentence, []Token) {
	n := len(buf)
	buf = appendTokens(buf, s, seg.Start, seg.End)
	toks := buf[n:len(buf):len(buf)]
	if len(toks) == 0 {
		return nil, buf
	}
	if seg.heading {
		return []Sentence{{Start: toks[0].Start, End: toks[len(toks)-1].End, Tokens: toks, Paragraph: para, Heading: true}}, buf
	}
	var out []Sentence
	first := 0
	for i := 0; i < len(toks); i++ {
		strength, ok := boundaryAfter(toks, i)
		if !ok {
			continue
		}
		if i == first+1 && toks[first].Kind == Number && len(toks[first].Text) <= 3 && toks[i].Text == "." {
			continue // a list number: "1. Jesper Ronnback"
		}
		// take closing quotes and brackets that hug the final mark
		j := i
		for j+1 < len(toks) && toks[j+1].Start == toks[j].End && (toks[j+1].Kind == Quote || toks[j+1].Text == ")" || toks[j+1].Text == "]") {
			j++
		}
		if j+1 >= len(toks) {
			break
		}
		if !startsSentence(toks, j+1, strength) {
			continue
		}
		out = append(out, Sentence{Start: toks[first].Start, End: toks[j].End, Tokens: toks[first : j+1], Paragraph: para})
		first = j + 1
		i = j
	}
	if first < len(toks) {
		out = append(out, Sentence{Start: toks[first].Start, End: toks[len(toks)-1].End, Tokens: toks[first:], Paragraph: para})
	}
	return out, buf
}

// boundary strengths returned by boundaryAfter.
const (
	strong = iota // ".", "!", "?": a capitalized next word starts a sentence
	weak          // after an abbreviation: only a sentence-starting word does
)

// boundaryAfter reports whether token i may end a sentence, and how surely.
func boundaryAfter(toks []Token, i int) (int, bool) {
	t := toks[i]
	switch t.Text {
	case ".", "!", "?", "...", "\u2026", "?!", "!?":
		return strong, true
	}
	if t.Kind == Word && strings.HasSuffix(t.Text, ".") {
		w := strings.TrimSuffix(t.Text, ".")
		if IsTitleAbbreviation(t.Text) {
			return 0, false
		}
		if len(w) == 1 {
			return 0, false // an initial
		}
		return weak, true
	}
	return 0, false
}

// startsSentence reports whether toks[i] can start a new sentence after a
// boundary of the given strength.
func startsSentence(toks []Token, i int, strength int) bool {
	// look through opening quotes and brackets
	k := i
	for k < len(toks) && (toks[k].Kind == Quote || toks[k].Text == "(" || toks[k].Text == "[") {
		k++
	}
	if k >= len(toks) {
		return false
	}
	n := toks[k]
	r, _ := utf8.DecodeRuneInString(n.Text)
	if strength == strong {
		switch n.Text {
		case "*", "•", "-", "--", "\u2013", "\u2014":
			return k+1 < len(toks) // a list item or a sign-off line
		}
		return unicode.IsUpper(r) || isDigit(r)
	}
	// weak: after an abbreviation
	if k > i && unicode.IsUpper(r) {
		return true // an opening quote and a capital
	}
	if !unicode.IsUpper(r) {
		return false
	}
	if sentenceStarters[strings.ToLower(n.Text)] {
		return true
	}
	return false
}

// sentenceStarters are words that, capitalized after an abbreviation such as
// "U.S." or "p.m.", start a new sentence rather than continue a name.
var sentenceStarters = lexicon.Words("text.sentence-starters")

// FindDateline finds a wire-report dateline at the start of s[start:end]:
// "BAGHDAD -", "JEDDAH, Saudi Arabia, May 21 -", "WASHINGTON (Reuters) -".
// It returns the span of the dateline without its dash.
func FindDateline(s string, start, end int) (sitrep.Span, bool) {
	limit := start + 120
	if limit > end {
		limit = end
	}
	head := s[start:limit]
	// the dash that ends a dateline: " - ", " -- ", " — ", " – "
	dash := -1
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRuneInString(head[i:])
		if IsDash(r) && i > 0 && head[i-1] == ' ' {
			dash = i
			break
		}
		// "Jammu, Sep 12:": a dated place ends with a colon
		if r == ':' && i+1 < len(head) && head[i+1] == ' ' && datedPlace(head[:i]) {
			dash = i
			break
		}
		if r == '.' && i+1 < len(head) && head[i+1] == ' ' {
			w := head[:i]
			if k := strings.LastIndexAny(w, " ,("); k >= 0 {
				w = w[k+1:]
			}
			if !isAbbreviation(w) {
				break // a sentence went by: no dateline
			}
		}
		i += size
	}
	if dash < 0 {
		return sitrep.Span{}, false
	}
	place := strings.TrimSpace(head[:dash])
	// the first word must be in capitals (the place), at least two letters
	first := place
	if k := strings.IndexAny(place, ",( "); k >= 0 {
		first = place[:k]
	}
	letters := 0
	caps := true
	for _, r := range first {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				caps = false
			}
			letters++
		}
	}
	if letters < 2 {
		return sitrep.Span{}, false
	}
	// "Geneva (AFP) -", "Bissau, 5 October 2023 -": a place in title case
	// with an agency in brackets or a date
	if !caps && !(titleWord(first) && (agencyInBrackets(place) || datedPlace(place))) {
		return sitrep.Span{}, false
	}
	return sitrep.Span{Start: start, End: start + len(place)}, true
}

// titleWord reports whether w is capitalized and otherwise lower case.
func titleWord(w string) bool {
	for i, r := range w {
		if i == 0 && !unicode.IsUpper(r) || i > 0 && unicode.IsUpper(r) && w[i-1] != '-' && w[i-1] != ' ' {
			return false
		}
	}
	return w != ""
}

// agencyInBrackets reports whether a dateline names its agency in
// brackets: "Geneva (AFP)", "Kyiv (Reuters)".
func agencyInBrackets(place string) bool {
	i, j := strings.IndexByte(place, '('), strings.IndexByte(place, ')')
	if i < 0 || j < i+2 || j-i > 24 || strings.TrimSpace(place[j+1:]) != "" {
		return false
	}
	for _, w := range strings.Fields(place[i+1 : j]) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// datedPlace reports whether head is a place, a comma and a date: "Bissau,
// 5 October 2023", "Jammu, Sep 12", "KYIV, March 3".
func datedPlace(head string) bool {
	k := strings.IndexByte(head, ',')
	if k < 2 || k > 30 || strings.Count(head[:k], " ") > 2 {
		return false
	}
	words := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(head[k+1:]))
	if len(words) < 1 || len(words) > 4 {
		return false
	}
	month, day := false, false
	for _, w := range words {
		if lw := strings.ToLower(w); Months[lw] > 0 || Months[lw+"."] > 0 { // "Sep 12", "Mar. 3"
			month = true
			continue
		}
		if n := len(w); n >= 1 && n <= 4 && strings.Trim(w, "0123456789") == "" {
			day = true
			continue
		}
		return false
	}
	return month && day
}

// Months maps lower-case month names and their abbreviations ("sept",
// "oct.") to month numbers; "mar", a word too, only with its dot
// (lexicon's shared.months, shared.month-abbrevs and
// shared.month-abbrev-words).
var Months = func() map[string]int {
	m := lexicon.Numbered("shared.months", "shared.month-abbrevs")
	maps.Copy(m, lexicon.Dotted(lexicon.Numbered("shared.month-abbrevs", "shared.month-abbrev-words")))
	return m
}()
