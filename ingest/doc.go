// Package ingest turns raw inputs into articles for the pipeline. Plain
// UTF-8 text is checked here: an input that is empty, binary or not UTF-8 is
// refused with an error that names it and the place of the problem.
package ingest
