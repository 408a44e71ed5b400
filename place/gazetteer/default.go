package gazetteer

import (
	"sync"

	"sitrep/place/gazetteer/data"
)

var (
	defOnce sync.Once
	def     *Gazetteer
	defErr  error
)

// Default returns the embedded gazetteer, loaded once.
func Default() (*Gazetteer, error) {
	defOnce.Do(func() { def, defErr = Load(data.Bin) })
	return def, defErr
}
