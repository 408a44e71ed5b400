package lexicon

// Check loads every embedded table and word list of the package (roles,
// number words, modal words, person nouns, the stages' word lists, including those
// asked for so far) and returns the first error. Each loads once, so a
// stage calls Check at the start of every Run at no cost.
func Check() error {
	if _, err := LoadRoles(); err != nil {
		return err
	}
	if _, err := LoadNumbers(); err != nil {
		return err
	}
	if _, err := LoadModalWords(); err != nil {
		return err
	}
	if _, err := LoadPersons(); err != nil {
		return err
	}
	return WordsErr()
}
