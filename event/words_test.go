package event

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"sitrep/lexicon"
)

// TestAllCapitals pins allCapitals to the definition it replaces.
func TestAllCapitals(t *testing.T) {
	for _, w := range []string{"", "UN", "U.S.", "Un", "un", "2024", "A", "a", "'S", "X-RAY", "ÉTAT", "État", "STRASSE", "Straße", "ǅ", "Ǆ", "ǆ",
		"ΑΘΗΝΑ", "Αθήνα", "\xff", "AB\xffC", "\uFFFD", "A\uFFFD", "ﬀ", "İ", "ı", "K", "NATO's", "—", "Σ"} {
		want := w == strings.ToUpper(w) && w != strings.ToLower(w)
		if got := allCapitals(w); got != want {
			t.Errorf("allCapitals(%q) = %v, want %v", w, got, want)
		}
	}
	for r := rune(0); r < 0x20000; r++ { // every cased letter is below
		for _, w := range []string{string(r), "A" + string(r), "a" + string(r)} {
			want := w == strings.ToUpper(w) && w != strings.ToLower(w)
			if got := allCapitals(w); got != want {
				t.Fatalf("allCapitals(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

// TestVocabularyIsExact checks that a vocabulary, however small and
// however many goroutines share it, gives each word its own facts.
func TestVocabularyIsExact(t *testing.T) {
	d := Default()
	roles, err := lexicon.LoadRoles()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("The police said the protesters had attacked them in Nairobi on Monday ; " +
		"twelve people were killed , dozens injured and 3 arrested by POLICE in Nairobi’s CBD . It’s over")
	want := map[string]*wordFacts{}
	for _, w := range words {
		want[w] = newWordFacts(w, d, roles)
	}
	v := newVocabulary(d, roles, 2*vocabularyWays) // far fewer slots than words: evictions
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var misses uint64
			for range 50 {
				for _, w := range words {
					if got := v.word(w, &misses); !reflect.DeepEqual(got, want[w]) {
						t.Errorf("%q: facts %+v, want %+v", w, got, want[w])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// TestDictionaryVocabulary checks that a dictionary's vocabulary is kept
// for one role table and made anew when its patterns change.
func TestDictionaryVocabulary(t *testing.T) {
	d, err := ParsePatterns(strings.NewReader("190 verb attacked\n"))
	if err != nil {
		t.Fatal(err)
	}
	roles, err := lexicon.LoadRoles()
	if err != nil {
		t.Fatal(err)
	}
	v := d.vocabulary(roles)
	if v == nil || d.vocabulary(roles) != v {
		t.Fatal("the dictionary does not keep its vocabulary")
	}
	if d.vocabulary(&lexicon.Roles{}) != nil {
		t.Error("a vocabulary made for one role table serves another")
	}
	var misses uint64
	if f := v.word("attacked", &misses); len(f.heads) != 1 {
		t.Errorf("attacked heads %v, want one pattern", f.heads)
	}
	d2, _ := ParsePatterns(strings.NewReader("190 verb attacked\n"))
	d.Add(d2.Patterns...)
	if d.vocabulary(roles) == v {
		t.Fatal("the vocabulary outlived its patterns")
	}
	if f := d.vocabulary(roles).word("attacked", &misses); len(f.heads) != 2 {
		t.Errorf("after Add, attacked heads %v, want two patterns", f.heads)
	}
}
