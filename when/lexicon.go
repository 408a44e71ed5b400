package when

import "sitrep/lexicon"

import "sitrep/text"

// lexicon of the words time expressions are built from.

var months = text.Months

// weekdays maps names to ISO weekday numbers (Monday 1 ... Sunday 7).
var weekdays = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
	"mon.": 1, "tue.": 2, "tues.": 2, "wed.": 3, "thu.": 4, "thur.": 4, "thurs.": 4, "fri.": 5, "sat.": 6, "sun.": 7,
}

// weekdaysPlural are the plural forms that make a SET ("on Fridays").
var weekdaysPlural = map[string]int{
	"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
}

// partsOfDay maps parts of the day to their TIMEX3 codes.
var partsOfDay = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
	"mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI",
	"overnight": "NI", "midday": "MI", "dawn": "MO", "daybreak": "MO", "dusk": "EV",
}

var seasons = map[string]string{
	"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

// unit is a calendar unit a duration counts.
type unit struct {
	code string  // TIMEX3 duration letter: Y M W D H (time) M (time) S (time), Q, E (decade)
	mult float64 // how many of code one unit is: a decade is 10 Y
	time bool    // a time unit: PT...
	gran string  // granularity of "N units ago": year, month, week, day, time
}

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
var vagueCounts = map[string]bool{
	"several": true, "few": true, "many": true, "some": true, "numerous": true,
	"countless": true, "recent": true, "coming": true, "next": true, "past": true, "last": true,
}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
	"twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27,
	"twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
	"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9,
	"10th": 10, "11th": 11, "12th": 12, "13th": 13, "14th": 14, "15th": 15, "16th": 16,
	"17th": 17, "18th": 18, "19th": 19, "20th": 20, "21st": 21, "22nd": 22, "23rd": 23,
	"24th": 24, "25th": 25, "26th": 26, "27th": 27, "28th": 28, "29th": 29, "30th": 30, "31st": 31,
}

// approxPrefixes come before durations and are part of the expression
// ("more than two years"); the value is unchanged.
var approxPrefixes = [][]string{
	{"no", "more", "than"}, {"no", "less", "than"}, {"more", "than"}, {"less", "than"}, {"fewer", "than"},
	{"at", "least"}, {"at", "most"}, {"up", "to"}, {"nearly"}, {"almost"}, {"about"}, {"around"},
	{"roughly"}, {"approximately"}, {"some"}, {"well", "over"}, {"just", "over"}, {"just", "under"},
}

// pastCues and futureCues decide the tense of a clause.
// measureUnits are units a rate "per hour" or "per day" divides, which makes
// it a measure rather than a time.
var measureUnits = map[string]bool{
	"kilometers": true, "kilometres": true, "km": true, "miles": true, "meters": true, "metres": true,
	"feet": true, "knots": true, "liters": true, "litres": true, "gallons": true, "barrels": true,
	"tons": true, "tonnes": true, "kilograms": true, "kg": true, "pounds": true, "dollars": true,
	"cents": true, "euros": true, "mph": true, "kph": true, "km/h": true, "inches": true, "millimeters": true,
	"millimetres": true, "mm": true, "centimeters": true, "centimetres": true, "cm": true,
}

var futureCues = map[string]bool{
	"will": true, "would": true, "'ll": true, "\u2019ll": true, "shall": true, "wo": true,
	"plans": true, "plan": true, "planning": true, "scheduled": true,
	"upcoming": true, "next": true, "due": true, "going": true, "tomorrow": true,
	"slated": true, "set": true,
}

var pastCues = map[string]bool{
	"was": true, "were": true, "had": true, "did": true, "said": true, "told": true,
	"ago": true, "last": true, "yesterday": true, "earlier": true, "went": true, "came": true,
	"met": true, "took": true, "gave": true, "made": true, "held": true, "left": true,
	"began": true, "led": true, "fought": true, "struck": true, "saw": true, "got": true,
	"won": true, "lost": true, "sent": true, "spoke": true, "wrote": true, "brought": true,
	"became": true, "fell": true, "rose": true, "found": true, "thought": true, "knew": true,
	"ran": true, "broke": true, "chose": true, "stood": true, "kept": true, "shot": true,
	"hit": true, "fled": true, "flew": true, "drove": true, "paid": true, "sold": true,
	"bought": true, "since": true, "previous": true,
}

// notPastEd are words in -ed that are no past verbs.
var notPastEd = map[string]bool{
	"need": true, "speed": true, "feed": true, "seed": true, "bed": true, "red": true, "shed": true,
	"united": true, "indeed": true, "hundred": true, "scheduled": true, "expected": true,
	"planned": true, "proposed": true, "intended": true, "designed": true, "supposed": true,
	"based": true, "related": true, "armed": true, "led": true, "limited": true, "concerned": true,
	"interested": true, "advanced": true, "detailed": true, "sacred": true, "wicked": true,
}
