package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Sentence
		err      string
	}{
		{"iob2", "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n",
			[]Sentence{{[]string{"EU", "rejects"}, []string{"B-ORG", "O"}}, {[]string{"Peter", "Blackburn"}, []string{"B-PER", "I-PER"}}}, ""},
		{"iob1 to iob2", "-DOCSTART- -X- -X- O\n\nJapan NNP I-NP I-LOC\nand CC O O\nChina NNP I-NP I-LOC\nLi I-PER\nPeng I-PER\n",
			[]Sentence{{[]string{"Japan", "and", "China", "Li", "Peng"}, []string{"B-LOC", "O", "B-LOC", "B-PER", "I-PER"}}}, ""},
		{"untagged", "Hello\nworld\n\n\nBye\n", []Sentence{{Words: []string{"Hello", "world"}}, {Words: []string{"Bye"}}}, ""},
		{"crlf and tabs", "A\tB-LOC\r\nb\tO\r\n", []Sentence{{[]string{"A", "b"}, []string{"B-LOC", "O"}}}, ""},
		{"bad tag", "A NNP X-LOC\n", nil, "t.txt:1: bad entity tag"},
		{"mixed columns", "A B-LOC\nb\n", nil, "t.txt:2:"},
		{"empty", "", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadCoNLL(strings.NewReader(tc.in), "t.txt")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestSpansAndScore(t *testing.T) {
	tests := []struct {
		tags []string
		want []Span
	}{
		{[]string{"B-PER", "I-PER", "O", "B-LOC"}, []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{[]string{"I-ORG", "I-ORG", "B-ORG"}, []Span{{0, 2, "ORG"}, {2, 3, "ORG"}}},
		{[]string{"B-PER", "I-LOC"}, []Span{{0, 1, "PER"}, {1, 2, "LOC"}}},
		{[]string{"O"}, nil},
	}
	for _, tc := range tests {
		if got := Spans(tc.tags); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Spans(%q) = %v, want %v", tc.tags, got, tc.want)
		}
	}
	var s Score
	s.Add([]string{"B-PER", "I-PER", "O", "B-LOC"}, []string{"B-PER", "I-PER", "O", "B-ORG"})
	s.Add([]string{"B-MISC", "O"}, []string{"B-MISC", "B-PER"})
	if s.Total != (Counts{Gold: 3, Pred: 4, Correct: 2}) {
		t.Errorf("total = %+v", s.Total)
	}
	if p, r := s.Total.Precision(), s.Total.Recall(); p != 50 || r < 66.66 || r > 66.67 {
		t.Errorf("P = %v, R = %v", p, r)
	}
	if f := s.Total.F1(); f < 57.14 || f > 57.15 {
		t.Errorf("F1 = %v", f)
	}
	var b strings.Builder
	if err := s.Write(&b); err != nil || !strings.Contains(b.String(), "FB1:  57.14") {
		t.Errorf("Write: %v\n%s", err, b.String())
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n")
	f.Add("-DOCSTART- -X- -X- O\n\nJapan I-LOC\n")
	f.Add("a\nb\n\nc")
	f.Add("x I-\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLL(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range sents {
			if s.Tags != nil && len(s.Tags) != len(s.Words) {
				t.Fatalf("%d words, %d tags", len(s.Words), len(s.Tags))
			}
			Spans(s.Tags)
		}
	})
}
