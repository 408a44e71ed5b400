package ner

import (
	"context"
	"slices"
	"testing"
)

// referenceTag tags a document the plain way: every feature hashed and
// looked up for every token, no caches. TagDocument must agree with it.
func referenceTag(m *Model, sents [][]string) [][]int {
	n, width := len(m.labels), m.tab.nl
	toks := make([][]token, len(sents))
	pre := make([][]int32, len(sents))
	pred := make([][]int, len(sents))
	var feats []uint64
	decode := func(stage, s int, doc func(i int) []uint64) []int {
		ids := make([]int, len(toks[s]))
		score := make([]int32, n)
		p1, p2 := -1, -1
		for i := range toks[s] {
			copy(score, pre[s][i*width+stage*n:])
			feats = feats[:0]
			if doc != nil {
				feats = doc(i)
			}
			for _, f := range dynamicFeatures(toks[s], i, p1, p2, feats) {
				if w := m.tab.get(f); w != nil {
					addTo(score, w[stage*n:])
				}
			}
			ids[i] = best(m, score, p1)
			p2, p1 = p1, ids[i]
		}
		return ids
	}
	for s, words := range sents {
		toks[s] = m.res.prepare(words, nil)
		caps := allCaps(toks[s])
		pre[s] = make([]int32, len(words)*width)
		for i := range toks[s] {
			for _, f := range staticFeatures(toks[s], i, caps, nil) {
				if w := m.tab.get(f); w != nil {
					addTo(pre[s][i*width:(i+1)*width], w)
				}
			}
		}
		pred[s] = decode(0, s, nil)
	}
	if m.stages < 2 {
		return pred
	}
	st := m.newDocStats(toks, pred)
	out := make([][]int, len(sents))
	for s := range sents {
		out[s] = decode(1, s, func(i int) []uint64 { return st.features(toks[s], i, pred[s], nil) })
	}
	return out
}

// TestCachedTaggingExact checks that the tagger's caches (word features,
// neighbour features, previous-label features, lexicon values) change no
// score: TagDocument equals the plain computation.
func TestCachedTaggingExact(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := readSplit(t, "dev.txt", 600)
	for q := 0; q < len(sents); q += 20 {
		var doc [][]string
		for _, s := range sents[q:min(q+20, len(sents))] {
			doc = append(doc, s.Words)
		}
		want := referenceTag(m, doc)
		for pass := 0; pass < 2; pass++ { // the second pass runs on a warm cache
			got, _ := m.tagDocumentIDs(context.Background(), doc)
			for i := range want {
				if !slices.Equal(got[i], want[i]) {
					t.Fatalf("document at %d, sentence %d, pass %d: got %v, want %v", q, i, pass, got[i], want[i])
				}
			}
		}
	}
}
