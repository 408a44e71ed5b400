package annot

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Span is a stretch of a sentence's text, in bytes from the sentence's
// start.
type Span [2]int

// Event is one event annotated in a sentence (docs/annotation.md §3).
// Optional spans are nil when the sentence does not say.
type Event struct {
	Trigger      Span   `json:"trigger"`
	CAMEO        string `json:"cameo"`
	PLOVER       string `json:"plover"`
	ACLEDType    string `json:"acled_type,omitempty"`
	ACLEDSubtype string `json:"acled_subtype,omitempty"`
	Mode         string `json:"mode"`
	Source       *Span  `json:"source,omitempty"`
	SourceCode   string `json:"source_code,omitempty"`
	Target       *Span  `json:"target,omitempty"`
	TargetCode   string `json:"target_code,omitempty"`
	Killed       *int   `json:"killed,omitempty"`
	Injured      *int   `json:"injured,omitempty"`
	Place        *Span  `json:"place,omitempty"`
	Time         *Span  `json:"time,omitempty"`
	Attributed   *Span  `json:"attributed,omitempty"`
	Note         string `json:"note,omitempty"`
}

// Sentence is one annotated sentence. ID is its source reference (see
// Sources); Text is kept only where the licence allows (Voice of America),
// else Hash (the first 12 hex digits of the text's SHA-1) ties the record
// to the text read from ../shared.
type Sentence struct {
	ID         string   `json:"id"`
	Text       string   `json:"text,omitempty"`
	Hash       string   `json:"hash,omitempty"`
	Chosen     string   `json:"chosen"`
	Annotators []string `json:"annotators"`
	Events     []Event  `json:"events"`
	Note       string   `json:"note,omitempty"`
	// Settled records how a disagreement between two annotators was
	// settled, on doubly annotated sentences where they differed.
	Settled string `json:"settled,omitempty"`
}

// Version is one annotator's independent reading of a doubly annotated
// sentence, kept to measure agreement.
type Version struct {
	ID        string  `json:"id"`
	Annotator string  `json:"annotator"`
	Events    []Event `json:"events"`
}

// HashText returns the hash a stand-off record keeps of its text.
func HashText(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:6])
}

// copyable reports whether a source's text may be kept in the repository:
// the Voice of America texts of GMB are in the public domain.
func copyable(id string) bool { return strings.HasPrefix(id, "gmb-ner/") }

// ReadSentences reads sentence records, one JSON object a line; name is
// used in errors.
func ReadSentences(r io.Reader, name string) ([]Sentence, error) {
	return readRecords[Sentence](r, name)
}

// ReadVersions reads the annotators' independent versions, one a line.
func ReadVersions(r io.Reader, name string) ([]Version, error) { return readRecords[Version](r, name) }

// ReadIDs reads the "id" of every record of the JSON Lines file at path
// (a corpus's sentences, a pick manifest); a line without one is an
// error naming the file and the line.
func ReadIDs(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ids := map[string]bool{}
	err = readLines(f, path, func(line []byte) error {
		var rec struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(line, &rec); err != nil || rec.ID == "" {
			return errors.New(`want a JSON object with an "id"`)
		}
		ids[rec.ID] = true
		return nil
	})
	return ids, err
}

// readRecords reads one JSON object of type T a line, refusing unknown
// fields.
func readRecords[T any](r io.Reader, name string) ([]T, error) {
	var out []T
	err := readLines(r, name, func(line []byte) error {
		var v T
		if err := strictUnmarshal(line, &v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// readLines calls f for every non-blank line, wrapping its error with the
// file name and line number.
func readLines(r io.Reader, name string, f func([]byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if err := f(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return nil
}

// strictUnmarshal decodes one JSON value, refusing unknown fields.
func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// WriteJSONL writes items to path, one JSON object a line, HTML characters
// unescaped.
func WriteJSONL[T any](path string, items []T) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
