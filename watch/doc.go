// Package watch polls news feeds and sitemaps and ingests the articles that
// are new since the last poll, as GDELT-style monitoring does day to day.
//
// A Watcher polls each Feed at its interval (with jitter), one request at a
// time per host with a minimum delay between requests to the same host. A
// poll is a conditional GET (If-None-Match, If-Modified-Since with the
// validators of the last answer): 304 Not Modified costs nothing. A 200
// answer is read within sitrep.Limits (the body requested gzipped and
// decompressed through a guard against decompression bombs) and is either
//
//   - an RSS, Atom or JSON feed, read with ingest.Reader.ReadFeed: each item
//     is an article (with FetchPages, the item's linked page is fetched and
//     read with the ingest HTML reader instead), or
//   - a sitemap (<urlset>, with Google News publication dates and titles
//     when present) or a sitemap index (<sitemapindex>, whose child
//     sitemaps are fetched conditionally as well): each URL is a page,
//     fetched and read with the ingest HTML reader.
//
// Only new items are ingested: the State remembers, per feed, the
// validators, the schedule and back-off, and the items seen (by guid, else
// link) with the time they were first and last seen; it is saved atomically
// (a temporary file renamed over the old one) after every poll, so that a
// restarted watcher ingests nothing twice. The store deduplicates by text
// hash as well. The seen set is bounded: entries no longer in the feed are
// dropped after Options.SeenMaxAge, and at most Options.SeenMax are kept.
//
// Errors back off exponentially (Options.MinBackoff doubling up to
// Options.MaxBackoff) and a Retry-After is honoured (up to
// Options.MaxRetryAfter), for the feed and, on a 429 or 503, for every
// request to its host. A feed that fails never stops the others.
//
// Time and randomness come from Options.Clock and Options.Rand, and HTTP
// from Options.Client, so that tests run fast and deterministically. Each
// poll is logged with log/slog. robots.txt is not consulted.
package watch
