package quantity

import (
	"context"
	"os"
	"testing"

	"sitrep"
	"sitrep/text"
)

func TestFind(t *testing.T) {
	tests := []struct {
		in, text string
		value    float64
		approx   bool
		unit     string
		casualty string
	}{
		{"There are about 2,500 American soldiers in Iraq.", "about 2,500 American soldiers", 2500, true, "soldier", ""},
		{"The group announced the injury of 3 of its members.", "3 of its members", 3, false, "member", "injured"},
		{"Drones struck with two air strikes.", "two air strikes", 2, false, "strike", ""},
		{"The countries share a 1,340-kilometer border.", "1,340-kilometer", 1340, false, "kilometer", ""},
		{"Lahd heads the 3,000-strong militia.", "3,000-strong militia", 3000, false, "militia", ""},
		{"The club named a 99-man roster.", "99-man", 99, false, "", ""},
		{"The world could warm by 3 degrees Celsius or more.", "3 degrees Celsius", 3, true, "degree celsius", ""},
		{"Leaders kept the 2-degree threshold.", "2-degree", 2, false, "degree", ""},
		{"One soldier was killed, one student told reporters.", "One soldier", 1, false, "soldier", "killed"},
		{"They built a 500-kilovolt line.", "500-kilovolt", 500, false, "kilovolt", ""},
		{"3 of its members were injured.", "3 of its members", 3, false, "member", "injured"},
		{"The raid killed two commanders.", "two commanders", 2, false, "commander", "killed"},
		{"Gunmen opened fire, wounding at least six people.", "at least six people", 6, true, "person", "injured"},
		{"More than 700 killed in the quake.", "More than 700", 700, true, "", "killed"},
		{"The death toll rose to 12 on Friday.", "12", 12, false, "", "killed"},
		{"The blast left 5 dead.", "5", 5, false, "", "killed"},
		{"Some 1.5 million people fled.", "Some 1.5 million people", 1.5e6, true, "person", ""},
		{"Tens of thousands of protesters marched.", "Tens of thousands of protesters", 20000, true, "protester", ""},
		{"Thousands of refugees arrived.", "Thousands of refugees", 2000, true, "refugee", ""},
		{"Dozens of homes burned.", "Dozens of homes", 24, true, "home", ""},
		{"A dozen eggs broke.", "A dozen eggs", 12, false, "egg", ""},
		{"A million people signed.", "A million people", 1e6, false, "person", ""},
		{"Aid of $2.5 million arrived.", "$2.5 million", 2.5e6, false, "USD", ""},
		{"Turnout fell 5% this year.", "5%", 5, false, "percent", ""},
		{"Turnout fell 12 percent.", "12 percent", 12, false, "percent", ""},
		{"Nearly 40 children died.", "Nearly 40 children", 40, true, "child", "killed"},
		{"About 10 people were known to have been killed.", "About 10 people", 10, true, "person", "killed"},
		{"Five soldiers are feared to have been injured.", "Five soldiers", 5, false, "soldier", "injured"},
		{"Five soldiers were sent to the front and killed.", "Five soldiers", 5, false, "soldier", ""},
		{"At least 30 people were taken to hospital.", "At least 30 people", 30, true, "person", "injured"},
		{"Police arrested twenty-five men.", "twenty-five men", 25, false, "man", ""},
		{"At least four people have been shot dead.", "At least four people", 4, true, "person", "killed"},
		{"Two men were stabbed to death near the market.", "Two men", 2, false, "man", "killed"},
		{"Three guards were gunned down.", "Three guards", 3, false, "guard", "killed"},
		{"Two officers were shot and wounded.", "Two officers", 2, false, "officer", "injured"},
		{"Five protesters were shot on Friday.", "Five protesters", 5, false, "protester", ""},
		{"He is one of the crowd's factions.", "one of the crowd's factions", 1, false, "faction", ""},
		{"One of the soldiers was killed.", "One of the soldiers", 1, false, "soldier", "killed"},
	}
	for _, tc := range tests {
		got := Find(tc.in, nil)
		ok := false
		for _, q := range got {
			if q.Text != tc.text {
				continue
			}
			ok = true
			if q.Value != tc.value || q.Approximate != tc.approx || q.Unit != tc.unit || q.Casualty != tc.casualty {
				t.Errorf("%q: got %+v, want value %v approx %v unit %q casualty %q", tc.in, q, tc.value, tc.approx, tc.unit, tc.casualty)
			}
		}
		if !ok {
			t.Errorf("%q: no %q in %+v", tc.in, tc.text, got)
		}
	}
}

