package eval

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sitrep"
	"sitrep/dict"
	"sitrep/event"
	"sitrep/text"
)

// petrRecords is the PETRARCH validation file (PETR.UnitTest.records.xml).
type petrRecords struct {
	Env struct {
		Verbs    string `xml:"Verbfile"`
		Actors   string `xml:"Actorfile"`
		Agents   string `xml:"Agentfile"`
		Discards string `xml:"Discardfile"`
	} `xml:"Environment"`
	Sentences []petrSentence `xml:"Sentences>Sentence"`
}

type petrSentence struct {
	Date     string `xml:"date,attr"`
	ID       string `xml:"id,attr"`
	Category string `xml:"category,attr"`
	Valid    string `xml:"valid,attr"`
	Sentence string `xml:"sentence,attr"`
	Codings  []struct {
		Source   string `xml:"sourcecode,attr"`
		Target   string `xml:"targetcode,attr"`
		Event    string `xml:"eventcode,attr"`
		NoEvents string `xml:"noevents,attr"`
		Error    string `xml:"error,attr"`
	} `xml:"EventCoding"`
	Text string `xml:"Text"`
}

// PetrarchResult is the score of one validation file.
type PetrarchResult struct {
	Records, Exact int
	ByCategory     map[string][2]int // category -> {records, exact}
	Misses         []string          // "id: want ... got ..."
}

// ScorePetrarch codes the validation records of path (PETR.UnitTest.
// records.xml) from their text alone, with the dictionaries their
// Environment block names, and counts the records whose multiset of
// (source, target, code) triples is exactly the expected one.
func ScorePetrarch(ctx context.Context, path string) (*PetrarchResult, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("petrarch records: %w", err)
	}
	var recs petrRecords
	if err := xml.Unmarshal(b, &recs); err != nil {
		return nil, fmt.Errorf("petrarch records %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	open := func(name string) (*os.File, error) {
		f, err := os.Open(filepath.Join(dir, strings.TrimSpace(name)))
		if err != nil {
			return nil, fmt.Errorf("petrarch dictionary: %w", err)
		}
		return f, nil
	}
	f, err := open(recs.Env.Verbs)
	if err != nil {
		return nil, err
	}
	verbs, err := dict.ReadVerbs(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	for _, skipped := range verbs.Skipped {
		slog.Warn("verb dictionary: pattern left out", "file", recs.Env.Verbs, "error", skipped)
	}
	f, err = open(recs.Env.Actors)
	if err != nil {
		return nil, err
	}
	actors, err := dict.ReadActors(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	var agents *dict.Agents
	if recs.Env.Agents != "" {
		if f, err = open(recs.Env.Agents); err != nil {
			return nil, err
		}
		agents, err = dict.ReadAgents(f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	var discards *dict.Discards
	if recs.Env.Discards != "" {
		if f, err = open(recs.Env.Discards); err != nil {
			return nil, err
		}
		discards, err = dict.ReadDiscards(f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	st := &event.Stage{Dict: event.FromVerbs(verbs), Actors: event.NewActorDict(actors, agents, discards), RequireDyad: true, RulesOnly: true}
	res := &PetrarchResult{ByCategory: map[string][2]int{}}
	for _, r := range recs.Sentences {
		if r.Valid != "true" && r.Sentence != "true" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var want []string
		for _, c := range r.Codings {
			if c.NoEvents != "" || c.Error != "" || c.Event == "" {
				continue
			}
			want = append(want, c.Source+"/"+c.Target+"/"+c.Event)
		}
		txt := strings.Join(strings.Fields(r.Text), " ")
		doc := sitrep.NewDocument(txt)
		if len(r.Date) == 8 {
			doc.Published = r.Date[:4] + "-" + r.Date[4:6] + "-" + r.Date[6:]
		}
		a := text.Analyze(doc)
		if err := st.Run(ctx, a); err != nil {
			return nil, fmt.Errorf("record %s: %w", r.ID, err)
		}
		var got []string
		for _, ev := range doc.Events {
			got = append(got, ev.SourceCode+"/"+ev.TargetCode+"/"+ev.CAMEO)
		}
		sort.Strings(want)
		sort.Strings(got)
		ok := strings.Join(want, " ") == strings.Join(got, " ")
		res.Records++
		c := res.ByCategory[r.Category]
		c[0]++
		if ok {
			res.Exact++
			c[1]++
		} else {
			res.Misses = append(res.Misses, fmt.Sprintf("%s: want %v got %v | %s", r.ID, want, got, txt))
		}
		res.ByCategory[r.Category] = c
	}
	return res, nil
}

// Petrarch scores sitrep's event coder on the PETRARCH validation records
// (both the PETRARCH-1 copy and the PETRARCH2 copy), coding from the text
// alone with the records' own dictionaries.
func Petrarch(ctx context.Context, shared string, w io.Writer) error {
	for _, set := range []struct{ name, path string }{
		{"PETRARCH-1 records (petrarch1-76ccdbf)", "eval/petrarch2/petrarch1-76ccdbf/PETR.UnitTest.records.xml"},
		{"PETRARCH2 records", "eval/petrarch2/PETR.UnitTest.records.xml"},
	} {
		res, err := ScorePetrarch(ctx, filepath.Join(shared, set.path))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d of %d records exactly right (%.1f%%)\n", set.name, res.Exact, res.Records, 100*ratio(res.Exact, res.Records))
		cats := make([]string, 0, len(res.ByCategory))
		for c := range res.ByCategory {
			cats = append(cats, c)
		}
		sort.Strings(cats)
		for _, c := range cats {
			v := res.ByCategory[c]
			fmt.Fprintf(w, "  %-10s %3d of %3d\n", c, v[1], v[0])
		}
		if os.Getenv("SITREP_PETRARCH_MISSES") != "" {
			for _, m := range res.Misses {
				fmt.Fprintln(w, "  MISS", m)
			}
		}
	}
	return nil
}
