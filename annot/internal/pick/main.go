// Command pick chooses the real-news sentences that people annotate for
// sitrep's event corpus (docs/annotation.md), reproducibly (fixed seed),
// from the training splits of GMB (Voice of America), CoNLL-2003 and
// PolNeAR. It runs today's sitrep over every candidate and chooses
// actively, recording for each sentence how it was chosen:
//
//	coded        sitrep codes an event in it (is it right?)
//	cue-uncoded  it holds a verb that PETRARCH's CAMEO verb dictionary codes, but sitrep codes nothing (a likely miss)
//	rare-root    like cue-uncoded, drawn per CAMEO root so that rare roots get examples
//	conflict-word it holds a word of violence or conflict (literal or figurative)
//	random       drawn at random (sentences with no event, as news has them)
//
// A second round (-round 2) draws, for the roots the first left short,
// sentences that a PETRARCH verb pattern of the root matches or that sitrep
// codes with it ("root-NN"); a third (-round 3) draws sentences holding a
// word annotators marked as a trigger of a still-short root, or a phrase
// of the CAMEO definitions of its codes ("trigger-NN"). Each round leaves
// out the sentences of the rounds before.
//
// It writes the manifest (every chosen sentence with its reference, text,
// the previous sentence as context, how it was chosen and what sitrep
// coded) and the annotators' batches, which hold no sitrep output. A draw
// depends on what sitrep coded when it ran (round 1 ran at commit 024ccd1,
// round 2 at 1e82668, round 3 at 4361e7f with the annotations then
// imported); the records keep how each sentence was chosen.
//
//	go run ./annot/internal/pick -out work/pick
//	go run ./annot/internal/pick -round 2 -exclude work/pick/manifest.jsonl -out work/pick2 -first-batch 61
//	go run ./annot/internal/pick -round 3 -exclude MANIFEST-OF-ROUNDS-1-2 -out work/pick3 -first-batch 78 -seed 16
//	go run ./annot/internal/pick -round 4 -exclude MANIFEST-OF-ROUNDS-1-3 -out work/pick4 -first-batch 84 -seed 17
//	go run ./annot/internal/pick -round 5 -exclude annot/data/sentences.jsonl -out work/pick5 -first-batch 200 -seed 18 -batch 50
//	go run ./annot/internal/pick -round 6 -exclude annot/data/sentences.jsonl,work/pick5/manifest.jsonl -out work/pick6 -first-batch 300 -seed 19 -batch 50
//
// The fourth round (-round 4) chooses actively for the trained event coder
// (sitrep train events): "uncertain" sentences hold a word whose event
// score is nearest the coder's threshold (at most 12 sentences for one
// word), "coder-coded" sentences one the coder codes (are they right?).
//
// The fifth round (-round 5) draws "reported" sentences: those where the
// quote stage finds someone reported to say something (a cue with its
// content), for the statements that are events by what they say ("said
// Lebanon had insulted the commander" accuses, manual §9.6), which the
// first rounds held few of; most from PolNeAR, whose 2016 political news
// is full of them. It ran at commit e81ca9f.
//
// The sixth round (-round 6) chooses as the fourth, three times as many
// (1,800 uncertain, 600 coder-coded), with the coder trained on the
// corpus and the fifth round's sentences (the coder reading what a
// reporting verb reports).
//
// The seventh round (-round 7) chooses as the fourth from PolNeAR alone,
// where the coder is weakest, each candidate read in its article by the
// coder trained on sentences read in their documents (240
// "uncertain-in-article", 60 "coder-coded-in-article"):
//
//	go run ./annot/internal/pick -round 7 -exclude annot/data/sentences.jsonl -out work/pick7 -first-batch 400 -seed 20 -batch 50
//
// The eighth (-round 8) chooses as the seventh, 500 sentences (400 and
// 100), with the coder retrained on the seventh:
//
//	go run ./annot/internal/pick -round 8 -exclude annot/data/sentences.jsonl -out work/pick8 -first-batch 410 -seed 21 -batch 50
//
// The ninth (-round 9) chooses as the eighth, 400 sentences (320 and 80),
// with the coder retrained on the eighth (at commit 5dcfe4a):
//
//	go run ./annot/internal/pick -round 9 -exclude annot/data/sentences.jsonl -out work/pick9 -first-batch 500 -seed 22 -batch 50
//
// The tenth (-round 10) chooses as the seventh from CoNLL-2003's training
// split (1996 Reuters wire, where the coder's cross-validated trigger F1
// is 0.556 against 0.630 on GMB), each sentence read in its block of
// annot.ContextBlock sentences as the coder is trained, 400 sentences (320
// "uncertain-in-block", 80 "coder-coded-in-block"). It ran with the coder
// trained on the corpus and the ninth round, and the ninth's sentences
// excluded with the corpus's:
//
//	go run ./annot/internal/pick -round 10 -exclude annot/data/sentences.jsonl,work/pick9/manifest.jsonl -out work/pick10 -first-batch 510 -seed 23 -batch 50
//
// Trained on, neither the ninth nor the tenth raised the cross-validation
// on the sentences before them, so both are kept apart as held-out
// sentences (annot/data/heldout.jsonl, sitrep eval heldout). A later round
// excludes them too: -exclude annot/data/sentences.jsonl,annot/data/heldout.jsonl.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/annot"
	"sitrep/event"
	"sitrep/pipeline"
	"sitrep/text"
)

