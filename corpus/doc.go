// Package corpus runs the pipeline over many articles and keeps the results
// in a sitrep.Store: the step that `sitrep ingest` runs on one machine and
// each queue worker runs at scale. An article whose text is already stored
// is not extracted again, so ingesting twice stores nothing twice and a run
// cut short can simply be run again.
package corpus
