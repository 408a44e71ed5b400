// Package storetest is the conformance suite every sitrep.Store
// implementation runs, so that the embedded SQLite store and the PostgreSQL
// store behave alike:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) sitrep.Store { ... a fresh, empty store ... })
//	}
//
// Run builds its documents with the real pipeline (pipeline.Default) from
// the example articles in ../examples and, when present, the reference
// article ../../shared/articles/iraq-2021-07-27.txt, and checks Put, Has,
// Get, Search, Events and Stats against an in-memory model of what a store
// must hold (story.Records and story.Key group events into happenings).
//
// Contract details the suite pins down, beyond the sitrep.Store comments:
//
//   - Put of a text already stored returns Added false, the stored
//     document's ID and Story, Events 0 and NewHaps 0, and changes nothing.
//   - A near-duplicate (story.Fingerprint bands, confirmed by
//     story.NearDuplicate) joins the story of the stored article it
//     resembles most; any other article begins a story whose id is its own
//     document id.
//   - A happening's fields are those of the first article that reported it;
//     Mentions counts its events over all articles, Articles the documents,
//     Sources the distinct story.SourceKey of those documents.
//   - Get returns the document deep-equal, JSON-wise, to what was Put, with
//     RuneOffsets true.
//   - Search never fails on user input (NUL, control characters and invalid
//     UTF-8 included; Events filters likewise): the query is sanitized (terms and
//     "phrases" quoted, an unbalanced quote closed, OR kept between terms,
//     other operators taken as words); an empty query finds nothing. Hits
//     come best first (Score non-increasing) with a snippet.
//   - Events come newest first: Date descending, then ID ascending; Actor
//     matches a code by case-insensitive prefix or a name equal to it
//     ignoring case; Place matches name, admin1 or country ignoring case;
//     Root equals; CAMEO is a prefix; From and To compare the first 10
//     characters of Date and exclude undated happenings.
//
// Corpus generates articles for benchmarks.
package storetest
