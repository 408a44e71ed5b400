package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"sitrep/dict"
	"sitrep/event"
	"sitrep/pipeline"
)

// dictFlags are extract's --dict-* flags: PETRARCH/TABARI dictionaries
// the event stage codes with, in addition to sitrep's own.
type dictFlags struct {
	verbs, actors, agents, discards *string
	only, rules                     *bool
}

func addDictFlags(fs *flag.FlagSet) *dictFlags {
	return &dictFlags{
		verbs:    fs.String("dict-verbs", "", "PETRARCH/TABARI verb dictionary `file` to code events with"),
		actors:   fs.String("dict-actors", "", "PETRARCH/TABARI actor dictionary `file`"),
		agents:   fs.String("dict-agents", "", "PETRARCH/TABARI agent dictionary `file`"),
		discards: fs.String("dict-discards", "", "PETRARCH/TABARI discard list `file`"),
		only:     fs.Bool("dict-only", false, "code with the --dict-verbs dictionary alone, not sitrep's own patterns nor its trained coder"),
		rules:    fs.Bool("rules-only", false, "code events with the patterns and hand-written rules alone, not the trained coder"),
	}
}

// pipeline returns the default pipeline, its event stage using the
// dictionaries when any is given.
func (d *dictFlags) pipeline() (*pipeline.Pipeline, error) {
	if *d.verbs == "" && *d.actors == "" && *d.agents == "" && *d.discards == "" && !*d.rules {
		return pipeline.Load()
	}
	if err := pipeline.CheckData(); err != nil {
		return nil, err
	}
	st := &event.Stage{Dict: event.Default(), RulesOnly: *d.rules}
	if *d.verbs != "" {
		v, err := readDict(*d.verbs, dict.ReadVerbs)
		if err != nil {
			return nil, err
		}
		for _, skipped := range v.Skipped {
			slog.Warn("verb dictionary: pattern left out", "file", *d.verbs, "error", skipped)
		}
		user := event.FromVerbs(v)
		if *d.only {
			st.Dict, st.RulesOnly = user, true // the user's dictionary alone, as PETRARCH codes
		} else {
			st.Dict = event.Merge(event.Default(), user)
		}
	}
	var as *dict.Actors
	var ag *dict.Agents
	var ds *dict.Discards
	var err error
	if *d.actors != "" {
		if as, err = readDict(*d.actors, dict.ReadActors); err != nil {
			return nil, err
		}
	}
	if *d.agents != "" {
		if ag, err = readDict(*d.agents, dict.ReadAgents); err != nil {
			return nil, err
		}
	}
	if *d.discards != "" {
		if ds, err = readDict(*d.discards, dict.ReadDiscards); err != nil {
			return nil, err
		}
	}
	if as != nil || ag != nil || ds != nil {
		st.Actors = event.NewActorDict(as, ag, ds)
	}
	return pipeline.WithEvents(st), nil
}

func readDict[T any](path string, read func(r io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("dictionary: %w", err)
	}
	defer f.Close()
	return read(f)
}
