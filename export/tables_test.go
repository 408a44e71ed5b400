package export

import (
	"testing"
	"time"

	"sitrep"
)

func TestFIPSCountry(t *testing.T) {
	tests := []struct{ iso2, want string }{
		{"IQ", "IZ"}, {"GB", "UK"}, {"DE", "GM"}, {"US", "US"}, {"RS", "RI"}, {"SS", "OD"}, {"XK", "KV"},
		{"ME", "MJ"}, {"CH", "SZ"}, {"ps", "WE"}, {"AX", "FI"}, {"ZZ", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := FIPSCountry(tt.iso2); got != tt.want {
			t.Errorf("FIPSCountry(%q) = %q, want %q", tt.iso2, got, tt.want)
		}
	}
}

func TestFIPSADM1(t *testing.T) {
	tests := []struct{ iso2, admin1, want string }{
		{"US", "Pennsylvania", "USPA"}, // GDELT writes US states by postal code
		{"US", "District of Columbia", "USDC"},
		{"IQ", "Baghdad", "IZ07"}, // GeoNames' code is FIPS's
		{"IQ", "Ninawa", ""},      // not GeoNames' name for it ("Nineveh")
		{"IQ", "Nineveh", "IZ15"},
		{"AF", "Kabul", "AF13"},
		{"KE", "Nairobi County", "KE05"}, // matched by name
		{"CH", "Zurich", "SZ25"},         // GeoNames uses ISO codes for Switzerland: matched by name
		{"CH", "zürich", "SZ25"},         // case and diacritics are folded
		{"GB", "England", ""},            // FIPS has no nations: the country's code stands in
		{"FR", "Île-de-France", "FRA8"},
		{"PS", "Gaza Strip", "GZ"},
	}
	for _, tt := range tests {
		if got := FIPSADM1(tt.iso2, tt.admin1); got != tt.want {
			t.Errorf("FIPSADM1(%q, %q) = %q, want %q", tt.iso2, tt.admin1, got, tt.want)
		}
	}
}

// TestGeoOfPlace: the Gaza Strip is its own FIPS country; a division FIPS
// does not have gets the country's code as ADM1, as GDELT writes it.
func TestGeoOfPlace(t *testing.T) {
	tb, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	g := tb.geoOfPlace(&sitrep.Place{Name: "Gaza", Country: "PS", Admin1: "Gaza Strip", Feature: "PPLA", GeonameID: 281133})
	if g.Country != "GZ" || g.ADM1 != "GZ" || g.Type != 4 || g.FullName != "Gaza, Gaza Strip, Palestine" {
		t.Errorf("Gaza: %+v", g)
	}
	g = tb.geoOfPlace(&sitrep.Place{Name: "London", Country: "GB", Admin1: "England", Feature: "PPLC"})
	if g.Country != "UK" || g.ADM1 != "UK" || g.FeatureID != "" {
		t.Errorf("London: %+v", g)
	}
	g = tb.geoOfPlace(&sitrep.Place{Name: "Pennsylvania", Country: "US", Admin1: "Pennsylvania", Feature: "ADM1"})
	if g.Type != 2 || g.ADM1 != "USPA" || g.FeatureID != "USPA" || g.FullName != "Pennsylvania, United States" {
		t.Errorf("Pennsylvania: %+v", g)
	}
	g = tb.geoOfPlace(&sitrep.Place{Name: "Iraq", Country: "IQ", Feature: "PCLI"})
	if g.Type != 1 || g.ADM1 != "IZ" || g.FeatureID != "IZ" || g.FullName != "Iraq" {
		t.Errorf("Iraq: %+v", g)
	}
}

func TestTone(t *testing.T) {
	tests := []struct {
		text  string
		sign  int
		words int
	}{
		{"Gunmen killed ten people and wounded dozens in an attack.", -1, 10},
		{"The leaders welcomed the peace agreement and praised the progress.", 1, 10},
		{"The meeting is on Tuesday.", 0, 5},
		{"", 0, 0},
	}
	for _, tt := range tests {
		tone, words, err := Tone(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if sign := sgn(tone); sign != tt.sign || words != tt.words {
			t.Errorf("Tone(%q) = %.2f over %d words, want sign %d over %d", tt.text, tone, words, tt.sign, tt.words)
		}
	}
	if tone, _, _ := Tone("killed killed"); tone != -100 {
		t.Errorf("all negative: %.2f, want -100", tone)
	}
}

func sgn(f float64) int {
	switch {
	case f > 0:
		return 1
	case f < 0:
		return -1
	}
	return 0
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		v, prec, day, sql, month, year, frac string
	}{
		{"2021-07-26", precDay, "2021-07-26", "20210726", "202107", "2021", "2021.5644"},
		{"2021-07-26T14:00", precDay, "2021-07-26", "20210726", "202107", "2021", "2021.5644"},
		{"2021-W30", precWeek, "2021-07-29", "", "202107", "2021", "2021.5726"},
		{"2020-W53", precWeek, "2020-12-31", "", "202012", "2020", "2020.9890"},
		{"2021-07", precMonth, "2021-07-15", "", "202107", "2021", "2021.5342"},
		{"2021", precYear, "2021-07-01", "", "", "2021", "2021.4959"},
		{"2021-SU", precYear, "2021-07-01", "", "", "2021", "2021.4959"},
		{"2021-02-30", precYear, "2021-07-01", "", "", "2021", "2021.4959"},
		{"PRESENT_REF", "", "", "", "", "", ""},
		{"XXXX-WXX-1", "", "", "", "", "", ""},
		{"", "", "", "", "", "", ""},
	}
	for _, tt := range tests {
		d := parseDate(tt.v)
		day := ""
		if d.known() {
			day = d.t.Format(time.DateOnly)
		}
		if d.prec != tt.prec || day != tt.day || d.sqlDate() != tt.sql || d.monthYear() != tt.month || d.year() != tt.year || d.fractionDate() != tt.frac {
			t.Errorf("parseDate(%q) = %s %s sql %q month %q year %q frac %q", tt.v, d.prec, day, d.sqlDate(), d.monthYear(), d.year(), d.fractionDate())
		}
	}
}

func TestGDELTTimestamp(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023-03-14T16:05:00Z", "20230314160500"},
		{"2024-05-06T18:30:00-04:00", "20240506223000"},
		{"2023-03-14", "20230314000000"},
		{"2023-03-14T09:15", "20230314091500"},
		{"March 14", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := gdeltTimestamp(tt.in); got != tt.want {
			t.Errorf("gdeltTimestamp(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
