package quote_test

import (
	"context"
	"fmt"

	"sitrep"
	"sitrep/quote"
	"sitrep/text"
)

func Example() {
	doc := sitrep.NewDocument(`"The talks were useful," the minister said. Sources told Reuters that a deal is close.`)
	a := text.Analyze(doc)
	if err := (quote.Stage{}).Run(context.Background(), a); err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range doc.Quotes {
		fmt.Printf("%s %q by %q (%s, direct %v)\n", q.ID, q.Text, q.SpeakerText, q.Cue, q.Direct)
	}
	toks := a.Sentences[1].Tokens
	fmt.Println(quote.Modality(toks, len(toks)-2)) // "close"
	// Output:
	// S1 "The talks were useful" by "the minister" (said, direct true)
	// S2 "a deal is close" by "Sources" (told, direct false)
	// asserted
}
