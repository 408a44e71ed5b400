// Command basemapgen converts the Natural Earth country outlines of the npm
// package world-atlas (countries-110m.json, TopoJSON) into the web UI's
// basemap, ui/world.json: one SVG path per country in an equirectangular
// projection whose units are tenths of a degree (x = (lon+180)*10,
// y = (90-lat)*10, so the world is 3600 by 1800).
//
// It runs from server/ with `go generate`:
//
//	go run ./internal/basemapgen -o ui/world.json
//
// With no -in it fetches the package itself with `npm pack world-atlas@2.0.2`
// into a temporary directory; -in reads an unpacked countries-110m.json.
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

const pkg = "world-atlas@2.0.2"

func main() {
	in := flag.String("in", "", "countries-110m.json `file` (default: fetch "+pkg+" with npm pack)")
	out := flag.String("o", "ui/world.json", "output `file`")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "basemapgen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	var data []byte
	var err error
	if in == "" {
		data, err = fetch()
	} else {
		data, err = os.ReadFile(in)
	}
	if err != nil {
		return err
	}
	m, err := convert(data)
	if err != nil {
		return err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

// fetch runs npm pack in a temporary directory and reads
// package/countries-110m.json from the tarball.
func fetch() ([]byte, error) {
	dir, err := os.MkdirTemp("", "basemapgen")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", "--silent", pkg)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %s: %w", pkg, err)
	}
	f, err := os.Open(filepath.Join(dir, strings.TrimSpace(string(name))))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pkg, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%s: no countries-110m.json", pkg)
			}
			return nil, fmt.Errorf("%s: %w", pkg, err)
		}
		if h.Name == "package/countries-110m.json" {
			return io.ReadAll(tr)
		}
	}
}

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []geometry `json:"geometries"`
	} `json:"objects"`
}

type geometry struct {
	Type       string          `json:"type"`
	Arcs       json.RawMessage `json:"arcs"`
	ID         string          `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// Map is the output: the basemap the UI draws.
type Map struct {
	Source    string    `json:"source"`
	Licence   string    `json:"licence"`
	Width     int       `json:"width"`
	Height    int       `json:"height"`
	Countries []Country `json:"countries"`
}

// Country is one outline: its ISO 3166-1 numeric id, its name and its SVG
// path.
type Country struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
	D    string `json:"d"`
}

func convert(data []byte) (*Map, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("reading TopoJSON: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("not a TopoJSON topology (type %q)", t.Type)
	}
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, errors.New("no countries object")
	}
	// Decode the arcs: delta-encoded, quantized positions.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		pts := make([][2]float64, len(a))
		var x, y float64
		for j, p := range a {
			if t.Transform != nil {
				x += p[0]
				y += p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) ([][2]float64, error) {
		var pts [][2]float64
		for k, i := range idx {
			rev := i < 0
			if rev {
				i = ^i
			}
			if i >= len(arcs) {
				return nil, fmt.Errorf("arc %d out of range", i)
			}
			a := arcs[i]
			seq := make([][2]float64, len(a))
			for j := range a {
				if rev {
					seq[j] = a[len(a)-1-j]
				} else {
					seq[j] = a[j]
				}
			}
			if k > 0 && len(seq) > 0 {
				seq = seq[1:]
			}
			pts = append(pts, seq...)
		}
		return pts, nil
	}
	m := &Map{
		Source:  "Natural Earth 1:110m countries via npm world-atlas 2.0.2 (ISC, Mike Bostock); Natural Earth is public domain",
		Licence: "public domain (Natural Earth); conversion ISC (world-atlas)",
		Width:   3600, Height: 1800,
	}
	for _, g := range obj.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
		default:
			continue
		}
		var d strings.Builder
		for _, p := range polys {
			for _, r := range p {
				pts, err := ring(r)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
				}
				writeRing(&d, pts)
			}
		}
		if d.Len() == 0 {
			continue
		}
		m.Countries = append(m.Countries, Country{ID: g.ID, Name: g.Properties.Name, D: d.String()})
	}
	return m, nil
}

// writeRing appends one closed ring as "Mx yldx dy...z" in tenths of a
// degree, dropping points that round onto the previous one.
func writeRing(d *strings.Builder, pts [][2]float64) {
	var q [][2]int
	for _, p := range pts {
		x := int(math.Round((p[0] + 180) * 10))
		y := int(math.Round((90 - p[1]) * 10))
		if n := len(q); n > 0 && q[n-1] == [2]int{x, y} {
			continue
		}
		q = append(q, [2]int{x, y})
	}
	if len(q) > 1 && q[0] == q[len(q)-1] {
		q = q[:len(q)-1]
	}
	if len(q) < 3 {
		return
	}
	// A ring that crosses the antimeridian (Fiji, Chukotka) jumps by a
	// whole world: unwrap it into one continuous ring, and draw it a second
	// time a world to the other side, so that each half shows at its edge.
	lo, hi := q[0][0], q[0][0]
	for i := 1; i < len(q); i++ {
		if d := q[i][0] - q[i-1][0]; d > 1800 || d < -1800 {
			q[i][0] -= int(math.Round(float64(d)/3600)) * 3600
		}
		lo, hi = min(lo, q[i][0]), max(hi, q[i][0])
	}
	writeQuantized(d, q, 0)
	if lo < 0 {
		writeQuantized(d, q, 3600)
	}
	if hi > 3600 {
		writeQuantized(d, q, -3600)
	}
}

func writeQuantized(d *strings.Builder, q [][2]int, shift int) {
	d.WriteString("M")
	d.WriteString(strconv.Itoa(q[0][0] + shift))
	d.WriteByte(' ')
	d.WriteString(strconv.Itoa(q[0][1]))
	d.WriteString("l")
	for i := 1; i < len(q); i++ {
		dx, dy := q[i][0]-q[i-1][0], q[i][1]-q[i-1][1]
		if i > 1 && dx >= 0 {
			d.WriteByte(' ')
		}
		d.WriteString(strconv.Itoa(dx))
		if dy >= 0 {
			d.WriteByte(' ')
		}
		d.WriteString(strconv.Itoa(dy))
	}
	d.WriteString("z")
}