// candidate is one sentence that may be chosen.
type candidate struct {
	ID       string   `json:"id"`
	Text     string   `json:"text"`
	Context  string   `json:"context,omitempty"`
	Chosen   string   `json:"chosen,omitempty"`
	Cues     []string `json:"cues,omitempty"`   // root:verb of dictionary verbs found
	Sitrep   []string `json:"sitrep,omitempty"` // codes sitrep gave, trigger text
	corpus   string
	roots    map[string]bool
	conflict bool
	// roots that a verb pattern of the dictionary matches, and that sitrep codes
	patternRoots, sitrepRoots []string
	// read in its article (PolNeAR): the coder's most doubtful word and
	// how far its event score lies from the threshold, and whether the
	// coder codes a word of the sentence (-round 7)
	doubtWord  string
	doubt      float32
	coderCodes bool
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "work/pick", "output folder")
	seed := flag.Uint64("seed", 15, "random seed")
	batch := flag.Int("batch", 100, "sentences per batch")
	round := flag.Int("round", 1, "1: the first pick; 2: a second pick for the roots the first left short, by the dictionary's verb patterns; 3: a third, by the triggers annotators marked for those roots; 4: a fourth, where the trained event coder is least sure; 5: a fifth, of sentences that report speech; 6: a sixth, as the fourth, three times as large; 7: a seventh, as the fourth, from PolNeAR alone, each sentence read in its article; 8: an eighth, as the seventh, 500 sentences; 9: a ninth, as the seventh, 400 sentences; 10: a tenth, as the seventh, 400 sentences of CoNLL-2003 read in blocks")
	first := flag.String("exclude", "", "rounds 2 on: the manifests (or corpus records) of the rounds before, comma-separated")
	from := flag.Int("first-batch", 1, "the number of the first batch written")
	roots := flag.String("roots", "", "round 2: the roots to draw and how many sentences each, ROOT:N,... (default: the roots the first round left short)")
	flag.Parse()
	if *roots != "" {
		rs, err := parseRoots(*roots)
		if err != nil {
			fmt.Fprintln(os.Stderr, "pick:", err)
			os.Exit(2)
		}
		round2Roots = rs
	}
	if err := run(context.Background(), *shared, *out, *seed, *batch, *round, *first, *from); err != nil {
		fmt.Fprintln(os.Stderr, "pick:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, shared, out string, seed uint64, batchSize, round int, exclude string, firstBatch int) error {
	dict := filepath.Join(shared, "eval", "petrarch2", "CAMEO.verbpatterns.150430.txt")
	cues, patterns, err := readDictionary(dict)
	if err != nil {
		return err
	}
	src := annot.NewSources(shared)
	p := pipeline.Default()
	var all []*candidate
	columns := []struct {
		file, corpus string
	}{{"gmb-ner/train.txt", "gmb"}, {"conll2003/train.txt", "conll"}}
	if round >= 7 {
		columns = nil // PolNeAR alone
	}
	if round == 10 {
		columns = nil // CoNLL-2003 alone, in blocks (below)
	}
	for _, c := range columns {
		sents, _, err := src.Sentences(c.file)
		if err != nil {
			return err
		}
		got, err := columnCandidates(ctx, p, c.file, c.corpus, sents)
		if err != nil {
			return err
		}
		slog.Info("read", "file", c.file, "candidates", len(got))
		all = append(all, got...)
	}
	if round == 10 {
		got, err := blockCandidates(ctx, p, src, "conll2003/train.txt", "conll")
		if err != nil {
			return err
		}
		slog.Info("read", "conll2003 train in blocks", len(got))
		all = append(all, got...)
	} else {
		got, err := polnearCandidates(ctx, p, src, shared)
		if err != nil {
			return err
		}
		slog.Info("read", "polnear train", len(got))
		all = append(all, got...)
	}
	for _, c := range all {
		c.roots = map[string]bool{}
		for _, w := range words(c.Text) {
			if code, ok := cues[w]; ok {
				c.roots[code[:2]] = true
				c.Cues = append(c.Cues, code[:2]+":"+w)
			}
			if conflictWords[w] {
				c.conflict = true
			}
		}
		c.patternRoots = matchPatterns(c.Text, patterns)
		for _, code := range c.Sitrep {
			c.sitrepRoots = append(c.sitrepRoots, code[:2])
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	var chosen []*candidate
	if round == 1 {
		chosen = choose(all, rng)
	} else {
		taken := map[string]bool{}
		for _, path := range strings.Split(exclude, ",") {
			ids, err := annot.ReadIDs(path)
			if err != nil {
				return err
			}
			maps.Copy(taken, ids)
		}
		switch round {
		case 2:
			chosen = chooseRound2(all, taken, rng)
		case 4:
			if chosen, err = chooseRound4(ctx, all, taken, round4Sizes, rng); err != nil {
				return err
			}
		case 6:
			if chosen, err = chooseRound4(ctx, all, taken, round6Sizes, rng); err != nil {
				return err
			}
		case 5:
			if chosen, err = chooseRound5(ctx, all, taken, rng); err != nil {
				return err
			}
		case 7:
			chosen = chooseRound7(all, taken, round7Sizes, rng)
		case 8:
			chosen = chooseRound7(all, taken, round8Sizes, rng)
		case 9:
			chosen = chooseRound7(all, taken, round9Sizes, rng)
		case 10:
			chosen = chooseDoubtful(withDoubt(all, taken), taken, round10Sizes, rng, "uncertain-in-block", "coder-coded-in-block")
		default:
			c, err := annot.Load()
			if err != nil {
				return err
			}
			chosen = chooseRound3(all, taken, c, src, rng)
		}
	}
	return write(out, chosen, batchSize, firstBatch, rand.New(rand.NewPCG(seed+1, seed)))
}

// round2Roots are the roots the first round left short (under 60 events
// expected), with the number of sentences the second round draws for
// each: sentences that a PETRARCH verb pattern of the root matches (the
// verb and every word of the pattern), or that sitrep codes with the root.
var round2Roots = []rootDraw{{"01", 150}, {"06", 150}, {"07", 120}, {"08", 150}, {"15", 200}, {"16", 170}, {"20", 120},
	{"05", 90}, {"09", 90}, {"02", 90}, {"03", 90}, {"10", 90}, {"12", 90}, {"13", 90}}

// rootDraw is one root a round draws for, and how many sentences.
type rootDraw struct {
	root string
	n    int
}

// parseRoots reads "ROOT:N,ROOT:N" into round-2 roots.
func parseRoots(s string) ([]rootDraw, error) {
	var out []rootDraw
	for _, part := range strings.Split(s, ",") {
		r, n, ok := strings.Cut(part, ":")
		k, err := strconv.Atoi(n)
		if !ok || err != nil || len(r) != 2 || k <= 0 {
			return nil, fmt.Errorf("-roots: want ROOT:N,... (two-digit roots), got %q", part)
		}
		out = append(out, rootDraw{r, k})
	}
	return out, nil
}

// chooseRound2 draws the second round, leaving out the first's sentences.
func chooseRound2(all []*candidate, taken map[string]bool, rng *rand.Rand) []*candidate {
	var out []*candidate
	for _, r := range round2Roots {
		var pool []*candidate
		for _, c := range all {
			if !taken[c.ID] && (slices.Contains(c.patternRoots, r.root) || slices.Contains(c.sitrepRoots, r.root)) {
				pool = append(pool, c)
			}
		}
		out = append(out, draw(pool, r.n, "root-"+r.root, taken, rng)...)
	}
	return out
}

// draw shuffles pool and takes up to n sentences not taken yet, marking
// them taken and chosen the way how names.
func draw(pool []*candidate, n int, how string, taken map[string]bool, rng *rand.Rand) []*candidate {
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	var out []*candidate
	for _, c := range pool {
		if len(out) == n {
			break
		}
		if taken[c.ID] {
			continue
		}
		taken[c.ID] = true
		c.Chosen = how
		out = append(out, c)
	}
	return out
}

// round3Roots are the roots still short after two rounds, with the
// number of sentences the third round draws for each and the phrases of
// the CAMEO codebook's definitions of their codes (eventcodes.tsv and the
// codebook's examples) that choose sentences besides the marked triggers.
var round3Roots = []struct {
	root    string
	n       int
	phrases []string
}{
	{"20", 160, []string{"mass killing", "mass killings", "ethnic cleansing", "mass expulsion", "chemical weapons", "genocide", "mass graves"}},
	{"06", 200, []string{"cooperate", "cooperation", "extradite", "extradited", "extradition", "share intelligence", "intelligence sharing", "joint exercises", "joint military", "joint patrols"}},
	{"16", 120, nil},
	{"15", 80, nil},
}

// chooseRound3 draws sentences holding a word that annotators marked as the
// trigger of an event of a short root: a word marked at least twice with
// that root, in at least a third of the annotated sentences that hold it.
func chooseRound3(all []*candidate, taken map[string]bool, c *annot.Corpus, src *annot.Sources, rng *rand.Rand) []*candidate {
	marked := map[string]map[string]int{} // root -> trigger word -> events
	holding := map[string]int{}           // word -> annotated sentences holding it
	for _, s := range c.Sentences {
		text := s.Text
		if text == "" {
			t, err := src.Text(s.ID)
			if err != nil {
				continue
			}
			text = t
		}
		seen := map[string]bool{}
		for _, w := range words(text) {
			if !seen[w] {
				holding[w]++
				seen[w] = true
			}
		}
		for _, e := range s.Events {
			root := e.CAMEO[:2]
			for _, w := range words(text[e.Trigger[0]:e.Trigger[1]]) {
				if marked[root] == nil {
					marked[root] = map[string]int{}
				}
				marked[root][w]++
			}
		}
	}
	var out []*candidate
	for _, r := range round3Roots {
		cues := map[string]bool{}
		for w, n := range marked[r.root] {
			if n >= 2 && 4*n >= holding[w] && len(w) > 3 && !stopCue[w] {
				cues[w] = true
			}
		}
		var pool []*candidate
		for _, cand := range all {
			if taken[cand.ID] {
				continue
			}
			hit := false
			for _, w := range words(cand.Text) {
				hit = hit || cues[w]
			}
			low := " " + strings.Join(words(cand.Text), " ") + " "
			for _, ph := range r.phrases {
				hit = hit || strings.Contains(low, " "+ph+" ")
			}
			if hit {
				pool = append(pool, cand)
			}
		}
		out = append(out, draw(pool, r.n, "trigger-"+r.root, taken, rng)...)
		slog.Info("round 3", "root", r.root, "cue words", strings.Join(sortedKeys(cues), " "), "pool", len(pool))
	}
	return out
}

// activeSizes are the sizes of a round chosen by the trained coder:
// sentences nearest its threshold, no word choosing more than perWord,
// and sentences it codes.
type activeSizes struct {
	uncertain, coded, perWord int
}

// The sizes of rounds 4 and 6.
var (
	round4Sizes = activeSizes{uncertain: 600, coded: 200, perWord: 12}
	round6Sizes = activeSizes{uncertain: 1800, coded: 600, perWord: 12}
)

// chooseRound4 draws the fourth round where the trained coder is least
// sure: the sentences whose most doubtful word (event score nearest the
// threshold) is most doubtful, no word choosing more than size.perWord,
// then sentences the coder codes.
func chooseRound4(ctx context.Context, all []*candidate, taken map[string]bool, size activeSizes, rng *rand.Rand) ([]*candidate, error) {
	st := &event.Stage{}
	var pool []*candidate
	err := eachUntaken(ctx, all, taken, func(c *candidate, a *text.Analysis) error {
		ts, err := st.Explain(a)
		if err != nil {
			return err
		}
		c.doubtWord, c.doubt, c.coderCodes = mostDoubtful(ts, func(event.TriggerScore) bool { return true })
		pool = append(pool, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return chooseDoubtful(pool, taken, size, rng, "uncertain", "coder-coded"), nil
}

// chooseDoubtful draws from pool, shuffled then sorted by the coder's
// doubt, the sentences whose most doubtful word is most doubtful, no word
// choosing more than size.perWord (marked uncertain), then size.coded of
// the sentences the coder codes (marked coded).
func chooseDoubtful(pool []*candidate, taken map[string]bool, size activeSizes, rng *rand.Rand, uncertain, coded string) []*candidate {
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	sort.SliceStable(pool, func(i, j int) bool { return pool[i].doubt < pool[j].doubt })
	var out []*candidate
	perWord := map[string]int{}
	for _, c := range pool {
		if len(out) == size.uncertain {
			break
		}
		if perWord[c.doubtWord] >= size.perWord || taken[c.ID] {
			continue
		}
		perWord[c.doubtWord]++
		taken[c.ID] = true
		c.Chosen = uncertain
		out = append(out, c)
	}
	var codes []*candidate
	for _, c := range pool {
		if c.coderCodes && !taken[c.ID] {
			codes = append(codes, c)
		}
	}
	return append(out, draw(codes, size.coded, coded, taken, rng)...)
}

// eachUntaken runs the stages before the event stage over each candidate
// not taken, alone, and calls f with it and its analysis.
func eachUntaken(ctx context.Context, all []*candidate, taken map[string]bool, f func(*candidate, *text.Analysis) error) error {
	p := pipeline.BeforeEvents()
	for _, c := range all {
		if taken[c.ID] {
			continue
		}
		a, err := p.Analyze(ctx, pipeline.Input{Text: c.Text})
		if err != nil {
			return fmt.Errorf("%s: %w", c.ID, err)
		}
		if err := f(c, a); err != nil {
			return err
		}
	}
	return nil
}

// round5Draws is how many "reported" sentences the fifth round draws from
// each corpus.
var round5Draws = []struct {
	corpus string
	n      int
}{{"polnear", 600}, {"conll", 200}, {"gmb", 200}}

// chooseRound5 draws the fifth round: sentences, not taken before, in
// which the quote stage finds a reporting cue with its content, by corpus
// (round5Draws).
func chooseRound5(ctx context.Context, all []*candidate, taken map[string]bool, rng *rand.Rand) ([]*candidate, error) {
	pools := map[string][]*candidate{}
	err := eachUntaken(ctx, all, taken, func(c *candidate, a *text.Analysis) error {
		for _, q := range a.Doc.Quotes {
			if q.CueSpan != nil && q.End > q.Start {
				pools[c.corpus] = append(pools[c.corpus], c)
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []*candidate
	for _, d := range round5Draws {
		slog.Info("round 5", "corpus", d.corpus, "pool", len(pools[d.corpus]))
		out = append(out, draw(pools[d.corpus], d.n, "reported", taken, rng)...)
	}
	return out, nil
}

// stopCue are words too common to choose sentences by, whatever roots
// annotators marked them with.
var stopCue = map[string]bool{"said": true, "says": true, "told": true, "have": true, "been": true, "were": true, "their": true, "with": true}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// pattern is one PETRARCH verb pattern reduced to words: the forms of its
// block's verbs and the literal words it needs.
type pattern struct {
	verbs []string
	words []string
	code  string
}

// matchPatterns returns the roots of the patterns whose verb and words all
// occur in s (in any order).
func matchPatterns(s string, patterns []pattern) []string {
	ws := map[string]bool{}
	for _, w := range words(s) {
		ws[w] = true
	}
	var roots []string
	for _, p := range patterns {
		if len(p.words) == 0 || slices.Contains(roots, p.code[:2]) {
			continue
		}
		verb := false
		for _, v := range p.verbs {
			verb = verb || ws[v]
		}
		all := verb
		for _, w := range p.words {
			all = all && ws[w]
		}
		if all {
			roots = append(roots, p.code[:2])
		}
	}
	return roots
}

// quotas: how many sentences each way of choosing takes, per corpus.
var quotas = []struct {
	chosen string
	n      map[string]int
}{
	{"rare-root", map[string]int{"gmb": 700, "conll": 250, "polnear": 250}},
	{"cue-uncoded", map[string]int{"gmb": 700, "conll": 350, "polnear": 450}},
	{"coded", map[string]int{"gmb": 800, "conll": 400, "polnear": 500}},
	{"conflict-word", map[string]int{"gmb": 200, "conll": 250, "polnear": 150}},
	{"random", map[string]int{"gmb": 400, "conll": 300, "polnear": 300}},
}

// rareRoots are the CAMEO roots that news states seldom; rare-root draws
// the same number of sentences for each of them.
var rareRoots = []string{"05", "06", "07", "08", "09", "12", "13", "15", "16", "20", "03", "10"}

// choose draws the sentences by the quotas, each sentence once.
func choose(all []*candidate, rng *rand.Rand) []*candidate {
	taken := map[string]bool{}
	var out []*candidate
	pick := func(pool []*candidate, n int, how string) {
		out = append(out, draw(pool, n, how, taken, rng)...)
	}
	for _, q := range quotas {
		for _, corpus := range []string{"gmb", "conll", "polnear"} {
			n := q.n[corpus]
			var pool []*candidate
			switch q.chosen {
			case "rare-root":
				per := n / len(rareRoots)
				for _, r := range rareRoots {
					pool = pool[:0]
					for _, c := range all {
						if c.corpus == corpus && c.roots[r] && len(c.Sitrep) == 0 {
							pool = append(pool, c)
						}
					}
					pick(append([]*candidate(nil), pool...), per, q.chosen)
				}
				continue
			case "cue-uncoded":
				for _, c := range all {
					if c.corpus == corpus && len(c.roots) > 0 && len(c.Sitrep) == 0 {
						pool = append(pool, c)
					}
				}
			case "coded":
				for _, c := range all {
					if c.corpus == corpus && len(c.Sitrep) > 0 {
						pool = append(pool, c)
					}
				}
			case "conflict-word":
				for _, c := range all {
					if c.corpus == corpus && c.conflict {
						pool = append(pool, c)
					}
				}
			case "random":
				for _, c := range all {
					if c.corpus == corpus {
						pool = append(pool, c)
					}
				}
			}
			pick(pool, n, q.chosen)
		}
	}
	return out
}

// write writes the manifest and the batches (shuffled, so that no batch
// is all of one kind).
func write(out string, chosen []*candidate, size, firstBatch int, rng *rand.Rand) error {
	if err := os.MkdirAll(filepath.Join(out, "batches"), 0o755); err != nil {
		return err
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].ID < chosen[j].ID })
	if err := annot.WriteJSONL(filepath.Join(out, "manifest.jsonl"), chosen); err != nil {
		return err
	}
	order := append([]*candidate(nil), chosen...)
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for b := 0; b*size < len(order); b++ {
		part := order[b*size : min(len(order), (b+1)*size)]
		name := filepath.Join(out, "batches", fmt.Sprintf("b%03d.jsonl", b+firstBatch))
		lines := make([]batchLine, len(part))
		for i, c := range part {
			lines[i] = batchLine{c.ID, c.Context, c.Text}
		}
		err := annot.WriteJSONL(name, lines)
		if err != nil {
			return err
		}
	}
	counts := map[string]int{}
	for _, c := range chosen {
		counts[c.corpus+" "+c.Chosen]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%-28s %5d\n", k, counts[k])
	}
	fmt.Printf("%-28s %5d\n", "total", len(chosen))
	return nil
}

// batchLine is one sentence as annotators get it: no sitrep output.
type batchLine struct {
	ID      string `json:"id"`
	Context string `json:"context,omitempty"`
	Text    string `json:"text"`
}

// usable keeps sentences a coder can read as a sentence: 6 to 70 words,
// mostly letters (no result tables), with a lower-case word.
func usable(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 6 || len(ws) > 70 {
		return false
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z':
			letters++
		}
	}
	return letters > 4*digits && letters > 20
}

// columnCandidates runs sitrep over a CoNLL-style file's sentences, in runs
// of 30 as documents, and returns the usable sentences with what sitrep
// coded in each.
func columnCandidates(ctx context.Context, p *pipeline.Pipeline, file, corpus string, sents []string) ([]*candidate, error) {
	const run = 30
	var out []*candidate
	for start := 0; start < len(sents); start += run {
		got, err := runCandidates(ctx, p, file, corpus, sents[start:min(len(sents), start+run)], start+1, false)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// blockCandidates runs sitrep over a CoNLL-style file's sentences in the
// blocks of annot.ContextBlock sentences the event coder is trained on
// (annot.Sources.Context), and returns its usable sentences ("file#N",
// from 1) with what the coder codes in each and its most doubtful word.
func blockCandidates(ctx context.Context, p *pipeline.Pipeline, src *annot.Sources, file, corpus string) ([]*candidate, error) {
	sents, _, err := src.Sentences(file)
	if err != nil {
		return nil, err
	}
	var out []*candidate
	for lo := 1; lo <= len(sents); lo = (lo/annot.ContextBlock + 1) * annot.ContextBlock {
		hi := min((lo/annot.ContextBlock+1)*annot.ContextBlock, len(sents)+1) // sentence numbers [lo, hi), from 1
		got, err := runCandidates(ctx, p, file, corpus, sents[lo-1:hi-1], lo, true)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// runCandidates runs sitrep over part, consecutive sentences of a
// CoNLL-style file numbered from first (from 1), read as one document, and
// returns its usable sentences ("file#N") with what sitrep coded in each
// and, when doubt is set, the coder's most doubtful word.
func runCandidates(ctx context.Context, p *pipeline.Pipeline, file, corpus string, part []string, first int, doubt bool) ([]*candidate, error) {
	last := first + len(part) - 1
	txt, ends := text.JoinSentences(part)
	a, err := p.Analyze(ctx, sitrep.Article{Text: txt})
	if err != nil {
		return nil, fmt.Errorf("%s sentences %d-%d: %w", file, first, last, err)
	}
	if a.Doc.Text != txt {
		return nil, fmt.Errorf("%s sentences %d-%d: normalization changed the text", file, first, last)
	}
	// the input sentence holding an offset
	inputAt := func(off int) int { return sort.SearchInts(ends, off+1) }
	coded := make([][]string, len(part))
	for _, e := range a.Doc.Events {
		if i := inputAt(e.Start); i < len(part) {
			coded[i] = append(coded[i], e.CAMEO+" "+e.Text)
		}
	}
	var scores []event.TriggerScore
	if doubt {
		if scores, err = (&event.Stage{}).Explain(a); err != nil {
			return nil, fmt.Errorf("%s sentences %d-%d: %w", file, first, last, err)
		}
	}
	var out []*candidate
	for i, s := range part {
		if !usable(s) {
			continue
		}
		c := &candidate{ID: fmt.Sprintf("%s#%d", file, first+i), Text: s, Sitrep: coded[i], corpus: corpus}
		if i > 0 {
			c.Context = part[i-1]
		}
		if doubt {
			c.doubtWord, c.doubt, c.coderCodes = mostDoubtful(scores, func(x event.TriggerScore) bool {
				return x.Sentence < len(a.Doc.Sentences) && inputAt(a.Doc.Sentences[x.Sentence].Start) == i
			})
		}
		out = append(out, c)
	}
	return out, nil
}

// polnearCandidates runs sitrep over every PolNeAR training article and
// returns its usable sentences, by byte range.
func polnearCandidates(ctx context.Context, p *pipeline.Pipeline, src *annot.Sources, shared string) ([]*candidate, error) {
	dir := filepath.Join(shared, "eval", "polnear", "train", "text")
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*candidate
	for _, name := range names {
		rel := "polnear/train/text/" + filepath.Base(name)
		raw, err := src.Text(rel)
		if err != nil {
			return nil, err
		}
		a, err := p.Analyze(ctx, sitrep.Article{Text: raw})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if a.Doc.Text != raw {
			return nil, fmt.Errorf("%s: the text changed in the pipeline", name)
		}
		coded := map[int][]string{}
		for _, e := range a.Doc.Events {
			coded[e.Sentence] = append(coded[e.Sentence], e.CAMEO+" "+e.Text)
		}
		scores, err := (&event.Stage{}).Explain(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		prev := ""
		for i, s := range a.Doc.Sentences {
			raw := a.Doc.Text[s.Start:s.End]
			t := strings.TrimSpace(raw)
			if usable(t) && !strings.Contains(t, "\n") && t == raw {
				c := &candidate{ID: fmt.Sprintf("%s#%d-%d", rel, s.Start, s.End), Text: t, Context: prev, Sitrep: coded[i], corpus: "polnear"}
				c.doubtWord, c.doubt, c.coderCodes = mostDoubtful(scores, func(x event.TriggerScore) bool { return x.Sentence == i })
				out = append(out, c)
			}
			prev = t
		}
	}
	return out, nil
}

var wordRE = regexp.MustCompile(`[A-Za-z]+(?:-[A-Za-z]+)*`)

// words returns the lower-cased words of s.
func words(s string) []string {
	ws := wordRE.FindAllString(s, -1)
	for i := range ws {
		ws[i] = strings.ToLower(ws[i])
	}
	return ws
}

// conflictWords are words of violence and conflict, which news also uses
// figuratively (sport, business, politics).
var conflictWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`attack attacked attacks battle battled battles fight fought fights fighting
		strike strikes struck war wars clash clashed clashes shoot shot shooting bomb bombed bombing
		beat beaten crush crushed kill killed killing target targeted threat threats assault raid raided
		fire fired blast blasted slam slammed hit hits wound wounded destroy destroyed invade invaded
		siege storm stormed weapon weapons ambush seize seized capture captured defeat defeated`) {
		conflictWords[w] = true
	}
}

// dictBlock is one "--- VERB [CODE] ---" block of PETRARCH's verb
// dictionary as the picker needs it.
type dictBlock struct {
	code     string     // the block's code, "" for "---"
	verbs    [][]string // per verb: its own code (or ""), then its forms
	patterns []pattern  // patterns with a code, their verbs filled at the end
}

// readDictionary reads PETRARCH's CAMEO verb dictionary (the TABARI-style
// file), tolerating lines its strict reader (package dict) refuses, for
// choosing sentences only. It returns the verb forms mapped to their CAMEO
// codes (the verb's own, else its block's, else the most frequent code of
// the block's patterns, the smaller on a tie) and the patterns reduced to
// words, each with the forms of all its block's verbs.
func readDictionary(path string) (map[string]string, []pattern, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	codeRE := regexp.MustCompile(`\[([0-9]{2,4})[^\]]*\]`)
	var blocks []*dictBlock
	cur := &dictBlock{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "":
		case strings.HasPrefix(t, "---"):
			cur = &dictBlock{}
			if m := codeRE.FindStringSubmatch(t); m != nil {
				cur.code = m[1]
			}
			blocks = append(blocks, cur)
		case strings.HasPrefix(t, "-"):
			m := codeRE.FindStringSubmatch(t)
			if m == nil {
				continue
			}
			var ws []string
			for _, tok := range strings.Fields(strings.TrimPrefix(t[:strings.IndexByte(t, '[')], "-")) {
				if strings.ContainsAny(tok[:1], "*+$%&{}()|^") {
					continue
				}
				for _, w := range strings.Split(strings.Trim(tok, "_"), "_") {
					if w != "" {
						ws = append(ws, strings.ToLower(w))
					}
				}
			}
			cur.patterns = append(cur.patterns, pattern{words: ws, code: m[1]})
		case t[0] >= 'A' && t[0] <= 'Z':
			own := ""
			if m := codeRE.FindStringSubmatch(t); m != nil {
				own = m[1]
			}
			verb := strings.ToLower(strings.Fields(t)[0])
			if strings.ContainsAny(verb, "_&{[") {
				continue
			}
			forms := []string{own, verb}
			if i, j := strings.IndexByte(t, '{'), strings.IndexByte(t, '}'); i >= 0 && j > i {
				for _, w := range strings.Fields(t[i+1 : j]) {
					forms = append(forms, strings.ToLower(w))
				}
			} else {
				forms = append(forms, regularForms(verb)...)
			}
			cur.verbs = append(cur.verbs, forms)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	cues := map[string]string{}
	var patterns []pattern
	for _, b := range blocks {
		code := b.code
		if code == "" {
			n := map[string]int{}
			for _, p := range b.patterns {
				n[p.code]++
				if c := n[p.code]; c > n[code] || c == n[code] && p.code < code {
					code = p.code
				}
			}
		}
		var all []string
		for _, v := range b.verbs {
			all = append(all, v[1:]...)
			vc := v[0]
			if vc == "" {
				vc = code
			}
			if vc == "" {
				continue
			}
			for _, form := range v[1:] {
				if _, ok := cues[form]; !ok {
					cues[form] = vc
				}
			}
		}
		for _, p := range b.patterns {
			p.verbs = all
			patterns = append(patterns, p)
		}
	}
	return cues, patterns, nil
}

// regularForms returns the -s, -ed and -ing forms of a regular verb.
func regularForms(v string) []string {
	switch {
	case strings.HasSuffix(v, "e"):
		return []string{v + "s", v + "d", v[:len(v)-1] + "ing"}
	case strings.HasSuffix(v, "y") && len(v) > 2 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return []string{v[:len(v)-1] + "ies", v[:len(v)-1] + "ied", v + "ing"}
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		return []string{v + "es", v + "ed", v + "ing"}
	}
	return []string{v + "s", v + "ed", v + "ing"}
}

// mostDoubtful returns, among the coder's trigger scores for which in is true,
// the word whose event score lies nearest the threshold and how far, and
// whether any word is coded.
func mostDoubtful(scores []event.TriggerScore, in func(event.TriggerScore) bool) (word string, doubt float32, codes bool) {
	doubt = 1e9
	for _, x := range scores {
		if !in(x) {
			continue
		}
		m := x.Margin
		codes = codes || m > 0
		if m < 0 {
			m = -m
		}
		if m < doubt {
			doubt, word = m, strings.ToLower(x.Word)
		}
	}
	return word, doubt, codes
}

// The sizes of the seventh round, the eighth, which chooses as the
// seventh with the coder retrained on it, and the ninth, which chooses as
// the eighth with the coder retrained on it.
var (
	round7Sizes = activeSizes{uncertain: 240, coded: 60, perWord: 6}
	round8Sizes = activeSizes{uncertain: 400, coded: 100, perWord: 6}
	round9Sizes = activeSizes{uncertain: 320, coded: 80, perWord: 6}
	// the tenth draws from CoNLL-2003's 1996 Reuters wire, each sentence
	// read in its block as the coder is trained (annot.ContextBlock)
	round10Sizes = activeSizes{uncertain: 320, coded: 80, perWord: 6}
)

// withDoubt returns the candidates not taken that have a doubtful word.
func withDoubt(all []*candidate, taken map[string]bool) []*candidate {
	var pool []*candidate
	for _, c := range all {
		if !taken[c.ID] && c.doubtWord != "" {
			pool = append(pool, c)
		}
	}
	return pool
}

// chooseRound7 draws the seventh round as the fourth, from PolNeAR's 2016
// political news alone (where the coder's cross-validated trigger F1 is
// lowest, 0.433 against 0.629 on GMB), the coder reading each candidate in
// its article as sitrep reads news: the sentences whose most doubtful word
// is most doubtful, no word choosing more than size.perWord, then
// sentences the coder codes.
func chooseRound7(all []*candidate, taken map[string]bool, size activeSizes, rng *rand.Rand) []*candidate {
	var pool []*candidate
	for _, c := range all {
		if c.corpus == "polnear" && !taken[c.ID] && c.doubtWord != "" {
			pool = append(pool, c)
		}
	}
	return chooseDoubtful(pool, taken, size, rng, "uncertain-in-article", "coder-coded-in-article")
}
