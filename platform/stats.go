package platform

import (
	"math"
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

const statsWindow = 256

type fnStats struct {
	invocations, errors, cold int64
	scheduled, refused        int64     // cron runs; calls refused before running (access.go)
	durs                      []float64 // ms, ring of statsWindow, grown as calls come
	n                         int
	last                      time.Time
	met                       *fnMetrics           // this function's metric series, looked up once
	days                      map[string]*dayCount // "2006-01-02" → counts, last 8 days
	today                     *dayCount            // days[the day of unix day todayN]
	todayN                    int64
	minutes                   []minuteBucket // minutes with calls in the last hour, oldest first
	cur                       durHist        // durations of the last of minutes
}

type dayCount struct{ calls, errors int64 }

// minuteBucket is one minute of a function's history. The last one's
// durations are counted in fnStats.cur; when the next minute starts, only
// its p50 and p99 are kept, which are all History reports.
type minuteBucket struct {
	minute        int64 // unix minute this bucket holds
	calls, errors int64
	p50, p99      float64
}

// durHist counts durations in log-spaced buckets, ten per decade from
// 10 µs to 1000 s: a minute's p50 and p99 within a bucket (±12%). Only the
// buckets that have calls are kept, in order. A function has one, for its
// current minute (a dense histogram per minute took 320 bytes per function
// per minute, 19 MiB over the hour for 1,000 busy functions).
type durHist []histCount

type histCount struct {
	i uint8
	n uint32
}

const histBuckets = 80

func histIndex(ms float64) int {
	if !(ms > 0.01) {
		return 0
	}
	return min(int(math.Log10(ms/0.01)*10)+1, histBuckets-1)
}

func (h *durHist) add(ms float64) {
	i := uint8(histIndex(ms))
	s := *h
	k := 0
	for k < len(s) && s[k].i < i {
		k++
	}
	if k < len(s) && s[k].i == i {
		s[k].n++
		return
	}
	s = append(s, histCount{})
	copy(s[k+1:], s[k:])
	s[k] = histCount{i: i, n: 1}
	*h = s
}

// quantile is the middle (geometric) of the bucket holding quantile q.
func (h durHist) quantile(q float64) float64 {
	var total uint64
	for _, c := range h {
		total += uint64(c.n)
	}
	if total == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(total)))
	rank = max(rank, 1)
	var cum uint64
	for _, c := range h {
		cum += uint64(c.n)
		if cum >= rank {
			if c.i == 0 {
				return 0.01
			}
			return math.Round(0.01*math.Pow(10, (float64(c.i)-0.5)/10)*1000) / 1000
		}
	}
	return 0
}

func newStatsBook() *statsBook { return &statsBook{users: map[string]map[string]*fnStats{}} }

func (s *statsBook) record(m *metrics, user, fn string, d time.Duration, status int, cold bool) {
	s.recordAt(time.Now().UTC(), m, user, fn, d, status, cold)
}

func (s *statsBook) recordAt(now time.Time, m *metrics, user, fn string, d time.Duration, status int, cold bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.fnLocked(m, user, fn)
	f.met.observe(d, status, cold)
	f.invocations++
	if status >= 500 {
		f.errors++
	}
	if cold {
		f.cold++
	}
	msv := float64(d.Microseconds()) / 1000
	if len(f.durs) < statsWindow {
		f.durs = append(f.durs, msv)
	} else {
		f.durs[f.n%statsWindow] = msv
	}
	f.n++
	f.last = now
	failed := status >= 500
	if f.days == nil {
		f.days = map[string]*dayCount{}
	}
	dayN := now.Unix() / 86400
	dc := f.today
	if dc == nil || f.todayN != dayN {
		day := now.Format("2006-01-02")
		dc = f.days[day]
		f.today, f.todayN = dc, dayN
	}
	if dc == nil {
		day := now.Format("2006-01-02")
		dc = &dayCount{}
		f.days[day] = dc
		f.today = dc
		cutoff := now.AddDate(0, 0, -8).Format("2006-01-02")
		for k := range f.days {
			if k < cutoff {
				delete(f.days, k)
			}
		}
	}
	dc.calls++
	minute := now.Unix() / 60
	if n := len(f.minutes); n == 0 || f.minutes[n-1].minute != minute {
		drop := 0
		for drop < n && f.minutes[drop].minute <= minute-60 {
			drop++
		}
		if n > 0 {
			last := &f.minutes[n-1]
			last.p50, last.p99 = f.cur.quantile(0.5), f.cur.quantile(0.99)
			f.cur = f.cur[:0]
		}
		f.minutes = append(f.minutes[drop:], minuteBucket{minute: minute})
	}
	b := &f.minutes[len(f.minutes)-1]
	b.calls++
	if failed {
		dc.errors++
		b.errors++
	}
	f.cur.add(msv)
}

