package storetest

import (
	"fmt"
	"sort"
	"strings"

	"sitrep"
	"sitrep/story"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// model is what a store must hold after a sequence of Puts, kept in memory
// the simplest way.
type model struct {
	hashes  map[string]bool
	docs    int
	nevents int
	haps    map[string]*hap // by happening id
	order   []string        // happening ids, first seen first
}

type hap struct {
	rec     sitrep.EventRecord
	docs    map[string]bool
	sources map[string]bool
}

func newModel() *model {
	return &model{hashes: map[string]bool{}, haps: map[string]*hap{}}
}

// put folds a document in; it reports whether the document was new.
func (m *model) put(d *sitrep.Document) bool {
	h := sitrep.TextID(d.Text)
	if m.hashes[h] {
		return false
	}
	m.hashes[h] = true
	m.docs++
	m.nevents += len(d.Events)
	src := story.SourceKey(d.Outlet, d.URL, d.ID)
	for _, r := range story.Records(d) {
		x := m.haps[r.ID]
		if x == nil {
			x = &hap{rec: r, docs: map[string]bool{}, sources: map[string]bool{}}
			x.rec.Mentions = 0
			m.haps[r.ID] = x
			m.order = append(m.order, r.ID)
		}
		x.rec.Mentions++
		x.docs[d.ID] = true
		x.sources[src] = true
		x.rec.Articles = len(x.docs)
		x.rec.Sources = len(x.sources)
	}
	return true
}

// newHaps counts the happenings a document would begin.
func (m *model) newHaps(d *sitrep.Document) int {
	seen := map[string]bool{}
	n := 0
	for _, r := range story.Records(d) {
		if m.haps[r.ID] == nil && !seen[r.ID] {
			n++
		}
		seen[r.ID] = true
	}
	return n
}

// events returns the happenings that match f, newest first, as a store must.
func (m *model) events(f sitrep.EventFilter) []sitrep.EventRecord {
	var out []sitrep.EventRecord
	for _, id := range m.order {
		x := m.haps[id]
		if match(x, f) {
			out = append(out, x.rec)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date > out[j].Date
		}
		return out[i].ID < out[j].ID
	})
	if f.Offset > 0 {
		if f.Offset >= len(out) {
			return nil
		}
		out = out[f.Offset:]
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// match is the reference reading of sitrep.EventFilter.
func match(x *hap, f sitrep.EventFilter) bool {
	r := &x.rec
	if f.Actor != "" {
		a := strings.ToLower(f.Actor)
		prefix := func(code string) bool { return code != "" && strings.HasPrefix(strings.ToLower(code), a) }
		name := func(n string) bool { return n != "" && strings.ToLower(n) == a }
		if !prefix(r.SourceCode) && !prefix(r.TargetCode) && !name(r.Source) && !name(r.Target) {
			return false
		}
	}
	if f.Root != "" && r.Root != f.Root {
		return false
	}
	if f.CAMEO != "" && !strings.HasPrefix(r.CAMEO, f.CAMEO) {
		return false
	}
	day := r.Date
	if len(day) > 10 {
		day = day[:10]
	}
	if f.From != "" && (day == "" || day < f.From) {
		return false
	}
	if f.To != "" && (day == "" || day > f.To) {
		return false
	}
	if f.Place != "" {
		p := strings.ToLower(f.Place)
		eq := func(s string) bool { return s != "" && strings.ToLower(s) == p }
		if !eq(r.Place) && !eq(r.Admin1) && !eq(r.Country) {
			return false
		}
	}
	if f.Modality != "" && r.Modality != f.Modality {
		return false
	}
	if f.Doc != "" && !x.docs[f.Doc] {
		return false
	}
	return true
}
