package main

import (
	"strings"
	"testing"
)

func TestTagCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nPeter NNP B-PER\nBlackburn NNP I-PER\nsaid VBD O\n. . O\n\nthe\n"
	code, out, errs := runCLI(t, in, "tag", "--format", "conll", "-")
	if code != exitOK {
		t.Fatalf("code %d: %s", code, errs)
	}
	want := "-DOCSTART- -X- -X- O O\n\nPeter NNP B-PER B-PER\nBlackburn NNP I-PER I-PER\nsaid VBD O O\n. . O O\n\nthe O\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if code, _, _ := runCLI(t, "", "tag", "--format", "json", "-"); code != exitUsage {
		t.Errorf("bad format: code %d", code)
	}
	if code, _, errs := runCLI(t, "", "tag", "/nonexistent/file"); code != exitBadInput || !strings.Contains(errs, "nonexistent") {
		t.Errorf("missing file: code %d, %s", code, errs)
	}
}

func TestTrainUsage(t *testing.T) {
	if code, _, _ := runCLI(t, "", "train", "pos"); code != exitUsage {
		t.Errorf("train pos: code %d", code)
	}
	if code, _, errs := runCLI(t, "", "train", "ner", "--shared", "/nonexistent"); code != exitBadInput || !strings.Contains(errs, "nonexistent") {
		t.Errorf("train without data: code %d, %s", code, errs)
	}
}
