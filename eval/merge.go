package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"sitrep"
	"sitrep/annot"
	"sitrep/entity"
	"sitrep/lexicon"
	"sitrep/pipeline"
)

// GoldEntity is one entity of a gold reading: the names a reader accepts
// for it and its types.
type GoldEntity struct {
	Names []string `json:"names"`
	Types []string `json:"types"`
}

// GoldArticle is one article with a gold reading of its entities.
type GoldArticle struct {
	Name      string
	Published string
	Entities  []GoldEntity
	Text      func() (string, error)
}

// MergeScore counts pairs of system mentions in the articles it has seen:
// pairs the gold says co-refer (their mentions match the same gold entity),
// pairs the system merged (the same system entity), and pairs both say.
// Only mentions that match exactly one gold entity count, and pairs across
// two gold entities that share two names or more (the gold's alternatives
// for one thing) count nowhere. Forms* count
// the pairs whose two mentions are written differently ("Barack Obama",
// "Mr Obama"), the merges a repeated name does not make by itself. The
// zero value is an empty score ready to use.
type MergeScore struct {
	Articles, Mentions, Matched        int
	Gold, Merged, Right                int
	FormsGold, FormsMerged, FormsRight int
	// Wrong and Missed list, per article, the pairs of forms merged wrongly
	// and the pairs of different forms left apart ("article: A + B")
	Wrong, Missed []string
}

// Precision is the share of merged pairs that co-refer (1 when none merged).
func (s MergeScore) Precision() float64 { return pairRatio(s.Right, s.Merged) }

// Recall is the share of co-referring pairs that were merged (1 when none).
func (s MergeScore) Recall() float64 { return pairRatio(s.Right, s.Gold) }

// FormsPrecision and FormsRecall are Precision and Recall over the pairs of
// differently written mentions.
func (s MergeScore) FormsPrecision() float64 { return pairRatio(s.FormsRight, s.FormsMerged) }

// FormsRecall: see FormsPrecision.
func (s MergeScore) FormsRecall() float64 { return pairRatio(s.FormsRight, s.FormsGold) }

// pairRatio is a/b, 1 when b is 0: no pairs to get wrong.
func pairRatio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s MergeScore) String() string {
	return fmt.Sprintf("merge pairs P %.3f R %.3f (%d right of %d merged, %d co-referring); different forms P %.3f R %.3f (%d of %d, %d); %d of %d mentions matched, %d articles",
		s.Precision(), s.Recall(), s.Right, s.Merged, s.Gold,
		s.FormsPrecision(), s.FormsRecall(), s.FormsRight, s.FormsMerged, s.FormsGold,
		s.Matched, s.Mentions, s.Articles)
}

// pairMention is a system mention matched to one gold entity.
type pairMention struct {
	sys, gold int // system entity index, gold entity index
	form      string
	text      string
}

