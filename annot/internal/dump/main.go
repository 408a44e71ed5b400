// Command dump prints the texts that annot references name, for reading.
package main

import (
	"fmt"
	"os"

	"sitrep/annot"
)

func main() {
	src := annot.NewSources("../shared")
	for _, ref := range os.Args[1:] {
		t, err := src.Text(ref)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("=== %s\n%s\n\n", ref, t)
	}
}
