package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"sitrep"
	"sitrep/story"
)

// Snippet markers around the matched terms in SearchHit.Snippet.
const (
	MarkStart = "«"
	MarkEnd   = "»"
)

// Search runs a full-text query over titles and texts, best first (FTS5
// bm25, the title weighing twice the text). The query is read leniently
// (see FTSQuery), so that no user input makes it fail to parse; a query
// over sitrep.DefaultSearchLimits (too many words or prefix terms) is
// refused with an error wrapping a *sitrep.SearchLimitError. The search
// stops, interrupted, when ctx is done. Score is the negated bm25 rank:
// higher is better. Snippet shows up to 16 words around the matches,
// marked with MarkStart and MarkEnd.
func (s *Store) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	groups, err := parseQuery(q.Query)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: search: %w", err)
	}
	match := ftsMatch(groups)
	if match == "" {
		return nil, nil
	}
	return s.search(ctx, q, match)
}

// search runs the FTS5 query match, paged as q asks.
func (s *Store) search(ctx context.Context, q sitrep.SearchQuery, match string) ([]sitrep.SearchHit, error) {
	limit, offset := q.Limit, q.Offset
	if limit <= 0 {
		limit = 20
	}
	if offset < 0 {
		offset = 0
	}
	// FTS5 itself orders by rank (set to bm25 with weights here), so that
	// snippet() runs for the page alone, not for every match.
	rows, err := s.r.QueryContext(ctx, `SELECT d.id, d.title, d.url, d.outlet, d.published, d.story,
			snippet(documents_fts, -1, ?, ?, '…', 16), rank
		FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
		WHERE documents_fts MATCH ? AND rank MATCH 'bm25(2.0, 1.0)'
		ORDER BY rank LIMIT ? OFFSET ?`, MarkStart, MarkEnd, match, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: search %q: %w", q.Query, orCtx(ctx, err))
	}
	defer rows.Close()
	var hits []sitrep.SearchHit
	for rows.Next() {
		var h sitrep.SearchHit
		if err := rows.Scan(&h.ID, &h.Title, &h.URL, &h.Outlet, &h.Published, &h.Story, &h.Snippet, &h.Score); err != nil {
			return nil, fmt.Errorf("sqlitestore: search %q: %w", q.Query, orCtx(ctx, err))
		}
		h.Score = -h.Score
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlitestore: search %q: %w", q.Query, orCtx(ctx, err))
	}
	return hits, nil
}

// FTSQuery turns a user's query into an FTS5 query that cannot fail to
// parse: every word and every "quoted phrase" becomes an FTS5 string (an
// unbalanced quote runs to the end of the query), a word ending in * stays a
// prefix query when its last word has sitrep.DefaultSearchLimits.MinPrefix
// letters or digits (a shorter one is searched as a word), OR between two
// terms stays OR, and everything else, FTS5 operators (AND, NOT, NEAR,
// column filters, ^, parentheses) included, is taken as words to find.
// Terms are ANDed. Terms without a letter or digit are dropped; a query
// left with none gives "". Control characters and invalid UTF-8 read as
// spaces. FTSQuery does not count terms: Search refuses a query over the
// limits before it builds one.
func FTSQuery(q string) string {
	groups, _ := parseQuery(q)
	return ftsMatch(groups)
}

// parseQuery reads a user's query (story.ParseQuery) and bounds it with
// sitrep.DefaultSearchLimits (sitrep.BoundSearch). The groups come back
// even when the query is over the limits.
func parseQuery(q string) ([][]story.QueryTerm, error) {
	groups := story.ParseQuery(q)
	err := sitrep.BoundSearch(sitrep.DefaultSearchLimits, groups, func(t *story.QueryTerm) (string, *bool) {
		return t.Text, &t.Prefix
	})
	return groups, err
}

