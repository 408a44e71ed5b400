// Package annot is sitrep's corpus of real news read by people: sentences
// annotated with the events they report (CAMEO code, PLOVER and ACLED type,
// mode, source and target with actor codes, casualties, place and time), by
// the manual in docs/annotation.md, and whole real articles with gold
// readings in the reference format. It loads and validates the records,
// measures agreement between annotators and scores sitrep against them.
//
// Texts whose licence allows it (Voice of America, public domain) are kept
// in the records; the others are stand-off: a record names its file under
// ../shared/eval and the part of it (Sources), and the text is read from
// there.
package annot
