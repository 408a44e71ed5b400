// Command handbookeval measures the language identifier out of its
// training domain, on the translations of The Debian Administrator's
// Handbook (Debian package debian-handbook, GPL-2+ or CC-BY-SA-3.0; used
// for evaluation only, never trained on nor committed). Get it with
//
//	apt-get download debian-handbook && dpkg-deb -x debian-handbook_*.deb /tmp/dh
//	go run ./lang/internal/handbookeval -dir /tmp/dh/usr/share/doc/debian-handbook/html
//
// With -part dev or test it reads every other file (chapter) of each
// translation, so that settings chosen on dev are reported on test.
// It reads the <p> paragraphs of each translation, drops those left in
// English (a third of their word trigrams in the English book) and those
// under 20 runes, and reports,
// per language, the accuracy on whole paragraphs and on snippets of 100, 300
// and 1000 runes cut from the paragraphs joined (at most 300 of each), and
// the macro average over the translations with 50 paragraphs or more.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"sitrep/lang"
)

var (
	verbose = flag.Bool("v", false, "print the texts detected wrongly")
	part    = flag.String("part", "all", "which chapters: dev (the 1st, 3rd, ... file of each translation), test (the 2nd, 4th, ...) or all")
)

func main() {
	dir := flag.String("dir", "", "the html folder of debian-handbook (holding en-US, fr-FR, ...)")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintf(os.Stderr, "handbookeval: %v\n", err)
		os.Exit(1)
	}
}

// minParas is the fewest translated paragraphs a translation needs to
// count in the macro average (some are nearly all untranslated).
const minParas = 50

// run evaluates every translation under dir.
func run(dir string) error {
	d, err := lang.Default()
	if err != nil {
		return err
	}
	english, err := paragraphs(filepath.Join(dir, "en-US"))
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, p := range english {
		for _, t := range trigrams(p) {
			seen[t] = true
		}
	}
	locales, err := filepath.Glob(filepath.Join(dir, "*-*"))
	if err != nil {
		return err
	}
	slices.Sort(locales)
	fmt.Printf("%-6s %6s %8s %8s %8s %8s  confused with\n", "lang", "paras", "para", "100", "300", "1000")
	var sum [4]float64
	var langs int
	for _, loc := range locales {
		code := strings.ToLower(strings.SplitN(filepath.Base(loc), "-", 2)[0])
		if code == "nb" {
			code = "no" // Norwegian Bokmål: the model answers "no"
		}
		ps, err := paragraphs(loc)
		if err != nil {
			return err
		}
		var kept []string
		for _, p := range ps {
			if (code == "en" || !untranslated(p, seen)) && len([]rune(p)) >= 20 {
				kept = append(kept, p)
			}
		}
		confused := map[string]int{}
		var acc [4]float64
		acc[0] = score(d, code, kept, confused)
		for i, size := range []int{100, 300, 1000} {
			snips := lang.Snippets(strings.Join(kept, " "), size)
			acc[i+1] = score(d, code, snips[:min(len(snips), 300)], confused)
		}
		fmt.Printf("%-6s %6d", code, len(kept))
		for _, a := range acc {
			fmt.Printf(" %7.1f%%", 100*a)
		}
		fmt.Printf("  %v\n", top(confused))
		if len(kept) >= minParas {
			for i, a := range acc {
				sum[i] += a
			}
			langs++
		}
	}
	fmt.Printf("%-6s %6d", "macro", langs)
	for _, s := range sum {
		fmt.Printf(" %7.1f%%", 100*s/float64(langs))
	}
	fmt.Println()
	return nil
}

// trigrams returns the word trigrams of p, lower-cased.
func trigrams(p string) []string {
	w := strings.Fields(strings.ToLower(p))
	var out []string
	for i := 0; i+3 <= len(w); i++ {
		out = append(out, strings.Join(w[i:i+3], " "))
	}
	return out
}

// untranslated reports whether a third or more of p's word trigrams occur
// in the English book (seen): a paragraph left in English, or mostly code.
func untranslated(p string, seen map[string]bool) bool {
	ts := trigrams(p)
	n := 0
	for _, t := range ts {
		if seen[t] {
			n++
		}
	}
	return len(ts) == 0 || 3*n >= len(ts)
}

// score returns the share of texts detected as code, tallying the others.
func score(d *lang.Detector, code string, texts []string, confused map[string]int) float64 {
	if len(texts) == 0 {
		return 0
	}
	ok := 0
	for _, t := range texts {
		if r := d.Detect(t); r.Code == code {
			ok++
		} else {
			confused[r.Code]++
			if *verbose {
				fmt.Printf("  %s -> %s %.2f %v: %.150q\n", code, r.Code, r.Confidence, r.Reliable, t)
			}
		}
	}
	return float64(ok) / float64(len(texts))
}

// top formats the three most frequent wrong codes.
func top(m map[string]int) string {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	var out []string
	for _, c := range codes[:min(3, len(codes))] {
		out = append(out, fmt.Sprintf("%s:%d", c, m[c]))
	}
	return strings.Join(out, " ")
}

// paragraphs returns the text of the <p> elements of the HTML files in dir,
// in file order, whitespace collapsed.
func paragraphs(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no html files in %s", dir)
	}
	slices.Sort(files)
	var out []string
	for i, f := range files {
		if *part == "dev" && i%2 == 1 || *part == "test" && i%2 == 0 {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		z := html.NewTokenizer(bytes.NewReader(b))
		depth := 0
		var cur []string
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if !errors.Is(z.Err(), io.EOF) {
					return nil, fmt.Errorf("%s: %w", f, z.Err())
				}
				break
			}
			name, _ := z.TagName()
			switch {
			case tt == html.StartTagToken && string(name) == "p":
				depth++
			case tt == html.EndTagToken && string(name) == "p" && depth > 0:
				depth--
				if t := strings.Join(strings.Fields(strings.Join(cur, "")), " "); depth == 0 && t != "" {
					out = append(out, t)
				}
				if depth == 0 {
					cur = cur[:0]
				}
			case tt == html.TextToken && depth > 0:
				cur = append(cur, string(z.Text()))
			}
		}
	}
	return out, nil
}
