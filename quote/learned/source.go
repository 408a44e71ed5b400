package learned

import (
	"strings"

	"sitrep/quote/learn"
	"sitrep/text"
)

// The window of tokens around a cue where its source is looked for.
const (
	srcBefore = 25
	srcAfter  = 15
)

// Feature templates of the source model.
const (
	fSrcWord byte = iota + 120
	fSrcWordDir
	fSrcCluster1
	fSrcCluster2
	fSrcShape
	fSrcEntity
	fSrcDist
	fSrcDistCue
	fSrcCueEntity
	fSrcNext
	fSrcPrev
	fSrcBetween
	fSrcBetweenCue
	fSrcAdjacent
	fSrcQuoted
	fSrcFirst
	fSrcNone
	fSrcNoneCue
	fSrcNonePrev
	fSrcNoneFirst
	fSrcPrevDir
	fSrcRank
	fSrcSubject
	fSrcClause
	fSrcInverted
)

// canHead reports whether token j of s may be the head word of a source:
// a word that is no function word (pronouns may, and "who" and "which",
// which PolNeAR takes for the source of a relative clause).
func canHead(s *sentence, j int) bool {
	t := s.toks[j]
	if t.Kind != text.Word {
		return false
	}
	w, c := s.low[j], s.cls[j]
	if c&wPronoun != 0 || w == "who" || w == "which" || w == "whom" {
		return true
	}
	return c&(wNotHead|wStop|wPrep|wDet|wAux|wBe) == 0
}

// sourceCands fills r with the candidate sources of the cue at tokens
// k..cueEnd of s: the words around it that may head a noun phrase (not
// inside quotation marks unless the cue is), and none.
func (f *finder) sourceCands(r *ranking, s *sentence, k, cueEnd int) {
	r.reset()
	cw := s.hash(k)
	r.begin()
	r.add(learn.New(fSrcNone))
	r.add(learn.New(fSrcNoneCue).Int(cw))
	r.add(learn.New(fSrcNonePrev).Int(s.hash(k - 1)).Int(cw))
	r.add(learn.New(fSrcNoneFirst).Int(b2i(k == 0)).Int(b2i(s.inQ[k])))
	r.endCand(rcand{parts: noParts, tok: -1})
	ctx := srcContext{clause: clauseSubject(s, k), before: cueBefore(s, k)}
	lo, hi := max(0, k-srcBefore), min(len(s.toks), cueEnd+1+srcAfter)
	for j := lo; j < hi; j++ {
		if j >= k && j <= cueEnd || !s.head[j] || s.inQ[j] && !s.inQ[k] {
			continue
		}
		t := s.toks[j]
		r.begin()
		f.sourceFeatures(r, s, k, cueEnd, j, ctx)
		r.endCand(rcand{start: t.Start, end: t.End, parts: noParts, tok: j})
	}
}

// srcContext is what the source features of one cue share: the head of
// the subject of the cue's clause (-1: none) and what stands right before
// the cue.
type srcContext struct {
	clause int
	before int
}

// cueBefore sums up the token before the cue at k: 0 a word, 1 a comma,
// 2 a quotation mark, 3 "and" or "but", 4 nothing.
func cueBefore(s *sentence, k int) int {
	switch w := s.word(k - 1); {
	case k == 0:
		return 4
	case w == ",":
		return 1
	case s.toks[k-1].Kind == text.Quote:
		return 2
	case w == "and" || w == "but":
		return 3
	}
	return 0
}

// npHead returns the last word of the noun phrase that starts at token i
// of s and ends before token limit, or -1: determiners, then names and
// nouns up to an auxiliary, a cue word, a preposition or punctuation.
func npHead(s *sentence, i, limit int) int {
	for i < limit && s.cls[i]&(wDet|wCardinal) != 0 {
		i++
	}
	last := -1
	for j := i; j < limit && j-i < 10; j++ {
		t := s.toks[j]
		if t.Kind != text.Word && t.Kind != text.Number || !s.head[j] || s.cand[j] && !isUpper(t.Text) {
			break
		}
		last = j
		if s.cls[j]&wPronoun != 0 {
			break
		}
	}
	return last
}

// sentenceSubject returns the head of the sentence's subject, or -1: the
// noun phrase that opens it after a conjunction or an opening phrase set
// off by a comma ("In August, several groups granted ...").
func sentenceSubject(s *sentence) int {
	i, n := 0, len(s.toks)
	for i < n && (s.isPunct(i) || s.low[i] == "but" || s.low[i] == "and" || s.low[i] == "so") {
		i++
	}
	if i < n && s.cls[i]&(wPrep|wWh) != 0 || subordinators[s.word(i)] {
		for j := i; j < n && j < i+15; j++ {
			if s.low[j] == "," {
				i = j + 1
				break
			}
		}
	}
	return npHead(s, i, n)
}

// clauseSubject returns the head of the subject of the clause that holds
// the cue at k: the noun phrase after the comma, conjunction or relative
// pronoun before it; when the clause has none ("..., then said that"),
// the sentence's subject; -1 when the cue opens the sentence.
func clauseSubject(s *sentence, k int) int {
	i := k - 1
	for i >= 0 && !(s.isPunct(i) || s.low[i] == "and" || s.low[i] == "but" || s.cls[i]&wRelative != 0) {
		i--
	}
	if i < 0 && k == 0 {
		return -1
	}
	j := i + 1
	for j < k && s.cls[j]&(wAux|wTime) != 0 {
		j++
	}
	if j >= k {
		if i >= 0 && s.cls[i]&wRelative != 0 {
			return -1
		}
		return s.subj
	}
	return npHead(s, j, k)
}

