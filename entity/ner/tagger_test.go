package ner

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"sitrep"
	"sitrep/text"
)

// realArticles returns the 84 PolNeAR test articles as the entity stage
// hands them to the tagger: normalized, split into sentences of words by
// the text layer. It also returns their total size in bytes.
func realArticles(t testing.TB) (docs [][][]string, size int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(shared, "eval", "polnear", "test", "text", "*.txt"))
	if len(files) == 0 {
		t.Skip("../shared is not beside the repository")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := text.Analyze(sitrep.NewDocument(text.Normalize(string(raw))))
		words := make([][]string, len(a.Sentences))
		for i, st := range a.Sentences {
			words[i] = text.Words(st.Tokens)
		}
		docs = append(docs, words)
		size += len(raw)
	}
	return docs, size
}

// conllDocuments returns the documents of a CoNLL-2003 file as sentences
// of words.
func conllDocuments(t testing.TB, file string) [][][]string {
	t.Helper()
	path := filepath.Join(shared, "eval", "conll2003", file)
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no CoNLL data: %v", err)
	}
	defer f.Close()
	docs, err := ReadCoNLLDocuments(f, path)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][][]string, len(docs))
	for d, doc := range docs {
		for _, s := range doc {
			out[d] = append(out[d], s.Words)
		}
	}
	return out
}

// mangledDocuments returns documents of words drawn from docs and changed
// at random (case flipped, letters doubled, accents, digits, odd bytes,
// very long words) with a fixed seed, so that the tagger meets words that
// no cache has seen and words that differ only slightly.
func mangledDocuments(docs [][][]string) [][][]string {
	rng := rand.New(rand.NewPCG(19, 2021))
	var vocab []string
	for _, d := range docs {
		for _, s := range d {
			vocab = append(vocab, s...)
		}
	}
	mangle := func(w string) string {
		switch rng.IntN(12) {
		case 0:
			return strings.ToUpper(w)
		case 1:
			return strings.ToLower(w)
		case 2:
			return w + w
		case 3:
			return "Ö" + w + "é"
		case 4:
			return fmt.Sprint(rng.IntN(100000))
		case 5:
			return w + "\xff"
		case 6:
			return strings.Repeat(w, 40)
		case 7:
			return "ΑΘΗΝΑ" + w
		case 8:
			return ""
		}
		return w
	}
	out := make([][][]string, 200)
	for d := range out {
		for range 1 + rng.IntN(30) {
			s := make([]string, rng.IntN(40))
			for i := range s {
				s[i] = mangle(vocab[rng.IntN(len(vocab))])
			}
			out[d] = append(out[d], s)
		}
	}
	return out
}

// labelHash hashes the label numbers that the tagger gives every word of
// docs, document by document.
func labelHash(t testing.TB, m *Model, docs [][][]string) string {
	t.Helper()
	h := fnv.New64a()
	for _, d := range docs {
		ids, err := m.tagDocumentIDs(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ids {
			for _, id := range s {
				h.Write([]byte{byte(id)})
			}
			h.Write([]byte{0xfe})
		}
		h.Write([]byte{0xff})
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// singleSentences makes every sentence of docs a document of its own, as
// Tag does.
func singleSentences(docs [][][]string) [][][]string {
	var out [][][]string
	for _, d := range docs {
		for _, s := range d {
			out = append(out, [][]string{s})
		}
	}
	return out
}

// TestTagsUnchanged pins the embedded model's labels on real news, on the
// CoNLL-2003 files (test and train as documents, dev sentence by
// sentence) and on mangled words: a speed-up of the tagger must not
// change one label. The hashes were taken from the tagger before its
// speed-ups (issue #19).
func TestTagsUnchanged(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	real, _ := realArticles(t)
	test := conllDocuments(t, "test.txt")
	dev := conllDocuments(t, "dev.txt")
	train := conllDocuments(t, "train.txt")
	cases := []struct {
		name string
		docs [][][]string
		want string
	}{
		{"polnear test articles", real, "f90c8385319fa5eb"},
		{"conll test documents", test, "8444d75a5fbc89b3"},
		{"conll dev sentences", singleSentences(dev), "8811daa77f176671"},
		{"conll train documents", train, "3b8c439708db5618"},
		{"mangled words", mangledDocuments(real), "0ffad183382a383e"},
		{"polnear test articles as one document", [][][]string{slices.Concat(real...)}, "95326aa5f56fcf20"},
	}
	for _, c := range cases {
		// twice: the second pass meets warm caches
		for pass := 0; pass < 2; pass++ {
			if got := labelHash(t, m, c.docs); got != c.want {
				t.Errorf("%s, pass %d: label hash %s, want %s", c.name, pass, got, c.want)
			}
		}
	}
}

// TestTagsUnchangedConcurrent tags the real articles and mangled words
// (more distinct words than the word cache holds) from several goroutines
// at once: the shared word cache, filled and emptied by all, must give
// each call the plain computation's labels.
func TestTagsUnchangedConcurrent(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	real, _ := realArticles(t)
	docs := append(mangledDocuments(real), real...)
	want := make([][][]int, len(docs))
	for d, doc := range docs {
		want[d] = referenceTag(m, doc)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range docs {
				d := (k + g*len(docs)/4) % len(docs)
				got, err := m.tagDocumentIDs(context.Background(), docs[d])
				if err != nil {
					t.Error(err)
					return
				}
				for s := range got {
					if fmt.Sprint(got[s]) != fmt.Sprint(want[d][s]) {
						t.Errorf("document %d, sentence %d: got %v, want %v", d, s, got[s], want[d][s])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkTagReal tags real news, the 84 PolNeAR test articles, split
// into sentences of words as the entity stage does, and reports MB/s of
// article text.
func BenchmarkTagReal(b *testing.B) {
	docs, size := realArticles(b)
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if _, err := m.TagDocumentContext(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
