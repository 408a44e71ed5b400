package learned

import (
	"sitrep/lexicon"
	"sitrep/quote/learn"
	"sitrep/text"
)

// Feature templates of the cue model.
const (
	fCueBias byte = iota + 1
	fCueWord
	fCueStem
	fCueCluster1
	fCueCluster2
	fCuePrev
	fCueNext
	fCuePrev2
	fCueNext2
	fCuePrevWord
	fCueWordNext
	fCuePrevCluster
	fCueNextCluster
	fCueInQuote
	fCueQuoteBefore
	fCueQuoteAfter
	fCueShape
	fCuePrevEntity
	fCueNextEntity
	fCueEntity
	fCueVerb
	fCueSentenceQuote
	fCuePosition
	fCueThat
	fCueNextNext
	fCuePrevShape
	fCueNextShape
	fCueStemPrev
	fCueStemNext
	fCueQuoteStem
	fCueLeft
	fCueRight
	fCueDeterminer
	fCueClusterNext
	fCueContext
	fCueWindow
	fCuePrev2Prev
	fCueAdjective
)

// cueFeatures appends the features of token k of s as a candidate cue to
// fs.
func (f *finder) cueFeatures(fs []uint32, s *sentence, k int) []uint32 {
	w := s.low[k]
	add := func(h learn.Hash) { fs = append(fs, h.Sum()) }
	c1, c2 := s.clusters(k)
	pc, _ := s.clusters(k - 1)
	nc, _ := s.clusters(k + 1)
	add(learn.New(fCueBias))
	add(learn.New(fCueWord).Int(s.hash(k)))
	add(learn.New(fCueStem).Str(lexicon.Stem(w)))
	add(learn.New(fCueCluster1).Int(int(c1)))
	add(learn.New(fCueCluster2).Int(int(c2)))
	add(learn.New(fCuePrev).Int(s.hash(k - 1)))
	add(learn.New(fCueNext).Int(s.hash(k + 1)))
	add(learn.New(fCuePrev2).Int(s.hash(k - 2)))
	add(learn.New(fCueNext2).Int(s.hash(k + 2)))
	add(learn.New(fCuePrevWord).Int(s.hash(k - 1)).Int(s.hash(k)))
	add(learn.New(fCueWordNext).Int(s.hash(k)).Int(s.hash(k + 1)))
	add(learn.New(fCueNextNext).Int(s.hash(k)).Int(s.hash(k + 1)).Int(s.hash(k + 2)))
	add(learn.New(fCuePrevCluster).Int(int(pc)).Int(s.hash(k)))
	add(learn.New(fCueNextCluster).Int(int(nc)).Int(s.hash(k)))
	add(learn.New(fCueInQuote).Int(s.hash(k)).Int(b2i(s.inQ[k])))
	add(learn.New(fCueInQuote).Int(b2i(s.inQ[k])))
	add(learn.New(fCueQuoteBefore).Int(f.quoteBefore(s, k)))
	add(learn.New(fCueQuoteAfter).Int(f.quoteAfter(s, k)))
	add(learn.New(fCueShape).Str(shape(s.toks[k])).Int(b2i(k == 0)))
	add(learn.New(fCuePrevShape).Str(tokShape(s, k-1)).Int(s.hash(k)))
	add(learn.New(fCueNextShape).Str(tokShape(s, k+1)).Int(s.hash(k)))
	add(learn.New(fCuePrevEntity).Str(s.kindOf(k - 1)).Int(s.hash(k)))
	add(learn.New(fCueNextEntity).Str(s.kindOf(k + 1)).Int(s.hash(k)))
	add(learn.New(fCueEntity).Str(s.ent[k]))
	if v, ok := verbs[w]; ok {
		add(learn.New(fCueVerb).Str(v.Lemma))
		add(learn.New(fCueVerb).Int(verbTags(v)))
	}
	q := b2i(s.pre[len(s.toks)].quotes > 0)
	add(learn.New(fCueSentenceQuote).Int(q).Int(s.hash(k)))
	add(learn.New(fCuePosition).Int(bucket(k)).Int(bucket(len(s.toks) - k - 1)))
	that := 0
	for j := k + 1; j < len(s.toks) && j <= k+5; j++ {
		if s.low[j] == "that" {
			that = j - k
			break
		}
	}
	add(learn.New(fCueThat).Int(that).Int(s.hash(k)))
	st := lexicon.Stem(w)
	add(learn.New(fCueStemPrev).Str(st).Int(s.hash(k - 1)))
	add(learn.New(fCueStemNext).Str(st).Int(s.hash(k + 1)))
	add(learn.New(fCueQuoteStem).Str(st).Int(f.quoteBefore(s, k)).Int(f.quoteAfter(s, k)))
	left, right := leftKind(s, k), rightKind(s, k)
	add(learn.New(fCueLeft).Str(st).Int(left))
	add(learn.New(fCueLeft).Int(left))
	add(learn.New(fCueRight).Str(st).Int(right))
	add(learn.New(fCueRight).Int(right))
	det := 0
	if k > 0 && s.cls[k-1]&wDet != 0 || k > 1 && s.cls[k-2]&wDet != 0 && !s.isPunct(k-1) {
		det = 1
	}
	add(learn.New(fCueDeterminer).Str(st).Int(det))
	add(learn.New(fCueClusterNext).Int(int(c1)).Int(right))
	add(learn.New(fCueContext).Int(s.hash(k)).Int(left).Int(right))
	add(learn.New(fCueAdjective).Int(b2i(adjectiveBefore[s.word(k-1)])).Int(int(s.toks[min(k+1, len(s.toks)-1)].Kind)).Str(st))
	add(learn.New(fCuePrev2Prev).Int(s.hash(k - 2)).Int(s.hash(k - 1)).Int(s.hash(k)))
	for j := max(0, k-3); j < len(s.toks) && j <= k+3; j++ {
		if j != k {
			add(learn.New(fCueWindow).Int(s.hash(k)).Int(s.hash(j)).Int(b2i(j > k)))
		}
	}
	return fs
}

