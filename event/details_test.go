package event

import (
	"maps"
	"testing"

	"sitrep"
)

func TestCasualtyTakers(t *testing.T) {
	ev := func(sent, start int, cameo string, conflict bool, mode string) coded {
		return coded{sent: sent, conflict: conflict, ev: sitrep.Event{Start: start, CAMEO: cameo, Modality: mode}}
	}
	n := func(v int) *int { return &v }
	for _, tc := range []struct {
		name string
		cs   []coded
		cas  map[int]*casualty
		want map[int]int // event index -> sentence whose casualties it takes
	}{
		{
			// "The killings came hours after ... where 18 people were massacred"
			name: "the event nearest the count",
			cs:   []coded{ev(0, 4, "175", true, sitrep.Asserted), ev(0, 90, "202", true, sitrep.Asserted)},
			cas:  map[int]*casualty{0: {killed: n(18), at: 80}},
			want: map[int]int{1: 0},
		},
		{
			name: "a conflict event only, asserted",
			cs:   []coded{ev(0, 78, "040", false, sitrep.Asserted), ev(0, 82, "190", true, sitrep.Negated), ev(0, 10, "190", true, sitrep.Asserted)},
			cas:  map[int]*casualty{0: {killed: n(3), at: 80}},
			want: map[int]int{2: 0},
		},
		{
			// "Gunmen attacked the village. Twelve people died."
			name: "the sentence before, when it has no conflict event",
			cs:   []coded{ev(1, 50, "190", true, sitrep.Asserted), ev(1, 60, "193", true, sitrep.Asserted)},
			cas:  map[int]*casualty{0: {killed: n(12), at: 5}},
			want: map[int]int{0: 0},
		},
		{
			name: "not the sentence before when it has one",
			cs:   []coded{ev(0, 1, "190", true, sitrep.Negated), ev(1, 60, "193", true, sitrep.Asserted)},
			cas:  map[int]*casualty{0: {killed: n(12), at: 5}},
			want: map[int]int{},
		},
		{
			name: "below 18 takes no count of the sentence before",
			cs:   []coded{ev(1, 50, "173", true, sitrep.Asserted)},
			cas:  map[int]*casualty{0: {killed: n(12), at: 5}},
			want: map[int]int{},
		},
	} {
		if got := casualtyTakers(tc.cs, tc.cas); !maps.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
