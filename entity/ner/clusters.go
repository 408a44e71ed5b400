package ner

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Word clusters: each word seen at least minCount times in the unlabeled
// text gets a vector of its left and right neighbours (among the most
// frequent words, Hellinger-weighted, randomly projected to clusterDims
// dimensions); spherical k-means then splits the words hierarchically into
// clusterK[0] clusters, each of those into clusterK[1] and each of those into
// clusterK[2], a cheap stand-in for Brown clusters' bit-string prefixes.
const (
	clusterDims    = 96
	clusterContext = 1000
	minCount       = 2
	maxVocab       = 60000
	kmeansIters    = 12
)

var clusterK = [numLevels]int{32, 8, 4}

func learnClusters(ctx context.Context, text [][]string, seed uint64) (map[string][numLevels]uint16, error) {
	count := map[string]int{}
	lcount := map[string]int{}
	for _, s := range text {
		for _, w := range s {
			count[w]++
			lcount[lowerWord(w)]++
		}
	}
	// Vocabulary: the most frequent forms.
	vocab := make([]string, 0, len(count))
	for w, c := range count {
		if c >= minCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if count[vocab[i]] != count[vocab[j]] {
			return count[vocab[i]] > count[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	if len(vocab) > maxVocab {
		vocab = vocab[:maxVocab]
	}
	if len(vocab) < clusterK[0] {
		return map[string][numLevels]uint16{}, nil
	}
	index := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		index[w] = int32(i)
	}
	// Context words: the most frequent lower-case forms, plus sentence edges.
	ctxWords := make([]string, 0, len(lcount))
	for w := range lcount {
		ctxWords = append(ctxWords, w)
	}
	sort.Slice(ctxWords, func(i, j int) bool {
		if lcount[ctxWords[i]] != lcount[ctxWords[j]] {
			return lcount[ctxWords[i]] > lcount[ctxWords[j]]
		}
		return ctxWords[i] < ctxWords[j]
	})
	if len(ctxWords) > clusterContext {
		ctxWords = ctxWords[:clusterContext]
	}
	cindex := make(map[string]int32, len(ctxWords)+1)
	for i, w := range ctxWords {
		cindex[w] = int32(i)
	}
	edge := int32(len(ctxWords))
	nctx := 4 * (len(ctxWords) + 1) // left and right, at distances 1 and 2
	// Random projection matrix with ±1 entries.
	rng := rand.New(rand.NewPCG(seed, 0x636c7573))
	proj := make([]float32, nctx*clusterDims)
	for i := range proj {
		if rng.IntN(2) == 0 {
			proj[i] = -1
		} else {
			proj[i] = 1
		}
	}
	// Co-occurrence counts, sparse per word.
	co := make([]map[int32]float32, len(vocab))
	for i := range co {
		co[i] = map[int32]float32{}
	}
	ctxOf := func(s []string, j int) int32 {
		if j < 0 || j >= len(s) {
			return edge
		}
		if c, ok := cindex[lowerWord(s[j])]; ok {
			return c
		}
		return -1
	}
	for n, s := range text {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for j, w := range s {
			vi, ok := index[w]
			if !ok {
				continue
			}
			if c := ctxOf(s, j-1); c >= 0 {
				co[vi][c]++
			}
			if c := ctxOf(s, j+1); c >= 0 {
				co[vi][c+edge+1]++
			}
			if c := ctxOf(s, j-2); c >= 0 {
				co[vi][c+2*(edge+1)] += 0.5
			}
			if c := ctxOf(s, j+2); c >= 0 {
				co[vi][c+3*(edge+1)] += 0.5
			}
		}
	}
	vecs := make([]float32, len(vocab)*clusterDims)
	for i, m := range co {
		var tot float32
		for _, c := range m {
			tot += c
		}
		v := vecs[i*clusterDims : (i+1)*clusterDims]
		keys := make([]int32, 0, len(m))
		for c := range m {
			keys = append(keys, c)
		}
		slices.Sort(keys) // a fixed order keeps the sums, and the clusters, reproducible
		for _, c := range keys {
			n := m[c]
			x := float32(math.Sqrt(float64(n / tot)))
			p := proj[int(c)*clusterDims : (int(c)+1)*clusterDims]
			for d := range v {
				v[d] += x * p[d]
			}
		}
		normalize(v)
		co[i] = nil
	}
	// Hierarchical spherical k-means.
	out := make(map[string][numLevels]uint16, len(vocab))
	assign := make([][numLevels]uint16, len(vocab))
	groups := [][]int32{make([]int32, len(vocab))}
	for i := range groups[0] {
		groups[0][i] = int32(i)
	}
	for lv := 0; lv < numLevels; lv++ {
		var next [][]int32
		for g, members := range groups {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			k := clusterK[lv]
			parts := kmeans(vecs, members, k, rng)
			for p, part := range parts {
				id := uint16(g*k + p + 1)
				for _, m := range part {
					assign[m][lv] = id
				}
				next = append(next, part)
			}
		}
		groups = next
	}
	for i, w := range vocab {
		out[w] = assign[i]
	}
	return out, nil
}

func normalize(v []float32) {
	var s float32
	for _, x := range v {
		s += x * x
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(float64(s)))
	for i := range v {
		v[i] *= inv
	}
}

// kmeans splits members into k groups by cosine similarity (vectors are
// unit length); it always returns k groups, some possibly empty.
func kmeans(vecs []float32, members []int32, k int, rng *rand.Rand) [][]int32 {
	parts := make([][]int32, k)
	if len(members) <= k {
		for i, m := range members {
			parts[i] = []int32{m}
		}
		return parts
	}
	D := clusterDims
	cent := make([]float32, k*D)
	perm := rng.Perm(len(members))
	for c := 0; c < k; c++ {
		copy(cent[c*D:(c+1)*D], vecs[int(members[perm[c]])*D:])
	}
	lab := make([]int, len(members))
	for it := 0; it < kmeansIters; it++ {
		changed := 0
		for i, m := range members {
			v := vecs[int(m)*D : int(m+1)*D]
			best, bs := 0, float32(-2)
			for c := 0; c < k; c++ {
				cv := cent[c*D : (c+1)*D]
				var s float32
				for d := range v {
					s += v[d] * cv[d]
				}
				if s > bs {
					best, bs = c, s
				}
			}
			if lab[i] != best || it == 0 {
				changed++
			}
			lab[i] = best
		}
		for i := range cent {
			cent[i] = 0
		}
		size := make([]int, k)
		for i, m := range members {
			c := lab[i]
			size[c]++
			cv := cent[c*D : (c+1)*D]
			v := vecs[int(m)*D : int(m+1)*D]
			for d := range v {
				cv[d] += v[d]
			}
		}
		for c := 0; c < k; c++ {
			if size[c] == 0 { // re-seed an empty cluster
				copy(cent[c*D:(c+1)*D], vecs[int(members[rng.IntN(len(members))])*D:])
				continue
			}
			normalize(cent[c*D : (c+1)*D])
		}
		if changed == 0 {
			break
		}
	}
	for i, m := range members {
		parts[lab[i]] = append(parts[lab[i]], m)
	}
	return parts
}
