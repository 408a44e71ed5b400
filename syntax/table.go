package syntax

import (
	"math"

	"sitrep/event/learn"
)

// table holds a model's weights for scoring in one memory read a feature:
// an open-addressing table whose slots hold a feature and its weight of
// every class side by side, each weight an int16 step of the table's
// scale. It serves the transition model, whose four classes make a row of
// every class (even where a feature has few) worth its memory.
type table struct {
	classes int
	stride  int // in uint32s: the key, then the weights two to a uint32
	slots   []uint32
	mask    uint32
	shift   uint
	scale   float32 // the value of one step of a weight
}

// newTable builds the table of the features of model m whose lowest bit
// is odd (0 or 1).
func newTable(m *learn.Model, odd uint32) *table {
	c := len(m.Classes)
	keep := func(f uint32) bool { return f != 0 && f&1 == odd }
	n, last := 0, uint32(0)
	largest := float32(0)
	m.Each(func(f uint32, _ int, v float32) {
		if !keep(f) {
			return // 0 is the key of empty slots; a feature hashes to 0 once in 2^32
		}
		if f != last {
			n++
			last = f
		}
		largest = max(largest, float32(math.Abs(float64(v))))
	})
	size, bits := 2, uint(1)
	for size < 2*n {
		size, bits = size*2, bits+1
	}
	stride := 1 + (c+1)/2
	t := &table{classes: c, stride: stride, slots: make([]uint32, size*stride), mask: uint32(size - 1), shift: 32 - bits, scale: 1}
	if largest > 0 {
		t.scale = largest / math.MaxInt16
	}
	slot := -1
	last = 0
	m.Each(func(f uint32, class int, v float32) {
		if !keep(f) {
			return
		}
		if f != last {
			last = f
			j := (f * 0x9E3779B1) >> t.shift
			for t.slots[int(j)*stride] != 0 {
				j = (j + 1) & t.mask
			}
			slot = int(j) * stride
			t.slots[slot] = f
		}
		q := uint32(uint16(int16(math.Round(float64(v / t.scale)))))
		t.slots[slot+1+class/2] |= q << (16 * (class % 2))
	})
	return t
}

// row returns the weights of feature f (two to a uint32), nil when it has
// none.
func (t *table) row(f uint32) []uint32 {
	j := (f * 0x9E3779B1) >> t.shift
	for {
		s := int(j) * t.stride
		switch t.slots[s] {
		case f:
			return t.slots[s+1 : s+t.stride]
		case 0:
			return nil
		}
		j = (j + 1) & t.mask
	}
}

// sums adds the features' weights, in steps, to sums (one per class).
func (t *table) sums(features []uint32, sums []int32) {
	for _, f := range features {
		if f == 0 {
			continue
		}
		r := t.row(f)
		for k, b := range r {
			sums[2*k] += int32(int16(b))
			if 2*k+1 < len(sums) {
				sums[2*k+1] += int32(int16(b >> 16))
			}
		}
	}
}

// scores fills scores (one per class) for the features.
func (t *table) scores(features []uint32, scores []float32) {
	var buf [64]int32
	sums := buf[:t.classes]
	t.sums(features, sums)
	for c, s := range sums {
		scores[c] = float32(s) * t.scale
	}
}
