package story

import (
	"fmt"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{`drone Najaf`, `[[{drone false false} {Najaf false false}]]`},
		{`"combat role" OR rescue*`, `[[{combat role true false}] [{rescue false true}]]`},
		{`drone "Najaf`, `[[{drone false false} {Najaf true false}]]`},
		{`AND OR`, `[[{AND false false} {OR false false}]]`},
		{`a OR`, `[[{a false false} {OR false false}]]`},
		{"-- * \x00 ()", `[]`},
		{"a\x01b", `[[{a false false} {b false false}]]`},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(ParseQuery(tt.in)); got != tt.want {
			t.Errorf("ParseQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
