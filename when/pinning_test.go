package when

import (
	"context"
	"errors"
	"testing"

	"sitrep"
	"sitrep/text"
)

// TestPinning pins behaviour that the mutation check (scripts/mutate)
// found no test noticing: each case names the rule it pins.
func TestPinning(t *testing.T) {
	const dct = "2021-07-27" // a Tuesday in July
	type want struct{ text, typ, value string }
	tests := []struct {
		name string
		in   string
		want []want // every time expression of the sentence, in order
	}{
		// "fiscal" followed by a year is one expression, the year
		{"fiscal year", "Revenue rose 8 percent in fiscal 2022.",
			[]want{{"fiscal 2022", "DATE", "2022"}}},
		// "the past decade" and "the next decade" are durations of ten
		// years, not the previous or next calendar decade
		{"past decade", "The economy has grown over the past decade.",
			[]want{{"the past decade", "DURATION", "P10Y"}}},
		{"next decade", "Investment will double over the next decade.",
			[]want{{"the next decade", "DURATION", "P10Y"}}},
		// "the future" is a reference to the future, not to the past
		{"the future", "Talks could resume in the future, the minister said.",
			[]want{{"the future", "DATE", "FUTURE_REF"}}},
		// "a few more days", "a couple of more weeks": "more" belongs to
		// the vague count, and the extent starts at "a"
		{"a few more", "Negotiators asked for a few more days.",
			[]want{{"a few more days", "DURATION", "PXD"}}},
		{"a couple of more", "Mediators said the ceasefire needed a couple of more weeks.",
			[]want{{"a couple of more weeks", "DURATION", "PXW"}}},
		// a weekday followed by a full date is one expression, the date:
		// "Monday, July 26, 2021" (month first) ...
		{"weekday, month day, year", "The attack took place on Monday, July 26, 2021.",
			[]want{{"Monday, July 26, 2021", "DATE", "2021-07-26"}}},
		// ... and "Monday 26 July 2021" (day first)
		{"weekday day month year", "The attack took place on Monday 26 July 2021.",
			[]want{{"Monday 26 July 2021", "DATE", "2021-07-26"}}},
		// Thanksgiving (fourth Thursday of November) in a past-tense
		// clause before November is last year's ...
		{"past Thanksgiving", "Families gathered on Thanksgiving.",
			[]want{{"Thanksgiving", "DATE", "2020-11-26"}}},
		// ... and in a future-tense clause this year's
		{"coming Thanksgiving", "Families will gather on Thanksgiving.",
			[]want{{"Thanksgiving", "DATE", "2021-11-25"}}},
		// Election Day (the Tuesday after the first Monday of November):
		// the one nearest the document's date, or the one the word before
		// names
		{"nearest Election Day", "Polls open early on Election Day.",
			[]want{{"Election Day", "DATE", "2021-11-02"}}},
		{"last Election Day", "Turnout fell last Election Day.",
			[]want{{"last Election Day", "DATE", "2020-11-03"}}},
		// a month-day right after its past verb is the last one before the
		// document's date, even when the next one is nearer
		{"date's own past verb", "The trial began on October 16.",
			[]want{{"October 16", "DATE", "2020-10-16"}}},
		{"date's own future verb", "The talks will end on October 16.",
			[]want{{"October 16", "DATE", "2021-10-16"}}},
		// "to be" + participle speaks of what is yet to happen
		{"to be done by a weekday", "Officials expect a deal to be signed by Thursday.",
			[]want{{"Thursday", "DATE", "2021-07-29"}}},
		// "May" after another month and "and" is the month, not the
		// modal; alone before a word it stays unread ("Theresa May")
		{"listed May", "Soldiers staged mutinies in April and May, officials said.",
			[]want{{"April", "DATE", "2021-04"}, {"May", "DATE", "2021-05"}}},
		{"May the person", "Reporters met Theresa May and her aides.",
			nil},
		// a two-digit year in m/d/yy below 50 is in the 2000s ...
		{"yy 2000s", "The contract was signed on 7/4/05.",
			[]want{{"7/4/05", "DATE", "2005-07-04"}}},
		// ... and from 50 on in the 1900s
		{"yy 1900s", "The contract was signed on 3/15/98.",
			[]want{{"3/15/98", "DATE", "1998-03-15"}}},
		// "1994-95" (seven characters) is two years, the second in the
		// first one's century ...
		{"short year range", "The civil war of 1994-95 killed thousands.",
			[]want{{"1994", "DATE", "1994"}, {"95", "DATE", "1995"}}},
		// ... and "2009-2010" (nine characters) two full years
		{"long year range", "The 2009-2010 season was cancelled.",
			[]want{{"2009", "DATE", "2009"}, {"2010", "DATE", "2010"}}},
		// "the fiscal" takes an ordinal quarter, resolved as any quarter
		// (the fourth, not yet begun, in a past clause is last year's) ...
		{"the fiscal quarter", "Sales fell in the fiscal fourth quarter.",
			[]want{{"the fiscal fourth quarter", "DATE", "2020-Q4"}}},
		// ... and "year" with a year: "the fiscal year 2020" is one
		// expression, the year
		{"the fiscal year", "Sales fell in the fiscal year 2020.",
			[]want{{"the fiscal year 2020", "DATE", "2020"}}},
		// "the first", "the final" before a count of units is a duration
		// that starts at "the" ...
		{"the first two weeks", "Prices rose in the first two weeks of the war.",
			[]want{{"the first two weeks", "DURATION", "P2W"}}},
		{"the final few days", "Prices rose in the final few days.",
			[]want{{"the final few days", "DURATION", "PXD"}}},
		// ... but not before "a": "the first a few days" is only "a few days"
		{"the first a", "Prices rose in the first a few days.",
			[]want{{"a few days", "DURATION", "PXD"}}},
		// "several more", "many more": "more" belongs to the vague count
		{"several more", "Talks will take several more days.",
			[]want{{"several more days", "DURATION", "PXD"}}},
		{"many more", "The dispute lasted for many more years.",
			[]want{{"many more years", "DURATION", "PXY"}}},
		// "hundreds of", "dozens of" count vaguely (after an approximator,
		// as they start no expression themselves)
		{"hundreds of years", "The ruins have stood for more than hundreds of years.",
			[]want{{"more than hundreds of years", "DURATION", "PXY"}}},
		{"dozens of years", "Rebuilding will take at least dozens of years.",
			[]want{{"at least dozens of years", "DURATION", "PXY"}}},
		// four digits before a time zone are a clock time, on the
		// publication date
		{"military time", "The attack began at 0630 GMT.",
			[]want{{"0630 GMT", "TIME", "2021-07-27T06:30"}}},
		// "4 March, 2019": day, month, comma, year is one date
		{"day month, year", "The treaty was signed on 4 March, 2019.",
			[]want{{"4 March, 2019", "DATE", "2019-03-04"}}},
		// "this decade" is the publication date's decade
		{"this decade", "Emissions have fallen this decade.",
			[]want{{"this decade", "DATE", "202"}}},
		// a fractional count of units from now or ago has no calendar
		// value: it is a reference to the future ...
		{"fraction from now", "The dam will be finished two and a half years from now.",
			[]want{{"two and a half years from now", "DATE", "FUTURE_REF"}}},
		// ... or to the past
		{"fraction ago", "The dam was finished two and a half years ago.",
			[]want{{"two and a half years ago", "DATE", "PAST_REF"}}},
		// a vague count before "ago" or "from now" is a reference, not
		// the publication year
		{"vague ago", "Rebels attacked the town several years ago.",
			[]want{{"several years ago", "DATE", "PAST_REF"}}},
		{"vague from now", "Peace may come a few years from now.",
			[]want{{"a few years from now", "DATE", "FUTURE_REF"}}},
		// a fractional duration keeps its fraction
		{"two and a half years", "The mission lasted two and a half years.",
			[]want{{"two and a half years", "DURATION", "P2.5Y"}}},
		// "last summer" in July, while this summer runs, is the year
		// before's summer
		{"last summer", "Tourism collapsed last summer.",
			[]want{{"last summer", "DATE", "2020-SU"}}},
		// "fiscal" before a hyphened quarter is part of it
		{"fiscal quarter", "Fiscal fourth-quarter earnings fell.",
			[]want{{"Fiscal fourth-quarter", "DATE", "2020-Q4"}}},
		// "the latest quarter" is the quarter before the publication date's
		{"the latest quarter", "Profits fell in the latest quarter.",
			[]want{{"the latest quarter", "DATE", "2021-Q2"}}},
		// "the" before a count of units is part of the duration
		{"the three days", "Over the three days, talks stalled.",
			[]want{{"the three days", "DURATION", "P3D"}}},
		// "the latter half of" a year is its second half
		{"the latter half of", "Prices rose in the latter half of 2020.",
			[]want{{"the latter half of 2020", "DATE", "2020-H2"}}},
		// "two weeks ago" is a week, not a weekend
		{"weeks ago", "Prices rose two weeks ago.",
			[]want{{"two weeks ago", "DATE", "2021-W28"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.in, dct)
			if len(got) != len(tc.want) {
				t.Fatalf("%q: %d times %+v, want %+v", tc.in, len(got), got, tc.want)
			}
			for k, w := range tc.want {
				g := got[k]
				if g.Text != w.text || g.Type != w.typ || g.Value != w.value {
					t.Errorf("%q: time %d = %q %s %s, want %q %s %s", tc.in, k, g.Text, g.Type, g.Value, w.text, w.typ, w.value)
				}
			}
		})
	}
}

