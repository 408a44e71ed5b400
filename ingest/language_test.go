package ingest

import (
	"strings"
	"testing"
)

// TestDeclaredLanguage: the language a source declares comes with its
// article as an ISO 639-1 code: an HTML page's lang (or its og:locale), a
// JSON record's "language"; a tag that names no language gives none.
func TestDeclaredLanguage(t *testing.T) {
	body := "<p>" + strings.Repeat("Le gouvernement a annoncé de nouvelles mesures mardi. ", 8) + "</p>"
	for _, c := range []struct{ name, page, want string }{
		{"lang with a region", `<html lang="fr-FR"><head><title>T</title></head><body><article>` + body + `</article></body></html>`, "fr"},
		{"og:locale", `<html><head><meta property="og:locale" content="de_DE"><title>T</title></head><body><article>` + body + `</article></body></html>`, "de"},
		{"none", `<html><head><title>T</title></head><body><article>` + body + `</article></body></html>`, ""},
		{"not a language", `<html lang="x"><head><title>T</title></head><body><article>` + body + `</article></body></html>`, ""},
	} {
		a, err := ReadHTML(strings.NewReader(c.page), Page{URL: "https://example.org/a"})
		if err != nil || a.Language != c.want {
			t.Errorf("%s: language %q (%v), want %q", c.name, a.Language, err, c.want)
		}
	}
	a, err := ArticleFromJSON([]byte(`{"text": "Hola a todos.", "language": "es"}`))
	if err != nil || a.Language != "es" {
		t.Errorf("JSON record: language %q (%v), want es", a.Language, err)
	}
	for tag, want := range map[string]string{"EN": "en", "pt_BR": "pt", "zh-Hant-TW": "zh", "english": "", "": "", "e1": ""} {
		if got := LanguageCode(tag); got != want {
			t.Errorf("LanguageCode(%q) = %q, want %q", tag, got, want)
		}
	}
}
