package place

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"testing"

	"sitrep"
	"sitrep/place/gazetteer"
)

func TestDefaultModelLoads(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Features() == 0 {
		t.Fatal("the embedded place model has no weights: run `sitrep train places`")
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := &Model{w: map[uint32]float32{7: 1.5, 3: -2, 1 << 31: 0.25}}
	var a, b bytes.Buffer
	if _, err := m.WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	r, err := ReadModel(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || r.weight(3) != -2 || r.weight(1<<31) != 0.25 || r.weight(9) != 0 {
		t.Errorf("round trip changed the model: %v", r.w)
	}
}

func TestReadModelRejects(t *testing.T) {
	le := binary.LittleEndian
	rec := func(f uint32, w float32) []byte {
		return le.AppendUint32(le.AppendUint32(nil, f), math.Float32bits(w))
	}
	file := func(recs ...[]byte) []byte {
		b := le.AppendUint32([]byte(modelMagic), uint32(len(recs)))
		for _, r := range recs {
			b = append(b, r...)
		}
		return b
	}
	for name, b := range map[string][]byte{
		"empty":        nil,
		"magic":        []byte("XXXX\x00\x00\x00\x00"),
		"truncated":    file(rec(1, 1), rec(2, 1))[:20],
		"trailing":     append(file(rec(1, 1)), 0),
		"out of order": file(rec(2, 1), rec(1, 1)),
		"repeated":     file(rec(1, 1), rec(1, 1)),
		"NaN":          file(rec(1, float32(math.NaN()))),
		"huge count":   le.AppendUint32([]byte(modelMagic), 1<<30),
	} {
		if _, err := ReadModel(b); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}

// trainingDocs builds documents whose gold places need the context: Paris
// in Texas beside Dallas, Paris in France beside Lyon.
func trainingDocs() []TrainDoc {
	mk := func(txt string, gold map[string]Gold, names ...string) TrainDoc {
		a := docWith(txt, func() [][2]string {
			var es [][2]string
			for _, n := range names {
				es = append(es, [2]string{n, sitrep.GPE})
			}
			return es
		}()...)
		td := TrainDoc{Doc: a.Doc, Gold: map[int]Gold{}}
		for i, e := range a.Doc.Entities {
			if g, ok := gold[e.Name]; ok {
				td.Gold[i] = g
			}
		}
		return td
	}
	texas := Gold{Lat: 33.66, Lon: -95.56}
	france := Gold{Lat: 48.85, Lon: 2.35}
	return []TrainDoc{
		mk("A storm hit Paris and Dallas.", map[string]Gold{"Paris": texas}, "Paris", "Dallas"),
		mk("Schools in Paris and Lyon closed.", map[string]Gold{"Paris": france}, "Paris", "Lyon"),
		mk("Paris police and Dallas firefighters met in Texas.", map[string]Gold{"Paris": texas}, "Paris", "Dallas", "Texas"),
		mk("Paris and Marseille voted.", map[string]Gold{"Paris": france}, "Paris", "Marseille"),
	}
}

func TestTrainReproducible(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	var out [2]bytes.Buffer
	for i := range out {
		m, st, err := Train(context.Background(), g, trainingDocs(), DefaultTrainOptions())
		if err != nil {
			t.Fatal(err)
		}
		if st.Entities != 4 || st.Reachable != 4 || m.Features() == 0 {
			t.Fatalf("stats %+v, %d features", st, m.Features())
		}
		if _, err := m.WriteTo(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Error("two trainings with the same options wrote different models")
	}
}

func TestTrainLearnsContext(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := Train(context.Background(), g, trainingDocs(), DefaultTrainOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, td := range trainingDocs() {
		res := Resolve(g, m, td.Doc)
		for i, gd := range td.Gold {
			e, ok := res[i]
			if !ok || gazetteer.Distance(e.Lat, e.Lon, gd.Lat, gd.Lon) > 161 {
				t.Errorf("%q: %s resolved to %+v", td.Doc.Text, td.Doc.Entities[i].Name, e)
			}
		}
	}
}

func TestTrainErrors(t *testing.T) {
	if _, _, err := Train(context.Background(), nil, nil, DefaultTrainOptions()); err == nil {
		t.Error("no gazetteer: no error")
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Train(ctx, g, trainingDocs(), DefaultTrainOptions()); err == nil {
		t.Error("cancelled: no error")
	}
}

func TestPlacePart(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Paris Public Library":               "Paris",
		"Dublin Community Recreation Center": "Dublin",
		"Fargo-Moorhead":                     "Fargo",
		"North Texas":                        "Texas",
		"Zzyzx Qqq Center":                   "",
		"East Bank":                          "",
	} {
		if got := placePart(g, in); got != want {
			t.Errorf("placePart(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContextWords(t *testing.T) {
	txt := "Flights left Heathrow airport, south of the city of London."
	ms := []sitrep.Mention{{Start: 13, End: 21, Text: "Heathrow"}, {Start: 52, End: 58, Text: "London"}}
	got := contextWords(txt, ms)
	want := []ctxWord{{'p', "left"}, {'q', "flights"}, {'n', "airport"}, {'p', "of"}, {'q', "city"}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("word %d: %v, want %v", i, got[i], want[i])
		}
	}
}

func TestAirport(t *testing.T) {
	a := docWith("Flights left Heathrow on Monday for Dubai International Airport.", [2]string{"Heathrow", sitrep.Fac}, [2]string{"Dubai International Airport", sitrep.Fac})
	if err := (Stage{}).Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Heathrow", "Dubai International Airport"} {
		p := placeOf(t, a, name)
		if p == nil || p.Feature != "AIRP" {
			t.Errorf("%s: %+v", name, p)
		}
	}
}
