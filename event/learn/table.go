package learn

// The look-up side of a model. A feature's weights are found with one
// probe of an open-addressing table and read from one contiguous row,
// where a table of indexes into parallel arrays reads memory three or four
// times a feature; a ranker's weights sit in the table's slots
// themselves. A look-up reads the first slots of a batch of features
// before it uses any, so that the memory reads overlap.
// Sums add the features' weights in the features' order, as they always
// did, so that scores are the same to the bit.

// weight is one class's weight of a feature; a feature's weights are
// contiguous in Model.weights, its last one marked.
type weight struct {
	class uint16
	last  bool
	value float32
}

// hashSlot is the first slot of feature f in a table of 2^(32-shift) slots.
func hashSlot(f uint32, shift uint) uint32 { return (f * 0x9E3779B1) >> shift }

// tableSize returns the number of slots (a power of two) that holds n
// features at most half full, and the shift that hashSlot takes.
func tableSize(n int) (size int, shift uint) {
	size, bits := 2, uint(1)
	for size < 2*n {
		size, bits = size*2, bits+1
	}
	return size, 32 - bits
}

// rowSlot is one slot of a rowIndex: a feature and where its row starts in
// Model.weights, plus one (0: an empty slot).
type rowSlot struct {
	key uint32
	row uint32
}

// rowIndex finds the row of a feature's weights.
type rowIndex struct {
	slots []rowSlot
	shift uint
}

// newRowIndex indexes the features with at least one weight.
func newRowIndex(keys []uint32, starts []int32) rowIndex {
	n := 0
	for i := range keys {
		if starts[i+1] > starts[i] {
			n++
		}
	}
	size, shift := tableSize(n)
	x := rowIndex{slots: make([]rowSlot, size), shift: shift}
	for i, k := range keys {
		if starts[i+1] == starts[i] {
			continue
		}
		j := hashSlot(k, shift)
		for x.slots[j].row != 0 {
			j = (j + 1) & uint32(size-1)
		}
		x.slots[j] = rowSlot{key: k, row: uint32(starts[i]) + 1}
	}
	return x
}

// row returns where feature f's weights start, or -1 when it has none.
func (x *rowIndex) row(f uint32) int {
	if len(x.slots) == 0 {
		return -1 // the zero Model's
	}
	return x.probe(f, hashSlot(f, x.shift))
}

// probe looks for feature f from slot j on.
func (x *rowIndex) probe(f uint32, j uint32) int {
	mask := uint32(len(x.slots) - 1)
	for ; ; j = (j + 1) & mask {
		e := x.slots[j]
		if e.row == 0 {
			return -1
		}
		if e.key == f {
			return int(e.row) - 1
		}
	}
}

// findRows finds the rows of a batch of at most lookupBatch features (-1:
// none) and reads the first weight of each: rows[k] and first[k] are
// those of features[k]. The first slots of all are read first (see
// valueTable.sum).
func (m *Model) findRows(features []uint32, rows *[lookupBatch]int32, first *[lookupBatch]weight) {
	x := &m.index
	var slots [lookupBatch]rowSlot
	for k, f := range features {
		slots[k] = x.slots[hashSlot(f, x.shift)]
	}
	for k, f := range features {
		r := -1
		switch e := slots[k]; {
		case e.key == f && e.row != 0:
			r = int(e.row) - 1
		case e.row != 0:
			r = x.probe(f, (hashSlot(f, x.shift)+1)&uint32(len(x.slots)-1))
		}
		rows[k] = int32(r)
		if r >= 0 {
			first[k] = m.weights[r]
		}
	}
}

// valueSlot is one slot of a valueTable; key 0 marks an empty one.
type valueSlot struct {
	key   uint32
	value float32
}

// valueTable holds one number per feature, in the slot that finds it: a
// ranker's weights. Feature 0, whose key
// marks empty slots, keeps its number beside the table.
type valueTable struct {
	slots []valueSlot
	shift uint
	zero  float32
}

// newValueTable holds value(i) for each feature keys[i] that has weights.
func newValueTable(keys []uint32, starts []int32, value func(i int) float32) *valueTable {
	size, shift := tableSize(len(keys))
	t := &valueTable{slots: make([]valueSlot, size), shift: shift}
	for i, k := range keys {
		if starts[i+1] == starts[i] {
			continue
		}
		if k == 0 {
			t.zero = value(i)
			continue
		}
		j := hashSlot(k, shift)
		for t.slots[j].key != 0 {
			j = (j + 1) & uint32(size-1)
		}
		t.slots[j] = valueSlot{key: k, value: value(i)}
	}
	return t
}

// get returns feature f's number, 0 for a feature the table lacks.
func (t *valueTable) get(f uint32) float32 {
	if f == 0 {
		return t.zero
	}
	mask := uint32(len(t.slots) - 1)
	for j := hashSlot(f, t.shift); ; j = (j + 1) & mask {
		e := t.slots[j]
		if e.key == f {
			return e.value
		}
		if e.key == 0 {
			return 0
		}
	}
}

// sum adds up the features' numbers in order: those of the features
// found, to the bit (a feature the table lacks adds nothing, or 0, which
// leaves a sum as it is: a sum that starts at +0 is never -0, as +0 + -0
// is +0).
//
// The features are looked up a batch at a time: first each one's first
// slot is read, reads that do not wait on each other, so that the memory
// accesses overlap; then the numbers are added in order.
func (t *valueTable) sum(features []uint32) float32 {
	var first [lookupBatch]valueSlot
	var s float32
	for len(features) > 0 {
		batch := features[:min(len(features), lookupBatch)]
		features = features[len(batch):]
		for k, f := range batch {
			first[k] = t.slots[hashSlot(f, t.shift)]
		}
		for k, f := range batch {
			switch e := first[k]; {
			case f == 0:
				s += t.zero
			case e.key == f:
				s += e.value
			case e.key != 0:
				s += t.get(f) // another feature holds its first slot
			}
		}
	}
	return s
}

// lookupBatch is how many features a look-up reads at once.
const lookupBatch = 32
