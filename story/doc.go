// Package story holds the logic every sitrep.Store implementation shares, so
// that the embedded SQLite store and the PostgreSQL store group articles and
// events the same way:
//
//   - near-duplicate detection: Fingerprint sketches a text in 64 bits, Bands
//     splits a sketch into the four 16-bit keys a store indexes to find
//     candidate near-duplicates, and Resemblance verifies a candidate on the
//     texts themselves;
//   - happenings: Records flattens a document's events into
//     sitrep.EventRecords, and Key names the real-world happening an event
//     reports, so that one happening reported by several articles is one
//     record, as GDELT counts them;
//   - SourceKey names the outlet a document counts for.
//
// The package imports only sitrep and the standard library.
package story
