package annot

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"sitrep/text"
)

// Sources reads the texts that records and gold readings point to, from a
// copy of ../shared. A reference names a file under shared/eval and a part
// of it:
//
//	gmb-ner/train.txt#S             sentence S (from 1) of a CoNLL-style file, detokenized
//	conll2003/train.txt#S           the same
//	conll2003/conllpp_test.txt@D    document D (from 1) of a file with -DOCSTART- lines, rebuilt
//	polnear/train/text/NAME.txt     a whole text file, normalized as sitrep reads it (text.Normalize)
//	polnear/train/text/NAME.txt#A-B bytes A to B of that normalized text
//
// Files are read once and kept. The zero value is not usable: use
// NewSources.
type Sources struct {
	shared string
	mu     sync.Mutex
	files  map[string]*columnFile
	texts  map[string]string
}

// NewSources reads references against the shared folder dir (../shared).
func NewSources(dir string) *Sources {
	return &Sources{shared: dir, files: map[string]*columnFile{}, texts: map[string]string{}}
}

// columnFile is a CoNLL-style file: its sentences, detokenized, and the
// sentence numbers (from 0) where documents start.
type columnFile struct {
	sents  []string
	starts []int
}

// Text returns the text a reference names.
func (s *Sources) Text(ref string) (string, error) {
	if strings.Contains(ref, "..") || strings.HasPrefix(ref, "/") {
		return "", fmt.Errorf("source %q: a reference names a file under eval/", ref)
	}
	if i := strings.LastIndexByte(ref, '@'); i >= 0 {
		n, err := strconv.Atoi(ref[i+1:])
		if err != nil || n < 1 {
			return "", fmt.Errorf("source %q: bad document number", ref)
		}
		cf, err := s.column(ref[:i])
		if err != nil {
			return "", err
		}
		if n > len(cf.starts) {
			return "", fmt.Errorf("source %q: the file has %d documents", ref, len(cf.starts))
		}
		end := len(cf.sents)
		if n < len(cf.starts) {
			end = cf.starts[n]
		}
		return articleText(cf.sents[cf.starts[n-1]:end]), nil
	}
	file, part, hasPart := strings.Cut(ref, "#")
	if strings.HasSuffix(file, ".txt") && strings.Contains(file, "/text/") {
		whole, err := s.plain(file)
		if err != nil {
			return "", err
		}
		if !hasPart {
			return whole, nil
		}
		a, b, ok := strings.Cut(part, "-")
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || start < 0 || end < start || end > len(whole) {
			return "", fmt.Errorf("source %q: bad byte range (the file has %d bytes)", ref, len(whole))
		}
		return whole[start:end], nil
	}
	if !hasPart {
		return "", fmt.Errorf("source %q: a column file needs #SENTENCE or @DOCUMENT", ref)
	}
	n, err := strconv.Atoi(part)
	if err != nil || n < 1 {
		return "", fmt.Errorf("source %q: bad sentence number", ref)
	}
	cf, err := s.column(file)
	if err != nil {
		return "", err
	}
	if n > len(cf.sents) {
		return "", fmt.Errorf("source %q: the file has %d sentences", ref, len(cf.sents))
	}
	return cf.sents[n-1], nil
}

// ContextBlock is how many consecutive sentences of a CoNLL-style file
// make the document a sentence of it is read in (Context): the files
// used keep no document boundaries, and news articles run to about 15 to
// 30 sentences.
const ContextBlock = 50

