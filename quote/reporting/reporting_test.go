package reporting

import (
	"testing"

	"sitrep"
	"sitrep/text"
)

func TestVerbs(t *testing.T) {
	tests := []struct {
		form, lemma string
		obj, weak   bool
	}{
		{"said", "say", false, false},
		{"told", "tell", true, false},
		{"tells", "tell", true, false},
		{"believes", "believe", false, true},
	}
	for _, tt := range tests {
		v, ok := Verbs[tt.form]
		if !ok || v.Lemma != tt.lemma || v.Obj != tt.obj || v.Weak != tt.weak {
			t.Errorf("%s: got %+v (%v), want lemma %s obj %v weak %v", tt.form, v, ok, tt.lemma, tt.obj, tt.weak)
		}
	}
	if _, ok := Verbs["table"]; ok {
		t.Error("table is no reporting verb")
	}
}

func TestQuoted(t *testing.T) {
	doc := sitrep.NewDocument("He said \u201cwe will go\u201d and left.\n\n\"Open to the end of it")
	a := text.Analyze(doc)
	q := Quoted(a)
	if len(q) != 2 {
		t.Fatalf("got %d spans, want 2: %+v", len(q), q)
	}
	if got := doc.Text[q[0].Inner:q[0].CloseAt]; got != "we will go" {
		t.Errorf("first span %q", got)
	}
	if q[1].CloseAt != q[1].End || q[1].End != len(doc.Text) {
		t.Errorf("unclosed span %+v does not run to the paragraph's end", q[1])
	}
	x := IndexSpans(q)
	if s := x.At(q[0].Inner + 1); s == nil || s.Open != q[0].Open {
		t.Errorf("At inside the first span: %+v", s)
	}
	if s := x.At(q[0].End + 1); s != nil {
		t.Errorf("At between spans: %+v", s)
	}
}

// TestQuotedStuckClosingMark: in text rebuilt from tokens a closing
// straight mark after a comma sticks to the next word; Quoted closes the
// quotation there, QuotedByShape (what the learned model reads) opens a
// new one.
func TestQuotedStuckClosingMark(t *testing.T) {
	doc := sitrep.NewDocument(`"It is possible that they will meet, "one official told Reuters. Others said no meeting was set.`)
	a := text.Analyze(doc)
	q := Quoted(a)
	if len(q) != 1 || doc.Text[q[0].Inner:q[0].CloseAt] != "It is possible that they will meet, " {
		t.Errorf("Quoted: %+v", q)
	}
	if q := QuotedByShape(a); len(q) != 2 || q[1].End != len(doc.Text) {
		t.Errorf("QuotedByShape: %+v, want a second quotation running to the end", q)
	}
}
