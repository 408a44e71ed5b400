package main

import (
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	topo := `{"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
	"arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]],
	"objects": {"countries": {"type": "GeometryCollection", "geometries": [
		{"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "A"}},
		{"type": "MultiPolygon", "arcs": [[[-2, -1]]], "id": "002", "properties": {"name": "B"}},
		{"type": "Point", "coordinates": [0, 0]}
	]}}}`
	m, err := convert([]byte(topo))
	if err != nil {
		t.Fatal(err)
	}
	want := []Country{
		{ID: "001", Name: "A", D: "M1800 900l100 0 0-100-100 0z"},
		{ID: "002", Name: "B", D: "M1800 900l0-100 100 0 0 100z"},
	}
	if len(m.Countries) != len(want) {
		t.Fatalf("got %d countries, want %d: %+v", len(m.Countries), len(want), m.Countries)
	}
	for i, c := range m.Countries {
		if c != want[i] {
			t.Errorf("country %d: got %+v, want %+v", i, c, want[i])
		}
	}
}

// TestAntimeridian checks that a ring crossing the antimeridian is drawn
// unwrapped, twice, a world apart.
func TestAntimeridian(t *testing.T) {
	topo := `{"type": "Topology", "arcs": [[[170, 0], [-170, 0], [-170, 10], [170, 10], [170, 0]]],
	"objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "X"}}]}}}`
	m, err := convert([]byte(topo))
	if err != nil {
		t.Fatal(err)
	}
	d := m.Countries[0].D
	if want := "M3500 900l200 0 0-100-200 0zM-100 900l200 0 0-100-200 0z"; d != want {
		t.Errorf("got %s, want %s", d, want)
	}
}

func TestConvertErrors(t *testing.T) {
	for _, in := range []string{
		`{`,
		`{"type": "FeatureCollection"}`,
		`{"type": "Topology", "objects": {}}`,
		`{"type": "Topology", "arcs": [], "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[5]]}]}}}`,
		`{"type": "Topology", "arcs": [], "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": "x"}]}}}`,
	} {
		if _, err := convert([]byte(in)); err == nil {
			t.Errorf("%s: no error", in)
		} else if strings.Contains(err.Error(), "panic") {
			t.Errorf("%s: %v", in, err)
		}
	}
}

func FuzzConvert(f *testing.F) {
	f.Add([]byte(`{"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": [[[0, 0], [10, 0], [0, 10]]], "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0, -1]]}]}}}`))
	f.Add([]byte(`{"type": "Topology", "arcs": [[]], "objects": {"countries": {"geometries": [{"type": "MultiPolygon", "arcs": [[[-1]]]}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		convert(data) // must not panic
	})
}