func TestNotQuantities(t *testing.T) {
	for _, in := range []string{
		"Apollo 11 landed.",
		"The G7 met.",
		"He came third.",
		"No one came.",
		"They met at 9:45.",
		"Resolution 1441 passed.",
		"Rashida Begum, 52, said so.",
		"He played at one of his golf courses.",
		"The bridge is one of the junctions the army closed.",
		"The punishment is harsh, one student said.",
		"When one analyst recently told reporters so, he was fired.",
	} {
		if got := Find(in, nil); len(got) != 0 {
			t.Errorf("%q: unexpected quantities %+v", in, got)
		}
	}
}

func TestTimesLeftOut(t *testing.T) {
	in := "In 2003, 150 troops stayed two weeks."
	times := []sitrep.Time{{ID: "T1", Start: 3, End: 7, Text: "2003"}, {ID: "T2", Start: 27, End: 36, Text: "two weeks"}}
	got := Find(in, times)
	if len(got) != 1 || got[0].Text != "150 troops" {
		t.Errorf("got %+v, want only 150 troops", got)
	}
}

func TestParseDigits(t *testing.T) {
	good := map[string]float64{"2,500": 2500, "3": 3, "1.5": 1.5, "1,234,567.89": 1234567.89, "0.5": 0.5}
	for s, want := range good {
		if v, ok := ParseDigits(s); !ok || v != want {
			t.Errorf("ParseDigits(%q) = %v %v, want %v", s, v, ok, want)
		}
	}
	for _, s := range []string{"", "2,50", "1.2.3", ",5", "5,", "9:45", "7/27", "1,5", "12a", "."} {
		if v, ok := ParseDigits(s); ok {
			t.Errorf("ParseDigits(%q) = %v, want failure", s, v)
		}
	}
}

func TestParseWords(t *testing.T) {
	good := map[string]float64{"two": 2, "twenty-five": 25, "two hundred": 200, "a dozen": 12, "a million": 1e6,
		"three thousand five hundred": 3500, "one hundred and fifty": 150, "two million": 2e6}
	for s, want := range good {
		if v, ok := ParseWords(s); !ok || v != want {
			t.Errorf("ParseWords(%q) = %v %v, want %v", s, v, ok, want)
		}
	}
	for _, s := range []string{"", "a", "and", "two apples", "the", "and two"} {
		if v, ok := ParseWords(s); ok {
			t.Errorf("ParseWords(%q) = %v, want failure", s, v)
		}
	}
}

func FuzzParseDigits(f *testing.F) {
	for _, s := range []string{"2,500", "1.5", "9:45", "1,2,3", "..", "0", "99999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseDigits(s) })
}

func FuzzParseWords(f *testing.F) {
	for _, s := range []string{"two hundred", "a dozen", "twenty-five", "and and", "a a", "million million"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseWords(s) })
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"about 2,500 American soldiers", "3 of its members were injured", "tens of thousands of",
		"$", "a", "one", "hundreds of", "12 's", "the death toll rose to"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range Find(s, nil) {
			if q.Start < 0 || q.End > len(s) || q.Start >= q.End || s[q.Start:q.End] != q.Text {
				t.Fatalf("bad quantity %+v in %q", q, s)
			}
		}
	})
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
		doc.Quantities = doc.Quantities[:0]
		if err := (Stage{}).Run(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}
