package engine

import (
	"context"
	"sync"
	"time"
)

// pool holds one user's runtimes: at most MaxRuntimes alive, idle ones on a
// stack (the most recently used is reused first, so the others go idle and
// are dropped), and a bounded number of waiters.
type pool struct {
	e    *Engine
	user string

	mu      sync.Mutex
	idle    []*runtime
	alive   int // idle + busy + being created
	waiting int
	wake    chan struct{} // signalled when a slot frees up
	cold    int64
	drained bool
	// hogUntil: after one of the user's invocations kept a CPU busy long
	// enough to be niced, the user runs one invocation at a time until then,
	// so a user whose function spins holds at most one Go P.
	hogUntil time.Time
}

// hogPenalty is how long a CPU hog limits its user to one invocation at a
// time.
const hogPenalty = 10 * time.Second

func (p *pool) markHog() {
	p.mu.Lock()
	p.hogUntil = time.Now().Add(hogPenalty)
	p.mu.Unlock()
}

func newPool(e *Engine, user string) *pool {
	return &pool{e: e, user: user, wake: make(chan struct{}, 1)}
}

// acquire returns an idle runtime, a new one if the pool has room, or waits.
func (p *pool) acquire(ctx context.Context) (*runtime, bool, error) {
	var timer *time.Timer
	for {
		p.mu.Lock()
		if p.drained {
			p.mu.Unlock()
			return nil, false, ErrClosed
		}
		hogging := p.alive-len(p.idle) >= 1 && !p.hogUntil.IsZero() && time.Now().Before(p.hogUntil)
		if n := len(p.idle); n > 0 && !hogging {
			rt := p.idle[n-1]
			p.idle[n-1] = nil
			p.idle = p.idle[:n-1]
			chain := len(p.idle) > 0 && p.waiting > 0
			p.mu.Unlock()
			if chain {
				p.signal()
			}
			return rt, false, nil
		}
		if p.alive < p.e.cfg.MaxRuntimes && !hogging {
			p.alive++
			p.cold++
			chain := p.alive < p.e.cfg.MaxRuntimes && p.waiting > 0
			p.mu.Unlock()
			if chain {
				p.signal()
			}
			rt, err := p.e.newUserRuntime(p.user)
			if err != nil {
				p.mu.Lock()
				p.alive--
				p.mu.Unlock()
				p.signal()
				return nil, false, err
			}
			return rt, true, nil
		}
		if p.waiting >= p.e.cfg.MaxQueue {
			p.mu.Unlock()
			return nil, false, ErrBusy
		}
		p.waiting++
		p.mu.Unlock()
		if timer == nil {
			timer = time.NewTimer(p.e.cfg.QueueTimeout)
			defer timer.Stop()
		}
		var err error
		select {
		case <-p.wake:
		case <-timer.C:
			err = ErrBusy
		case <-ctx.Done():
			err = ctx.Err()
		}
		p.mu.Lock()
		p.waiting--
		p.mu.Unlock()
		if err != nil {
			// Pass on a wake-up we may have consumed concurrently.
			p.signal()
			return nil, false, err
		}
	}
}

func (p *pool) signal() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// release returns rt to the pool, or discards it if it cannot be reused.
func (p *pool) release(rt *runtime) {
	rt.lastUsed = time.Now()
	p.mu.Lock()
	if rt.broken || p.drained {
		p.alive--
		p.mu.Unlock()
		rt.close()
		p.signal()
		return
	}
	p.idle = append(p.idle, rt)
	waiting := p.waiting
	p.mu.Unlock()
	if waiting > 0 {
		p.signal()
	}
}

// dropIdle closes idle runtimes last used before cutoff (all of them for a
// zero cutoff) and returns how many it dropped.
func (p *pool) dropIdle(cutoff time.Time) int {
	p.mu.Lock()
	var drop []*runtime
	keep := p.idle[:0]
	for _, rt := range p.idle {
		if cutoff.IsZero() || rt.lastUsed.Before(cutoff) {
			drop = append(drop, rt)
		} else {
			keep = append(keep, rt)
		}
	}
	for i := len(keep); i < len(p.idle); i++ {
		p.idle[i] = nil
	}
	p.idle = keep
	p.alive -= len(drop)
	p.mu.Unlock()
	for _, rt := range drop {
		rt.close()
	}
	if len(drop) > 0 {
		p.signal()
	}
	return len(drop)
}

// drop closes rt if it is idle in this pool, and reports whether it did.
func (p *pool) drop(rt *runtime) bool {
	p.mu.Lock()
	i := -1
	for j, x := range p.idle {
		if x == rt {
			i = j
			break
		}
	}
	if i < 0 {
		p.mu.Unlock()
		return false
	}
	copy(p.idle[i:], p.idle[i+1:])
	p.idle[len(p.idle)-1] = nil
	p.idle = p.idle[:len(p.idle)-1]
	p.alive--
	p.mu.Unlock()
	rt.close()
	p.signal()
	return true
}

// drain closes every idle runtime and makes the pool refuse new work; busy
// runtimes are closed as they are released.
func (p *pool) drain() {
	p.mu.Lock()
	p.drained = true
	p.mu.Unlock()
	p.dropIdle(time.Time{})
}

func (p *pool) empty() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.alive == 0 && p.waiting == 0
}

func (p *pool) stats() UserStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return UserStats{Warm: p.alive, Busy: p.alive - len(p.idle), Waiting: p.waiting, ColdStarts: p.cold}
}
