package export

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"

	"sitrep/country"
)

//go:generate go run ./internal/datagen -o data

// dataFS holds the tables made by internal/datagen (see its package comment
// for their sources) and the ACLED country list.
//
//go:embed data/fips_countries.tsv data/fips_adm1.tsv data/tone.txt data/acled_countries.tsv
var dataFS embed.FS

// countryCodes are one country's codes: ISO 3166-1 alpha-3 and numeric,
// and FIPS 10-4 (which GDELT uses).
type countryCodes struct {
	ISO3, Numeric, FIPS string
}

// adm1Code is the FIPS code of one first-level division, with the FIPS
// country it belongs to (which differs from the country's own for the
// Palestinian territories: Gaza Strip GZ, West Bank WE).
type adm1Code struct {
	Country, Code string
}

// acledCountry is ACLED's name and region of a country.
type acledCountry struct {
	Name, Region string
}

// tables are the read-only lookup tables of the package, loaded once.
type tables struct {
	countries map[string]countryCodes // by ISO 3166-1 alpha-2
	adm1      map[string]adm1Code     // by adm1Key
	tone      map[string]bool         // word: true positive, false negative
	acled     map[string]acledCountry // by ISO 3166-1 alpha-2
	byCAMEO   map[string]string       // ISO 3166-1 alpha-2 by CAMEO country code
}

var (
	tablesOnce sync.Once
	tablesVal  *tables
	tablesErr  error
)

// loadTables returns the package's tables, reading them on first use.
func loadTables() (*tables, error) {
	tablesOnce.Do(func() { tablesVal, tablesErr = readTables() })
	return tablesVal, tablesErr
}

// readTables parses the embedded data files.
func readTables() (*tables, error) {
	t := &tables{countries: map[string]countryCodes{}, adm1: map[string]adm1Code{}, tone: map[string]bool{},
		acled: map[string]acledCountry{}, byCAMEO: map[string]string{}}
	for _, c := range country.All() {
		if c.CAMEO != "" {
			t.byCAMEO[c.CAMEO] = c.ISO2
		}
	}
	err := eachRow("data/fips_countries.tsv", 4, func(c []string) {
		t.countries[c[0]] = countryCodes{ISO3: c[1], Numeric: c[2], FIPS: c[3]}
	})
	if err == nil {
		err = eachRow("data/fips_adm1.tsv", 6, func(c []string) {
			if c[4] != "" {
				t.adm1[adm1Key(c[0], c[2])] = adm1Code{Country: c[3], Code: c[4]}
			}
		})
	}
	if err == nil {
		err = eachRow("data/acled_countries.tsv", 3, func(c []string) {
			t.acled[c[0]] = acledCountry{Name: c[1], Region: c[2]}
		})
	}
	if err == nil {
		err = eachLine("data/tone.txt", func(line string) error {
			if len(line) < 2 || (line[0] != '+' && line[0] != '-') {
				return fmt.Errorf("want +word or -word, got %q", line)
			}
			t.tone[line[1:]] = line[0] == '+'
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("export: loading tables: %w", err)
	}
	return t, nil
}

// eachRow calls f with the tab-separated cells of each line of an embedded
// file that is not blank or a "#" comment; every line must have n cells.
func eachRow(name string, n int, f func([]string)) error {
	return eachLine(name, func(line string) error {
		c := strings.Split(line, "\t")
		if len(c) != n {
			return fmt.Errorf("%d cells, want %d", len(c), n)
		}
		f(c)
		return nil
	})
}

// eachLine calls f with each line of an embedded file that is not blank or
// a "#" comment; an error names the file and line.
func eachLine(name string, f func(string) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if err := f(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// adm1Key is the lookup key of a division: its country and its name folded
// (country.Key: case, diacritics and dots ignored).
func adm1Key(iso2, name string) string {
	return strings.ToUpper(iso2) + "\t" + country.Key(name)
}

// FIPSCountry returns the FIPS 10-4 country code GDELT uses for a country
// given by its ISO 3166-1 alpha-2 code ("IQ" -> "IZ", "GB" -> "UK"), or ""
// when the code is unknown or the tables cannot be read.
func FIPSCountry(iso2 string) string {
	t, err := loadTables()
	if err != nil {
		return ""
	}
	return t.fipsCountry(iso2, "")
}

// FIPSADM1 returns GDELT's ADM1 code of a first-level division, given by its
// country (ISO 3166-1 alpha-2) and its GeoNames name as sitrep's places carry
// it ("IQ", "Baghdad" -> "IZ07"; "US", "Pennsylvania" -> "USPA"), or "" when
// FIPS 10-4 has no code for it.
func FIPSADM1(iso2, admin1 string) string {
	t, err := loadTables()
	if err != nil {
		return ""
	}
	return t.adm1[adm1Key(iso2, admin1)].Code
}

// fipsCountry is the FIPS country of a place in country iso2 and division
// admin1 (which may be "").
func (t *tables) fipsCountry(iso2, admin1 string) string {
	if admin1 != "" {
		if a, ok := t.adm1[adm1Key(iso2, admin1)]; ok && a.Country != "" {
			return a.Country
		}
	}
	return t.countries[strings.ToUpper(iso2)].FIPS
}
