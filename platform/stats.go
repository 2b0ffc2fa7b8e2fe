package platform

import (
	"sort"
	"sync"
	"time"
)

// statsBook keeps per-user, per-function counters and a window of recent
// durations for percentiles. It lives as long as the process (not the
// runtimes), so counts survive idle eviction.
type statsBook struct {
	mu    sync.Mutex
	users map[string]map[string]*fnStats
}

const statsWindow = 1024

type fnStats struct {
	invocations, errors, cold int64
	durs                      [statsWindow]float64 // ms, ring
	n                         int
	last                      time.Time
}

func newStatsBook() *statsBook { return &statsBook{users: map[string]map[string]*fnStats{}} }

func (s *statsBook) record(user, fn string, d time.Duration, status int, cold bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[user]
	if u == nil {
		u = map[string]*fnStats{}
		s.users[user] = u
	}
	f := u[fn]
	if f == nil {
		f = &fnStats{}
		u[fn] = f
	}
	f.invocations++
	if status >= 500 {
		f.errors++
	}
	if cold {
		f.cold++
	}
	f.durs[f.n%statsWindow] = float64(d.Microseconds()) / 1000
	f.n++
	f.last = time.Now().UTC()
}

func (s *statsBook) forget(user string) {
	s.mu.Lock()
	delete(s.users, user)
	s.mu.Unlock()
}

// FunctionStats summarises one function's calls since the server started.
type FunctionStats struct {
	Route       string    `json:"route"`
	Invocations int64     `json:"invocations"`
	Errors      int64     `json:"errors"`
	ColdStarts  int64     `json:"coldStarts"`
	P50Ms       float64   `json:"p50Ms"`
	P99Ms       float64   `json:"p99Ms"`
	LastCall    time.Time `json:"lastCall"`
}

// Stats is what GET /api/v1/stats returns.
type Stats struct {
	User         string          `json:"user"`
	WarmRuntimes int             `json:"warmRuntimes"`
	BusyRuntimes int             `json:"busyRuntimes"`
	Invocations  int64           `json:"invocations"`
	Errors       int64           `json:"errors"`
	ColdStarts   int64           `json:"coldStarts"`
	Functions    []FunctionStats `json:"functions"`
}

func percentile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted)-1) + 0.5)
	return sorted[i]
}

// Stats returns the user's statistics.
func (p *Platform) Stats(user string) Stats {
	es := p.engine.Stats(user)
	out := Stats{User: user, WarmRuntimes: es.Warm, BusyRuntimes: es.Busy, Functions: []FunctionStats{}}
	p.stats.mu.Lock()
	for route, f := range p.stats.users[user] {
		n := f.n
		if n > statsWindow {
			n = statsWindow
		}
		d := append([]float64(nil), f.durs[:n]...)
		sort.Float64s(d)
		out.Functions = append(out.Functions, FunctionStats{
			Route: route, Invocations: f.invocations, Errors: f.errors, ColdStarts: f.cold,
			P50Ms: percentile(d, 0.50), P99Ms: percentile(d, 0.99), LastCall: f.last,
		})
		out.Invocations += f.invocations
		out.Errors += f.errors
		out.ColdStarts += f.cold
	}
	p.stats.mu.Unlock()
	sort.Slice(out.Functions, func(i, j int) bool { return out.Functions[i].Route < out.Functions[j].Route })
	return out
}
