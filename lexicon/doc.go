// Package lexicon is the one owner of sitrep's English word lists: readable
// data files in data/, embedded, each list in one place. It imports nothing
// of the project.
//
// data/roles.tsv, numbers.tsv, modality.tsv and participles.txt are tables
// with loaders of their own (LoadRoles, LoadNumbers, LoadModalWords,
// IsParticiple). The closed word lists of the stages are in data/words/:
// one file per stage (text.txt, entity.txt, event.txt, quote.txt,
// when.txt, quantity.txt, place.txt) and shared.txt for the lists more
// than one stage reads.
//
// # Word list files
//
// A file is a run of sections, each a header line and the lines of its
// list:
//
//	# comment lines start with #; blank lines are skipped
//	[event.place-prepositions]
//	# what the list is: the first line after a header must be a comment
//	in at near across inside outside
//	around throughout from
//
// A list's name starts with its file's name and a dot ("event." in
// event.txt, "shared." in shared.txt); it holds lower-case letters, digits,
// '-' and '.'. The header names the kind of the list:
//
//	[name]          words, separated by white space, any number a line
//	[name phrases]  one phrase a line ("more than", "north america")
//	[name values]   "key, key = value" lines: each key (a word or phrase)
//	                maps to the value ("fall, autumn = FA")
//	[name numbers]  like values, with whole numbers ("sep, sept = 9")
//
// Words are matched as written, so lists of capitalized words ("President")
// hold them capitalized. A list may not be empty nor hold an entry twice.
// Where one stage reads a shared list and a few words more, it reads the
// union of the shared list and one of its own ("shared.be-forms" and
// "event.be-forms"); a list kept apart from a like one in another stage
// says why in its comment.
//
// # Reading the lists
//
// LoadWordLists reads and checks every file once and returns the first
// error, naming the file and line. A stage reads its lists into package
// variables with Words, Phrases, Values or Numbered, which never fail: a
// list that does not load or is missing reads as empty, and WordsErr says
// why. Each stage's Run returns WordsErr before it works, as it returns
// LoadNumbers' error. The package's tests check that every list a stage
// asks for exists with the kind it asks for, and that every list is read.
package lexicon
