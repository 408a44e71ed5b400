package entity

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"sitrep"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// TestKnownActorCodes pins how a known actor's code follows the article's
// date: the office held that day, else the undated code, else, when every
// office has ended, the country's elite.
func TestKnownActorCodes(t *testing.T) {
	k, err := ParseKnownActors(gz(t, "# test\nBARACK OBAMA|OBAMA\tUSAELI:19780101-20000101,USAGOV:20090120-\n"+
		"JACOB ZUMA\tZAFGOV:20030101-20050731,ZAFGOV:20090509-,ZAFELI\nJOHN DOE\tGBRGOV:19900101-19950101\n"), "t.gz")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, date, want string }{
		{"Barack Obama", "2016-05-01", "USAGOV"},
		{"Obama", "1990-01-01", "USAELI"},
		{"Obama's", "", "USAGOV"}, // no date: the latest office
		{"Jacob Zuma", "2004-06-01", "ZAFGOV"},
		{"Jacob Zuma", "2007-06-01", "ZAFELI"},
		{"John Doe", "2016-01-01", "GBRELI"},
		{"Nobody", "2016-01-01", ""},
	} {
		if got, _ := k.Code(c.name, c.date); got != c.want {
			t.Errorf("%s on %q: got %q, want %q", c.name, c.date, got, c.want)
		}
	}
	for _, bad := range []string{"NAME ONLY\n", "X\tgov\n", "X\tUSAGOV:2001\n"} {
		if _, err := ParseKnownActors(gz(t, bad), "bad.gz"); err == nil || !strings.Contains(err.Error(), "bad.gz:1") {
			t.Errorf("%q: got %v, want an error naming bad.gz:1", bad, err)
		}
	}
	if _, err := ParseKnownActors([]byte("not gzip"), "x.gz"); err == nil {
		t.Error("a file that is not gzip was read")
	}
}

// TestEmbeddedKnownActors checks the embedded Phoenix table and that the
// stage codes a known person by date, unless the text says "former".
func TestEmbeddedKnownActors(t *testing.T) {
	k, err := LoadKnownActors()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := k.Code("Jacob Zuma", "2010-01-01"); got != "ZAFGOV" {
		t.Errorf("Jacob Zuma in 2010: %q", got)
	}
	doc := &sitrep.Document{Text: "Obama met former president Jacob Zuma.", Published: "2016-05-01", Entities: []sitrep.Entity{
		{ID: "E1", Name: "Obama", Type: sitrep.Person, Mentions: []sitrep.Mention{{Start: 0, End: 5}}},
		{ID: "E2", Name: "Jacob Zuma", Type: sitrep.Person, Code: "ZAF", Mentions: []sitrep.Mention{{Start: 26, End: 36}}},
	}}
	codeKnownActors(doc, k)
	if doc.Entities[0].Code != "USAGOV" || doc.Entities[1].Code != "ZAF" {
		t.Errorf("codes %q %q, want USAGOV and the text's ZAF", doc.Entities[0].Code, doc.Entities[1].Code)
	}
}

func FuzzParseKnownActors(f *testing.F) {
	f.Add("A|B\tUSAGOV:20010101-,USA\n")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		if k, err := ParseKnownActors(b.Bytes(), "fuzz"); err == nil {
			k.Code("A", "2020-01-01")
		}
	})
}

// TestPeopleInOffice pins that an entity typed as a body, place or group
// whose name the table lists as someone in office becomes a person, unless
// the name is a well-known place, holds an organization's head word or is
// a body the table lists without dates.
func TestPeopleInOffice(t *testing.T) {
	k, err := ParseKnownActors(gz(t, "BARACK OBAMA|OBAMA\tUSAGOV:20090120-\nGREENPEACE\tNGOENV\n"+
		"JORDAN\tJOR\nKING ABDULLAH|AQABA|AMMAN MINISTRY\tJORGOV:20000101-\n"), "t.gz")
	if err != nil {
		t.Fatal(err)
	}
	wellKnown := func(name string) bool { return name == "Aqaba" }
	for _, c := range []struct {
		name, typ, want string
	}{
		{"Obama", sitrep.Org, sitrep.Person},
		{"Obama", sitrep.GPE, sitrep.Person},
		{"Obama", sitrep.Person, sitrep.Person},
		{"Greenpeace", sitrep.Org, sitrep.Org},
		{"Aqaba", sitrep.GPE, sitrep.GPE},
		{"King Abdullah", sitrep.GPE, sitrep.Person},
		{"Amman Ministry", sitrep.Org, sitrep.Org},
		{"Jordan", sitrep.GPE, sitrep.GPE},
	} {
		doc := &sitrep.Document{Entities: []sitrep.Entity{{ID: "E1", Name: c.name, Type: c.typ}}}
		peopleInOffice(doc, k, wellKnown)
		if got := doc.Entities[0].Type; got != c.want {
			t.Errorf("%s (%s): got %s, want %s", c.name, c.typ, got, c.want)
		}
	}
}
