// Package ingest turns raw inputs into articles for the pipeline: HTML pages
// (main text separated from boilerplate by readability, metadata from meta
// tags and JSON-LD), RSS, Atom and JSON feeds, WARC files (gzipped or not),
// JSON Lines and plain text. Read walks files, directories, stdin and URLs
// and hands over one sitrep.Article at a time.
//
// Bad input never stops a batch: a record that cannot be read is reported
// as an *InputError naming the input and the place (byte offset, line or
// item) and reading goes on with the next one. Plain UTF-8 text is checked
// by PlainText: an input that is empty, binary or not UTF-8 is refused.
//
// Every input is read within Reader.Limits (sitrep.Limits, the defaults
// unless set), enforced while reading: the bytes of a file, decompressed
// or not; the ratio of a gzip stream (a decompression bomb is refused
// after about a megabyte); the size of a record (page, feed, JSON line or
// element, WARC record); the items of a feed and the elements of a JSON
// array; the size of an article. Going over one is an *InputError wrapping
// a *sitrep.LimitError. See docs/limits.md.
package ingest
