// Command importer turns the annotators' batch files (docs/annotation.md
// §8: spans written as text) into the corpus records of package annot
// (spans as byte offsets, PLOVER and ACLED types filled in, stand-off
// where the text may not be copied):
//
//	go run ./annot/internal/importer -shared ../shared -work work/pick -manifest work/private/manifest.jsonl
//
// A batch annotated by one annotator gives its records as they are. A batch
// annotated twice gives both readings to versions.jsonl (for agreement) and
// its records from the settled file bNNN.settled.jsonl, whose lines carry
// "settled" (how a disagreement was settled, or "agreed").
//
// With -add the records of the batches are added to those already in the
// out folder instead of replacing them: a later round, whose earlier
// rounds' work folders are gone, joins the corpus (a sentence already in
// it is an error):
//
//	go run ./annot/internal/importer -shared ../shared -work work/pick5 -manifest work/pick5/manifest.jsonl -add
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"sitrep/annot"
	"sitrep/event"
)

// rawEvent is an event as annotators write it.
type rawEvent struct {
	Trigger    string  `json:"trigger"`
	CAMEO      string  `json:"cameo"`
	PLOVER     *string `json:"plover"`
	ACLED      string  `json:"acled"`
	Mode       string  `json:"mode"`
	Source     string  `json:"source"`
	SourceCode string  `json:"source_code"`
	Target     string  `json:"target"`
	TargetCode string  `json:"target_code"`
	Killed     *int    `json:"killed"`
	Injured    *int    `json:"injured"`
	Place      string  `json:"place"`
	Time       string  `json:"time"`
	Attributed string  `json:"attributed"`
	Note       string  `json:"note"`
}

// rawLine is one sentence as annotators write it.
type rawLine struct {
	ID      string     `json:"id"`
	Events  []rawEvent `json:"events"`
	Note    string     `json:"note"`
	Settled string     `json:"settled"`
}

type picked struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Chosen string `json:"chosen"`
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	work := flag.String("work", "work/pick", "the annotation work folder (annotations/ under it)")
	manifest := flag.String("manifest", "work/private/manifest.jsonl", "the picker's manifest")
	out := flag.String("out", "annot/data", "where the records go")
	add := flag.Bool("add", false, "add the records to those already in out instead of replacing them")
	flag.Parse()
	if err := run(*shared, *work, *manifest, *out, *add); err != nil {
		fmt.Fprintln(os.Stderr, "importer:", err)
		os.Exit(1)
	}
}

