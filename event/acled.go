package event

// acledKind is an ACLED event type and sub-event type, in ACLED's own words
// (ACLED codebook, 2019-2023 editions).
type acledKind struct{ Type, Subtype string }

const (
	acledBattles    = "Battles"
	acledExplosions = "Explosions/Remote violence"
	acledVAC        = "Violence against civilians"
	acledProtests   = "Protests"
	acledRiots      = "Riots"
	acledStrategic  = "Strategic developments"
)

var acledKinds = map[string]acledKind{
	"clash":        {acledBattles, "Armed clash"},
	"territory":    {acledBattles, "Non-state actor overtakes territory"},
	"govterritory": {acledBattles, "Government regains territory"},
	"air":          {acledExplosions, "Air/drone strike"},
	"shell":        {acledExplosions, "Shelling/artillery/missile attack"},
	"ied":          {acledExplosions, "Remote explosive/landmine/IED"},
	"suicide":      {acledExplosions, "Suicide bomb"},
	"grenade":      {acledExplosions, "Grenade"},
	"chemical":     {acledExplosions, "Chemical weapon"},
	"attack":       {acledVAC, "Attack"},
	"abduct":       {acledVAC, "Abduction/forced disappearance"},
	"sexual":       {acledVAC, "Sexual violence"},
	"peaceful":     {acledProtests, "Peaceful protest"},
	"protestint":   {acledProtests, "Protest with intervention"},
	"protestforce": {acledProtests, "Excessive force against protesters"},
	"violentdemo":  {acledRiots, "Violent demonstration"},
	"mob":          {acledRiots, "Mob violence"},
	"agreement":    {acledStrategic, "Agreement"},
	"arrest":       {acledStrategic, "Arrests"},
	"property":     {acledStrategic, "Looting/property destruction"},
	"hq":           {acledStrategic, "Headquarters or base established"},
	"transfer":     {acledStrategic, "Non-violent transfer of territory"},
	"developments": {acledStrategic, "Other"},
	"disrupted":    {acledStrategic, "Disrupted weapons use"},
	"change":       {acledStrategic, "Change to group/activity"},
}

// acledSubtype returns the ACLED kind of a sub-event type named in
// ACLED's words, and whether there is one.
func acledSubtype(subtype string) (acledKind, bool) {
	for _, k := range acledKinds {
		if k.Subtype == subtype {
			return k, true
		}
	}
	return acledKind{}, false
}

// acledFor returns the ACLED type of a coded event: the pattern's own key,
// else the default of its CAMEO code; "" where ACLED codes nothing
// (statements, appeals, consultations, ...).
func acledFor(code, key string) acledKind {
	if key != "" {
		return acledKinds[key]
	}
	if !Valid(code) {
		return acledKind{}
	}
	switch {
	case code == "057" || code == "0871":
		return acledKinds["agreement"]
	case code == "173":
		return acledKinds["arrest"]
	case code == "175":
		return acledKinds["protestforce"]
	case len(code) >= 3 && code[:3] == "145":
		return acledKinds["violentdemo"]
	case len(code) >= 3 && code[:3] == "192":
		return acledKinds["territory"]
	case len(code) >= 3 && code[:3] == "195":
		return acledKinds["air"]
	case len(code) >= 3 && code[:3] == "194":
		return acledKinds["shell"]
	case len(code) >= 3 && code[:3] == "183":
		return acledKinds["ied"]
	case len(code) >= 3 && (code[:3] == "181" || code[:3] == "184"):
		return acledKinds["abduct"]
	case code == "1821":
		return acledKinds["sexual"]
	case len(code) >= 3 && code[:3] == "171":
		return acledKinds["property"]
	}
	switch code[:2] {
	case "14":
		return acledKinds["peaceful"]
	case "15", "16", "0874":
		return acledKinds["developments"]
	case "18", "20":
		return acledKinds["attack"]
	case "19":
		return acledKinds["clash"]
	}
	if len(code) >= 3 && code[:3] == "087" {
		return acledKinds["developments"]
	}
	return acledKind{}
}
