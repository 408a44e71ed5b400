// Package sitrep holds the document contract shared by every stage of the
// sitrep pipeline: the Document a news article becomes, and the entities,
// places, times, quantities, quotes and events found in it.
//
// The package imports only the standard library. Stages (text, entity, when,
// quantity, place, quote, event) fill a Document in order; the pipeline
// package wires them together.
//
// Offsets: while the pipeline runs, every Start/End is a byte offset into
// Document.Text, which is what Go strings index cheaply. Before a document is
// written, ToRuneOffsets converts every span, once, into the contract's
// code-point offsets (see ../shared/spec/document.md).
package sitrep

import (
	"crypto/sha256"
	"encoding/hex"
)

// Document is one article and everything sitrep read in it. Its JSON form is
// the output contract, version 1.
type Document struct {
	ID         string     `json:"id"`
	URL        string     `json:"url,omitempty"`
	Title      string     `json:"title,omitempty"`
	Outlet     string     `json:"outlet,omitempty"`
	Byline     string     `json:"byline,omitempty"`
	Published  string     `json:"published,omitempty"`
	Language   string     `json:"language"`
	Text       string     `json:"text"`
	Dateline   *Span      `json:"dateline,omitempty"`
	Sentences  []Span     `json:"sentences"`
	Entities   []Entity   `json:"entities"`
	Places     []Place    `json:"places"`
	Times      []Time     `json:"times"`
	Quantities []Quantity `json:"quantities"`
	Quotes     []Quote    `json:"quotes"`
	// Attributions is everything the learned attribution model reads as
	// attributed to someone, as PolNeAR's annotators mark it: what was
	// said, and also beliefs, stances, demands, intentions and acts told
	// as someone's ("worried that", "called it a disgrace", "pledged
	// to"), ids A1, A2, ... Quotes is the stricter list of what someone
	// said; most of its items are here too. Empty when the quote stage ran
	// its hand-written rules alone.
	Attributions []Quote `json:"attributions,omitempty"`
	Events       []Event `json:"events"`
	// Errors lists the stages that failed on this article; the document
	// then holds what the stages before them found. Empty when all ran.
	Errors []StageError `json:"errors,omitempty"`

	// RuneOffsets is true once ToRuneOffsets has run: offsets are then code
	// points, as the contract says. It is not part of the JSON form.
	RuneOffsets bool `json:"-"`
}

// StageError is a stage's failure on one article: the stage's name and
// what went wrong.
type StageError struct {
	Stage   string `json:"stage"`
	Message string `json:"message"`
}

// Error returns "stage NAME: MESSAGE".
func (e *StageError) Error() string { return "stage " + e.Stage + ": " + e.Message }

// Span is a stretch of Document.Text, End exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Mention is one place an entity is named.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is one real-world thing with all its mentions merged.
type Entity struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Mentions []Mention `json:"mentions"`
	Code     string    `json:"code,omitempty"`
	Country  string    `json:"country,omitempty"`
}

// Place is a geocoded location that resolves an entity.
type Place struct {
	ID        string  `json:"id"`
	Entity    string  `json:"entity"`
	Name      string  `json:"name"`
	Country   string  `json:"country,omitempty"`
	Admin1    string  `json:"admin1,omitempty"`
	Feature   string  `json:"feature,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid,omitempty"`
}

// Time is a normalized time expression (TIMEX3).
type Time struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Time types of TIMEX3.
const (
	TimeDate     = "DATE"
	TimeTime     = "TIME"
	TimeDuration = "DURATION"
	TimeSet      = "SET"
)

// Quantity is a number that counts or measures something.
type Quantity struct {
	ID          string  `json:"id"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Text        string  `json:"text"`
	Value       float64 `json:"value"`
	Approximate bool    `json:"approximate"`
	Unit        string  `json:"unit,omitempty"`
	Entity      string  `json:"entity,omitempty"`
	// Casualty is "killed" or "injured" when the quantity counts casualties.
	Casualty string `json:"casualty,omitempty"`
}

// Quote is what someone said, with who said it.
type Quote struct {
	ID          string  `json:"id"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Text        string  `json:"text"`
	Speaker     *string `json:"speaker"`
	SpeakerText string  `json:"speaker_text"`
	SpeakerSpan *Span   `json:"speaker_span,omitempty"`
	Cue         string  `json:"cue"`
	CueSpan     *Span   `json:"cue_span,omitempty"`
	Direct      bool    `json:"direct"`
}

// Event is who did what to whom, coded in CAMEO.
type Event struct {
	ID         string  `json:"id"`
	Sentence   int     `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Source     *string `json:"source"`
	Target     *string `json:"target"`
	SourceCode string  `json:"source_code,omitempty"`
	TargetCode string  `json:"target_code,omitempty"`
	// SourceText and TargetText are the words naming the participants in
	// the sentence ("mutineers", "Hamas"), also when they are no entity
	SourceText string `json:"source_text,omitempty"`
	TargetText string `json:"target_text,omitempty"`
	// SourceSpan and TargetSpan are where SourceText and TargetText are
	// in the text, when the event's sentence names them
	SourceSpan    *Span   `json:"source_span,omitempty"`
	TargetSpan    *Span   `json:"target_span,omitempty"`
	CAMEO         string  `json:"cameo"`
	Root          string  `json:"root"`
	QuadClass     int     `json:"quad_class"`
	Goldstein     float64 `json:"goldstein"`
	PLOVER        string  `json:"plover,omitempty"`
	Date          string  `json:"date,omitempty"`
	DatePrecision string  `json:"date_precision,omitempty"`
	Place         *string `json:"place"`
	GeoPrecision  string  `json:"geo_precision,omitempty"`
	Modality      string  `json:"modality"`
	Attribution   *string `json:"attribution"`
	Killed        *int    `json:"killed"`
	Injured       *int    `json:"injured"`
	ACLEDType     string  `json:"acled_type,omitempty"`
	ACLEDSubtype  string  `json:"acled_subtype,omitempty"`
	Rule          string  `json:"rule"`
}

// Modalities of events and statements.
const (
	Asserted = "asserted"
	Negated  = "negated"
	Future   = "future"
	Possible = "possible"
)

// Entity types (OntoNotes names).
const (
	Person   = "PERSON"
	Org      = "ORG"
	GPE      = "GPE"
	Loc      = "LOC"
	Fac      = "FAC"
	NORP     = "NORP"
	EventEnt = "EVENT"
	Product  = "PRODUCT"
	Law      = "LAW"
	Work     = "WORK_OF_ART"
	Language = "LANGUAGE"
)

// TextID returns the contract's default id of a text: the first 16 hex
// digits of its SHA-256.
func TextID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}

// NewDocument returns an empty document for text, with its default id and
// language "en", ready for the pipeline. Empty slices (not nil) make every
// list field appear in JSON.
func NewDocument(text string) *Document {
	return &Document{
		ID:         TextID(text),
		Language:   "en",
		Text:       text,
		Sentences:  []Span{},
		Entities:   []Entity{},
		Places:     []Place{},
		Times:      []Time{},
		Quantities: []Quantity{},
		Quotes:     []Quote{},
		Events:     []Event{},
	}
}

// Ptr returns a pointer to s; handy for the optional id fields.
func Ptr(s string) *string { return &s }
