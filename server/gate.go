package server

import (
	"context"
	"slices"
	"sync"
	"time"
)

// gate admits work up to a number of tasks and a total weight at once (a
// task may weigh nothing: it only counts), first come first served. A task
// that does not fit waits a little for room (admitWait), then is refused:
// a burst of costly requests is turned away instead of queueing past its
// deadline, and a client that retries at once is slowed to a few requests
// a second without costing the server any work. The weight of a task is
// clamped to the gate's capacity, so that the heaviest task may still run
// alone.
type gate struct {
	mu       sync.Mutex
	tasks    int // admitted now
	max      int
	weight   int64 // admitted now
	capacity int64
	waiting  []*waiter // in order of arrival
}

// waiter is a task waiting for room.
type waiter struct {
	w     int64
	ready chan struct{} // closed once admitted
}

// admitWait is how long a task waits for room in a full gate.
const admitWait = 250 * time.Millisecond

// newGate returns a gate for max tasks and a total weight of capacity.
func newGate(max int, capacity int64) *gate {
	return &gate{max: max, capacity: capacity}
}

// acquire admits a task of weight w, waiting up to admitWait (and no
// longer than ctx) for room behind the tasks that came before. It returns
// the function that releases the task (to call once), or false when there
// was no room in time.
func (g *gate) acquire(ctx context.Context, w int64) (release func(), ok bool) {
	w = min(max(w, 0), g.capacity)
	g.mu.Lock()
	if len(g.waiting) == 0 && g.fits(w) {
		g.take(w)
		g.mu.Unlock()
		return g.releaser(w), true
	}
	wt := &waiter{w: w, ready: make(chan struct{})}
	g.waiting = append(g.waiting, wt)
	g.mu.Unlock()

	timer := time.NewTimer(admitWait)
	defer timer.Stop()
	select {
	case <-wt.ready:
		return g.releaser(w), true
	case <-timer.C:
	case <-ctx.Done():
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-wt.ready: // admitted as time ran out
		return g.releaser(w), true
	default:
	}
	g.waiting = slices.DeleteFunc(g.waiting, func(x *waiter) bool { return x == wt })
	g.admit() // those behind it may fit now
	return nil, false
}

// fits reports whether a task of weight w fits now; g.mu is held.
func (g *gate) fits(w int64) bool {
	return g.tasks < g.max && g.weight+w <= g.capacity
}

// take counts a task of weight w in; g.mu is held.
func (g *gate) take(w int64) {
	g.tasks++
	g.weight += w
}

// admit lets in the waiting tasks that fit, in order, up to the first
// that does not; g.mu is held.
func (g *gate) admit() {
	for len(g.waiting) > 0 && g.fits(g.waiting[0].w) {
		wt := g.waiting[0]
		g.waiting = g.waiting[1:]
		g.take(wt.w)
		close(wt.ready)
	}
}

// releaser returns the function that releases a task of weight w, once.
func (g *gate) releaser(w int64) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			g.tasks--
			g.weight -= w
			g.admit()
		})
	}
}

// busy reports the tasks admitted now.
func (g *gate) busy() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.tasks
}