func run(shared, work, manifest, out string, add bool) error {
	plover, err := readPLOVER(filepath.Join(shared, "eval", "plover-gsr", "CAMEO2PLOVER-2021.txt"))
	if err != nil {
		return err
	}
	picks := map[string]picked{}
	if err := eachLine(manifest, func(b []byte) error {
		var p picked
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		picks[p.ID] = p
		return nil
	}); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(work, "annotations", "b*.jsonl"))
	if err != nil {
		return err
	}
	byBatch := map[string]map[string]string{} // batch -> annotator -> file
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), ".jsonl"), ".")
		if len(parts) != 2 {
			continue
		}
		if byBatch[parts[0]] == nil {
			byBatch[parts[0]] = map[string]string{}
		}
		byBatch[parts[0]][parts[1]] = f
	}
	batches := make([]string, 0, len(byBatch))
	for b := range byBatch {
		batches = append(batches, b)
	}
	sort.Strings(batches)
	var sentences []annot.Sentence
	var versions []annot.Version
	var skipped []string
	for _, b := range batches {
		who := byBatch[b]
		var names []string
		for n := range who {
			if n != "settled" {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		batchLen := countLines(filepath.Join(work, "batches", b+".jsonl"))
		complete := func(f string) bool { return countLines(f) == batchLen }
		switch {
		case len(names) == 1 && complete(who[names[0]]):
			recs, err := convert(who[names[0]], picks, plover, names)
			if err != nil {
				return err
			}
			sentences = append(sentences, recs...)
		case len(names) == 2 && complete(who[names[0]]) && complete(who[names[1]]):
			for _, n := range names {
				recs, err := convert(who[n], picks, plover, []string{n})
				if err != nil {
					return err
				}
				for _, r := range recs {
					versions = append(versions, annot.Version{ID: r.ID, Annotator: n, Events: r.Events})
				}
			}
			if f, ok := who["settled"]; ok && complete(f) {
				recs, err := convert(f, picks, plover, names)
				if err != nil {
					return err
				}
				sentences = append(sentences, recs...)
			} else {
				skipped = append(skipped, b+" (not settled yet)")
			}
		default:
			skipped = append(skipped, b+" (incomplete)")
		}
	}
	if add {
		var err error
		if sentences, versions, err = addToExisting(out, sentences, versions); err != nil {
			return err
		}
	}
	sort.Slice(sentences, func(i, j int) bool { return sentences[i].ID < sentences[j].ID })
	sort.SliceStable(versions, func(i, j int) bool {
		if versions[i].ID != versions[j].ID {
			return versions[i].ID < versions[j].ID
		}
		return versions[i].Annotator < versions[j].Annotator
	})
	src := annot.NewSources(shared)
	for _, s := range sentences {
		if err := annot.Validate(s, src); err != nil {
			return err
		}
	}
	if err := annot.WriteJSONL(filepath.Join(out, "sentences.jsonl"), sentences); err != nil {
		return err
	}
	if err := annot.WriteJSONL(filepath.Join(out, "versions.jsonl"), versions); err != nil {
		return err
	}
	fmt.Printf("%d sentences, %d versions; not imported: %s\n", len(sentences), len(versions), strings.Join(skipped, ", "))
	return nil
}

// convert reads one annotator file and returns its records.
func convert(file string, picks map[string]picked, plover map[string]string, annotators []string) ([]annot.Sentence, error) {
	var out []annot.Sentence
	err := eachLine(file, func(b []byte) error {
		var l rawLine
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return err
		}
		p, ok := picks[l.ID]
		if !ok {
			return fmt.Errorf("sentence %q was not picked", l.ID)
		}
		s := annot.Sentence{ID: l.ID, Chosen: p.Chosen, Annotators: annotators, Note: l.Note, Settled: l.Settled, Events: []annot.Event{}}
		if strings.HasPrefix(l.ID, "gmb-ner/") {
			s.Text = p.Text
		} else {
			s.Hash = annot.HashText(p.Text)
		}
		for i, e := range l.Events {
			ev, err := convertEvent(e, p.Text, plover)
			if err != nil {
				return fmt.Errorf("%s event %d: %w", l.ID, i+1, err)
			}
			s.Events = append(s.Events, ev)
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return out, nil
}

var nth = regexp.MustCompile(`@(\d+)$`)

// span finds the text an annotator wrote in the sentence: without "@n",
// its first occurrence as a whole word (else its first occurrence); with
// "text@n", its n-th occurrence counting every one, inside words too (as
// the annotators' checker counts them).
func span(text, s string) (*annot.Span, error) {
	if s == "" {
		return nil, nil
	}
	if m := nth.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		s = s[:len(s)-len(m[0])]
		from := 0
		for k := 1; ; k++ {
			i := strings.Index(text[from:], s)
			if i < 0 {
				return nil, fmt.Errorf("%q is not %d times in the sentence", s, n)
			}
			if k == n {
				return &annot.Span{from + i, from + i + len(s)}, nil
			}
			from += i + len(s)
		}
	}
	first := -1
	for from := 0; ; {
		i := strings.Index(text[from:], s)
		if i < 0 {
			break
		}
		a := from + i
		if first < 0 {
			first = a
		}
		if wordEdge(text, a) && wordEdge(text, a+len(s)) {
			return &annot.Span{a, a + len(s)}, nil
		}
		from = a + 1
	}
	if first < 0 {
		return nil, fmt.Errorf("%q is not in the sentence", s)
	}
	return &annot.Span{first, first + len(s)}, nil
}

// wordEdge reports whether byte offset i of s is not inside a word.
func wordEdge(s string, i int) bool {
	isWord := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' }
	return i == 0 || i == len(s) || !isWord(s[i-1]) || !isWord(s[i])
}

func convertEvent(e rawEvent, text string, plover map[string]string) (annot.Event, error) {
	ev := annot.Event{CAMEO: e.CAMEO, Mode: e.Mode, SourceCode: e.SourceCode, TargetCode: e.TargetCode,
		Killed: e.Killed, Injured: e.Injured, Note: e.Note}
	t, err := span(text, e.Trigger)
	if err != nil || t == nil {
		return ev, fmt.Errorf("trigger: %v", err)
	}
	ev.Trigger = *t
	for _, f := range []struct {
		dst **annot.Span
		s   string
	}{{&ev.Source, e.Source}, {&ev.Target, e.Target}, {&ev.Place, e.Place}, {&ev.Time, e.Time}, {&ev.Attributed, e.Attributed}} {
		if *f.dst, err = span(text, f.s); err != nil {
			return ev, err
		}
	}
	if e.PLOVER != nil {
		ev.PLOVER = *e.PLOVER
	} else {
		ev.PLOVER = ploverOf(e.CAMEO, plover)
	}
	if e.ACLED != "" {
		ev.ACLEDSubtype = e.ACLED
		ev.ACLEDType = annot.ACLEDSubtypes[e.ACLED]
	}
	return ev, nil
}

// ploverOf returns the PLOVER type the 2021 table gives a CAMEO code, or
// its nearest listed parent's; for roots the table leaves out (02 appeals)
// the type of PLOVER's category definitions (event.PLOVER); "" for 01
// statements.
func ploverOf(code string, table map[string]string) string {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if t, ok := table[c]; ok {
			return t
		}
	}
	return event.PLOVER(code)
}

// readPLOVER reads PLOVER's CAMEO-to-PLOVER table: "CODE: TYPE, mode,
// context # description".
func readPLOVER(path string) (map[string]string, error) {
	out := map[string]string{}
	err := eachLine(path, func(b []byte) error {
		l := string(b)
		if strings.HasPrefix(l, "#") {
			return nil
		}
		code, rest, ok := strings.Cut(l, ":")
		if !ok {
			return nil
		}
		t, _, _ := strings.Cut(strings.TrimSpace(rest), ",")
		t = strings.TrimSpace(strings.SplitN(t, "#", 2)[0])
		out[strings.TrimSpace(code)] = t
		return nil
	})
	return out, err
}

func eachLine(path string, f func([]byte) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := f(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

func countLines(path string) int {
	n := 0
	_ = eachLine(path, func([]byte) error { n++; return nil })
	return n
}

// addToExisting returns the records already in folder out (sentences.jsonl
// and versions.jsonl) with the new ones added; a new sentence already
// there is an error.
func addToExisting(out string, sentences []annot.Sentence, versions []annot.Version) ([]annot.Sentence, []annot.Version, error) {
	old, err := readFile(filepath.Join(out, "sentences.jsonl"), annot.ReadSentences)
	if err != nil {
		return nil, nil, err
	}
	oldVersions, err := readFile(filepath.Join(out, "versions.jsonl"), annot.ReadVersions)
	if err != nil {
		return nil, nil, err
	}
	have := map[string]bool{}
	for _, s := range old {
		have[s.ID] = true
	}
	for _, s := range sentences {
		if have[s.ID] {
			return nil, nil, fmt.Errorf("sentence %s is already in %s", s.ID, out)
		}
	}
	return append(old, sentences...), append(oldVersions, versions...), nil
}

// readFile reads the records of one JSON Lines file with read.
func readFile[T any](path string, read func(io.Reader, string) ([]T, error)) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, path)
}
