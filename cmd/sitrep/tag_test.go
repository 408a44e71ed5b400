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

func TestParseCoNLLU(t *testing.T) {
	code, out, errs := runCLI(t, "Police arrested two men.\n\nThey were charged on Tuesday.\n", "parse", "-")
	if code != exitOK {
		t.Fatalf("code %d: %s", code, errs)
	}
	for _, want := range []string{
		"# sent_id = 1\n# text = Police arrested two men.\n1\tPolice\t_\tNOUN\t_\t_\t2\tnsubj\t_\t_\n2\tarrested\t_\tVERB\t_\t_\t0\troot\t_\t_\n",
		"4\tmen\t_\tNOUN\t_\t_\t2\tobj\t_\t_\n",
		"# sent_id = 2\n",
		"1\tThey\t_\tPRON\t_\t_\t3\tnsubj:pass\t_\t_\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := runCLI(t, "", "parse", "/nonexistent/file"); code != exitBadInput || !strings.Contains(errs, "nonexistent") {
		t.Errorf("missing file: code %d, %s", code, errs)
	}
	if code, _, _ := runCLI(t, "", "parse"); code != exitUsage {
		t.Errorf("no file: code %d", code)
	}
	big := strings.Repeat("word ", 1<<19) // 2.5 MB, beyond the article limit
	if code, _, errs := runCLI(t, big, "parse", "-"); code != exitBadInput || !strings.Contains(errs, "article limit") {
		t.Errorf("too large: code %d, %s", code, errs)
	}
}

func TestTrainSyntaxUsage(t *testing.T) {
	if code, _, errs := runCLI(t, "", "train", "syntax", "--data", "/nonexistent"); code != exitBadInput || !strings.Contains(errs, "nonexistent") {
		t.Errorf("train syntax without data: code %d, %s", code, errs)
	}
}
