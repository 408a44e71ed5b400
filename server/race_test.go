//go:build race

package server

// raceEnabled: the race detector slows the work tenfold, past the time
// budgets of the hostile cases.
const raceEnabled = true
