// Package entity is the entity stage of sitrep: it tags names with the
// embedded NER model (package entity/ner), adds names from general lists
// (countries, nationalities, well-known organizations) and collective
// actors ("the Iraqi government", "US forces"), types them in OntoNotes'
// scheme (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW), merges the mentions
// of one real-world thing into one entity, and gives each actor its CAMEO
// code (country + sector) from the role words around it.
//
// Its lists are readable files written from general knowledge: the role
// words and their sectors are the shared table of package lexicon
// (lexicon/data/roles.tsv); data/orgs.tsv lists organizations, acronyms
// and codes.
package entity
