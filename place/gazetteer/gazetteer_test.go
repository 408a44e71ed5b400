package gazetteer

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep/place/gazetteer/data"
)

func mustDefault(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLookupTop(t *testing.T) {
	g := mustDefault(t)
	cases := []struct{ name, country, feature string }{
		{"Paris", "FR", "PPLC"},
		{"Baghdad", "IQ", "PPLC"},
		{"Najaf", "IQ", ""},
		{"Najaf Governorate", "IQ", "ADM1"},
		{"Anbar province", "IQ", "ADM1"},
		{"Iraq", "IQ", "PCLI"},
		{"U.S.", "US", "PCLI"},
		{"the United States", "US", "PCLI"},
		{"White House", "US", "BLDG"},
		{"Kremlin", "RU", "BLDG"},
		{"Middle East", "", "RGN"},
		{"West Bank", "PS", "RGN"},
		{"Kurdistan", "IQ", "RGN"},
		{"America", "US", "PCLI"},
		{"Texas", "US", "ADM1"},
		{"New York", "US", "PPL"},
		{"Washington, D.C.", "US", "PPLC"},
		{"Erbil", "IQ", ""},
		{"München", "DE", ""},
		{"Munich", "DE", ""},
	}
	for _, c := range cases {
		es := g.Lookup(c.name)
		if len(es) == 0 {
			t.Errorf("Lookup(%q): nothing", c.name)
			continue
		}
		e := es[0]
		if e.Country != c.country || c.feature != "" && e.Feature != c.feature {
			t.Errorf("Lookup(%q)[0] = %s %s %s %s", c.name, e.Name, e.Country, e.Feature, e.Kind)
		}
	}
	for _, n := range []string{"", "Xqzzyville"} {
		if es := g.Lookup(n); len(es) != 0 {
			t.Errorf("Lookup(%q) = %v", n, es[0])
		}
	}
}

func TestLookupMany(t *testing.T) {
	g := mustDefault(t)
	es := g.Lookup("Paris")
	var tx bool
	for _, e := range es {
		if e.Country == "US" && e.Admin1 == "Texas" {
			tx = true
		}
	}
	if !tx || len(es) < 3 {
		t.Errorf("Paris: %d entries, Texas %v", len(es), tx)
	}
	// Casablanca's alternate name "White House" is still there, behind the landmark.
	wh := g.Lookup("White House")
	if len(wh) < 1 || wh[0].Kind != KindLandmark {
		t.Errorf("White House: %v", wh)
	}
	for _, e := range wh {
		if e.Country == "MA" && !e.Alt {
			t.Errorf("Casablanca's White House not alternate: %+v", e)
		}
	}
}

func TestBuilderRoundTrip(t *testing.T) {
	var b Builder
	b.Add(Entry{Name: "Springfield", Kind: KindPlace, Feature: "PPLA", Country: "US", Admin1: "Illinois", Lat: 39.80172, Lon: -89.64371, Population: 116250, GeonameID: 4250542}, 1, "Springfield", "Springfield IL")
	b.Add(Entry{Name: "Springfield", Kind: KindPlace, Feature: "PPL", Country: "US", Admin1: "Missouri", Lat: 37.21533, Lon: -93.29824, Population: 169176}, 1, "Springfield")
	b.Add(Entry{Name: "Illinois", Kind: KindAdmin1, Feature: "ADM1", Country: "US", Admin1: "Illinois", Lat: 40, Lon: -89}, 1, "Illinois")
	bin, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(bin)
	if err != nil {
		t.Fatal(err)
	}
	es := g.Lookup("springfield")
	if len(es) != 2 || es[1].Admin1 != "Missouri" || es[0].GeonameID != 4250542 || es[0].Lat != 39.80172 {
		t.Fatalf("%+v", es)
	}
	if es := g.Lookup("Springfield IL"); len(es) != 1 || !es[0].Alt {
		t.Fatalf("alt: %+v", es)
	}
	if es := g.Lookup("Illinois State"); len(es) != 1 || es[0].Kind != KindAdmin1 {
		t.Fatalf("state: %+v", es)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("SGZ1"), []byte("XXXX0000000000000000000000"), data.Bin[:100]} {
		if _, err := Load(in); err == nil {
			t.Errorf("Load(%q...): no error", in[:min(len(in), 8)])
		}
	}
}

func FuzzLoad(f *testing.F) {
	var b Builder
	b.Add(Entry{Name: "Alpha", Kind: KindPlace, Feature: "PPL", Country: "AA", Admin1: "One", Population: 10}, 1, "Alpha", "Alfa")
	b.Add(Entry{Name: "Beta", Kind: KindCountry, Feature: "PCLI", Country: "BB"}, 1, "Beta")
	small, _ := b.Bytes()
	f.Add(small)
	f.Add(data.Bin[:4096])
	f.Add([]byte("SGZ1\x01\x00\x00\x00\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		g, err := Load(in)
		if err != nil {
			return
		}
		for _, n := range []string{"alpha", "alfa", "beta", "gamma", "a", "zzz"} {
			g.Lookup(n)
		}
		for i := range min(g.Len(), 50) {
			g.Entry(i)
		}
	})
}

func TestLoadBudget(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	g, err := Load(data.Bin)
	if err != nil {
		t.Fatal(err)
	}
	g.Lookup("London")
	el := time.Since(start)
	runtime.ReadMemStats(&after)
	if el > 100*time.Millisecond {
		t.Errorf("load took %v, budget 100ms", el)
	}
	// touch every entry, as a long run would, and read the resident size
	for i := range g.Len() {
		g.Entry(i)
	}
	g.Lookup("Zzzz")
	rss := vmRSS()
	if rss > 150<<10 {
		t.Errorf("resident %d KB after reading every entry, budget 150 MB", rss)
	}
	t.Logf("load+first lookup %v, heap +%d KB, index %d bytes, %d entries, process RSS %d KB after touching all entries",
		el, (after.HeapAlloc-before.HeapAlloc)/1024, len(data.Bin), g.Len(), rss)
}

// vmRSS returns the process's resident set in KB (0 where /proc is absent).
func vmRSS() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(data.Bin); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := mustDefault(b)
	names := []string{"Paris", "Baghdad", "Springfield", "Najaf Governorate", "Nowhere Town"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Lookup(names[i%len(names)])
	}
}

func ExampleGazetteer_Lookup() {
	g, err := Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	e := g.Lookup("Najaf Governorate")[0]
	fmt.Println(e.Name, e.Country, e.Feature)
	// Output: Najaf IQ ADM1
}