// leftKind sums up what stands before token k, up to four words back, as
// a hash: the nearest punctuation, pronoun or entity type, a name in
// capitals, the sentence start, or nothing.
func leftKind(s *sentence, k int) int {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		switch {
		case s.isPunct(j):
			return s.hash(j)
		case s.kind[j] != "":
			return int(learn.New(1).Str(s.kind[j]).Sum())
		case isUpper(s.toks[j].Text):
			return 2
		}
	}
	if k < 4 {
		return 3
	}
	return 0
}

// rightKind sums up what follows token k, up to six tokens on, as a hash:
// the nearest "that", colon, "to", wh-word or quotation mark and how far
// it is, an entity right after, the end of the sentence, or nothing.
func rightKind(s *sentence, k int) int {
	for j := k + 1; j < len(s.toks) && j <= k+6; j++ {
		w := s.low[j]
		switch {
		case w == "that" || w == ":" || w == "to" || s.cls[j]&wWh != 0:
			return int(learn.New(2).Int(s.hash(j)).Int(j - k).Sum())
		case s.toks[j].Kind == text.Quote:
			return int(learn.New(3).Int(j - k).Sum())
		case s.ent[j] != "" && j == k+1:
			return int(learn.New(4).Str(s.ent[j]).Sum())
		}
	}
	if k+1 >= len(s.toks) || s.isPunct(k+1) {
		return 5
	}
	return 0
}

// quoteBefore tells what quotation mark stands right before token k (or
// before the comma before it): 0 none, 1 a closing mark, 2 an opening one.
func (f *finder) quoteBefore(s *sentence, k int) int {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		t := s.toks[j]
		if t.Kind == text.Quote {
			if q := f.qs.At(t.Start); q != nil && q.Open == t.Start {
				return 2
			}
			return 1
		}
		if t.Text != "," {
			return 0
		}
	}
	return 0
}

// quoteAfter tells what quotation mark stands right after token k (or
// after a comma or colon after it): 0 none, 1 a closing mark, 2 an
// opening one.
func (f *finder) quoteAfter(s *sentence, k int) int {
	for j := k + 1; j < len(s.toks) && j <= k+2; j++ {
		t := s.toks[j]
		if t.Kind == text.Quote {
			if q := f.qs.At(t.Start); q != nil && q.Open == t.Start {
				return 2
			}
			return 1
		}
		if t.Text != "," && t.Text != ":" {
			return 0
		}
	}
	return 0
}

// tokShape is shape of token k, "" outside the sentence.
func tokShape(s *sentence, k int) string {
	if k < 0 || k >= len(s.toks) {
		return ""
	}
	return shape(s.toks[k])
}

// verbTags packs the classes verbs.txt gives a verb form.
func verbTags(v verbForm) int {
	t := 0
	for i, b := range []bool{v.Obj, v.Weak, v.Ing, v.Noun, v.NP, v.S3} {
		if b {
			t |= 1 << i
		}
	}
	return t
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// bucket groups a count: 0..4 as they are, then 5 (5-7), 8 (8-11), 12
// (12-19), 20 and more.
func bucket(n int) int {
	switch {
	case n < 5:
		return n
	case n < 8:
		return 5
	case n < 12:
		return 8
	case n < 20:
		return 12
	}
	return 20
}
