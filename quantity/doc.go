// Package quantity finds the numbers of an article that count or measure
// something and fills Document.Quantities.
//
// A quantity is a number in digits or words ("2,500", "two", "a dozen",
// "1.5 million", "tens of thousands") with what comes with it: a hedge that
// makes it approximate ("about", "more than", "nearly", "dozens"), the
// counted noun as the unit, in its singular lemma ("about 2,500 American
// soldiers" has unit "soldier" and that whole phrase as its text), money
// ("$2.5 million": unit USD) and percentages (unit "percent"), and the
// entity counted when an entity mention lies inside the phrase.
//
// Numbers that are no quantities are left out: dates, times and durations
// (the when stage's spans), ordinals, clock times, years, and numbers that
// belong to names ("Apollo 11", "G7", "Resolution 1441").
//
// Casualty counts are marked: in "3 of its members were injured", "killed
// two commanders", "more than 700 killed", "the death toll rose to 12" or
// "left 5 dead" the quantity's Casualty is "killed" or "injured", for the
// event stage to attach to the event that caused them.
package quantity