// fnLocked returns the stats of user's fn, made on first use. The caller
// holds mu.
func (s *statsBook) fnLocked(m *metrics, user, fn string) *fnStats {
	u := s.users[user]
	if u == nil {
		u = map[string]*fnStats{}
		s.users[user] = u
	}
	f := u[fn]
	if f == nil {
		f = &fnStats{met: m.forFn(user, fn)}
		u[fn] = f
	}
	return f
}

// count adds to a function's scheduled or refused count.
func (s *statsBook) count(m *metrics, user, fn string, scheduled, refused int64) {
	s.mu.Lock()
	f := s.fnLocked(m, user, fn)
	f.scheduled += scheduled
	f.refused += refused
	s.mu.Unlock()
}

// minuteBucket returns the bucket of unix minute m, or nil.
func (f *fnStats) minuteBucket(m int64) *minuteBucket {
	for i := range f.minutes {
		if f.minutes[i].minute == m {
			return &f.minutes[i]
		}
	}
	return nil
}

// DayStats counts one function's calls on one day.
type DayStats struct {
	Calls  int64 `json:"calls"`
	Errors int64 `json:"errors"`
}

// MinuteStats is one function's calls in one minute.
type MinuteStats struct {
	Calls  int64   `json:"calls"`
	Errors int64   `json:"errors"`
	P50Ms  float64 `json:"p50Ms"`
	P99Ms  float64 `json:"p99Ms"`
}

// History is what GET /api/v1/stats/history returns: calls per day over the
// last 7 days, and per minute over the last hour (minutes with calls only).
type History struct {
	Days    []DayEntry    `json:"days"`
	Minutes []MinuteEntry `json:"minutes"`
}

// DayEntry is one day of History.
type DayEntry struct {
	Day       string              `json:"day"`
	Functions map[string]DayStats `json:"functions"`
}

// MinuteEntry is one minute of History.
type MinuteEntry struct {
	T         time.Time              `json:"t"`
	Functions map[string]MinuteStats `json:"functions"`
}

// History returns the user's call history since the server started.
func (p *Platform) History(user string) History {
	return p.stats.history(user, time.Now().UTC())
}

func (s *statsBook) history(user string, now time.Time) History {
	var h History
	s.mu.Lock()
	defer s.mu.Unlock()
	fns := s.users[user]
	for i := 6; i >= 0; i-- {
		day := now.AddDate(0, 0, -i).Format("2006-01-02")
		entry := DayEntry{Day: day, Functions: map[string]DayStats{}}
		for route, f := range fns {
			if dc := f.days[day]; dc != nil {
				entry.Functions[route] = DayStats{Calls: dc.calls, Errors: dc.errors}
			}
		}
		h.Days = append(h.Days, entry)
	}
	cur := now.Unix() / 60
	for m := cur - 59; m <= cur; m++ {
		entry := MinuteEntry{T: time.Unix(m*60, 0).UTC(), Functions: map[string]MinuteStats{}}
		for route, f := range fns {
			b := f.minuteBucket(m)
			if b == nil || b.calls == 0 {
				continue
			}
			st := MinuteStats{Calls: b.calls, Errors: b.errors, P50Ms: b.p50, P99Ms: b.p99}
			if b == &f.minutes[len(f.minutes)-1] {
				st.P50Ms, st.P99Ms = f.cur.quantile(0.5), f.cur.quantile(0.99)
			}
			entry.Functions[route] = st
		}
		if len(entry.Functions) > 0 {
			h.Minutes = append(h.Minutes, entry)
		}
	}
	if h.Minutes == nil {
		h.Minutes = []MinuteEntry{}
	}
	return h
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
	// Scheduled counts the invocations a cron schedule started; Refused the
	// calls refused before running (rate limited or unauthorized).
	Scheduled int64 `json:"scheduled,omitempty"`
	Refused   int64 `json:"refused,omitempty"`
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
			Scheduled: f.scheduled, Refused: f.refused,
		})
		out.Invocations += f.invocations
		out.Errors += f.errors
		out.ColdStarts += f.cold
	}
	p.stats.mu.Unlock()
	sort.Slice(out.Functions, func(i, j int) bool { return out.Functions[i].Route < out.Functions[j].Route })
	return out
}
