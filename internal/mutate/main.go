// Command mutate measures how much of a package's behaviour its tests pin:
// it flips the conditions of the package's non-test code one at a time
// (an if's condition becomes its negation), runs the tests of the package
// and of the pipeline against each mutant, and reports how many mutants
// survive (every test still passes). A surviving mutant is a condition no
// test notices.
//
//	go run ./internal/mutate [-tests ./pkg,./pipeline] [-op negate|false] [-sample N] [-seed S] [-only FILE:LINE,...] ./event
//
// Mutants are made in a copy of the module, never in the working tree.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// mutant is one flipped condition.
type mutant struct {
	file string // relative to the module root
	line int
	cond string // the condition as written
	n    int    // the index of the if statement in the file
}

func main() {
	tests := flag.String("tests", "", "comma-separated packages whose tests judge a mutant (default: the package and ./pipeline)")
	sample := flag.Int("sample", 0, "test this many mutants, drawn at random (0: all)")
	seed := flag.Uint64("seed", 1, "seed of the sample")
	only := flag.String("only", "", "comma-separated FILE:LINE of the conditions to test (default: all, or the sample)")
	op := flag.String("op", "negate", "the mutation: negate (if c becomes if !(c)) or false (if c becomes if false)")
	timeout := flag.Duration("timeout", 5*time.Minute, "the most one test run may take (a mutant that runs longer is killed)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mutate [-tests P,Q] [-sample N] [-seed S] ./PACKAGE")
		os.Exit(2)
	}
	pkg := flag.Arg(0)
	judges := []string{pkg, "./pipeline"}
	if *tests != "" {
		judges = strings.Split(*tests, ",")
	}
	if *op != "negate" && *op != "false" {
		fmt.Fprintln(os.Stderr, "mutate: -op is negate or false")
		os.Exit(2)
	}
	if err := run(pkg, judges, *op, *only, *sample, *seed, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

func run(pkg string, judges []string, op, only string, sample int, seed uint64, timeout time.Duration) error {
	ms, err := mutants(pkg)
	if err != nil {
		return err
	}
	total := len(ms)
	if only != "" {
		want := map[string]bool{}
		for _, o := range strings.Split(only, ",") {
			want[strings.TrimSpace(o)] = true
		}
		var keep []mutant
		for _, m := range ms {
			if want[fmt.Sprintf("%s:%d", m.file, m.line)] {
				keep = append(keep, m)
			}
		}
		ms = keep
	}
	if sample > 0 && sample < len(ms) {
		rng := rand.New(rand.NewPCG(seed, seed))
		rng.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		ms = ms[:sample]
		sort.Slice(ms, func(i, j int) bool {
			if ms[i].file != ms[j].file {
				return ms[i].file < ms[j].file
			}
			return ms[i].line < ms[j].line
		})
	}
	// the copy sits beside the module, so that tests find ../shared as
	// they do from the working tree
	here, err := os.Getwd()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp(filepath.Dir(here), ".mutate-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := exec.Command("cp", "-a", ".", work).Run(); err != nil {
		return fmt.Errorf("copying the module: %w", err)
	}
	if !passes(work, judges, timeout) {
		return fmt.Errorf("the tests fail without any mutation (go test %s): fix them first", strings.Join(judges, " "))
	}
	survived, invalid := 0, 0
	for i, m := range ms {
		orig, err := os.ReadFile(filepath.Join(work, m.file))
		if err != nil {
			return err
		}
		mutated, err := flip(orig, m.file, m.n, op)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(work, m.file), mutated, 0o644); err != nil {
			return err
		}
		verdict := "killed"
		switch {
		case !builds(work, pkg):
			verdict = "invalid"
			invalid++
		case passes(work, judges, timeout):
			survived++
			verdict = "SURVIVED"
		}
		if err := os.WriteFile(filepath.Join(work, m.file), orig, 0o644); err != nil {
			return err
		}
		fmt.Printf("%4d/%d %-8s %s:%d  if %s\n", i+1, len(ms), verdict, m.file, m.line, m.cond)
	}
	tested := len(ms) - invalid
	fmt.Printf("%s: %d conditions, %d tested, %d survived (%.1f%%)\n", pkg, total, tested, survived, 100*float64(survived)/float64(max(1, tested)))
	return nil
}

// builds reports whether the mutated package compiles (a mutant that does
// not is no test of the tests).
func builds(dir, pkg string) bool {
	cmd := exec.Command("go", "vet", pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	return cmd.Run() == nil
}

// passes reports whether every judge's tests pass in dir.
func passes(dir string, judges []string, timeout time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args := append([]string{"test", "-count=1", "-failfast"}, judges...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	return cmd.Run() == nil
}

// mutants lists the if statements of a package's non-test, non-generated
// Go files.
func mutants(pkg string) ([]mutant, error) {
	files, err := filepath.Glob(filepath.Join(pkg, "*.go"))
	if err != nil {
		return nil, err
	}
	var out []mutant
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(src, []byte("Code generated")) {
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			return nil, err
		}
		n := 0
		ast.Inspect(file, func(node ast.Node) bool {
			if s, ok := node.(*ast.IfStmt); ok {
				var b bytes.Buffer
				printer.Fprint(&b, fset, s.Cond)
				out = append(out, mutant{file: filepath.Clean(f), line: fset.Position(s.Pos()).Line, cond: b.String(), n: n})
				n++
			}
			return true
		})
	}
	return out, nil
}

// flip returns the file with its n-th if statement's condition negated
// (op "negate") or replaced by false (op "false").
func flip(src []byte, name string, n int, op string) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	i := 0
	ast.Inspect(file, func(node ast.Node) bool {
		if s, ok := node.(*ast.IfStmt); ok {
			if i == n {
				if op == "false" {
					s.Cond = ast.NewIdent("false")
				} else {
					s.Cond = &ast.UnaryExpr{Op: token.NOT, X: &ast.ParenExpr{X: s.Cond}}
				}
			}
			i++
		}
		return true
	})
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, file); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
