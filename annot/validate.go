package annot

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"sitrep/event"
)

// Modes are the modes an annotated event may have (docs/annotation.md §4).
var Modes = []string{"asserted", "negated", "future", "possible", "demanded", "hypothetical"}

// PLOVERTypes are PLOVER's sixteen event types; "" is a CAMEO 01 statement,
// which PLOVER does not code.
var PLOVERTypes = []string{"", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

// ACLEDSubtypes maps each ACLED sub-event type to its event type (ACLED
// codebook).
var ACLEDSubtypes = map[string]string{
	"Armed clash": "Battles", "Government regains territory": "Battles", "Non-state actor overtakes territory": "Battles",
	"Chemical weapon": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
	"Suicide bomb": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
	"Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
	"Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
	"Abduction/forced disappearance": "Violence against civilians",
	"Peaceful protest":               "Protests", "Protest with intervention": "Protests", "Excessive force against protesters": "Protests",
	"Violent demonstration": "Riots", "Mob violence": "Riots",
	"Agreement": "Strategic developments", "Arrests": "Strategic developments", "Change to group/activity": "Strategic developments",
	"Disrupted weapons use": "Strategic developments", "Headquarters or base established": "Strategic developments",
	"Looting/property destruction": "Strategic developments", "Non-violent transfer of territory": "Strategic developments",
	"Other": "Strategic developments",
}

// testSplits are the files no record may come from: they stay measures.
var testSplits = []string{"gmb-ner/test.txt", "gmb-ner/dev.txt", "conll2003/test.txt", "conll2003/conllpp_test.txt",
	"conll2003/dev.txt", "polnear/test/", "polnear/dev/"}

// trainSplits are the files records may come from.
var trainSplits = []string{"gmb-ner/train.txt#", "conll2003/train.txt#", "polnear/train/text/"}

var actorCode = regexp.MustCompile(`^([A-Z]{3})+$`)

// Validate checks one record against its text (the record's own, or the
// one src reads for stand-off records; src may be nil when the text is
// the record's). It returns every problem found, joined.
func Validate(s Sentence, src *Sources) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	fromTrain := false
	for _, p := range trainSplits {
		fromTrain = fromTrain || strings.HasPrefix(s.ID, p)
	}
	for _, p := range testSplits {
		if strings.HasPrefix(s.ID, p) {
			fromTrain = false
		}
	}
	if !fromTrain {
		bad("%s: not from a training split", s.ID)
	}
	text := s.Text
	switch {
	case copyable(s.ID) && s.Text == "":
		bad("%s: the record keeps no text", s.ID)
	case !copyable(s.ID) && s.Text != "":
		bad("%s: the record copies a text whose licence does not allow it", s.ID)
	case !copyable(s.ID) && src != nil:
		t, err := src.Text(s.ID)
		if err != nil {
			bad("%s: %v", s.ID, err)
		} else if HashText(t) != s.Hash {
			bad("%s: the text in ../shared has changed (hash %s, the record says %s)", s.ID, HashText(t), s.Hash)
		}
		text = t
	}
	if s.Chosen == "" {
		bad("%s: how the sentence was chosen is not recorded", s.ID)
	}
	if len(s.Annotators) == 0 {
		bad("%s: no annotator", s.ID)
	}
	if len(s.Annotators) > 1 && s.Settled == "" {
		bad("%s: annotated twice, but how the two readings were settled is not recorded", s.ID)
	}
	for i, e := range s.Events {
		if err := validateEvent(e, text); err != nil {
			bad("%s event %d: %v", s.ID, i+1, err)
		}
	}
	return errors.Join(errs...)
}

// validateEvent checks an event's codes and that its spans lie in text
// (text is "" when it could not be read: spans are then not checked).
func validateEvent(e Event, text string) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !event.Valid(e.CAMEO) {
		bad("CAMEO code %q is not in the CAMEO table", e.CAMEO)
	}
	if !oneOf(e.Mode, Modes) {
		bad("mode %q", e.Mode)
	}
	if !oneOf(e.PLOVER, PLOVERTypes) {
		bad("PLOVER type %q", e.PLOVER)
	}
	if e.ACLEDSubtype != "" || e.ACLEDType != "" {
		if t, ok := ACLEDSubtypes[e.ACLEDSubtype]; !ok || t != e.ACLEDType {
			bad("ACLED type %q / sub-event type %q", e.ACLEDType, e.ACLEDSubtype)
		}
	}
	for _, c := range []struct{ name, code string }{{"source", e.SourceCode}, {"target", e.TargetCode}} {
		if c.code != "" && !actorCode.MatchString(c.code) {
			bad("%s code %q is not made of 3-letter codes", c.name, c.code)
		}
	}
	for _, n := range []struct {
		name string
		v    *int
	}{{"killed", e.Killed}, {"injured", e.Injured}} {
		if n.v != nil && *n.v < 0 {
			bad("%s %d", n.name, *n.v)
		}
	}
	trigger := e.Trigger
	spans := []struct {
		name string
		sp   *Span
	}{{"trigger", &trigger}, {"source", e.Source}, {"target", e.Target}, {"place", e.Place}, {"time", e.Time}, {"attributed", e.Attributed}}
	for _, sp := range spans {
		if sp.sp == nil || text == "" {
			continue
		}
		a, b := sp.sp[0], sp.sp[1]
		if a < 0 || b <= a || b > len(text) {
			bad("%s span [%d,%d] outside the sentence (%d bytes)", sp.name, a, b, len(text))
		}
	}
	return errors.Join(errs...)
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
