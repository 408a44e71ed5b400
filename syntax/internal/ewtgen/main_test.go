package main

import (
	"strings"
	"testing"
)

const sample = `# text = I don't know.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

`

func TestRetokenize(t *testing.T) {
	sents, err := readCoNLLU(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 || sents[0].text != "I don't know." {
		t.Fatalf("read %+v", sents)
	}
	st, ok := retokenize(sents[0])
	if !ok {
		t.Fatal("the sentence was left out")
	}
	got := strings.Join(st.Words, " ")
	if got != "I do n't know ." {
		t.Errorf("words %q", got)
	}
	// "I" heads on "know" (token 4), as its word did on word 4
	if st.Heads[0] != 4 || st.Labels[0] != "nsubj" || st.Heads[3] != 0 || st.Labels[3] != "root" {
		t.Errorf("heads %v labels %v", st.Heads, st.Labels)
	}
}

func TestReadCoNLLURefusesBadInput(t *testing.T) {
	for _, in := range []string{"1\tI\tI\tPRON\n", "x\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n", "1\tI\tI\tPRON\tPRP\t_\ty\troot\t_\t_\n", "2\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n"} {
		if _, err := readCoNLLU(strings.NewReader(in), "bad.conllu"); err == nil || !strings.Contains(err.Error(), "bad.conllu:1") {
			t.Errorf("%q: error %v", in, err)
		}
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	f.Add(sample)
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := readCoNLLU(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range sents {
			retokenize(s) // must not panic
		}
	})
}
