package event

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"sitrep"
	"sitrep/dict"
	"sitrep/text"
)

// The tests of this file pin behaviour that a mutation check
// (scripts/mutate ./event) found no other test noticing: the users'
// PETRARCH/TABARI dictionaries (verbs, actors, agents, discards),
// datelines, lists of targets, the stage's choice of dictionary, entity
// look-ups and casualty counts in words.

// pinVerbs is a small verb dictionary in PETRARCH's format, its entries
// taken from PETR.Validate.verbs.txt: an irregular verb with its forms in
// braces, a two-word verb whose second word inflects ("WIRE_+TAP"), a
// pattern with a word before the verb, one with "^", any one word, and
// one with the source's slot "$" before the verb.
const pinVerbs = `--- ATTACK [190] ---
ATTACK
- PLANES_* [195]

--- CONFISCATE  [1711] ---
CONFISCATE
WIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }

--- FIGHT  [190] ---
FIGHT {FOUGHT}

--- CELEBRATE  [181] ---
CELEBRATE
- * EID AT ^ WITH +  [043]

--- EXTRADITE  [174]  ---
EXTRADITE
- $ NOT * ^ TO_ +  [124]
`

// pinActors is a small actor dictionary; three of its actors share their
// first word, one of them longer than the others.
const pinActors = `ARNOR [ARN]
GONDOR [GON]
+MINAS_TIRITH
SOUTH_SUDAN [SSD]
SOUTH_AFRICA [ZAF]
SOUTH_AFRICAN_NATIONAL_DEFENCE_FORCE [ZAFMIL]
`

// pinDiscards has a sentence discard and a story discard ("+").
const pinDiscards = `MONTHS LATER
+TYPHOON
`