// Context returns the document a reference's text is read in, as sitrep
// reads a whole article: for a sentence of a CoNLL-style file, its block of
// ContextBlock sentences ("file#S" is in block S/ContextBlock) rebuilt as
// running text (text.JoinSentences); for bytes of a plain text file, the
// whole file; for any other reference, its own text. It also returns the
// byte offset of the reference's text in the document and the document's
// key, the same for every reference read in the same document.
func (s *Sources) Context(ref string) (doc string, offset int, key string, err error) {
	file, part, hasPart := strings.Cut(ref, "#")
	if !hasPart || strings.ContainsRune(ref, '@') {
		t, err := s.Text(ref)
		return t, 0, ref, err
	}
	if strings.HasSuffix(file, ".txt") && strings.Contains(file, "/text/") {
		if _, err := s.Text(ref); err != nil {
			return "", 0, "", err
		}
		whole, err := s.plain(file)
		if err != nil {
			return "", 0, "", err
		}
		a, _, _ := strings.Cut(part, "-")
		start, _ := strconv.Atoi(a) // checked by Text
		return whole, start, file, nil
	}
	if _, err := s.Text(ref); err != nil {
		return "", 0, "", err
	}
	n, _ := strconv.Atoi(part) // checked by Text
	cf, err := s.column(file)
	if err != nil {
		return "", 0, "", err
	}
	block := n / ContextBlock
	lo, hi := max(block*ContextBlock, 1), min((block+1)*ContextBlock, len(cf.sents)+1) // sentence numbers, from 1
	doc, ends := text.JoinSentences(cf.sents[lo-1 : hi-1])
	k := n - lo
	return doc, ends[k] - len(cf.sents[n-1]), file + "#" + strconv.Itoa(block), nil
}

// Sentences returns the detokenized sentences of a CoNLL-style file and the
// sentence numbers (from 0) where its documents start.
func (s *Sources) Sentences(file string) ([]string, []int, error) {
	cf, err := s.column(file)
	if err != nil {
		return nil, nil, err
	}
	return cf.sents, cf.starts, nil
}

// plain reads a whole text file under shared/eval.
func (s *Sources) plain(file string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.texts[file]; ok {
		return t, nil
	}
	b, err := os.ReadFile(filepath.Join(s.shared, "eval", file))
	if err != nil {
		return "", fmt.Errorf("source %s: %w", file, err)
	}
	t := text.Normalize(string(b))
	s.texts[file] = t
	return t, nil
}

// column reads a CoNLL-style file under shared/eval once.
func (s *Sources) column(file string) (*columnFile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cf, ok := s.files[file]; ok {
		return cf, nil
	}
	path := filepath.Join(s.shared, "eval", file)
	cf, err := readColumnFile(path)
	if err != nil {
		return nil, err
	}
	s.files[file] = cf
	return cf, nil
}

// readColumnFile reads the first column of a CoNLL-style file: one token a
// line, blank lines between sentences, -DOCSTART- lines between documents.
// A file without -DOCSTART- lines is one document.
func readColumnFile(path string) (*columnFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	defer f.Close()
	cf := &columnFile{}
	var words []string
	flush := func() {
		if len(words) > 0 {
			cf.sents = append(cf.sents, text.Detokenize(words))
			words = words[:0]
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
			flush()
		case fields[0] == "-DOCSTART-":
			flush()
			if len(cf.starts) == 0 || cf.starts[len(cf.starts)-1] != len(cf.sents) {
				cf.starts = append(cf.starts, len(cf.sents))
			}
		default:
			words = append(words, fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, line, err)
	}
	flush()
	if len(cf.starts) == 0 {
		cf.starts = []int{0}
	}
	// a trailing -DOCSTART- opens no document
	if cf.starts[len(cf.starts)-1] == len(cf.sents) {
		cf.starts = cf.starts[:len(cf.starts)-1]
	}
	return cf, nil
}

// articleText rebuilds a CoNLL document as an article: its first sentence
// is the headline, a paragraph of its own; bylines and datelines (no final
// punctuation) close their paragraphs; the body runs on.
func articleText(sents []string) string {
	if len(sents) == 0 {
		return ""
	}
	body, _ := text.JoinSentences(sents[1:])
	if body == "" {
		return sents[0]
	}
	return sents[0] + "\n\n" + body
}
