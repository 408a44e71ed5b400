package country

import (
	"fmt"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatal(err)
	}
	all := All()
	if len(all) < 249 {
		t.Fatalf("%d countries, want >= 249", len(all))
	}
	for _, c := range all {
		if c.CAMEO == "" || c.Lat == 0 && c.Lon == 0 {
			t.Errorf("%s: incomplete %+v", c.ISO2, c)
		}
	}
}

func TestByName(t *testing.T) {
	cases := map[string]string{
		"US": "US", "U.S.": "US", "u.s.a.": "US", "USA": "US", "America": "US", "United States": "US",
		"the United States": "US", "United States of America": "US",
		"UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB",
		"Russia": "RU", "South Korea": "KR", "North Korea": "KP", "Iran": "IR", "Syria": "SY",
		"Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Cote d’Ivoire": "CI", "Czech Republic": "CZ",
		"Burma": "MM", "Myanmar": "MM", "Holland": "NL", "the Netherlands": "NL", "UAE": "AE",
		"DRC": "CD", "Congo": "CD", "Republic of Congo": "CG", "Iraq": "IQ", "IRAQ": "IQ",
		"Turkey": "TR", "Vietnam": "VN", "Laos": "LA", "Palestine": "PS", "Kosovo": "XK",
		"Georgia": "GE", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Taiwan": "TW",
		"Guinea-Bissau": "GW", "Guinea Bissau": "GW", "East Timor": "TL", "Vatican": "VA",
	}
	for in, want := range cases {
		c, ok := ByName(in)
		if !ok || c.ISO2 != want {
			got := "none"
			if ok {
				got = c.ISO2
			}
			t.Errorf("ByName(%q) = %s, want %s", in, got, want)
		}
	}
	for _, in := range []string{"", "Baghdad", "the", "Kurdistan", "Texas", "IN", "IT"} {
		if c, ok := ByName(in); ok {
			t.Errorf("ByName(%q) = %s, want none", in, c.ISO2)
		}
	}
}

func TestByDemonym(t *testing.T) {
	cases := map[string]string{
		"Iraqi": "IQ", "Iraqis": "IQ", "American": "US", "Americans": "US", "British": "GB",
		"Briton": "GB", "Britons": "GB", "French": "FR", "Frenchman": "FR", "Chinese": "CN",
		"Russian": "RU", "Russians": "RU", "Israeli": "IL", "Palestinians": "PS", "Afghan": "AF",
		"Afghans": "AF", "Kenyan": "KE", "Dutch": "NL", "Swiss": "CH", "German": "DE",
		"Germans": "DE", "Filipino": "PH", "Saudi": "SA", "Saudis": "SA", "Emirati": "AE",
		"Turkish": "TR", "Turks": "TR", "Syrian": "SY", "Iranian": "IR", "Congolese": "CD",
		"Ivorian": "CI", "Pakistani": "PK", "Czechs": "CZ", "Welsh": "GB", "Omani": "OM",
		"Ukrainian": "UA", "Ukrainians": "UA", "Dominican": "DO", "Kosovar": "XK",
	}
	for in, want := range cases {
		c, ok := ByDemonym(in)
		if !ok || c.ISO2 != want {
			got := "none"
			if ok {
				got = c.ISO2
			}
			t.Errorf("ByDemonym(%q) = %s, want %s", in, got, want)
		}
	}
	for _, in := range []string{"Frenchs", "Swisss", "Chineses", "Iraq", "Welshs"} {
		if c, ok := ByDemonym(in); ok {
			t.Errorf("ByDemonym(%q) = %s, want none", in, c.ISO2)
		}
	}
}

func TestCodes(t *testing.T) {
	for _, tc := range []struct{ iso2, iso3, cameo, capital string }{
		{"IQ", "IRQ", "IRQ", "Baghdad"}, {"US", "USA", "USA", "Washington D.C."},
		{"XK", "XKX", "KSV", "Pristina"}, {"GB", "GBR", "GBR", "London"},
	} {
		c, ok := ByISO2(strings.ToLower(tc.iso2))
		if !ok || c.ISO3 != tc.iso3 || c.CAMEO != tc.cameo || c.Capital != tc.capital {
			t.Errorf("ByISO2(%s) = %+v", tc.iso2, c)
		}
		d, ok := ByISO3(tc.iso3)
		if !ok || d.ISO2 != tc.iso2 {
			t.Errorf("ByISO3(%s) = %+v", tc.iso3, d)
		}
	}
	if _, ok := ByISO2("ZZ"); ok {
		t.Error("ByISO2(ZZ) found")
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"U.S.": "us", "The  Gambia": "gambia", "Côte d’Ivoire": "cote d'ivoire",
		"Guinea-Bissau": "guinea bissau", " Iraq ": "iraq", "São Tomé": "sao tome",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"US\tUSA",
		"U\tUSA\tUSA\tX\t\t\t\t1\t2\t0",
		"US\tUSA\tUSA\tX\t\t\t\tx\t2\t0",
		"US\tUSA\tUSA\tX\t\t\t\t1\ty\t0",
		"US\tUSA\tUSA\tX\t\t\t\t1\t2\tz",
	} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%q): no error", in)
		}
	}
	got, err := Parse([]byte("# c\n\nUS\tUSA\tUSA\tUnited States\tUS|America\tAmerican\tWashington\t1.5\t-2\t6252001\r\n"))
	if err != nil || len(got) != 1 || got[0].GeonameID != 6252001 || len(got[0].Aliases) != 2 {
		t.Errorf("Parse: %+v %v", got, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(table[:2000])
	f.Add([]byte("US\tUSA\tUSA\tUnited States\tUS\tAmerican\tWashington\t1\t2\t0"))
	f.Add([]byte("\t\t\t\t\t\t\t\t\t"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := Parse(data)
		if err == nil {
			for _, c := range cs {
				if len(c.ISO2) != 2 || c.Name == "" {
					t.Fatalf("accepted bad row %+v", c)
				}
			}
		}
	})
}

func FuzzKey(f *testing.F) {
	f.Add("U.S.")
	f.Add("Côte d’Ivoire")
	f.Add("\xff\xfe the ")
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k && !strings.HasPrefix(k, "the ") {
			t.Fatalf("Key not idempotent: %q -> %q -> %q", s, k, Key(k))
		}
	})
}

func BenchmarkByName(b *testing.B) {
	load()
	for b.Loop() {
		ByName("the United States")
	}
}

func ExampleByName() {
	c, _ := ByName("U.S.")
	fmt.Println(c.ISO2, c.ISO3, c.CAMEO, c.Name)
	d, _ := ByDemonym("Iraqis")
	fmt.Println(d.Name, d.Capital)
	// Output:
	// US USA USA United States
	// Iraq Baghdad
}
