package lang_test

import (
	"fmt"

	"sitrep/lang"
)

func ExampleDetect() {
	for _, text := range []string{
		"Police said three people were killed when a car bomb exploded near the market on Sunday.",
		"Les autorités ont confirmé la mort de trois personnes dans l'incendie de dimanche.",
		"Das Unglück ereignete sich am frühen Montagmorgen zwischen Hamburg und Berlin.",
	} {
		r := lang.Detect(text)
		fmt.Println(r.Code, r.Reliable)
	}
	// Too short to tell: keep the declared language, or English.
	fmt.Println(lang.Detect("Hello").Reliable)
	// Output:
	// en true
	// fr true
	// de true
	// false
}
