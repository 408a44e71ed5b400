package pgstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"sitrep"
	"sitrep/story"
)

// Snippet markers around the matched terms in SearchHit.Snippet, as the
// SQLite store marks them.
const (
	MarkStart = "«"
	MarkEnd   = "»"
)

// TextConfig is the text-search configuration of the full-text index.
const TextConfig = "english"

// Search runs a full-text query over titles and texts, best first
// (ts_rank over the generated tsvector, the title weighing above the text).
// The query is read leniently (see TSQuery), so that no user input makes it
// fail to parse; a query over sitrep.DefaultSearchLimits (too many words or
// prefix terms) is refused with an error wrapping a
// *sitrep.SearchLimitError. The search is cancelled when ctx is done.
// Snippet is a ts_headline of up to 16 words around the matches, marked
// with MarkStart and MarkEnd.
func (s *Store) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	groups, err := parseQuery(q.Query)
	if err != nil {
		return nil, fmt.Errorf("pgstore: search: %w", err)
	}
	expr, args := tsQuery(groups)
	if expr == "" {
		return nil, nil
	}
	limit, offset := q.Limit, q.Offset
	if limit <= 0 {
		limit = 20
	}
	if offset < 0 {
		offset = 0
	}
	nl, no := len(args)+1, len(args)+2
	args = append(args, limit, offset)
	// The inner query ranks and pages; ts_headline, the costly part, runs
	// on the page only.
	sql := `WITH q AS (SELECT ` + expr + ` AS q),
		hits AS (
			SELECT d.n, ts_rank(d.tsv, q.q) AS rank FROM documents d, q
			WHERE d.tsv @@ q.q ORDER BY rank DESC, d.n LIMIT $` + strconv.Itoa(nl) + ` OFFSET $` + strconv.Itoa(no) + `)
		SELECT d.id, d.title, d.url, d.outlet, d.published, d.story,
			ts_headline('` + TextConfig + `', d.title || E'\n' || left(d.text, 100000), q.q,
				'StartSel="` + MarkStart + `", StopSel="` + MarkEnd + `", MaxWords=16, MinWords=6, MaxFragments=2, FragmentDelimiter=" … "'),
			h.rank
		FROM hits h JOIN documents d ON d.n = h.n, q
		ORDER BY h.rank DESC, h.n`
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: search %q: %w", q.Query, err)
	}
	defer rows.Close()
	var hits []sitrep.SearchHit
	for rows.Next() {
		var h sitrep.SearchHit
		var rank float32
		if err := rows.Scan(&h.ID, &h.Title, &h.URL, &h.Outlet, &h.Published, &h.Story, &h.Snippet, &rank); err != nil {
			return nil, fmt.Errorf("pgstore: search %q: %w", q.Query, err)
		}
		h.Score = float64(rank)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: search %q: %w", q.Query, err)
	}
	return hits, nil
}

// TSQuery turns a user's query into a tsquery expression that cannot fail,
// with its parameters: every word and every "quoted phrase" becomes one
// websearch_to_tsquery of that term in double quotes (a phrase: words in
// order; an unbalanced quote runs to the end of the query), a word ending
// in * becomes a prefix query (to_tsquery of its letters and digits with
// :*) when its last word has sitrep.DefaultSearchLimits.MinPrefix letters
// or digits (a shorter one is searched as a word), OR between two terms
// stays OR, and everything else (-, AND, NOT, parentheses, colons) is taken
// as words to find. Terms are ANDed; AND binds tighter than OR, as in FTS5
// and websearch_to_tsquery. Terms without a letter or digit are dropped; a
// query left with none gives "". TSQuery does not count terms: Search
// refuses a query over the limits before it builds one.
func TSQuery(q string) (expr string, args []any) {
	groups, _ := parseQuery(q)
	return tsQuery(groups)
}

// parseQuery reads a user's query (story.ParseQuery) and bounds it with
// sitrep.DefaultSearchLimits (sitrep.BoundSearch), as the SQLite store
// does. The groups come back even when the query is over the limits.
func parseQuery(q string) ([][]story.QueryTerm, error) {
	groups := story.ParseQuery(q)
	err := sitrep.BoundSearch(sitrep.DefaultSearchLimits, groups, func(t *story.QueryTerm) (string, *bool) {
		return t.Text, &t.Prefix
	})
	return groups, err
}

