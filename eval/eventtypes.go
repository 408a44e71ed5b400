package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sitrep"
	"sitrep/pipeline"
)

// ploverGSR is one record of PLOVER_GSR_CAMEO.json.
type ploverGSR struct {
	ID     string          `json:"id"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
}

type gsrActor struct {
	Code string `json:"code"`
}

// gsrActors reads a source or target field: a list of actors, or a string.
func gsrActors(raw json.RawMessage) []gsrActor {
	var as []gsrActor
	if json.Unmarshal(raw, &as) == nil {
		return as
	}
	return nil
}

// ploverOld maps the PLOVER 0.5 types of the gold standard records to the
// sixteen types of PLOVER 0.8 that sitrep writes.
var ploverOld = map[string]string{"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}

// mainEvent is the event that stands for a short text: the first one with
// a type (statements come last).
func mainEvent(doc *sitrep.Document, typed func(sitrep.Event) bool) *sitrep.Event {
	for i := range doc.Events {
		if typed(doc.Events[i]) {
			return &doc.Events[i]
		}
	}
	return nil
}

// PloverGSR measures PLOVER event type accuracy on the PLOVER gold
// standard records (the CAMEO manual's example sentences, re-coded in
// PLOVER): each record's type against the type of the first typed event
// sitrep codes in its text; source and target accuracy on the records
// where sitrep names a country code.
func PloverGSR(ctx context.Context, shared string, w io.Writer) error {
	b, err := os.ReadFile(filepath.Join(shared, "eval/plover-gsr/PLOVER_GSR_CAMEO.json"))
	if err != nil {
		return fmt.Errorf("plover-gsr: %w", err)
	}
	var recs []ploverGSR
	if err := json.Unmarshal(b, &recs); err != nil {
		return fmt.Errorf("plover-gsr: %w", err)
	}
	p := pipeline.Default()
	var n, right, coded, srcN, srcOK, tgtN, tgtOK int
	confusion := map[string]map[string]int{}
	for _, r := range recs {
		if r.Text == "" || r.Event == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := p.Extract(ctx, pipeline.Input{Text: r.Text, Published: "2000-01-01"})
		if err != nil {
			return fmt.Errorf("plover-gsr %s: %w", r.ID, err)
		}
		want := r.Event
		if m, ok := ploverOld[want]; ok {
			want = m
		}
		n++
		ev := mainEvent(doc, func(e sitrep.Event) bool { return e.PLOVER != "" })
		got := ""
		if ev != nil {
			got = ev.PLOVER
			coded++
			if c := countryOfCode(ev.SourceCode); c != "" && len(gsrActors(r.Source)) > 0 {
				srcN++
				for _, s := range gsrActors(r.Source) {
					if strings.HasPrefix(s.Code, c) {
						srcOK++
						break
					}
				}
			}
			if c := countryOfCode(ev.TargetCode); c != "" && len(gsrActors(r.Target)) > 0 {
				tgtN++
				for _, s := range gsrActors(r.Target) {
					if strings.HasPrefix(s.Code, c) {
						tgtOK++
						break
					}
				}
			}
		}
		if got == want {
			right++
		}
		if confusion[want] == nil {
			confusion[want] = map[string]int{}
		}
		confusion[want][got]++
	}
	fmt.Fprintf(w, "PLOVER GSR: %d records, event type accuracy %.3f (%d right), coded %d; source country right %d/%d, target %d/%d\n",
		n, ratio(right, n), right, coded, srcOK, srcN, tgtOK, tgtN)
	types := make([]string, 0, len(confusion))
	for t := range confusion {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		tot := 0
		for _, c := range confusion[t] {
			tot += c
		}
		fmt.Fprintf(w, "  %-10s %3d/%3d\n", t, confusion[t][t], tot)
	}
	return nil
}

func countryOfCode(code string) string {
	if len(code) >= 3 && code[:3] != "IGO" && code[:3] != "NGO" && strings.ToUpper(code[:3]) == code[:3] {
		switch code[:3] {
		case "GOV", "MIL", "COP", "REB", "OPP", "LAB", "EDU", "MED", "CVL", "AGR", "HLH", "LEG", "JUD", "REF", "BUS":
			return ""
		}
		return code[:3]
	}
	return ""
}

// caseLabels maps ACLED sub-event types to the CASE 2021 task 2 labels.
var caseLabels = map[string]string{
	"Armed clash": "ARMED_CLASH", "Air/drone strike": "AIR_STRIKE", "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
	"Remote explosive/landmine/IED": "REM_EXPLOS", "Suicide bomb": "SUIC_BOMB", "Grenade": "GRENADE",
	"Chemical weapon": "CHEM_WEAP", "Attack": "ATTACK", "Abduction/forced disappearance": "ABDUCT_DISSAP",
	"Sexual violence": "SEX_VIOL", "Peaceful protest": "PEACE_PROTEST", "Protest with intervention": "PROTEST_WITH_INTER",
	"Excessive force against protesters": "FORCE_AGAINST_PROTEST", "Violent demonstration": "VIOL_DEMONSTR",
	"Mob violence": "MOB_VIOL", "Agreement": "AGREEMENT", "Arrests": "ARREST", "Looting/property destruction": "PROPERTY_DISTRUCT",
	"Headquarters or base established": "HQ_ESTABLISHED", "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
	"Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER", "Government regains territory": "GOV_REGAINS_TERIT",
	"Disrupted weapons use": "DISR_WEAP", "Change to group/activity": "CHANGE_TO_GROUP_ACT", "Other": "OTHER",
}

var disasterWords = []string{"earthquake", "flood", "cyclone", "typhoon", "hurricane", "landslide", "tsunami", "drought", "storm", "wildfire", "volcano"}

// CASE2021 measures the weighted F1 of the ACLED sub-event type (CASE 2021
// shared task 2 labels) on the even-id half of the test set: a snippet's
// label is the ACLED type of the first event sitrep codes with one; a
// diplomatic event (roots 03-05) without one is DIPLO, a natural hazard
// NATURAL_DISASTER, else OTHER. Setting SITREP_CASE_CONFUSION writes each
// snippet's gold and predicted labels to standard error.
func CASE2021(ctx context.Context, shared string, w io.Writer) error {
	f, err := os.Open(filepath.Join(shared, "eval/case2021-task2/test_even_ids.tsv"))
	if err != nil {
		return fmt.Errorf("case2021: %w", err)
	}
	defer f.Close()
	p := pipeline.Default()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var gold, pred []string
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := p.Extract(ctx, pipeline.Input{Text: cols[1]})
		if err != nil {
			return fmt.Errorf("case2021 %s: %w", cols[0], err)
		}
		label := "OTHER"
		if ev := mainEvent(doc, func(e sitrep.Event) bool { return e.ACLEDSubtype != "" }); ev != nil {
			label = caseLabels[ev.ACLEDSubtype]
		} else if ev := mainEvent(doc, func(e sitrep.Event) bool { return e.Root >= "03" && e.Root <= "05" }); ev != nil {
			label = "DIPLO"
		} else {
			low := strings.ToLower(cols[1])
			for _, d := range disasterWords {
				if strings.Contains(low, d) {
					label = "NATURAL_DISASTER"
					break
				}
			}
		}
		gold = append(gold, strings.TrimSpace(cols[2]))
		if os.Getenv("SITREP_CASE_CONFUSION") != "" {
			fmt.Fprintf(os.Stderr, "%s\t%s\n", strings.TrimSpace(cols[2]), label)
		}
		pred = append(pred, label)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("case2021: %w", err)
	}
	wf, macro, acc := weightedF1(gold, pred)
	fmt.Fprintf(w, "CASE 2021 task 2 (even ids): %d snippets, weighted F1 %.3f, macro F1 %.3f, accuracy %.3f\n", len(gold), wf, macro, acc)
	return nil
}

// weightedF1 is sklearn's weighted-average F1 over the gold classes, with
// macro F1 and accuracy.
func weightedF1(gold, pred []string) (weighted, macro, acc float64) {
	tp, fp, fn, sup := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	right := 0
	for i := range gold {
		sup[gold[i]]++
		if gold[i] == pred[i] {
			tp[gold[i]]++
			right++
		} else {
			fp[pred[i]]++
			fn[gold[i]]++
		}
	}
	for c, n := range sup {
		p, r := ratio(tp[c], tp[c]+fp[c]), ratio(tp[c], tp[c]+fn[c])
		weighted += f1(p, r) * float64(n) / float64(len(gold))
		macro += f1(p, r) / float64(len(sup))
	}
	return weighted, macro, ratio(right, len(gold))
}