// Add scores one document's merges against its gold entities.
// name labels the article in Wrong and Missed.
func (s *MergeScore) Add(name string, gold []GoldEntity, doc *sitrep.Document) {
	s.Articles++
	m := newGoldMatcher(gold)
	var ms []pairMention
	for ei, e := range doc.Entities {
		for _, x := range e.Mentions {
			s.Mentions++
			if g, ok := m.match(x.Text, e.Type); ok {
				ms = append(ms, pairMention{ei, g, formOf(x.Text), x.Text})
			}
		}
	}
	s.Matched += len(ms)
	seen := map[string]bool{}
	note := func(list *[]string, a, b pairMention) {
		k := a.text + " + " + b.text
		if !seen[k] {
			seen[k] = true
			*list = append(*list, name+": "+k)
		}
	}
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			a, b := ms[i], ms[j]
			if a.gold != b.gold && m.overlap[[2]int{min(a.gold, b.gold), max(a.gold, b.gold)}] {
				continue // the gold reads them as one or two things
			}
			co, merged := a.gold == b.gold, a.sys == b.sys
			forms := a.form != b.form
			s.Gold += b2i(co)
			s.Merged += b2i(merged)
			s.Right += b2i(co && merged)
			if merged && !co {
				note(&s.Wrong, a, b)
			}
			if co && !merged && forms {
				note(&s.Missed, a, b)
			}
			if forms {
				s.FormsGold += b2i(co)
				s.FormsMerged += b2i(merged)
				s.FormsRight += b2i(co && merged)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// goldMatcher finds the gold entity a mention's text names.
type goldMatcher struct {
	gold   []GoldEntity
	byName map[string][]int // normalized name -> gold entities
	titles map[string]bool  // lower-case titles, without their period
	// overlap holds the pairs of gold entities (lower index first) that
	// share two names or more: the gold's alternatives for one thing
	// ("South African Reserve Bank/SARB/Reserve Bank" and "Reserve
	// Bank/SARB/bank"), whose mentions may be merged or not
	overlap map[[2]int]bool
}

func newGoldMatcher(gold []GoldEntity) *goldMatcher {
	m := &goldMatcher{gold: gold, byName: map[string][]int{}, titles: map[string]bool{}}
	for gi, g := range gold {
		for _, n := range g.Names {
			k := normName(n)
			if k != "" && !containsInt(m.byName[k], gi) {
				m.byName[k] = append(m.byName[k], gi)
			}
		}
	}
	shared := map[[2]int]int{}
	for _, gs := range m.byName {
		for i, a := range gs {
			for _, b := range gs[i+1:] {
				shared[[2]int{min(a, b), max(a, b)}]++
			}
		}
	}
	m.overlap = map[[2]int]bool{}
	for p, n := range shared {
		if n >= 2 {
			m.overlap[p] = true
		}
	}
	for w := range lexicon.Words("entity.honorifics", "entity.leader-titles", "entity.person-titles") {
		m.titles[strings.ToLower(strings.TrimSuffix(w, "."))] = true
	}
	return m
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// match returns the one gold entity a mention names: by its normalized
// text, else without a possessive or leading titles ("Mr Obama's" names
// "Obama"). A text that names several gold entities is matched only where
// one of them has the system entity's type; otherwise it is ambiguous and
// not matched.
func (m *goldMatcher) match(text, typ string) (int, bool) {
	for _, k := range m.forms(text) {
		gs := m.byName[k]
		if len(gs) == 1 {
			return gs[0], true
		}
		if len(gs) > 1 {
			var typed []int
			for _, g := range gs {
				for _, t := range m.gold[g].Types {
					if t == typ {
						typed = append(typed, g)
						break
					}
				}
			}
			if len(typed) == 1 {
				return typed[0], true
			}
			return 0, false
		}
	}
	return 0, false
}

// forms lists the normalized forms of a mention to look up, in order: as
// written, without a possessive, without leading titles.
func (m *goldMatcher) forms(text string) []string {
	k := normName(text)
	out := []string{k}
	if strings.HasSuffix(k, " s") {
		k = strings.TrimSuffix(k, " s")
		out = append(out, k)
	}
	f := strings.Fields(k)
	for len(f) > 1 && m.titles[f[0]] {
		f = f[1:]
		out = append(out, strings.Join(f, " "))
	}
	return out
}

// formOf is how a mention is written, for telling forms apart: its
// normalized text without a possessive ("Obama's" is written as "Obama").
func formOf(text string) string {
	return strings.TrimSuffix(normName(text), " s")
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

// normName folds a name as the shared scorer does: lower case, a leading
// article dropped, every run of other characters one space.
func normName(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(strings.ToLower(s), "\u2019", "'"))
	for _, a := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, a)
	}
	return strings.TrimSpace(nonAlnum.ReplaceAllString(s, " "))
}

// GoldArticles lists the articles with gold readings: the reference article
// in shared, the project's articles (root/testdata/articles) and the real
// articles (root/testdata/real, their texts read from shared). root is the
// repository root.
func GoldArticles(shared, root string) ([]GoldArticle, error) {
	file := func(path string) func() (string, error) {
		return func() (string, error) { b, err := os.ReadFile(path); return string(b), err }
	}
	var out []GoldArticle
	add := func(name, gold string, txt func(string) func() (string, error)) error {
		var g struct {
			Published string       `json:"published"`
			Source    string       `json:"source"`
			Entities  []GoldEntity `json:"entities"`
		}
		b, err := os.ReadFile(gold)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &g); err != nil {
			return fmt.Errorf("%s: %w", gold, err)
		}
		out = append(out, GoldArticle{Name: name, Published: g.Published, Entities: g.Entities, Text: txt(g.Source)})
		return nil
	}
	ref := filepath.Join(shared, "eval/reference/iraq-2021-07-27.gold.json")
	if err := add("reference/iraq-2021-07-27", ref, func(string) func() (string, error) {
		return file(filepath.Join(shared, "articles/iraq-2021-07-27.txt"))
	}); err != nil {
		return nil, err
	}
	written, _ := filepath.Glob(filepath.Join(root, "testdata/articles/*.gold.json"))
	for _, g := range written {
		name := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		if err := add("articles/"+name, g, func(string) func() (string, error) {
			return file(strings.TrimSuffix(g, ".gold.json") + ".txt")
		}); err != nil {
			return nil, err
		}
	}
	real, _ := filepath.Glob(filepath.Join(root, realArticles, "*.gold.json"))
	src := annot.NewSources(shared)
	for _, g := range real {
		name := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		if err := add("real/"+name, g, func(ref string) func() (string, error) {
			return func() (string, error) { return src.Text(ref) }
		}); err != nil {
			return nil, err
		}
	}
	if len(written)+len(real) == 0 {
		return nil, fmt.Errorf("no gold readings under %s: run from the repository root", filepath.Join(root, "testdata"))
	}
	return out, nil
}

// ScoreMerges runs the entity stage on each article and scores its merges,
// over all the articles and per group ("reference", "articles", "real").
func ScoreMerges(ctx context.Context, arts []GoldArticle) (MergeScore, map[string]MergeScore, error) {
	p := pipeline.New(entity.Stage{})
	var all MergeScore
	groups := map[string]MergeScore{}
	for _, a := range arts {
		txt, err := a.Text()
		if err != nil {
			return all, nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		doc, err := p.Extract(ctx, sitrep.Article{Text: txt, Published: a.Published})
		if err != nil {
			return all, nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		all.Add(a.Name, a.Entities, doc)
		grp, _, _ := strings.Cut(a.Name, "/")
		g := groups[grp]
		g.Add(a.Name, a.Entities, doc)
		groups[grp] = g
	}
	return all, groups, nil
}

// Merges prints the pairwise merge precision and recall of the entity
// stage on the gold-read articles (see MergeScore), per group and in all.
// It reads the project's articles from the working directory: run it from
// the repository root.
func Merges(ctx context.Context, shared string, w io.Writer) error {
	arts, err := GoldArticles(shared, ".")
	if err != nil {
		return err
	}
	all, groups, err := ScoreMerges(ctx, arts)
	if err != nil {
		return err
	}
	for _, g := range []string{"reference", "articles", "real"} {
		fmt.Fprintf(w, "%-9s %s\n", g, groups[g])
	}
	fmt.Fprintf(w, "all       %s\n", all)
	for _, x := range all.Wrong {
		fmt.Fprintf(w, "wrong merge  %s\n", x)
	}
	for _, x := range all.Missed {
		fmt.Fprintf(w, "missed merge %s\n", x)
	}
	return nil
}
