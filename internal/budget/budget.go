// Package budget measures the time and peak heap of a piece of work, for the
// hostile-input tests that assert every case finishes within a time and
// memory budget.
//
// Wall-clock budgets fail on a loaded machine (go test runs packages side
// by side on few cores) for work that is fine. Two remedies: CPU, the
// process's own CPU time, which other processes' load barely changes; and
// Contention, which says how much slower than its CPU time the wall clock
// runs right now, to stretch a wall-clock budget by.
package budget

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"time"
)

// Usage is what one piece of work cost.
type Usage struct {
	Elapsed  time.Duration
	CPU      time.Duration // the process's user and system time while it ran
	PeakHeap uint64        // the largest live heap seen while it ran, in bytes
}

// CPUTime returns the CPU time (user and system) the process has used, or
// 0 where the system does not say.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Contention returns how many times longer than its CPU time a short
// single-threaded busy loop takes on the wall clock now: about 1 on an idle
// machine, 2 when another process competes for the core, and so on
// (between 1 and 20). Tests multiply wall-clock budgets by it.
func Contention() float64 {
	best := 20.0
	for range 3 {
		cpu0, wall0 := CPUTime(), time.Now()
		spin(5 * time.Millisecond)
		cpu, wall := CPUTime()-cpu0, time.Since(wall0)
		if cpu > 0 {
			best = min(best, float64(wall)/float64(cpu))
		}
	}
	return max(best, 1)
}

// spinSink keeps spin's work from being optimized away.
var spinSink uint64

// spin keeps one core busy for about d of wall time.
func spin(d time.Duration) {
	x := uint64(1)
	for end := time.Now().Add(d); time.Now().Before(end); {
		for range 1000 {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	spinSink += x
}

// Stretch returns d multiplied by Contention().
func Stretch(d time.Duration) time.Duration {
	return time.Duration(float64(d) * Contention())
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
	start, cpu := time.Now(), CPUTime()
	work()
	elapsed, cpu := time.Since(start), CPUTime()-cpu
	note()
	close(done)
	wg.Wait()
	return Usage{Elapsed: elapsed, CPU: cpu, PeakHeap: peak}
}

// Over reports whether u exceeds maxTime or maxHeap bytes (a zero bound is
// not checked). The time checked is the CPU time, where the system gives
// it, spread over the cores the work could use: work that needs more than
// maxTime of one core's time is over, however loaded the machine; else
// the elapsed time.
func (u Usage) Over(maxTime time.Duration, maxHeap uint64) bool {
	t := u.Elapsed
	if u.CPU > 0 {
		t = u.CPU / time.Duration(max(1, min(runtime.GOMAXPROCS(0), 2)))
	}
	return (maxTime > 0 && t > maxTime) || (maxHeap > 0 && u.PeakHeap > maxHeap)
}
