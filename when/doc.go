// Package when finds time expressions in an article and normalizes them to
// TIMEX3 (TimeML) types and values, resolved against the article's
// publication date.
//
// The Stage fills Document.Times. Each time expression gets a type (DATE,
// TIME, DURATION or SET) and a value: "Monday evening" in a report of
// 2021-07-27 is 2021-07-26TEV, "March 2003" is 2003-03, "two weeks" is P2W,
// "every Friday" is XXXX-WXX-5, "recently" is PAST_REF. A weekday or a
// month named without a year is the one before the publication date in a
// past-tense clause and the one after it in a future-tense clause. Without a
// publication date, relative expressions stay underspecified ("XXXX-WXX-1")
// rather than invented.
//
// Extents follow the TimeML guidelines: prepositions are left out ("on
// Sunday" yields "Sunday"), while determiners and modifiers that belong to
// the expression stay in ("the end of the year", "more than two years",
// "two years ago").
//
// Precision reports how fine a value is ("day", "month", "year" ...), for
// event dates.
package when
