package when

import "testing"

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