// TestPinningAnchors pins resolutions that need another publication date
// than TestPinning's.
func TestPinningAnchors(t *testing.T) {
	tests := []struct {
		name, dct, in    string
		text, typ, value string // the sentence's only time expression
	}{
		// in May (first half, second quarter) "the second half" in a
		// past clause has not begun: last year's, by halves, not quarters ...
		{"past second half", "2021-05-10", "Profits fell in the second half.",
			"the second half", "DATE", "2020-H2"},
		// ... and in a future clause this year's
		{"coming second half", "2021-05-10", "Profits will rise in the second half.",
			"the second half", "DATE", "2021-H2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.in, tc.dct)
			if len(got) != 1 || got[0].Text != tc.text || got[0].Type != tc.typ || got[0].Value != tc.value {
				t.Fatalf("%q (%s): %+v, want %q %s %s", tc.in, tc.dct, got, tc.text, tc.typ, tc.value)
			}
		})
	}
}

// TestPinningPrecision pins Precision values the mutation check found no
// test noticing.
func TestPinningPrecision(t *testing.T) {
	tests := []struct{ in, want string }{
		// a fiscal year ("FY2021") is a year
		{"FY2021", "year"},
	}
	for _, tc := range tests {
		if got := Precision(tc.in); got != tc.want {
			t.Errorf("Precision(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPinningCancelled pins that Run looks at its context before the first
// sentence (and every 256th after it): a one-sentence document with a
// cancelled context is an error.
func TestPinningCancelled(t *testing.T) {
	doc := sitrep.NewDocument("Talks resume on Monday.")
	doc.Published = "2021-07-27"
	a := text.Analyze(doc)
	if len(a.Sentences) != 1 {
		t.Fatalf("%d sentences, want 1", len(a.Sentences))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (Stage{}).Run(ctx, a); !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context: %v, want %v", err, context.Canceled)
	}
}
