package storetest

import (
	"reflect"
	"strings"
	"testing"
)

func TestCorpus(t *testing.T) {
	a, b := Corpus(200, 3), Corpus(200, 3)
	if len(a) != 200 || !reflect.DeepEqual(a, b) {
		t.Fatal("Corpus is not deterministic or not n long")
	}
	if reflect.DeepEqual(a, Corpus(200, 4)) {
		t.Error("seed changes nothing")
	}
	rewrites, size := 0, 0
	for _, x := range a {
		if x.Text == "" || x.Title == "" || x.URL == "" || x.Outlet == "" || len(x.Published) != 10 {
			t.Errorf("incomplete article %+v", x)
		}
		if strings.HasPrefix(x.Title, "UPDATE 1-") {
			rewrites++
		}
		size += len(x.Text)
	}
	if rewrites < 5 || rewrites > 40 {
		t.Errorf("%d rewrites in 200", rewrites)
	}
	t.Logf("200 articles, %d rewrites, %d bytes of text on average", rewrites, size/200)
}
