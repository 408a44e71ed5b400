package event

//go:generate go run ./gen -cameo ../../shared/data/cameo -o cameo_codes.go

import "strings"

type cameoCode struct {
	Code      string
	Desc      string
	Goldstein float64
}

var cameoIndex = func() map[string]int {
	m := make(map[string]int, len(cameoCodes))
	for i, c := range cameoCodes {
		m[c.Code] = i
	}
	return m
}()

// Valid reports whether code is one of CAMEO's 311 event codes.
func Valid(code string) bool {
	_, ok := cameoIndex[code]
	return ok
}

// Code is one CAMEO event code with what sitrep knows of it.
type Code struct {
	Code        string  `json:"code"`
	Description string  `json:"description"`
	Goldstein   float64 `json:"goldstein"`
	QuadClass   int     `json:"quad_class"`
	PLOVER      string  `json:"plover,omitempty"`
}

// Codes returns CAMEO's 311 event codes (the 20 roots among them), in the
// table's order: the one list the command line, the API and the web UI
// show.
func Codes() []Code {
	out := make([]Code, len(cameoCodes))
	for i, c := range cameoCodes {
		out[i] = Code{Code: c.Code, Description: c.Desc, Goldstein: c.Goldstein, QuadClass: QuadClass(c.Code), PLOVER: PLOVER(c.Code)}
	}
	return out
}

// Description returns CAMEO's description of code, or "".
func Description(code string) string {
	if i, ok := cameoIndex[code]; ok {
		return cameoCodes[i].Desc
	}
	return ""
}

// Goldstein returns the Goldstein scale value GDELT assigns to code (0 for
// an unknown code).
func Goldstein(code string) float64 {
	if i, ok := cameoIndex[code]; ok {
		return cameoCodes[i].Goldstein
	}
	if len(code) > 2 {
		return Goldstein(code[:len(code)-1])
	}
	return 0
}

// QuadClass returns the quad class of a CAMEO code: 1 verbal cooperation
// (roots 01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
// 4 material conflict (14-20). This is the GDELT 2.0 event codebook's
// mapping (QuadClass field); 0 for an unknown root.
func QuadClass(code string) int {
	if len(code) < 2 {
		return 0
	}
	switch code[:2] {
	case "01", "02", "03", "04", "05":
		return 1
	case "06", "07", "08":
		return 2
	case "09", "10", "11", "12", "13":
		return 3
	case "14", "15", "16", "17", "18", "19", "20":
		return 4
	}
	return 0
}

// PLOVER returns the PLOVER event type of a CAMEO code, from PLOVER's
// definitions of its sixteen categories (PLOVER manual, Open Event Data
// Alliance): "" for public statements (01), which PLOVER does not code as
// events.
func PLOVER(code string) string {
	if len(code) < 2 {
		return ""
	}
	// sub-codes whose meaning crosses roots
	for _, p := range []struct{ prefix, t string }{
		{"084", "RETREAT"}, {"085", "RETREAT"}, {"086", "RETREAT"}, {"087", "RETREAT"},
		{"163", "COERCE"}, {"172", "COERCE"}, {"175", "ASSAULT"},
		{"191", "COERCE"}, {"192", "COERCE"},
	} {
		if strings.HasPrefix(code, p.prefix) {
			return p.t
		}
	}
	return ploverRoot[code[:2]]
}

var ploverRoot = map[string]string{
	"02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
	"06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE",
	"10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
	"14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
	"18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
