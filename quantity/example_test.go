package quantity_test

import (
	"fmt"

	"sitrep/quantity"
)

func ExampleFind() {
	txt := "There are about 2,500 American soldiers in Iraq. 3 of its members were injured."
	for _, q := range quantity.Find(txt, nil) {
		fmt.Printf("%q value=%v approximate=%v unit=%s casualty=%s\n", q.Text, q.Value, q.Approximate, q.Unit, q.Casualty)
	}
	// Output:
	// "about 2,500 American soldiers" value=2500 approximate=true unit=soldier casualty=
	// "3 of its members" value=3 approximate=false unit=member casualty=injured
}
