// Command countrypoints writes place/gazetteer/gen/country_points.tsv, the
// point and GeoNames id of every country. The point is GeoNames' own point
// of the country where the training corpus of the place resolver
// (GeoWebNews, whose gold records carry GeoNames' coordinates) names the
// country (gen/country_points_geonames.tsv, drawn from GeoWebNews'
// training gold, never from LGL, the test), else the latitude and
// longitude of the npm package world-countries 5.1.0 (countries.json, ODbL
// 1.0, Mohammed Le Doze), which for most countries is the same point; the
// id is the geonameid column of GeoNames' countryInfo.txt (CC BY 4.0). Run
// from place/gazetteer:
//
//	npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz   # in DIR
//	go run ./gen/countrypoints -countries DIR/package/countries.json -info countryInfo.txt -o gen/country_points.tsv
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
)

func main() {
	countries := flag.String("countries", "/tmp/wc/package/countries.json", "world-countries' countries.json")
	info := flag.String("info", "/tmp/exportsrc/countryInfo.txt", "GeoNames' countryInfo.txt (as go generate ./export reads it)")
	gwn := flag.String("geonames", "gen/country_points_geonames.tsv", "GeoNames' points of the countries GeoWebNews' gold names")
	out := flag.String("o", "gen/country_points.tsv", "table to write")
	flag.Parse()
	if err := run(*countries, *info, *gwn, *out); err != nil {
		log.Fatal(err)
	}
}

// country is what countries.json says of one country.
type country struct {
	CCA2   string    `json:"cca2"`
	LatLng []float64 `json:"latlng"`
}

// run reads both sources and writes the table.
func run(countriesPath, infoPath, gwnPath, out string) error {
	raw, err := os.ReadFile(countriesPath)
	if err != nil {
		return err
	}
	var cs []country
	if err := json.Unmarshal(raw, &cs); err != nil {
		return fmt.Errorf("%s: %w", countriesPath, err)
	}
	ids, err := geonameIDs(infoPath)
	if err != nil {
		return err
	}
	known, err := readPoints(gwnPath)
	if err != nil {
		return err
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].CCA2 < cs[j].CCA2 })
	var b strings.Builder
	b.WriteString("# The point of each country (GeoNames' point where GeoWebNews' training gold gives it, else world-countries\n")
	b.WriteString("# 5.1.0, ODbL 1.0) and its GeoNames id (GeoNames' countryInfo.txt, CC BY 4.0), made by gen/countrypoints.\n")
	b.WriteString("# Columns: ISO2 <TAB> lat <TAB> lon <TAB> GeoNames id (0: none)\n")
	for _, c := range cs {
		if len(c.CCA2) != 2 || len(c.LatLng) != 2 {
			continue
		}
		lat, lon := c.LatLng[0], c.LatLng[1]
		if p, ok := known[c.CCA2]; ok {
			lat, lon = p[0], p[1]
		}
		fmt.Fprintf(&b, "%s\t%g\t%g\t%d\n", c.CCA2, lat, lon, ids[c.CCA2])
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// geonameIDs reads the geonameid column (the 17th) of countryInfo.txt by
// ISO code.
func geonameIDs(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ids := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 17 {
			return nil, fmt.Errorf("%s:%d: %d columns, want at least 17", path, n, len(cols))
		}
		var id int
		if _, err := fmt.Sscan(cols[16], &id); err == nil {
			ids[cols[0]] = id
		}
	}
	return ids, sc.Err()
}

// readPoints reads "ISO2 TAB lat TAB lon" lines ("#" comments).
func readPoints(path string) (map[string][2]float64, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][2]float64{}
	for n, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var iso string
		var lat, lon float64
		if _, err := fmt.Sscanf(line, "%s\t%g\t%g", &iso, &lat, &lon); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		out[iso] = [2]float64{lat, lon}
	}
	return out, nil
}
