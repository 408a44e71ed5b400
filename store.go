package sitrep

import (
	"context"
	"errors"
)

// Article is one news article as an input reader found it, before
// extraction: its text and whatever metadata the format carried. Origin says
// where it came from ("feed.xml#item 3", "cc.warc.gz@81234") so that errors
// and logs can point back at it.
type Article struct {
	ID, URL, Title, Outlet, Byline string
	Published                      string // ISO 8601 date or date-time, or empty
	Text                           string
	Origin                         string
	// Language is the language the source declares (an HTML page's lang,
	// a feed's language), ISO 639-1 ("fr"), or empty.
	Language string
}

// ErrNotFound is returned by a Store when the document asked for is not
// stored.
var ErrNotFound = errors.New("not found")

// Store keeps extracted documents and the events they report, searchable.
// The embedded SQLite store (sqlitestore) is the default; a PostgreSQL store
// serves the same interface when several machines share one corpus. Every
// implementation is safe for concurrent use.
type Store interface {
	// Put stores one document, keyed by its content hash (TextID of its
	// text): a document whose text is already stored is not stored again
	// and Put reports Added false. Put links a near-duplicate of a stored
	// article to that article's story, and folds each of the document's
	// events into the happening it reports (see EventKey). A document is
	// stored entirely or not at all.
	Put(ctx context.Context, doc *Document) (PutResult, error)
	// Has reports whether a document with this content hash is stored, so
	// that callers can skip extracting it again.
	Has(ctx context.Context, hash string) (bool, error)
	// Get returns the stored document with this id (or content hash), or
	// an error wrapping ErrNotFound.
	Get(ctx context.Context, id string) (*Document, error)
	// Search runs a full-text query over titles and texts, best first.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// Events lists happenings that match the filter, newest first.
	Events(ctx context.Context, f EventFilter) ([]EventRecord, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (StoreStats, error)
	Close() error
}

// PutResult says what Put did with a document.
type PutResult struct {
	ID      string // the stored document's id
	Added   bool   // false when its content was already stored
	Story   string // id of the story (cluster of near-duplicate articles) it joined
	Events  int    // events of the document stored
	NewHaps int    // of those, events that began a new happening
}

// SearchQuery is a full-text query. Query uses the store's query syntax
// (words are ANDed; "quoted phrases"; OR). Limit 0 means 20.
type SearchQuery struct {
	Query  string
	Limit  int
	Offset int
}

// SearchHit is one document found by Search.
type SearchHit struct {
	ID        string  `json:"id"`
	Title     string  `json:"title,omitempty"`
	URL       string  `json:"url,omitempty"`
	Outlet    string  `json:"outlet,omitempty"`
	Published string  `json:"published,omitempty"`
	Story     string  `json:"story"`
	Snippet   string  `json:"snippet"`
	Score     float64 `json:"score"`
}

// EventFilter selects happenings. Empty fields match everything. Actor
// matches either side's CAMEO code by prefix ("IRQ" matches IRQGOV) or its
// name, case-insensitively; Root is a CAMEO root ("19"); CAMEO a code prefix;
// From and To bound the event date (YYYY-MM-DD, inclusive); Place matches the
// place name, its first-level division or its country code; Modality one of
// asserted, negated, future, possible; Doc only happenings one document
// reports. Limit 0 means 100.
type EventFilter struct {
	Actor, Root, CAMEO string
	From, To           string
	Place              string
	Modality           string
	Doc                string
	Limit, Offset      int
}

// EventRecord is one happening: every event, in every stored article, that
// reports the same action by the same actors on the same day at the same
// place (see EventKey). Its fields come from the first article that
// reported it; Mentions, Articles and Sources count how often, in how many
// articles and by how many outlets it was reported, as GDELT counts them.
type EventRecord struct {
	ID            string   `json:"id"`
	Date          string   `json:"date,omitempty"`
	DatePrecision string   `json:"date_precision,omitempty"`
	CAMEO         string   `json:"cameo"`
	Root          string   `json:"root"`
	QuadClass     int      `json:"quad_class"`
	Goldstein     float64  `json:"goldstein"`
	PLOVER        string   `json:"plover,omitempty"`
	ACLEDType     string   `json:"acled_type,omitempty"`
	ACLEDSubtype  string   `json:"acled_subtype,omitempty"`
	Modality      string   `json:"modality"`
	Source        string   `json:"source,omitempty"` // actor name
	SourceCode    string   `json:"source_code,omitempty"`
	Target        string   `json:"target,omitempty"`
	TargetCode    string   `json:"target_code,omitempty"`
	Place         string   `json:"place,omitempty"`
	Country       string   `json:"country,omitempty"` // ISO 3166-1 alpha-2 of the place
	Admin1        string   `json:"admin1,omitempty"`
	Lat           *float64 `json:"lat,omitempty"`
	Lon           *float64 `json:"lon,omitempty"`
	GeoPrecision  string   `json:"geo_precision,omitempty"`
	Killed        *int     `json:"killed"`
	Injured       *int     `json:"injured"`
	Text          string   `json:"text"` // the sentence of the first report
	Doc           string   `json:"doc"`  // the first reporting document
	URL           string   `json:"url,omitempty"`
	Outlet        string   `json:"outlet,omitempty"`
	Published     string   `json:"published,omitempty"`
	Mentions      int      `json:"mentions"`
	Articles      int      `json:"articles"`
	Sources       int      `json:"sources"`
}

// StoreStats counts what a store holds.
type StoreStats struct {
	Documents  int `json:"documents"`
	Stories    int `json:"stories"`
	Events     int `json:"events"`     // event mentions over all documents
	Happenings int `json:"happenings"` // distinct happenings
}
