package when

import (
	"maps"

	"sitrep/lexicon"
	"sitrep/text"
)

// lexicon of the words time expressions are built from: the lists of
// lexicon/data/words (when.txt, shared.txt) and the shared number words.
// Stage.Run returns lexicon.WordsErr before any is read.

var months = text.Months

// weekdays maps names to ISO weekday numbers (Monday 1 ... Sunday 7).
var weekdays = func() map[string]int {
	m := lexicon.Numbered("shared.weekdays")
	maps.Copy(m, lexicon.Dotted(lexicon.Numbered("shared.weekday-abbrevs")))
	return m
}()

// weekdaysPlural are the plural forms that make a SET ("on Fridays").
var weekdaysPlural = lexicon.Numbered("when.weekday-plurals")

// partsOfDay maps parts of the day to their TIMEX3 codes.
var partsOfDay = lexicon.Values("when.parts-of-day")

// seasons maps the seasons to their TIMEX3 codes.
var seasons = lexicon.Values("when.seasons")

// unit is a calendar unit a duration counts.
type unit struct {
	code string  // TIMEX3 duration letter: Y M W D H (time) M (time) S (time), Q, E (decade)
	mult float64 // how many of code one unit is: a decade is 10 Y
	time bool    // a time unit: PT...
	gran string  // granularity of "N units ago": year, month, week, day, time
}

// units maps the unit words to what they count. A table of TIMEX3 codes,
// multipliers and granularities, it stays beside the code that reads it.
var units = map[string]unit{
	"second": {"S", 1, true, "time"}, "seconds": {"S", 1, true, "time"},
	"minute": {"M", 1, true, "time"}, "minutes": {"M", 1, true, "time"},
	"hour": {"H", 1, true, "time"}, "hours": {"H", 1, true, "time"},
	"day": {"D", 1, false, "day"}, "days": {"D", 1, false, "day"},
	"night": {"D", 1, false, "day"}, "nights": {"D", 1, false, "day"},
	"week": {"W", 1, false, "week"}, "weeks": {"W", 1, false, "week"},
	"fortnight": {"W", 2, false, "week"}, "fortnights": {"W", 2, false, "week"},
	"weekend": {"WE", 1, false, "week"}, "weekends": {"WE", 1, false, "week"},
	"month": {"M", 1, false, "month"}, "months": {"M", 1, false, "month"},
	"quarter": {"Q", 1, false, "quarter"}, "quarters": {"Q", 1, false, "quarter"},
	"year": {"Y", 1, false, "year"}, "years": {"Y", 1, false, "year"},
	"decade": {"Y", 10, false, "decade"}, "decades": {"Y", 10, false, "decade"},
	"century": {"Y", 100, false, "century"}, "centuries": {"Y", 100, false, "century"},
	"millennium": {"Y", 1000, false, "century"}, "millennia": {"Y", 1000, false, "century"},
}

// numberWord returns the value of a number word durations are counted
// with ("two", "a", "half", "dozen", "hundred"), from the shared table
// (lexicon/data/numbers.tsv); Stage.Run returns its loading error first.
func numberWord(w string) (float64, bool) {
	n, err := lexicon.LoadNumbers()
	if err != nil {
		return 0, false
	}
	return n.Value(w, durationCounts)
}

// durationCounts are the kinds of number words durations are counted with.
const durationCounts = lexicon.Cardinal | lexicon.Scale | lexicon.Dozen | lexicon.Informal

// numberTriggers returns the number words a duration may start with.
func numberTriggers() []string {
	n, err := lexicon.LoadNumbers()
	if err != nil {
		return nil // Stage.Run returns the error
	}
	return n.Words(durationCounts)
}

// vagueCounts count an unknown number of units: "several years" is PXY.
var vagueCounts = lexicon.Words("when.vague-counts")

// ordinals maps ordinal words and numbers to their values ("first", "21st").
var ordinals = lexicon.Numbered("when.ordinals")

// approxPrefixes come before durations and are part of the expression
// ("more than two years"); the value is unchanged.
var approxPrefixes = lexicon.Phrases("shared.approximators", "when.approximators")

// measureUnits are units a rate "per hour" or "per day" divides, which makes
// it a measure rather than a time.
var measureUnits = lexicon.Words("when.rate-units")

// futureCues and pastCues decide the tense of a clause.
var (
	futureCues = lexicon.Words("when.future-cues")
	pastCues   = lexicon.Words("when.past-cues")
)

// notPastEd are words in -ed that are no past verbs.
var notPastEd = lexicon.Words("when.not-past-ed")
