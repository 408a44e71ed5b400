package when

import (
	"context"
	"fmt"
	"os"
	"testing"

	"sitrep"
	"sitrep/text"
)

func TestFind(t *testing.T) {
	const dct = "2021-07-27" // a Tuesday
	tests := []struct {
		in, text, typ, value string
	}{
		{"They met at the White House on Monday evening.", "Monday evening", "TIME", "2021-07-26TEV"},
		{"He had said on Sunday that it was over.", "Sunday", "DATE", "2021-07-25"},
		{"He will travel there on Friday.", "Friday", "DATE", "2021-07-30"},
		{"The agency warned that the storm would hit the coast on Friday.", "Friday", "DATE", "2021-07-30"},
		{"The summit will be held on Saturday.", "Saturday", "DATE", "2021-07-31"},
		{"The deal was signed on Saturday.", "Saturday", "DATE", "2021-07-24"},
		{"Negotiators said the leaders might all meet on Saturday.", "Saturday", "DATE", "2021-07-31"},
		{"Officials said the talks could be held on Sunday.", "Sunday", "DATE", "2021-08-01"},
		{"Officials said he may have died on Sunday.", "Sunday", "DATE", "2021-07-25"},
		{"The minister could not be reached on Sunday.", "Sunday", "DATE", "2021-07-25"},
		{"Russia meddled in the 2016 elections.", "2016", "DATE", "2016"},
		{"Police feared attacks like those of last Christmas.", "last Christmas", "DATE", "2020-12-25"},
		{"Calm is expected this Christmas.", "this Christmas", "DATE", "2021-12-25"},
		{"They will meet again next Halloween.", "next Halloween", "DATE", "2021-10-31"},
		{"Ruto, who is expected to address the nation on Thursday, met protesters.", "Thursday", "DATE", "2021-07-29"},
		{"Talks are scheduled for Thursday.", "Thursday", "DATE", "2021-07-29"},
		{"Troops will leave by the end of the year.", "the end of the year", "DATE", "2021"},
		{"The coalition invaded Iraq in March 2003.", "March 2003", "DATE", "2003-03"},
		{"The group announced today the injury of three members.", "today", "DATE", "2021-07-27"},
		{"In recent years, the mission changed.", "recent years", "DATE", "PAST_REF"},
		{"There are currently 2,500 soldiers.", "currently", "DATE", "PRESENT_REF"},
		{"The talks lasted two weeks.", "two weeks", "DURATION", "P2W"},
		{"The blast came at 9:45 p.m. on Monday.", "9:45 p.m.", "TIME", "2021-07-26T21:45"},
		{"They protest every Friday.", "every Friday", "SET", "XXXX-WXX-5"},
		{"It rained yesterday.", "yesterday", "DATE", "2021-07-26"},
		{"It will rain tomorrow.", "tomorrow", "DATE", "2021-07-28"},
		{"Prices rose last week.", "last week", "DATE", "2021-W29"},
		{"Prices rose last month.", "last month", "DATE", "2021-06"},
		{"Prices rose last year.", "last year", "DATE", "2020"},
		{"Talks resume next year.", "next year", "DATE", "2022"},
		{"Talks resume this week.", "this week", "DATE", "2021-W30"},
		{"It was signed on 2020-01-05.", "2020-01-05", "DATE", "2020-01-05"},
		{"It was signed on Jan. 5, 2020.", "Jan. 5, 2020", "DATE", "2020-01-05"},
		{"It was signed on 5 January 2020.", "5 January 2020", "DATE", "2020-01-05"},
		{"It was popular in the 1990s.", "the 1990s", "DATE", "199"},
		{"They met in the spring of 2019.", "the spring of 2019", "DATE", "2019-SP"},
		{"Profit fell in the third quarter of 2020.", "the third quarter of 2020", "DATE", "2020-Q3"},
		{"He left two years ago.", "two years ago", "DATE", "2019"},
		{"Fighting flared earlier this month.", "earlier this month", "DATE", "2021-07"},
		{"He has recently resigned.", "recently", "DATE", "PAST_REF"},
		{"He is now in Paris.", "now", "DATE", "PRESENT_REF"},
		{"Protests are planned tonight.", "tonight", "TIME", "2021-07-27TNI"},
		{"Shots rang out this morning.", "this morning", "TIME", "2021-07-27TMO"},
		{"It has ruled since 2014.", "2014", "DATE", "2014"},
		{"The strike lasted 48 hours.", "48 hours", "DURATION", "PT48H"},
		{"The war lasted a decade.", "a decade", "DURATION", "P10Y"},
		{"The siege lasted three days.", "three days", "DURATION", "P3D"},
		{"The war lasted more than two years.", "more than two years", "DURATION", "P2Y"},
		{"The rebels held it for the past two years.", "the past two years", "DURATION", "P2Y"},
		{"They met in the summer.", "the summer", "DATE", "2021-SU"},
		{"It publishes daily.", "daily", "SET", "P1D"},
		// a date that opens the sentence takes the tense of the clause after its comma
		{"In September, the council approved the plan.", "September", "DATE", "2020-09"},
		{"In September, the council will vote on the plan.", "September", "DATE", "2021-09"},
		// counted from the date written before, not from the anchor
		{"The mosque was razed on December 6, 1992. Riots killed 3,000 people three months later.", "three months later", "DATE", "1993-03"},
		{"The mosque was razed in 1992. A year later, riots broke out.", "A year later", "DATE", "1993"},
	}
	for _, tc := range tests {
		got := Find(tc.in, dct)
		ok := false
		for _, g := range got {
			if g.Text == tc.text {
				ok = true
				if g.Type != tc.typ || g.Value != tc.value {
					t.Errorf("%q: %q = %s %s, want %s %s", tc.in, g.Text, g.Type, g.Value, tc.typ, tc.value)
				}
			}
		}
		if !ok {
			t.Errorf("%q: no %q in %+v", tc.in, tc.text, got)
		}
	}
}

