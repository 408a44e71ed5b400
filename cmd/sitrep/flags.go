package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/ingest"
	"sitrep/pipeline"
)

// newFlagSet returns a flag set for a sub-command whose usage line shows
// argsUsage after the flags.
func newFlagSet(name, argsUsage string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: sitrep %s [flags] %s\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; done is true when the command must stop with code
// (after --help, or on a usage error).
// Flags may come before or after the arguments.
func parse(fs *flag.FlagSet, args []string) (code int, done bool) {
	if err := fs.Parse(interleave(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	return 0, false
}

// interleave moves the positional arguments after the flags, so that
// "sitrep eval geo --shared DIR" reads like "sitrep eval --shared DIR geo".
// A flag that takes a value keeps the word after it.
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && i+1 < len(args) {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
				continue
			}
			i++
			flags = append(flags, args[i])
		}
	}
	return append(flags, pos...)
}

// limitFlags are the input limit flags that extract and ingest share, so
// that both read with the same definitions and defaults
// (sitrep.DefaultLimits).
type limitFlags struct {
	article, record, file byteSize
	ratio, items          count
}

// addLimitFlags defines the limit flags on fs.
func addLimitFlags(fs *flag.FlagSet) *limitFlags {
	d := sitrep.DefaultLimits
	lf := &limitFlags{article: byteSize(d.ArticleBytes), record: byteSize(d.RecordBytes), file: byteSize(d.FileBytes),
		ratio: count(d.CompressionRatio), items: count(d.FeedItems)}
	fs.Var(&lf.article, "max-article-bytes", "largest article text `size` (UTF-8 bytes; suffix KiB, MiB or GiB allowed); a larger article is refused")
	fs.Var(&lf.record, "max-record-bytes", "largest record `size`, decompressed: an HTML page, a feed, a JSON line or element, a WARC record")
	fs.Var(&lf.file, "max-file-bytes", "most `bytes` read from one file, URL or stream, decompressed")
	fs.Var(&lf.ratio, "max-compression-ratio", "largest decompressed/compressed `ratio` of gzip data; above it the input is refused as a decompression bomb")
	fs.Var(&lf.items, "max-feed-items", "most `items` read from one feed or JSON array")
	return lf
}

// limits returns the limits the flags set.
func (lf *limitFlags) limits() sitrep.Limits {
	return sitrep.Limits{
		ArticleBytes:     int64(lf.article),
		RecordBytes:      int64(lf.record),
		FileBytes:        int64(lf.file),
		CompressionRatio: int64(lf.ratio),
		FeedItems:        int(lf.items),
	}.OrDefault()
}

// byteSize is a flag value: a positive number of bytes, with an optional
// binary suffix (K or KiB, M or MiB, G or GiB).
type byteSize int64

var sizeUnits = []struct {
	suffix string
	n      int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}}

// String writes the size with the largest suffix that divides it.
func (b *byteSize) String() string {
	for _, u := range sizeUnits[:3] {
		if *b != 0 && int64(*b)%u.n == 0 {
			return strconv.FormatInt(int64(*b)/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(*b), 10)
}

// Set reads a size such as 4194304, 4MiB or 4M.
func (b *byteSize) Set(s string) error {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if len(num) > len(u.suffix) && strings.EqualFold(num[len(num)-len(u.suffix):], u.suffix) {
			num, mult = num[:len(num)-len(u.suffix)], u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return fmt.Errorf("want a positive number of bytes (such as 4194304 or 4MiB), not %q", s)
	}
	*b = byteSize(n * mult)
	return nil
}

// count is a flag value: a positive whole number.
type count int64

// String writes the number.
func (c *count) String() string { return strconv.FormatInt(int64(*c), 10) }

// Set reads a positive whole number.
func (c *count) Set(s string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt32 {
		return fmt.Errorf("want a positive whole number, not %q", s)
	}
	*c = count(n)
	return nil
}

// langFlag is the --lang flag of the commands that extract: the languages
// whose articles the pipeline reads. sitrep's models read English, so the
// default is "en": an article identified (or declared) as another
// language is skipped and counted, or stored with its language but not
// extracted; "any" extracts every article with the English models.
type langFlag struct{ v *string }

func addLangFlag(fs *flag.FlagSet) *langFlag {
	return &langFlag{fs.String("lang", "en", "extract only articles in these `languages` (ISO 639-1 codes, comma-separated), or any")}
}

// apply returns p restricted to the flag's languages, or a usage error.
func (l *langFlag) apply(p *pipeline.Pipeline) (*pipeline.Pipeline, error) {
	if strings.TrimSpace(*l.v) == "any" {
		return p, nil
	}
	var codes []string
	for _, c := range strings.Split(*l.v, ",") {
		code := ingest.LanguageCode(c)
		if code == "" {
			return nil, fmt.Errorf("--lang %q: want ISO 639-1 codes such as en,fr, or any", *l.v)
		}
		codes = append(codes, code)
	}
	return p.OnlyLanguages(codes...), nil
}

// openInput opens the file a command names, standard input for "-"; the
// caller closes it.
func openInput(e *env, name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(e.stdin), nil
	}
	return os.Open(name)
}