// ftsMatch writes parsed query groups as an FTS5 query (see FTSQuery).
func ftsMatch(groups [][]story.QueryTerm) string {
	var ors []string
	for _, g := range groups {
		ands := make([]string, len(g))
		for i, t := range g {
			ands[i] = `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
			if t.Prefix {
				ands[i] += "*"
			}
		}
		ors = append(ors, strings.Join(ands, " "))
	}
	return strings.Join(ors, " OR ")
}

// Events lists happenings that match the filter, newest first (date
// descending, then id).
func (s *Store) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.EventRecord, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if f.Actor != "" {
		a := lc(f.Actor)
		g := globPrefix(a)
		add(`(source_code_lc GLOB ? OR target_code_lc GLOB ? OR source_lc = ? OR target_lc = ?)`, g, g, a, a)
	}
	if f.Root != "" {
		add(`root = ?`, f.Root)
	}
	if f.CAMEO != "" {
		add(`cameo GLOB ?`, globPrefix(f.CAMEO))
	}
	// The plain comparisons on date let the date index bound the scan;
	// the substr ones are the filter's meaning.
	if f.From != "" {
		add(`date != '' AND substr(date, 1, 10) >= ?`, f.From)
		if len(f.From) <= 10 {
			add(`date >= ?`, f.From)
		}
	}
	if f.To != "" {
		add(`date != '' AND substr(date, 1, 10) <= ?`, f.To)
		if len(f.To) <= 10 {
			add(`date <= ?`, f.To+"~") // '~' sorts after every character of a date
		}
	}
	if f.Place != "" {
		p := lc(f.Place)
		add(`(place_lc = ? OR admin1_lc = ? OR country_lc = ?)`, p, p, p)
	}
	if f.Modality != "" {
		add(`modality = ?`, f.Modality)
	}
	if f.Doc != "" {
		add(`rowid IN (SELECT m.happening FROM event_mentions m JOIN documents d ON d.rowid = m.doc WHERE d.id = ?)`, f.Doc)
	}
	limit, offset := f.Limit, f.Offset
	if limit <= 0 {
		limit = 100
	}
	if offset < 0 {
		offset = 0
	}
	q := `SELECT id, date, date_precision, cameo, root, quad_class, goldstein, plover, acled_type, acled_subtype,
		modality, source, source_code, target, target_code, place, country, admin1, lat, lon, geo_precision, killed, injured,
		text, doc, url, outlet, published, mentions, articles, sources FROM happenings`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY date DESC, id LIMIT ? OFFSET ?`
	args = append(args, limit, offset)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: events: %w", orCtx(ctx, err))
	}
	defer rows.Close()
	var out []sitrep.EventRecord
	for rows.Next() {
		var (
			r               sitrep.EventRecord
			lat, lon        sql.NullFloat64
			killed, injured sql.NullInt64
		)
		if err := rows.Scan(&r.ID, &r.Date, &r.DatePrecision, &r.CAMEO, &r.Root, &r.QuadClass, &r.Goldstein, &r.PLOVER,
			&r.ACLEDType, &r.ACLEDSubtype, &r.Modality, &r.Source, &r.SourceCode, &r.Target, &r.TargetCode, &r.Place,
			&r.Country, &r.Admin1, &lat, &lon, &r.GeoPrecision, &killed, &injured, &r.Text, &r.Doc, &r.URL, &r.Outlet,
			&r.Published, &r.Mentions, &r.Articles, &r.Sources); err != nil {
			return nil, fmt.Errorf("sqlitestore: events: %w", orCtx(ctx, err))
		}
		if lat.Valid {
			r.Lat = &lat.Float64
		}
		if lon.Valid {
			r.Lon = &lon.Float64
		}
		if killed.Valid {
			k := int(killed.Int64)
			r.Killed = &k
		}
		if injured.Valid {
			i := int(injured.Int64)
			r.Injured = &i
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlitestore: events: %w", orCtx(ctx, err))
	}
	return out, nil
}

// orCtx returns ctx's error in place of err once ctx is done: a query
// interrupted by its context reports SQLite's "interrupted", which says
// less than the deadline or cancellation that caused it.
func orCtx(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}

// globPrefix returns a GLOB pattern that matches strings beginning with s,
// with GLOB's special characters in s taken literally.
func globPrefix(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '*', '?', '[', ']':
			b.WriteByte('[')
			b.WriteRune(r)
			b.WriteByte(']')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('*')
	return b.String()
}