// tsQuery writes parsed query groups as a tsquery expression and its
// parameters (see TSQuery).
func tsQuery(groups [][]story.QueryTerm) (expr string, args []any) {
	// one returns the SQL of one term.
	one := func(t story.QueryTerm) string {
		if t.Prefix {
			var w strings.Builder
			for _, r := range strings.ToLower(t.Text) {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					w.WriteRune(r)
				}
			}
			args = append(args, w.String()+":*")
			return `to_tsquery('` + TextConfig + `', $` + strconv.Itoa(len(args)) + `)`
		}
		args = append(args, `"`+strings.TrimSpace(t.Text)+`"`)
		return `websearch_to_tsquery('` + TextConfig + `', $` + strconv.Itoa(len(args)) + `)`
	}
	var ors []string
	for _, g := range groups {
		ands := make([]string, len(g))
		for i, t := range g {
			ands[i] = one(t)
		}
		ors = append(ors, "("+strings.Join(ands, " && ")+")")
	}
	return strings.Join(ors, " || "), args
}

// Events lists happenings that match the filter, newest first (date
// descending, then id, compared byte by byte whatever the database's
// collation).
func (s *Store) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.EventRecord, error) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Actor != "" {
		a := lc(f.Actor)
		g, n := arg(likePrefix(a)), arg(a)
		where = append(where, `(source_code_lc LIKE `+g+` OR target_code_lc LIKE `+g+` OR source_lc = `+n+` OR target_lc = `+n+`)`)
	}
	if f.Root != "" {
		where = append(where, `root = `+arg(pgText(f.Root)))
	}
	if f.CAMEO != "" {
		where = append(where, `cameo LIKE `+arg(likePrefix(pgText(f.CAMEO))))
	}
	if f.From != "" {
		where = append(where, `date <> '' AND substr(date, 1, 10) COLLATE "C" >= `+arg(pgText(f.From)))
	}
	if f.To != "" {
		where = append(where, `date <> '' AND substr(date, 1, 10) COLLATE "C" <= `+arg(pgText(f.To)))
	}
	if f.Place != "" {
		p := arg(lc(f.Place))
		where = append(where, `(place_lc = `+p+` OR admin1_lc = `+p+` OR country_lc = `+p+`)`)
	}
	if f.Modality != "" {
		where = append(where, `modality = `+arg(pgText(f.Modality)))
	}
	if f.Doc != "" {
		where = append(where, `id IN (SELECT m.happening FROM event_mentions m JOIN documents d ON d.n = m.doc WHERE d.id = `+arg(pgText(f.Doc))+`)`)
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
	q += ` ORDER BY date COLLATE "C" DESC, id COLLATE "C" LIMIT ` + arg(limit) + ` OFFSET ` + arg(offset)
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("pgstore: events: %w", err)
	}
	defer rows.Close()
	var out []sitrep.EventRecord
	for rows.Next() {
		var (
			r               sitrep.EventRecord
			killed, injured *int32
		)
		if err := rows.Scan(&r.ID, &r.Date, &r.DatePrecision, &r.CAMEO, &r.Root, &r.QuadClass, &r.Goldstein, &r.PLOVER,
			&r.ACLEDType, &r.ACLEDSubtype, &r.Modality, &r.Source, &r.SourceCode, &r.Target, &r.TargetCode, &r.Place,
			&r.Country, &r.Admin1, &r.Lat, &r.Lon, &r.GeoPrecision, &killed, &injured, &r.Text, &r.Doc, &r.URL, &r.Outlet,
			&r.Published, &r.Mentions, &r.Articles, &r.Sources); err != nil {
			return nil, fmt.Errorf("pgstore: events: %w", err)
		}
		if killed != nil {
			k := int(*killed)
			r.Killed = &k
		}
		if injured != nil {
			i := int(*injured)
			r.Injured = &i
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: events: %w", err)
	}
	return out, nil
}

// likePrefix returns a LIKE pattern that matches strings beginning with s,
// with LIKE's special characters in s taken literally.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}