// sourceFeatures adds the features of token j as the source of the cue
// at k..cueEnd.
func (f *finder) sourceFeatures(r *ranking, s *sentence, k, cueEnd, j int, ctx srcContext) {
	cw := s.hash(k)
	dir, dist, a, b := 0, k-j, j+1, k
	if j > cueEnd {
		dir, dist, a, b = 1, j-cueEnd, cueEnd+1, j
	}
	c1, c2 := s.clusters(j)
	kind := s.kind[j]
	r.add(learn.New(fSrcWord).Int(s.hash(j)))
	r.add(learn.New(fSrcWordDir).Int(s.hash(j)).Int(dir))
	r.add(learn.New(fSrcCluster1).Int(int(c1)).Int(dir))
	r.add(learn.New(fSrcCluster2).Int(int(c2)))
	r.add(learn.New(fSrcShape).Str(shape(s.toks[j])).Str(kind).Int(dir))
	r.add(learn.New(fSrcEntity).Str(kind).Int(b2i(s.entLast[j])).Int(dir))
	r.add(learn.New(fSrcDist).Int(dir).Int(bucket(dist)))
	r.add(learn.New(fSrcDistCue).Int(dir).Int(bucket(dist)).Int(cw))
	r.add(learn.New(fSrcCueEntity).Int(cw).Str(kind).Int(dir))
	r.add(learn.New(fSrcNext).Int(s.hash(j + 1)).Int(dir))
	r.add(learn.New(fSrcPrev).Int(s.hash(j - 1)))
	r.add(learn.New(fSrcPrevDir).Int(s.hash(j - 1)).Int(dir).Str(kind))
	c := s.between(a, b)
	commas, cue, skip := int(c.commas), b2i(c.cands > 0), b2i(c.stops == 0)
	r.add(learn.New(fSrcBetween).Int(dir).Int(min(commas, 3)).Int(b2i(c.quotes > 0)).Int(b2i(c.thats > 0)))
	r.add(learn.New(fSrcBetweenCue).Int(dir).Int(cue).Int(min(commas, 2)))
	r.add(learn.New(fSrcRank).Int(dir).Int(min(int(c.heads), 4)).Int(ctx.before))
	r.add(learn.New(fSrcSubject).Int(dir).Int(b2i(j == s.subj)).Int(ctx.before).Int(b2i(ctx.clause < 0)))
	r.add(learn.New(fSrcClause).Int(b2i(j == ctx.clause)).Int(ctx.before))
	r.add(learn.New(fSrcInverted).Int(dir).Int(bucket(dist)).Int(ctx.before).Int(b2i(j+1 >= len(s.toks) || s.isPunct(j+1))))
	r.add(learn.New(fSrcAdjacent).Int(dir).Int(skip).Int(cw))
	r.add(learn.New(fSrcQuoted).Int(b2i(s.inQ[j])).Int(b2i(s.inQ[k])).Int(dir))
	r.add(learn.New(fSrcFirst).Int(b2i(j == 0 || j == 1 && s.isPunct(0))).Int(dir))
}

// speakerSpan returns the token span [a, b] of the noun phrase headed by
// token j of s: the rest of the entity mention holding it, and the words
// before it that may be part of its phrase ("the Iraqi foreign minister", "the two
// sides", "US President Joe Biden and Iraqi Prime Minister Mustafa
// Al-Kazemi").
func (f *finder) speakerSpan(s *sentence, j int) (int, int) {
	if s.cls[j]&wPronoun != 0 || isRelative(s.low[j]) {
		return j, j
	}
	b := j
	for b+1 < len(s.toks) && s.ent[j] != "" && !s.entLast[b] && s.ent[b+1] == s.ent[j] {
		b++ // the rest of the name: "the Kenya National [Union] of Teachers"
	}
	a := j
	for a > 0 && j-a < 12 {
		p := a - 1
		t := s.toks[p]
		w := s.low[p]
		switch {
		case s.cls[p]&wCardinal != 0:
			a = p
			continue
		case w == "that" || isRelative(w):
		case s.cls[p]&wDet != 0:
			a = p
		case w == "and" && p > 0 && isUpper(s.toks[p-1].Text) && isUpper(s.toks[a].Text):
			a = p
			continue
		case t.Kind != text.Word && t.Kind != text.Number && t.Text != "-" && t.Text != "&",
			!s.head[p] || s.cls[p]&wPronoun != 0 || s.cand[p] && !isUpper(t.Text),
			strings.HasSuffix(w, "ly") && !isUpper(t.Text):
		default:
			a = p
			continue
		}
		break
	}
	return a, b
}

// isRelative reports whether w is a relative pronoun that PolNeAR takes
// for a source: "who said", "which stated".
func isRelative(w string) bool { return w == "who" || w == "which" || w == "whom" }

// antecedent returns the word a relative pronoun at token j of s refers
// to: the head before the comma before it ("Mrs. Clinton, who said"), or
// j itself.
func antecedent(s *sentence, j int) int {
	i := j - 1
	if i >= 0 && s.toks[i].Text == "," {
		i--
	}
	if i >= 0 && s.head[i] && !isRelative(s.low[i]) {
		return i
	}
	return j
}
