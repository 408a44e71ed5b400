package export

import "strings"

// cameoActor is a CAMEO actor code taken apart into GDELT's actor columns
// (GDELT Event Codebook V2.0: Actor1Code ... Actor1Type3Code).
type cameoActor struct {
	Code, Country, KnownGroup, Ethnic, Religion1, Religion2 string
	Types                                                   [3]string
}

// parseActor reads a CAMEO actor code three letters at a time, as GDELT
// fills its columns: a country or region code first ("IRQ", "AFR"), role
// and sector codes as types ("GOV", "MIL", "IGO"; the first three), religion
// codes ("MOS", then "SHI"), and any other three letters as the known group
// ("UNO" in IGOUNO, "HAM" in PSEREBHAM). A region code after the first
// place is the country when there is none yet ("EUR" in IGOEUREEC).
// sitrep codes no ethnic groups, so Ethnic stays "".
func (t *tables) parseActor(code string) cameoActor {
	a := cameoActor{Code: code}
	nt := 0
	for i := 0; i+3 <= len(code); i += 3 {
		ch := code[i : i+3]
		switch {
		case i == 0 && t.isCAMEOCountry(ch):
			a.Country = ch
		case agentCodes[ch]:
			if nt < len(a.Types) {
				a.Types[nt] = ch
				nt++
			}
		case religionCodes[ch] && a.Religion1 == "":
			a.Religion1 = ch
		case religionCodes[ch] && a.Religion2 == "":
			a.Religion2 = ch
		case regionCodes[ch] && a.Country == "":
			a.Country = ch
		case a.KnownGroup == "" && isUpper(ch):
			a.KnownGroup = ch
		}
	}
	return a
}

// has reports whether the actor's types include one of codes.
func (a cameoActor) has(codes ...string) bool {
	for _, t := range a.Types {
		for _, c := range codes {
			if t != "" && t == c {
				return true
			}
		}
	}
	return false
}

// isCAMEOCountry reports whether a three-letter code is a CAMEO country or
// region code.
func (t *tables) isCAMEOCountry(code string) bool {
	return regionCodes[code] || t.byCAMEO[code] != ""
}

// isUpper reports whether s is non-empty ASCII capitals.
func isUpper(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != ""
}

// isDigits reports whether s is non-empty ASCII digits.
func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// agentCodes are CAMEO's role and sector codes (CAMEO codebook, ch. 3),
// which GDELT writes as Type1Code ... Type3Code.
var agentCodes = setOf("GOV", "MIL", "COP", "REB", "OPP", "LAB", "EDU", "MED", "CVL", "AGR", "HLH", "LEG", "JUD",
	"REF", "BUS", "IGO", "NGO", "SPY", "CRM", "ELI", "MOD", "RAD", "UAF", "INS", "SEP", "PTY", "HRI", "ENV", "IMG",
	"MNC", "NGM", "REL", "DEV", "SET", "AMN")

// religionCodes are CAMEO's religion codes (CAMEO codebook, ch. 4).
var religionCodes = setOf("ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "ENG", "EVA", "HIN",
	"HSD", "ITH", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "OTH", "PRO", "SHI", "SHN", "SIK", "SUN", "TAO",
	"UDX", "ZRO")

// regionCodes are CAMEO's region codes (CAMEO codebook, ch. 2), which GDELT
// writes in the CountryCode column.
var regionCodes = setOf("AFR", "ASA", "BLK", "CAU", "CFR", "CAS", "CEU", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
	"MEA", "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WST", "ARB")

// setOf makes a set of strings.
func setOf(codes ...string) map[string]bool {
	m := make(map[string]bool, len(codes))
	for _, c := range codes {
		m[c] = true
	}
	return m
}

// upperName is GDELT's form of an actor name: upper case, one line.
func upperName(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}
