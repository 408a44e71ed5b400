// Package event codes the events a news article tells: who did what to
// whom, as CAMEO event codes (2 to 4 digits) with their source and target
// actors, Goldstein value, quad class, PLOVER type and ACLED event type, and
// when, where and with how many casualties each happened.
//
// Coding works from the text alone, with no parser: patterns over tokens
// (a verb with the words that follow it, a noun such as "air strike" or
// "talks", a fixed phrase) find the trigger; the clause around it gives the
// actors (the entities that earlier stages found): the nearest actor before
// a verb is its source, the first one after it its target, with passives,
// compound subjects, pronouns and prepositional phrases ("talks with X",
// "an attack on X", "by X") handled. sitrep's own pattern dictionary is the
// readable text file data/patterns.txt, embedded; users may add PETRARCH or
// TABARI verb dictionaries (package dict) with Stage.AddVerbs.
//
// The CAMEO code table (descriptions, Goldstein values) is generated from
// GDELT 2.0's lookup files by go generate (see gen/).
package event
