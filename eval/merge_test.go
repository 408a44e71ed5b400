package eval

import (
	"context"
	"testing"

	"sitrep"
)

// TestMergeScore pins how merges are counted: pairs of mentions matched
// to one gold entity each, by name, possessive or title; an ambiguous
// name counts nowhere.
func TestMergeScore(t *testing.T) {
	gold := []GoldEntity{
		{Names: []string{"Barack Obama", "Obama"}, Types: []string{"PERSON"}},
		{Names: []string{"Hillary Clinton", "Clinton"}, Types: []string{"PERSON"}},
		{Names: []string{"Bill Clinton", "Clinton"}, Types: []string{"PERSON"}},
	}
	ms := func(ts ...string) []sitrep.Mention {
		var out []sitrep.Mention
		for _, t := range ts {
			out = append(out, sitrep.Mention{Text: t})
		}
		return out
	}
	doc := &sitrep.Document{Entities: []sitrep.Entity{
		{Type: "PERSON", Mentions: ms("Barack Obama", "Obama", "Hillary Clinton")}, // one wrong merge
		{Type: "PERSON", Mentions: ms("Mr Obama", "Obama's")},                      // split
		{Type: "PERSON", Mentions: ms("Bill Clinton", "Clinton")},                  // "Clinton": ambiguous
		{Type: "GPE", Mentions: ms("Chicago")},                                     // not in the gold
	}}
	var s MergeScore
	s.Add("test", gold, doc)
	// matched: Barack Obama, Obama, Hillary Clinton, Mr Obama, Obama's, Bill Clinton
	if s.Mentions != 8 || s.Matched != 6 {
		t.Fatalf("mentions %d matched %d, want 8 6", s.Mentions, s.Matched)
	}
	// co-referring: the four Obama mentions (6 pairs); merged: 3 pairs in
	// the first entity, 1 in the second; right: Barack Obama-Obama, Mr
	// Obama-Obama's
	if s.Gold != 6 || s.Merged != 4 || s.Right != 2 {
		t.Errorf("gold %d merged %d right %d, want 6 4 2", s.Gold, s.Merged, s.Right)
	}
	// different forms: "Obama" and "Obama's" are one form
	if s.FormsGold != 5 || s.FormsMerged != 4 || s.FormsRight != 2 {
		t.Errorf("forms gold %d merged %d right %d, want 5 4 2", s.FormsGold, s.FormsMerged, s.FormsRight)
	}
}

// TestMergeScoreOverlappingGold checks that pairs across two gold entities
// that share two names or more (the gold's alternatives for one thing)
// count neither as co-referring nor as wrong.
func TestMergeScoreOverlappingGold(t *testing.T) {
	gold := []GoldEntity{
		{Names: []string{"South African Reserve Bank", "SARB", "Reserve Bank"}, Types: []string{"ORG"}},
		{Names: []string{"Reserve Bank", "SARB", "bank"}, Types: []string{"ORG"}},
		{Names: []string{"Armenia's Defense Ministry", "Defense Ministry"}, Types: []string{"ORG"}},
		{Names: []string{"Azerbaijan's Defense Ministry", "Defense Ministry"}, Types: []string{"ORG"}},
	}
	doc := &sitrep.Document{Entities: []sitrep.Entity{
		{Type: "ORG", Mentions: []sitrep.Mention{{Text: "South African Reserve Bank"}, {Text: "bank"}}},
		{Type: "ORG", Mentions: []sitrep.Mention{{Text: "Armenia's Defense Ministry"}, {Text: "Azerbaijan's Defense Ministry"}}},
	}}
	var s MergeScore
	s.Add("test", gold, doc)
	// the bank pair counts nowhere; the two ministries (one shared name
	// only) are a wrong merge
	if s.Merged != 1 || s.Right != 0 || s.Gold != 0 || len(s.Wrong) != 1 {
		t.Errorf("merged %d right %d gold %d wrong %q, want 1 0 0 and one", s.Merged, s.Right, s.Gold, s.Wrong)
	}
}

// mergeFloors are the least pairwise merge precision and recall on the
// gold-read articles, all pairs and pairs of different forms; raise them
// when merging improves, never lower them.
var mergeFloors = struct{ p, r, fp, fr float64 }{0.999, 0.991, 0.995, 0.973}

// TestMergeFloors scores the entity stage's merges on every gold-read
// article (see sitrep eval merges) and holds them above the floors.
func TestMergeFloors(t *testing.T) {
	shared := sharedForLongTest(t, "")
	arts, err := GoldArticles(shared, "..")
	if err != nil {
		t.Fatal(err)
	}
	all, groups, err := ScoreMerges(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"reference", "articles", "real"} {
		t.Logf("%-9s %s", g, groups[g])
	}
	t.Logf("all       %s", all)
	for _, x := range all.Wrong {
		t.Logf("wrong merge  %s", x)
	}
	for _, x := range all.Missed {
		t.Logf("missed merge %s", x)
	}
	f := mergeFloors
	if all.Precision() < f.p || all.Recall() < f.r || all.FormsPrecision() < f.fp || all.FormsRecall() < f.fr {
		t.Errorf("merges P %.3f R %.3f, forms P %.3f R %.3f: below the floors %.3f %.3f %.3f %.3f",
			all.Precision(), all.Recall(), all.FormsPrecision(), all.FormsRecall(), f.p, f.r, f.fp, f.fr)
	}
}
