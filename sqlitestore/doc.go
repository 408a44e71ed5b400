// Package sqlitestore is sitrep's embedded store: a sitrep.Store in one
// SQLite file, through modernc.org/sqlite (pure Go, no cgo).
//
// The file is in WAL mode with synchronous=NORMAL and a busy timeout: readers
// never wait for the writer, and each Put is one transaction taken with
// BEGIN IMMEDIATE, so a process killed mid-ingest leaves every document
// either fully stored (document, full-text entry, fingerprint bands, story,
// happenings and event mentions) or absent, and several processes may write
// to one file. Within a process, writes go through one connection; searches
// and event lists share eight reader connections, and short lookups (Has,
// Get, Stats) have two of their own, so that long searches never keep them
// waiting. Search bounds each query (sitrep.DefaultSearchLimits) and stops,
// interrupting SQLite, when its context ends.
//
// The schema is versioned with PRAGMA user_version; migrations/NNN_*.sql are
// embedded and applied in order by Open. Tables:
//
//   - documents: id, hash (sitrep.TextID, unique), url, title, outlet,
//     published, story, fingerprint, text, json (the whole document,
//     zlib-compressed JSON), added_at;
//   - documents_fts: FTS5 over title and text (bm25 ranking, snippet());
//   - bands: the four 16-bit bands of each fingerprint (story.Bands), to
//     find near-duplicate candidates, confirmed by story.NearDuplicate;
//   - stories: clusters of near-duplicate articles;
//   - happenings: one row per story.Key, with the fields of its first
//     report and its Mentions, Articles and Sources counts;
//   - happening_sources: which outlets (story.SourceKey) reported each;
//   - event_mentions: each event of each document and its happening.
//
// DefaultPath says where the store lives when none is named.
package sqlitestore
