// Package pgstore is sitrep's PostgreSQL store: a sitrep.Store that any
// number of workers on any number of machines share, through
// github.com/jackc/pgx/v5 (pgxpool). It holds what the SQLite store holds
// (sqlitestore), in the same shape, and passes the same conformance suite
// (storetest).
//
// Open applies the embedded migrations/NNN_*.sql in order, each in its own
// transaction recorded in schema_migrations, holding an advisory lock so
// that workers starting together migrate once. Tables live in the
// connection's current schema (search_path in the URL picks another):
//
//   - documents: id and hash (sitrep.TextID) UNIQUE, metadata, story,
//     fingerprint, text, the whole document as JSONB, and tsv, a generated
//     tsvector (title weight A, text weight B) with a GIN index;
//   - bands: the four 16-bit bands of each fingerprint (story.Bands), to
//     find near-duplicate candidates, confirmed by story.Resemblance;
//   - stories: clusters of near-duplicate articles;
//   - happenings: one row per story.Key with its Mentions, Articles and
//     Sources counts; happening_sources: which outlets reported each;
//   - event_mentions: each event of each document and its happening.
//
// Each Put is one transaction. The content hash is UNIQUE and inserted
// with ON CONFLICT DO NOTHING, so a queue that redelivers an article never
// stores it twice; documents that share a fingerprint band are serialized
// by an advisory lock, so that near-duplicates stored at the same moment
// still find each other; happenings are upserted (ON CONFLICT DO UPDATE) in
// id order, so concurrent workers that report the same happening add to its
// counts without losing an update or deadlocking.
//
// Search sanitizes the user's query (TSQuery) into websearch_to_tsquery
// terms, bounded as the SQLite store bounds them (sitrep.DefaultSearchLimits),
// ranks with ts_rank and marks snippets with ts_headline.
package pgstore
