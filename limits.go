package sitrep

import "fmt"

// Limits bound what sitrep reads and does for one input, so that memory and
// time stay bounded whatever the input. Every reader, command, the API and
// the queue take the same Limits (DefaultLimits unless configured), so an
// article that one path accepts is accepted by every other.
type Limits struct {
	// ArticleBytes is the largest article text (UTF-8 bytes) that is
	// extracted, stored or queued.
	ArticleBytes int64
	// RecordBytes is the largest single record read before extraction,
	// decompressed: one HTML page, one feed, one JSON document or line, one
	// WARC record's payload.
	RecordBytes int64
	// FileBytes is the most decompressed bytes read from one file, URL or
	// stream.
	FileBytes int64
	// CompressionRatio is the largest ratio of decompressed to compressed
	// bytes accepted once more than RecordBytes/16 have been decompressed:
	// above it the input is a decompression bomb. Real text compresses
	// about 3 to 10 times.
	CompressionRatio int64
	// FeedItems is the most items read from one RSS, Atom or JSON feed and
	// the most elements read from one JSON array.
	FeedItems int
	// BatchArticles is the most articles one API batch request may hold.
	BatchArticles int
}

// DefaultLimits are the limits sitrep uses unless told otherwise.
var DefaultLimits = Limits{
	ArticleBytes:     2 << 20,
	RecordBytes:      16 << 20,
	FileBytes:        1 << 30,
	CompressionRatio: 200,
	FeedItems:        10000,
	BatchArticles:    1000,
}

// OrDefault returns l with every zero field set from DefaultLimits.
func (l Limits) OrDefault() Limits {
	d := DefaultLimits
	if l.ArticleBytes <= 0 {
		l.ArticleBytes = d.ArticleBytes
	}
	if l.RecordBytes <= 0 {
		l.RecordBytes = d.RecordBytes
	}
	if l.FileBytes <= 0 {
		l.FileBytes = d.FileBytes
	}
	if l.CompressionRatio <= 0 {
		l.CompressionRatio = d.CompressionRatio
	}
	if l.FeedItems <= 0 {
		l.FeedItems = d.FeedItems
	}
	if l.BatchArticles <= 0 {
		l.BatchArticles = d.BatchArticles
	}
	return l
}

// LimitError says that an input went over one of the Limits.
type LimitError struct {
	Input string // the file, URL or request
	Where string // the record or item within it, if any
	Limit string // which limit: "article size", "record size", ...
	Max   int64  // the limit's value
	Got   int64  // what was seen (at least), when known
}

// Error names the input, the place and the limit.
func (e *LimitError) Error() string {
	where := e.Input
	if e.Where != "" {
		where += " " + e.Where
	}
	if e.Got > 0 {
		return fmt.Sprintf("%s: %s %d over the limit of %d", where, e.Limit, e.Got, e.Max)
	}
	return fmt.Sprintf("%s: %s over the limit of %d", where, e.Limit, e.Max)
}

// CheckArticle returns a *LimitError when text is larger than
// l.ArticleBytes, naming input.
func (l Limits) CheckArticle(input string, text string) error {
	max := l.OrDefault().ArticleBytes
	if int64(len(text)) > max {
		return &LimitError{Input: input, Limit: "article size in bytes", Max: max, Got: int64(len(text))}
	}
	return nil
}
