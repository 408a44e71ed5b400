// Command dump prints the text a source reference names (see
// annot.Sources), as sitrep reads it: the stand-off real articles and
// sentences are read from ../shared this way.
//
//	go run ./annot/internal/dump [-shared ../shared] REF
package main

import (
	"flag"
	"fmt"
	"os"

	"sitrep/annot"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: dump [-shared DIR] REF")
		os.Exit(2)
	}
	t, err := annot.NewSources(*shared).Text(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "dump:", err)
		os.Exit(1)
	}
	fmt.Println(t)
}
