package place

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"sitrep/place/model"
)

// Model is a trained ranker of a name's gazetteer candidates: a weight per
// hashed feature, a candidate's score the sum of its features' weights
// times their values. The zero Model scores every candidate 0.
type Model struct {
	w map[uint32]float32
}

// modelMagic starts a model file: "SPR1", then the feature count (uint32),
// then each feature's hash (uint32) and weight (float32), hashes in
// increasing order, all little-endian.
const modelMagic = "SPR1"

// maxModelFeatures bounds the features a model file may declare.
const maxModelFeatures = 1 << 22

// Features returns how many features the model holds weights for.
func (m *Model) Features() int { return len(m.w) }

// weight returns the weight of feature f, 0 when the model lacks it.
func (m *Model) weight(f uint32) float32 { return m.w[f] }

// ReadModel reads a model written by Model.WriteTo.
func ReadModel(b []byte) (*Model, error) {
	if len(b) < 8 || string(b[:4]) != modelMagic {
		return nil, errors.New("place model: not a model file")
	}
	le := binary.LittleEndian
	n := int(le.Uint32(b[4:]))
	if n > maxModelFeatures || len(b) != 8+8*n {
		return nil, fmt.Errorf("place model: %d features in %d bytes", n, len(b))
	}
	m := &Model{w: make(map[uint32]float32, n)}
	prev := uint32(0)
	for i := range n {
		r := b[8+8*i:]
		f, w := le.Uint32(r), math.Float32frombits(le.Uint32(r[4:]))
		if i > 0 && f <= prev {
			return nil, fmt.Errorf("place model: feature %d out of order", i)
		}
		if math.IsNaN(float64(w)) || math.IsInf(float64(w), 0) {
			return nil, fmt.Errorf("place model: feature %d has weight %v", i, w)
		}
		m.w[f], prev = w, f
	}
	return m, nil
}

// WriteTo writes the model (see ReadModel): the same weights give the same
// bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	keys := make([]uint32, 0, len(m.w))
	for f := range m.w {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	buf.WriteString(modelMagic)
	le := binary.LittleEndian
	buf.Write(le.AppendUint32(nil, uint32(len(keys))))
	for _, f := range keys {
		buf.Write(le.AppendUint32(nil, f))
		buf.Write(le.AppendUint32(nil, math.Float32bits(m.w[f])))
	}
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// DefaultModel returns the embedded resolver (package place/model), loaded
// once; the error says why it does not load.
func DefaultModel() (*Model, error) { return loadDefault() }

var loadDefault = sync.OnceValues(func() (*Model, error) {
	m, err := ReadModel(model.Places)
	if err != nil {
		return nil, fmt.Errorf("embedded place model: %w", err)
	}
	return m, nil
})
