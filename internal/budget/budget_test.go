package budget

import (
	"testing"
	"time"
)

// sink keeps the allocation alive so that it is not optimized away.
var sink []byte

func TestMeasureSeesAnAllocation(t *testing.T) {
	u := Measure(func() {
		sink = make([]byte, 64<<20)
		for i := range sink {
			sink[i] = 1
		}
		time.Sleep(5 * time.Millisecond)
	})
	sink = nil
	if u.PeakHeap < 64<<20 {
		t.Errorf("peak heap %d, want at least 64 MiB", u.PeakHeap)
	}
	if !u.Over(0, 32<<20) || u.Over(time.Hour, 1<<40) {
		t.Errorf("Over misjudges %+v", u)
	}
}

func TestMeasureQuietWork(t *testing.T) {
	u := Measure(func() { time.Sleep(2 * time.Millisecond) })
	if u.Elapsed < 2*time.Millisecond {
		t.Errorf("elapsed %v, want at least 2ms", u.Elapsed)
	}
	if u.PeakHeap > 32<<20 {
		t.Errorf("peak heap %d for no work", u.PeakHeap)
	}
}