func TestNoAnchor(t *testing.T) {
	tests := map[string]string{
		"They met on Monday.":      "XXXX-WXX-1",
		"They met in March.":       "XXXX-03",
		"They met last year.":      "XXXX",
		"It happened today.":       "XXXX-XX-XX",
		"It happened on March 5.":  "XXXX-03-05",
		"It happened in May 2020.": "2020-05",
	}
	for in, want := range tests {
		got := Find(in, "")
		if len(got) != 1 || got[0].Value != want {
			t.Errorf("%q without a date: %+v, want %s", in, got, want)
		}
	}
}

func TestNotTimes(t *testing.T) {
	for _, in := range []string{
		"May I help you?",
		"The march on the capital drew 2,500 people.",
		"Apollo 11 landed with 1500 pounds of gear.",
		"He said the fall of the regime was near.",
		"She is 37 years old.",
		"June Carter sang.",
		"Winds reached 175 kilometers per hour.",
		"Rebels sent 2000 fighters to the front.",
		"The 1250 soldiers left.",
	} {
		if got := Find(in, "2021-07-27"); len(got) != 0 {
			t.Errorf("%q: unexpected times %+v", in, got)
		}
	}
}

func TestPrecision(t *testing.T) {
	tests := map[string]string{
		"2021-07-26": "day", "2021-07-26TEV": "part of day", "2021-07-26T21:45": "minute",
		"2021-07": "month", "2021": "year", "2021-W30": "week", "2021-Q3": "quarter",
		"2021-SU": "season", "199": "decade", "19": "century", "P2W": "", "PRESENT_REF": "",
		"XXXX-WXX-1": "day", "2021-W30-WE": "weekend", "2021-H1": "half", "": "",
	}
	for in, want := range tests {
		if got := Precision(in); got != want {
			t.Errorf("Precision(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStageOffsets(t *testing.T) {
	doc := sitrep.NewDocument("Éric said on Monday évening — and on Sunday — that “today” is 2021-07-27.")
	doc.Published = "2021-07-27T10:00:00Z"
	a := text.Analyze(doc)
	if err := (Stage{}).Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	prev := 0
	for i, tm := range doc.Times {
		if doc.Text[tm.Start:tm.End] != tm.Text || tm.Start < prev || tm.ID != fmt.Sprintf("T%d", i+1) {
			t.Errorf("bad time %+v", tm)
		}
		prev = tm.End
	}
	if err := doc.Validate(); err != nil {
		t.Error(err)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"on Monday evening", "9:45 p.m. Jan. 5, 2020", "the 1990s", "2009-2010", "every other week",
		"'90s", "mid-", "the first half of", "7/27/2021", "99/99/99", "a", "the past", "30-year-old", "1,5 million days ago"} {
		f.Add(s, "2021-07-27")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, published string) {
		for _, tm := range Find(s, published) {
			if tm.Start < 0 || tm.End > len(s) || tm.Start >= tm.End || s[tm.Start:tm.End] != tm.Text || tm.Value == "" {
				t.Fatalf("bad time %+v in %q", tm, s)
			}
			_ = Precision(tm.Value)
		}
	})
}

func FuzzPrecision(f *testing.F) {
	for _, s := range []string{"2021-07-26TEV", "P2W", "XXXX-WXX-1", "19", "T", "-", "2021-W"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { _ = Precision(s) })
}

func BenchmarkStage(b *testing.B) {
	data, err := os.ReadFile("../../shared/articles/iraq-2021-07-27.txt")
	if err != nil {
		b.Skip("reference article not found")
	}
	doc := sitrep.NewDocument(text.Normalize(string(data)))
	doc.Published = "2021-07-27"
	a := text.Analyze(doc)
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		doc.Times = doc.Times[:0]
		if err := (Stage{}).Run(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}
