package entity

import "testing"

func TestRegionNoun(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Borno state", true},
		{"Elgeyo Marakwet county", true},
		{"Idlib province", true},
		{"Islamic State", false},
		{"county", false},
		{"Orange County", false},
		{"Red Cross", false},
	}
	for _, tt := range tests {
		if got := regionNoun(tt.name); got != tt.want {
			t.Errorf("regionNoun(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
