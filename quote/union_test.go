package quote

import (
	"strings"
	"testing"

	"sitrep"
	"sitrep/quote/learned"
)

// attr builds a learned attribution of s: its content, cue and speaker
// are the first occurrences of content, cue and speaker ("" for none).
func attr(s, content, cue, speaker string, score float32) learned.Attribution {
	at := func(w string) sitrep.Span {
		i := strings.Index(s, w)
		if i < 0 {
			panic(w)
		}
		return sitrep.Span{Start: i, End: i + len(w)}
	}
	c, k := at(content), at(cue)
	q := sitrep.Quote{Start: c.Start, End: c.End, Text: content, Cue: cue, CueSpan: &k}
	if speaker != "" {
		sp := at(speaker)
		q.SpeakerSpan, q.SpeakerText = &sp, speaker
	}
	return learned.Attribution{Quote: q, CueScore: score}
}

// TestUnion pins what the union adds to the rules' quotes: learned
// attributions that overlap none of them and read as quotes.
func TestUnion(t *testing.T) {
	s := "Rebels said troops had shelled the town. Police confirmed the arrest of two men. " +
		"She pledged to rebuild the bridge. He called it a disgrace and left. " +
		"A poll shows that Lopez will win the race. He described the attack as barbaric. " +
		"He said more about it later. They believe the army will withdraw. " +
		"Rebels demand for their leader a fair trial. The current pledges would warm the world. " +
		"Lawmakers, who said they expect sanctions, met on Monday. Thursday said the talks will resume."
	a := analyze(s)
	tests := []struct {
		name string
		l    learned.Attribution
		add  bool
	}{
		{"a reporting verb and a clause", attr(s, "troops had shelled the town", "said", "Rebels", 1), true},
		{"a verb that takes a noun phrase", attr(s, "the arrest of two men", "confirmed", "Police", 1), false},
		{"no speaker", attr(s, "troops had shelled the town", "said", "", 1), false},
		{"an intention", attr(s, "to rebuild the bridge", "pledged", "She", 30), false},
		{"calling, a verb joined to the cue's", attr(s, "it a disgrace and left", "called", "He", 30), false},
		{"a sure cue that is no reporting verb", attr(s, "Lopez will win the race", "shows", "A poll", 30), false},
		{"a stance", attr(s, "the attack as barbaric", "described", "He", 30), false},
		{"a reporting verb without a clause", attr(s, "more about it later", "said", "He", 30), false},
		{"a belief verb", attr(s, "the army will withdraw", "believe", "They", 30), false},
		{"a preposition first", attr(s, "for their leader a fair trial", "demand", "Rebels", 30), false},
		{"a noun with no named speaker", attr(s, "would warm the world", "pledges", "The current", 30), false},
		{"a relative pronoun", attr(s, "they expect sanctions", "said", "who", 30), false},
		{"a time word", attr(s, "the talks will resume", "said", "Thursday", 30), false},
	}
	for _, tt := range tests {
		got := Union(a, nil, []learned.Attribution{tt.l})
		if (len(got) == 1) != tt.add {
			t.Errorf("%s: %d quotes, want added %v", tt.name, len(got), tt.add)
		}
	}
}

// TestUnionKeepsRules: every rule quote stays; a learned attribution that
// overlaps one, in content or cue, is not added; the rest are merged in
// order and numbered again.
func TestUnionKeepsRules(t *testing.T) {
	s := `"We will win," the minister said. Rebels said troops had shelled the town. Police said that two men were held.`
	a := analyze(s)
	rules := Rules(a)
	if len(rules) != 3 {
		t.Fatalf("rules found %+v", rules)
	}
	rules = append(rules[:1:1], rules[2]) // as if the rules had missed the second
	as := []learned.Attribution{
		attr(s, "We will win,\" the minister", "said", "the minister", 30),   // overlaps the first in content
		attr(s, "troops had shelled the town", "said. Rebels", "Rebels", 30), // overlaps the first's cue
		attr(s, "troops had shelled the town", "Rebels said", "Rebels", 30),  // overlaps nothing
		attr(s, "two men", "Police said", "Police", 30),                      // overlaps the third
	}
	as[2].CueSpan.Start = strings.Index(s, "said troops")
	as[2].CueSpan.End = as[2].CueSpan.Start + 4
	as[2].Cue = "said"
	as[1].CueSpan.End = as[1].CueSpan.Start + 4
	as[1].Cue = "said"
	got := Union(a, rules, as)
	want := []string{"We will win", "troops had shelled the town", "two men were held"}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %q", got, want)
	}
	for i, q := range got {
		if q.Text != want[i] || q.ID != "S"+string(rune('1'+i)) {
			t.Errorf("quote %d: %s %q, want S%d %q", i, q.ID, q.Text, i+1, want[i])
		}
	}
}

// TestFindAddsLearned: the stage's finder adds to the rules what the
// learned model finds where they found nothing ("Turkish drones had
// struck", the rules reading the apposition as no speaker's).
func TestFindAddsLearned(t *testing.T) {
	s := "The Syrian Democratic Forces (SDF), the Kurdish-led alliance that controls much of northeast Syria, said Turkish drones had struck a power station and a grain silo near Qamishli, killing four civilians."
	a := analyze(s, "Syrian Democratic Forces=ORG")
	rules, all := Rules(a), Find(a)
	if len(rules) != 0 || len(all) != 1 {
		t.Fatalf("rules %+v, union %+v; want none and one", rules, all)
	}
	if q := all[0]; !strings.HasPrefix(q.Text, "Turkish drones had struck") || q.SpeakerText != "The Syrian Democratic Forces" || q.Speaker == nil || *q.Speaker != "E1" || q.ID != "S1" {
		t.Errorf("got %+v", q)
	}
}
