package main

import (
	"path/filepath"
	"strings"
	"testing"

	"sitrep/annot"
)

// TestAddToExisting checks that -add keeps the corpus's records and adds
// the new ones, and refuses a sentence already in the corpus.
func TestAddToExisting(t *testing.T) {
	dir := t.TempDir()
	old := []annot.Sentence{{ID: "gmb-ner/train.txt#1", Text: "One.", Chosen: "random", Annotators: []string{"A"}, Events: []annot.Event{}}}
	oldVersions := []annot.Version{{ID: "gmb-ner/train.txt#1", Annotator: "A", Events: []annot.Event{}}}
	if err := annot.WriteJSONL(filepath.Join(dir, "sentences.jsonl"), old); err != nil {
		t.Fatal(err)
	}
	if err := annot.WriteJSONL(filepath.Join(dir, "versions.jsonl"), oldVersions); err != nil {
		t.Fatal(err)
	}
	added := []annot.Sentence{{ID: "gmb-ner/train.txt#2", Text: "Two.", Chosen: "reported", Annotators: []string{"B"}, Events: []annot.Event{}}}
	addedVersions := []annot.Version{{ID: "gmb-ner/train.txt#2", Annotator: "B", Events: []annot.Event{}}}
	ss, vs, err := addToExisting(dir, added, addedVersions)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].ID != old[0].ID || ss[1].ID != added[0].ID {
		t.Errorf("sentences %v, want the old one and the new one", ss)
	}
	if len(vs) != 2 || vs[0].Annotator != "A" || vs[1].Annotator != "B" {
		t.Errorf("versions %v, want the old one and the new one", vs)
	}
	_, _, err = addToExisting(dir, old, nil)
	if err == nil || !strings.Contains(err.Error(), "gmb-ner/train.txt#1 is already in") {
		t.Errorf("adding a sentence already there: error %v, want one naming it", err)
	}
	if _, _, err := addToExisting(filepath.Join(dir, "missing"), added, nil); err == nil {
		t.Error("a folder without the corpus's files: no error")
	}
}