// readPin reads a dictionary of the test.
func readPin[T any](t *testing.T, src string, read func(io.Reader) (T, error)) T {
	t.Helper()
	v, err := read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// petrarchStage is the stage as cmd/sitrep and eval build it from a user's
// dictionaries: their verbs alone, their actors, dyads only.
func petrarchStage(t *testing.T) *Stage {
	t.Helper()
	v := readPin(t, pinVerbs, dict.ReadVerbs)
	as := readPin(t, pinActors, dict.ReadActors)
	ds := readPin(t, pinDiscards, dict.ReadDiscards)
	return &Stage{Dict: FromVerbs(v), Actors: NewActorDict(as, nil, ds), RequireDyad: true, RulesOnly: true}
}

// codeWith runs st on txt and returns its events as "CAMEO SRC->TGT RULE".
func codeWith(t *testing.T, st *Stage, txt string, ents []ent) []string {
	t.Helper()
	a := buildDoc(txt, "2024-03-04", ents, nil)
	if err := st.Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range a.Doc.Events {
		got = append(got, fmt.Sprintf("%s %s->%s %s", ev.CAMEO, ev.SourceCode, ev.TargetCode, ev.Rule))
	}
	return got
}

// TestPetrarchVerbs pins how FromVerbs turns a verb dictionary into
// patterns: a verb codes its block's code under its own forms and the
// irregular ones in braces ("FOUGHT"); in "WIRE_+TAP" the word marked "+"
// is the one that inflects ("wire tapped"); a pattern's words before the
// verb must be there ("planes attacked" codes the pattern's 195, a bare
// "attacked" the block's 190), "^" stands for any one word ("at
// Osgiliath with"), "$" before the verb is the source ("Arnor will not
// extradite"), and a pattern's rule names the block and its line.
func TestPetrarchVerbs(t *testing.T) {
	st := petrarchStage(t)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Arnor fought Gondor near the river.", []string{"190 ARN->GON petrarch:FIGHT"}},
		{"Arnor police wire tapped the phones of Gondor officials.", []string{"1711 ARN->GON petrarch:CONFISCATE"}},
		{"Arnor planes attacked Gondor on Monday.", []string{"195 ARN->GON petrarch:ATTACK:3"}},
		{"Arnor attacked Gondor on Monday.", []string{"190 ARN->GON petrarch:ATTACK"}},
		{"Gondor confiscated Arnor property.", []string{"1711 GON->ARN petrarch:CONFISCATE"}},
		{"Arnor celebrated Eid at Osgiliath with Gondor.", []string{"043 ARN->GON petrarch:CELEBRATE:14"}},
		{"Arnor will not extradite Boromir to Gondor.", []string{"124 ARN->GON petrarch:EXTRADITE:18"}},
	} {
		if got := codeWith(t, st, c.text, nil); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// TestPatternOpeningASentence: a user's pattern that opens a sentence
// with any word before its verb ("^ * +": "After contemplating it, he
// added.") is coded without reading before the sentence's first word (it
// did, and panicked).
func TestPatternOpeningASentence(t *testing.T) {
	v := readPin(t, "--- CONSIDER [040] ---\nCONTEMPLATE\n- ^ * + [060]\n", dict.ReadVerbs)
	st := &Stage{Dict: FromVerbs(v), RulesOnly: true}
	for _, txt := range []string{"After contemplating it, he added.", "Contemplating it, he added."} {
		codeWith(t, st, txt, nil)
	}
}

// TestPetrarchVerbPatterns pins the patterns FromVerbs makes: one per verb
// with its block's code and one per pattern of the block; in a multi-word
// verb the word marked "+" is the trigger, with its forms (the braces'
// forms of that word among them), and the other words stay as they are
// around it.
func TestPetrarchVerbPatterns(t *testing.T) {
	v := readPin(t, pinVerbs, dict.ReadVerbs)
	type pat struct {
		rule, code, pre, post string
		forms                 []string // some of the trigger's forms
	}
	want := []pat{
		{"petrarch:ATTACK", "190", "", "", []string{"attack", "attacked", "attacks"}},
		{"petrarch:ATTACK:3", "195", "planes", "", []string{"attack", "attacked", "attacks"}},
		{"petrarch:CONFISCATE", "1711", "", "", []string{"confiscate", "confiscated"}},
		{"petrarch:CONFISCATE", "1711", "wire", "", []string{"tap", "tapped", "tapping"}},
		{"petrarch:FIGHT", "190", "", "", []string{"fight", "fought", "fighting"}},
		{"petrarch:CELEBRATE", "181", "", "", []string{"celebrate", "celebrated"}},
		{"petrarch:CELEBRATE:14", "043", "", "eid at ^ with +", []string{"celebrate", "celebrated"}},
		{"petrarch:EXTRADITE", "174", "", "", []string{"extradite", "extradited"}},
		{"petrarch:EXTRADITE:18", "124", "not $", "^ to +", []string{"extradite", "extradited"}},
	}
	d := FromVerbs(v)
	if len(d.Patterns) != len(want) {
		t.Fatalf("%d patterns, want %d", len(d.Patterns), len(want))
	}
	words := func(es []elem) string {
		var ws []string
		for _, e := range es {
			switch {
			case e.any:
				ws = append(ws, "^")
			case e.slot == slotTarget:
				ws = append(ws, "+")
			case e.slot == slotSource:
				ws = append(ws, "$")
			default:
				ws = append(ws, strings.Join(e.alts[0], " "))
			}
		}
		return strings.Join(ws, " ")
	}
	for i, p := range d.Patterns {
		w := want[i]
		if p.Rule != w.rule || p.Code != w.code || words(p.pre) != w.pre || words(p.post) != w.post {
			t.Errorf("pattern %d: %s %s [%s] * [%s], want %s %s [%s] * [%s]", i, p.Rule, p.Code, words(p.pre), words(p.post), w.rule, w.code, w.pre, w.post)
		}
		have := map[string]bool{}
		for _, a := range p.head.alts {
			have[strings.Join(a, " ")] = true
		}
		for _, f := range w.forms {
			if !have[f] {
				t.Errorf("pattern %d (%s): trigger %v lacks %q", i, p.Rule, p.head.alts, f)
			}
		}
	}
}

// TestItoa pins the decimal digits of the line numbers in the rules of
// dictionary patterns ("petrarch:ATTACK:3"), zero included.
func TestItoa(t *testing.T) {
	for n, want := range map[int]string{0: "0", 3: "3", 10: "10", 259: "259", 1717: "1717"} {
		if got := itoa(n); got != want {
			t.Errorf("itoa(%d) = %q, want %q", n, got, want)
		}
	}
}

// pinAgents has agents coded after the actor's code ("~GOV") and before
// it ("NGO~"), in PETRARCH's agent format.
const pinAgents = `PRIME_MINISTER [~GOV]
RIGHTS_GROUP [NGO~]
POLICE {} [~COP]
`

// TestActorDict pins how the actor and agent dictionaries find actors in
// a sentence: the longest phrase at each word ("South African National
// Defence Force" is ZAFMIL, not "South Africa" and what follows); an agent
// after an actor adds its code after the actor's ("Arnor police", ARNCOP)
// or, a prefix agent, before it ("Arnor rights group", NGOARN); a name
// right after "actor agent" belongs to the same actor ("Gondor prime
// minister Denethor"); "agent of actor" is the actor's agent; an agent
// alone has "---" for its country.
func TestActorDict(t *testing.T) {
	as := readPin(t, pinActors+"DENETHOR [GONGOV]\n", dict.ReadActors)
	ag := readPin(t, pinAgents, dict.ReadAgents)
	d := NewActorDict(as, ag, nil)
	for _, c := range []struct {
		text string
		want []string // start-end code
	}{
		{"south sudan accused south africa", []string{"0-2 SSD", "3-5 ZAF"}},
		{"the south african national defence force entered minas tirith", []string{"1-6 ZAFMIL", "7-9 GON"}},
		{"south of the border", nil},
		{"gondor prime minister denethor met arnor police", []string{"0-4 GONGOV", "5-7 ARNCOP"}},
		{"an arnor rights group accused gondor police", []string{"1-4 NGOARN", "5-7 GONCOP"}},
		{"the prime minister of gondor", []string{"1-5 GONGOV"}},
		{"police arrested rights groups", []string{"0-1 ---COP", "2-4 NGO---"}},
	} {
		var got []string
		for _, a := range d.find(strings.Fields(c.text), "20240304") {
			got = append(got, fmt.Sprintf("%d-%d %s", a.start, a.end, a.code))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// TestPetrarchDiscards pins the discard list: a sentence discard ("MONTHS
// LATER") drops its sentence alone, a story discard ("+TYPHOON") every
// event of the story, and a story without either is coded.
func TestPetrarchDiscards(t *testing.T) {
	st := petrarchStage(t)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Arnor attacked Gondor on Monday.", []string{"190 ARN->GON petrarch:ATTACK"}},
		{"Arnor attacked Gondor on Monday. Months later Gondor attacked Arnor.", []string{"190 ARN->GON petrarch:ATTACK"}},
		{"Arnor attacked Gondor on Monday. A typhoon hit Gondor the next day.", nil},
	} {
		if got := codeWith(t, st, c.text, nil); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

var pinEnts = []ent{
	{names: []string{"Israel", "Israeli"}, typ: "GPE", code: "ISR", country: "ISR", feature: "PCLI"},
	{names: []string{"Hamas"}, typ: "ORG", code: "PSEHMS", country: "PSE"},
	{names: []string{"Egypt"}, typ: "GPE", code: "EGY", country: "EGY", feature: "PCLI"},
	{names: []string{"Jordan"}, typ: "GPE", code: "JOR", country: "JOR", feature: "PCLI"},
	{names: []string{"GENEVA"}, typ: "GPE", country: "CHE", feature: "PPLA"},
	{names: []string{"AFP"}, typ: "ORG", code: "MED"},
}

// TestStageDictionary pins the stage's choice of dictionary: a Stage with
// no Dict codes with sitrep's own, one with a user's dictionary codes with
// that alone (which has no "condemn").
func TestStageDictionary(t *testing.T) {
	const txt = "Egypt condemned Israel."
	if got := codeWith(t, &Stage{RulesOnly: true}, txt, pinEnts); len(got) != 1 || !strings.HasPrefix(got[0], "111 EGY->ISR verb:") {
		t.Errorf("zero Stage: got %q, want 111 EGY->ISR from sitrep's dictionary", got)
	}
	v := readPin(t, pinVerbs, dict.ReadVerbs)
	if got := codeWith(t, &Stage{Dict: FromVerbs(v), RulesOnly: true}, txt, pinEnts); len(got) != 0 {
		t.Errorf("user dictionary without condemn: got %q, want none", got)
	}
}

// TestMerge pins Merge, as cmd/sitrep joins sitrep's dictionary and a
// user's: the patterns of both code (sitrep's "condemn", the user's
// "celebrated Eid at ... with"), and a nil dictionary adds nothing.
func TestMerge(t *testing.T) {
	v := readPin(t, pinVerbs, dict.ReadVerbs)
	def, user := Default(), FromVerbs(v)
	if n := len(Merge(def, nil, user).Patterns); n != len(def.Patterns)+len(user.Patterns) {
		t.Errorf("Merge(Default, nil, user) has %d patterns, want %d+%d", n, len(def.Patterns), len(user.Patterns))
	}
	st := &Stage{Dict: Merge(def, nil, user), RulesOnly: true}
	for txt, want := range map[string]string{
		"Egypt condemned Israel.":                         "111 EGY->ISR verb:",
		"Egypt celebrated Eid at Alexandria with Israel.": "043 EGY->ISR petrarch:CELEBRATE:14",
	} {
		if got := codeWith(t, st, txt, pinEnts); len(got) == 0 || !strings.HasPrefix(got[0], want) {
			t.Errorf("%q: got %q, want %s first", txt, got, want)
		}
	}
}

// TestTargetLists pins that a list of targets after the verb ("Israel
// and Hamas", "Israel, Jordan and Hamas") makes one event per target.
func TestTargetLists(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Egypt condemned Israel and Hamas.", []string{"EGY->ISR", "EGY->PSEHMS"}},
		{"Egypt condemned Israel, Jordan and Hamas.", []string{"EGY->ISR", "EGY->JOR", "EGY->PSEHMS"}},
		{"Egypt condemned Israel on Monday.", []string{"EGY->ISR"}},
	} {
		var got []string
		for _, e := range codeWith(t, rulesStage(), c.text, pinEnts) {
			got = append(got, strings.Fields(e)[1])
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// TestDateline pins where a dateline ends: after the first dash that
// follows a capitalized word or a number near the sentence's start
// ("CAIRO, March 25 (AFP) -"), not at a later one ("U.S. - China"); 0
// without a dateline.
func TestDateline(t *testing.T) {
	for _, c := range []struct {
		text string
		want string // the sentence's words up to the dateline's end
	}{
		{"CAIRO, March 25 (AFP) - Egypt hosted talks on Monday.", "CAIRO , March 25 ( AFP ) -"},
		{"GENEVA - U.S. - China talks resumed on Monday.", "GENEVA -"},
		{"Egypt hosted talks on Monday.", ""},
	} {
		a := buildDoc(c.text, "", nil, nil)
		s := newSent(0, a.Sentences[0].Tokens)
		var got []string
		for _, tk := range s.toks[:s.datelineEnd] {
			got = append(got, tk.Text)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: dateline %q, want %q", c.text, strings.Join(got, " "), c.want)
		}
	}
}

// TestDatelineActors pins that the dateline's place and agency act in no
// event: the subject of a participial clause ("..., urging Israel") is the
// main clause's, Egypt, not the dateline's GENEVA (CHE).
func TestDatelineActors(t *testing.T) {
	got := codeWith(t, rulesStage(), "GENEVA (AFP) - Egypt hosted talks on Monday, urging Israel to halt the offensive.", pinEnts)
	var dyads []string
	for _, e := range got {
		f := strings.Fields(e)
		dyads = append(dyads, f[0]+" "+f[1])
	}
	if !reflect.DeepEqual(dyads, []string{"020 EGY->ISR"}) {
		t.Errorf("got %q, want 020 EGY->ISR", got)
	}
}

// TestEntityByID pins the look-up of entities by id when the ids are not
// E1, E2, ... in order (a document edited, or built by another tool).
func TestEntityByID(t *testing.T) {
	doc := &sitrep.Document{Entities: []sitrep.Entity{{ID: "E3", Name: "Hamas"}, {ID: "E1", Name: "Israel"}, {ID: "gaza-1", Name: "Gaza"}}}
	for id, want := range map[string]string{"E1": "Israel", "E3": "Hamas", "gaza-1": "Gaza", "E2": "", "E4": ""} {
		got := ""
		if e := entityByID(doc, id); e != nil {
			got = e.Name
		}
		if got != want {
			t.Errorf("entityByID(%s) = %q, want %q", id, got, want)
		}
	}
}

// TestCasualtyWords pins casualty counts written in words ("twelve",
// "dozens") as well as in digits.
func TestCasualtyWords(t *testing.T) {
	ents := []ent{
		{names: []string{"Israel", "Israeli"}, typ: "GPE", code: "ISR", country: "ISR", feature: "PCLI"},
		{names: []string{"Hamas"}, typ: "ORG", code: "PSEHMS", country: "PSE"},
		{names: []string{"Gaza"}, typ: "GPE", country: "PSE", feature: "PPL"},
	}
	for _, c := range []struct {
		text            string
		killed, injured string
	}{
		{"Israeli warplanes bombed Hamas positions in Gaza, killing twelve militants.", "12", "-"},
		{"Israeli warplanes bombed Hamas positions in Gaza, killing 12 militants.", "12", "-"},
		{"Twelve people were killed when Israeli warplanes bombed Gaza.", "12", "-"},
		{"Hamas fired rockets at Israel, wounding dozens of civilians.", "-", "24"},
	} {
		a := buildDoc(c.text, "2024-03-04", ents, nil)
		evs := runStage(t, a)
		if len(evs) == 0 {
			t.Errorf("%q: no event", c.text)
			continue
		}
		k, i := "-", "-"
		if evs[0].Killed != nil {
			k = fmt.Sprint(*evs[0].Killed)
		}
		if evs[0].Injured != nil {
			i = fmt.Sprint(*evs[0].Injured)
		}
		if k != c.killed || i != c.injured {
			t.Errorf("%q: killed %s injured %s, want %s and %s", c.text, k, i, c.killed, c.injured)
		}
	}
}

// TestCasualtiesFromWordsAroundNumbers: without the quantity stage, a
// number takes the casualty word right before it ("killing 12 ... and
// wounding 30"), else one after it ("12 people were killed").
func TestCasualtiesFromWordsAroundNumbers(t *testing.T) {
	for _, tc := range []struct {
		in              string
		killed, injured int // 0: none
	}{
		{"Israeli warplanes bombed Gaza on Monday, killing 12 people and wounding 30.", 12, 30},
		{"Israeli warplanes bombed Gaza on Monday, killing twelve people and wounding dozens.", 12, 24},
		{"Twelve people were killed when warplanes bombed Gaza.", 12, 0},
		{"Warplanes bombed Gaza, wounding 7.", 0, 7},
	} {
		a := text.Analyze(sitrep.NewDocument(tc.in))
		cs := casualties(a, newDocWords(nil, nil, 0))
		c := cs[0]
		got := func(p *int) int {
			if p == nil {
				return 0
			}
			return *p
		}
		if c == nil || got(c.killed) != tc.killed || got(c.injured) != tc.injured {
			k, j := 0, 0
			if c != nil {
				k, j = got(c.killed), got(c.injured)
			}
			t.Errorf("%q: killed %d injured %d, want %d %d", tc.in, k, j, tc.killed, tc.injured)
		}
	}
}

// TestYearOnlyPublication pins that a publication date given as a year
// alone still dates the events (at year precision).
func TestYearOnlyPublication(t *testing.T) {
	a := buildDoc("Israel attacked Hamas.", "2016", pinEnts, nil)
	if err := rulesStage().Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Doc.Events) == 0 || a.Doc.Events[0].Date != "2016" || a.Doc.Events[0].DatePrecision != "year" {
		t.Errorf("events %+v, want one dated 2016 at year precision", a.Doc.Events)
	}
}

// TestNameInBrackets pins which brackets keep a clause whole: an acronym
// of capitalized words after a name, not a phrase.
func TestNameInBrackets(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"The Syrian Democratic Forces (SDF) said", true},
		{"Israel (backed by Egypt) attacked", false},
		{"the forces (SDF) said", false},
	} {
		toks := text.Tokenize(c.text, 0, len(c.text))
		at := -1
		for i, tk := range toks {
			if tk.Text == "(" {
				at = i
			}
		}
		if got := nameInBrackets(toks, at); got != c.want {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}

// TestSpeakerNamedInTheReport pins that a speaker who tells of an event
// after the telling loses the target role, unless the report itself names
// the speaker ("Clashes with Hamas left three dead, Hamas said").
func TestSpeakerNamedInTheReport(t *testing.T) {
	for _, c := range []struct {
		text       string
		mentions   []sitrep.Mention
		keepTarget bool
	}{
		{"Clashes with Hamas left three dead, Hamas said.", []sitrep.Mention{{Start: 13, End: 18}, {Start: 36, End: 41}}, true},
		{"Clashes with Fatah left three dead, Hamas said.", []sitrep.Mention{{Start: 36, End: 41}}, false},
	} {
		doc := &sitrep.Document{Text: c.text, Entities: []sitrep.Entity{{ID: "E1", Name: "Hamas", Type: sitrep.Org, Mentions: c.mentions}}}
		doc.Quotes = []sitrep.Quote{{ID: "Q1", Start: 0, End: 34, Speaker: sitrep.Ptr("E1"), SpeakerSpan: &sitrep.Span{Start: 36, End: 41}}}
		evs := speakersAsSources(doc, []sitrep.Event{{Start: 0, End: 7, Root: "19", CAMEO: "190", Target: sitrep.Ptr("E1")}})
		if got := evs[0].Target != nil; got != c.keepTarget {
			t.Errorf("%q: target kept %v, want %v", c.text, got, c.keepTarget)
		}
	}
}

// TestSpeakerOfSpeechActs pins that a speech act (a demand, a threat, a
// criticism) in a direct quote, with no source in its sentence, is the
// speaker's, and that an act of another kind, one with a source or one in
// an indirect quote is left alone.
func TestSpeakerOfSpeechActs(t *testing.T) {
	const txt = `"The foundation must be shut down," Pence said.`
	for _, c := range []struct {
		root, source, want string
		indirect           bool
	}{
		{"10", "", "E1", false},
		{"13", "", "E1", false},
		{"19", "", "", false},
		{"10", "E2", "E2", false},
		{"10", "", "", true},
	} {
		doc := &sitrep.Document{Text: txt, Entities: []sitrep.Entity{{ID: "E1", Name: "Pence", Code: "USA", Type: sitrep.Person,
			Mentions: []sitrep.Mention{{Start: 36, End: 41}}}}}
		doc.Quotes = []sitrep.Quote{{ID: "Q1", Start: 1, End: 33, Speaker: sitrep.Ptr("E1"), SpeakerSpan: &sitrep.Span{Start: 36, End: 41}, Direct: !c.indirect}}
		ev := sitrep.Event{Start: 25, End: 29, Root: c.root, CAMEO: c.root + "0"}
		if c.source != "" {
			ev.Source = sitrep.Ptr(c.source)
		}
		evs := speakersAsSources(doc, []sitrep.Event{ev})
		got := ""
		if evs[0].Source != nil {
			got = *evs[0].Source
		}
		if got != c.want {
			t.Errorf("root %s, source %q, indirect %v: got source %q, want %q", c.root, c.source, c.indirect, got, c.want)
		}
		if got == "E1" && evs[0].SourceText != "Pence" {
			t.Errorf("root %s: source text %q, want the speaker's words", c.root, evs[0].SourceText)
		}
	}
}

// TestModeClass pins that annotated hypothetical events train the coder's
// "possible" mode, the contract having no hypothetical one.
func TestModeClass(t *testing.T) {
	if ModeClass("hypothetical") != sitrep.Possible || ModeClass(sitrep.Future) != sitrep.Future {
		t.Error("ModeClass does not map hypothetical to possible")
	}
}

// TestRulesAttackObjects pins two readings of the rules (the coder's
// features and --rules-only): a conflict noun joined to its verb takes the
// verb's object, the place after "in" when nothing else is there ("air
// strikes hit targets in Jordan"), and an attack on a thing with no actor
// is still an attack ("struck a bridge").
func TestRulesAttackObjects(t *testing.T) {
	got := codeWith(t, rulesStage(), "Israeli air strikes hit targets in Jordan on Monday.", pinEnts)
	if len(got) == 0 || !strings.Contains(got[0], "ISR->JOR") {
		t.Errorf("air strikes: got %q, want Jordan the target", got)
	}
	got = codeWith(t, rulesStage(), "Israeli jets struck a bridge on Monday.", pinEnts)
	if len(got) == 0 || !strings.HasPrefix(got[0], "190 ISR->") {
		t.Errorf("struck a bridge: got %q, want a 190 by Israel", got)
	}
	// what is hit must be a thing attacks hit
	if got = codeWith(t, rulesStage(), "Israel hit the headlines on Monday.", pinEnts); len(got) != 0 {
		t.Errorf("hit the headlines: got %q, want no event", got)
	}
}
