// Package budget measures the time and peak heap of a piece of work, for the
// hostile-input tests that assert every case finishes within a time and
// memory budget.
package budget

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// Usage is what one piece of work cost.
type Usage struct {
	Elapsed  time.Duration
	PeakHeap uint64 // the largest live heap seen while it ran, in bytes
}

// heapMetric is the runtime metric sampled: bytes in live and
// not-yet-swept heap objects.
const heapMetric = "/memory/classes/heap/objects:bytes"

// Measure runs work and returns its elapsed time and the peak heap,
// sampled every millisecond (and once at the end), after a garbage
// collection at the start so that earlier garbage does not count.
func Measure(work func()) Usage {
	runtime.GC()
	sample := []metrics.Sample{{Name: heapMetric}}
	read := func() uint64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return sample[0].Value.Uint64()
	}
	var (
		mu   sync.Mutex
		peak = read()
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	note := func() {
		v := read()
		mu.Lock()
		if v > peak {
			peak = v
		}
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				note()
			}
		}
	}()
	start := time.Now()
	work()
	elapsed := time.Since(start)
	note()
	close(done)
	wg.Wait()
	return Usage{Elapsed: elapsed, PeakHeap: peak}
}

// Over reports whether u exceeds maxTime or maxHeap bytes (a zero bound is
// not checked).
func (u Usage) Over(maxTime time.Duration, maxHeap uint64) bool {
	return (maxTime > 0 && u.Elapsed > maxTime) || (maxHeap > 0 && u.PeakHeap > maxHeap)
}
