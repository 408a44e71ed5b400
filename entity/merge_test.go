package entity

import (
	"strings"
	"testing"

	"sitrep"
)

// entityOf returns the index of the entity holding the last mention written
// s, or -1.
func entityOf(doc *sitrep.Document, s string) int {
	at, idx := -1, -1
	for i, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Text == s && m.Start > at {
				at, idx = m.Start, i
			}
		}
	}
	return idx
}

// TestMergeRules runs each merge rule, and each case where a reader would
// not merge, on a short text: pairs of mention texts that must be one
// entity, and pairs that must not.
func TestMergeRules(t *testing.T) {
	tests := []struct {
		name, text  string
		same, apart [][2]string
	}{
		{"a courtesy title is no part of the name",
			"Barack Obama arrived in Paris on Monday. Mr Obama met the French president.",
			[][2]string{{"Barack Obama", "Obama"}}, nil},
		{"an official title and a possessive",
			"President Barack Obama spoke on Monday. Obama's aides said President Obama would travel.",
			[][2]string{{"Barack Obama", "Obama"}}, nil},
		{"a surname two people share stays apart",
			"Bill Clinton and Hillary Clinton arrived in Iowa on Monday. Clinton said the campaign was going well.",
			nil, [][2]string{{"Bill Clinton", "Clinton"}, {"Hillary Clinton", "Clinton"}}},
		{"a woman's title picks the woman the titles name",
			"Former President Bill Clinton and Mrs Hillary Clinton arrived in Iowa on Monday. Mrs Clinton said the campaign was going well.",
			[][2]string{{"Hillary Clinton", "Clinton"}}, [][2]string{{"Bill Clinton", "Clinton"}}},
		{"a man's title leaves the woman out",
			"Mr Bill Clinton and Hillary Clinton arrived in Iowa on Monday. Mrs Clinton said the campaign was going well.",
			[][2]string{{"Hillary Clinton", "Clinton"}}, [][2]string{{"Bill Clinton", "Clinton"}}},
		{"a title that contradicts the person's does not merge",
			"Mrs Hillary Clinton arrived in Iowa on Monday. Mr Clinton said the campaign was going well.",
			nil, [][2]string{{"Hillary Clinton", "Clinton"}}},
		{"a name's last words",
			"Aung San Suu Kyi met the army chief on Monday. Suu Kyi said the talks were useful.",
			[][2]string{{"Aung San Suu Kyi", "Suu Kyi"}}, nil},
		{"a name without its middle initial",
			"Donald J. Trump spoke in Ohio on Monday. Donald Trump said the vote was rigged.",
			[][2]string{{"Donald J. Trump", "Donald Trump"}}, nil},
		{"an acronym defined after its first use",
			"Troops fired across the LoC on Monday.\n\nPakistani troops fired along the Line of Control (LoC) in the Krishna Ghati sector, officials said. The LoC has been quiet since 2021.",
			[][2]string{{"Line of Control", "LoC"}}, nil},
		{"a newspaper named, then the Times",
			"The New York Times reported the deal on Monday. The Times said the talks had lasted a week.",
			[][2]string{{"New York Times", "Times"}}, nil},
		{"the House for the House of Representatives",
			"The House of Representatives met on Monday. The House voted to pass the bill.",
			[][2]string{{"House of Representatives", "House"}}, nil},
		{"the House is not the White House",
			"The White House said on Monday that the House would vote on the bill.",
			nil, [][2]string{{"White House", "House"}}},
		{"the House where two are named",
			"The House of Commons and the House of Lords met on Monday. The House voted to pass the bill.",
			nil, [][2]string{{"House of Commons", "House"}, {"House of Lords", "House"}}},
		{"a collective named before, then without its nationality",
			"Jordanian security forces arrested five men on Monday. The security forces said the men were armed.",
			[][2]string{{"Jordanian security forces", "security forces"}}, nil},
		{"two collectives that end the same: neither",
			"Iraqi security forces and Syrian security forces clashed on Monday. The security forces said five men died.",
			nil, [][2]string{{"Iraqi security forces", "security forces"}, {"Syrian security forces", "security forces"}}},
		{"the Army where two armies are named",
			"The Pakistan Army fired shells on Monday. The Indian Army said a porter was taken to the Army hospital.",
			nil, [][2]string{{"Pakistan Army", "Army"}, {"Indian Army", "Army"}}},
		{"a part of the state is not the state",
			"Britain sent troops to Northern Ireland on Monday. Police in N. Ireland said the night was calm.",
			[][2]string{{"Northern Ireland", "N. Ireland"}}, [][2]string{{"Britain", "Northern Ireland"}}},
		{"a group's singular and plural",
			"Democrats won the vote on Monday. A Democrat from Ohio said Republicans had lost.",
			[][2]string{{"Democrats", "Democrat"}}, nil},
		{"words before a title inside a name are not the person's",
			"Zulu Chief Mangosuthu Buthelezi spoke in Durban on Monday. Zulu leaders said Buthelezi would stay.",
			[][2]string{{"Zulu Chief Mangosuthu Buthelezi", "Buthelezi"}}, [][2]string{{"Zulu Chief Mangosuthu Buthelezi", "Zulu"}}},
		{"a university by its first word",
			"Students at Millikin University marched on Monday. Millikin said classes would go on.",
			[][2]string{{"Millikin University", "Millikin"}}, nil},
		{"a place is not the university named after it",
			"Students at Oxford University marched on Monday. Oxford was calm by evening.",
			nil, [][2]string{{"Oxford University", "Oxford"}}},
		{"an organization's name without its generic last word",
			"The Milwaukee Police Department said on Monday that Milwaukee Police had arrested two men.",
			[][2]string{{"Milwaukee Police Department", "Milwaukee Police"}}, nil},
		{"the Commission for the one commission named",
			"The European Commission proposed the rules on Monday. The Commission said member states must agree.",
			[][2]string{{"European Commission", "Commission"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extract(t, tt.text)
			for _, p := range tt.same {
				a, b := entityOf(doc, p[0]), entityOf(doc, p[1])
				if a < 0 || a != b {
					t.Errorf("%q and %q are not one entity:\n%s", p[0], p[1], describe(doc))
				}
			}
			for _, p := range tt.apart {
				a, b := entityOf(doc, p[0]), entityOf(doc, p[1])
				if a >= 0 && a == b {
					t.Errorf("%q and %q are one entity:\n%s", p[0], p[1], describe(doc))
				}
			}
		})
	}
}

// describe lists a document's entities and their mentions, for failures.
func describe(doc *sitrep.Document) string {
	var b strings.Builder
	for _, e := range doc.Entities {
		var ms []string
		for _, m := range e.Mentions {
			ms = append(ms, m.Text)
		}
		b.WriteString("\t" + e.ID + " " + e.Type + " " + e.Name + " " + e.Code + ": " + strings.Join(ms, " | ") + "\n")
	}
	return b.String()
}

// TestMergedEntityNameAndCode checks that a merged person keeps the full
// name and the code the full name took, not the one a title near a short
// form gave it ("Mr Obama" after a Russian title).
func TestMergedEntityNameAndCode(t *testing.T) {
	doc := extract(t, "US President Barack Obama met Russian President Vladimir Putin on Monday. "+
		"Russian President Vladimir Putin and Mr Obama spoke for an hour.")
	e := find(doc, "Barack Obama")
	if e == nil {
		t.Fatalf("no entity named Barack Obama:\n%s", describe(doc))
	}
	if e.Code != "USAGOV" || len(e.Mentions) != 2 {
		t.Errorf("Barack Obama: code %q, %d mentions; want USAGOV, 2:\n%s", e.Code, len(e.Mentions), describe(doc))
	}
	for _, x := range doc.Entities {
		if strings.HasPrefix(x.Name, "Mr") {
			t.Errorf("an entity named with its title: %q", x.Name)
		}
	}
}

// TestUnnamedDefiniteIsDropped checks that a description found for its head
// word ("the House") with no named chamber to stand for adds no entity,
// and joins the one named chamber when there is one.
func TestUnnamedDefiniteIsDropped(t *testing.T) {
	house := mention{start: 40, end: 45, text: "House", typ: sitrep.Org, source: "definite", det: true}
	if es := merge([]mention{house}, nil); len(es) != 0 {
		t.Errorf("entities for a bare definite description: %+v", es)
	}
	named := mention{start: 4, end: 28, text: "House of Representatives", typ: sitrep.Org, source: "ner"}
	es := merge([]mention{named, house}, nil)
	if len(es) != 1 || len(es[0].Mentions) != 2 || es[0].Name != "House of Representatives" {
		t.Errorf("want one entity, the House of Representatives with two mentions: %+v", es)
	}
}
