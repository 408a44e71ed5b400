package when_test

import (
	"fmt"

	"sitrep/when"
)

func ExampleFind() {
	txt := "The statement was issued on Monday evening; troops will leave by the end of the year."
	for _, t := range when.Find(txt, "2021-07-27") {
		fmt.Printf("%s %s %s\n", t.Text, t.Type, t.Value)
	}
	// Output:
	// Monday evening TIME 2021-07-26TEV
	// the end of the year DATE 2021
}

func ExamplePrecision() {
	fmt.Println(when.Precision("2021-07-26TEV"), when.Precision("2003-03"), when.Precision("199"))
	// Output: part of day month decade
}
