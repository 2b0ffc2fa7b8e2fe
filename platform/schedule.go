package platform

// The scheduler runs the routes that declare opts.config.schedule. It
// knows every schedule without running code: they are read from the
// routes' options stored at deploy (store.RouteLimits.Access), for every
// user when the platform starts and for one user at each deploy,
// rollback and deletion, which take effect at once. Runs missed while the
// server was down are not replayed: the next run is the schedule's next
// time after the server starts. Runs of one schedule never overlap: a run
// still going when the next is due makes that one skipped (counted in
// tarsus_schedule_skipped_total and GET /api/v1/schedules).

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tarsus/tarsus/access"
	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

type scheduler struct {
	p    *Platform
	mu   sync.Mutex
	us   map[string]*userSchedules
	seq  atomic.Uint64
	wake chan struct{}
	stop chan struct{}
	done chan struct{}
	runs sync.WaitGroup
}

type userSchedules struct {
	version int64 // the tree version they were read from
	entries map[string]*schedEntry
}

type schedEntry struct {
	user, path, route string
	s                 *access.Schedule
	next              time.Time
	last              time.Time
	running           atomic.Bool
	runs, skipped     atomic.Int64
}

func newScheduler(p *Platform) *scheduler {
	return &scheduler{p: p, us: map[string]*userSchedules{}, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

// start reads every user's schedules and runs them until close.
func (s *scheduler) start() {
	go func() {
		defer close(s.done)
		s.loadAll()
		s.loop()
	}()
}

func (s *scheduler) close() {
	select {
	case <-s.stop:
		return
	default:
	}
	close(s.stop)
	<-s.done
	s.runs.Wait()
}

func (s *scheduler) loadAll() {
	ctx := context.Background()
	users, err := s.p.store.ListUsers(ctx)
	if err != nil {
		s.p.log.Warn("reading schedules", "err", err)
		return
	}
	for _, u := range users {
		select {
		case <-s.stop:
			return
		default:
		}
		tree, err := s.p.store.Tree(ctx, u.Name)
		if err != nil {
			continue
		}
		s.update(u.Name, tree)
	}
}

// update replaces user's schedules with those of tree (unless newer ones
// are known already). An unchanged schedule keeps its next run and counts.
func (s *scheduler) update(user string, tree store.Tree) {
	now := time.Now()
	entries := map[string]*schedEntry{}
	for path, m := range tree.Files {
		if m.Limits == nil || !strings.Contains(m.Limits.Access, `"schedule"`) || bundler.Classify(path) != bundler.Route {
			continue
		}
		r, err := access.Parse(m.Limits.Access)
		if err != nil || r == nil || r.Schedule == nil {
			continue
		}
		entries[path] = &schedEntry{user: user, path: path, route: bundler.RouteOf(path), s: r.Schedule, next: r.Schedule.Next(now)}
	}
	s.mu.Lock()
	old := s.us[user]
	if old != nil && old.version > tree.Version {
		s.mu.Unlock()
		return
	}
	if old != nil {
		for path, e := range entries {
			if o := old.entries[path]; o != nil && o.s.Spec == e.s.Spec {
				entries[path] = o
			}
		}
	}
	if len(entries) == 0 {
		delete(s.us, user)
	} else {
		s.us[user] = &userSchedules{version: tree.Version, entries: entries}
	}
	s.mu.Unlock()
	s.kick()
}

// forget drops a deleted user's schedules.
func (s *scheduler) forget(user string) {
	s.mu.Lock()
	delete(s.us, user)
	s.mu.Unlock()
	s.kick()
}

func (s *scheduler) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *scheduler) loop() {
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	for {
		now := time.Now()
		var due []*schedEntry
		var first time.Time
		s.mu.Lock()
		for _, u := range s.us {
			for _, e := range u.entries {
				if e.next.IsZero() {
					continue
				}
				if !e.next.After(now) {
					due = append(due, e)
					e.next = e.s.Next(now)
				}
				if !e.next.IsZero() && (first.IsZero() || e.next.Before(first)) {
					first = e.next
				}
			}
		}
		s.mu.Unlock()
		for _, e := range due {
			s.fire(e, now)
		}
		wait := time.Hour
		if !first.IsZero() {
			wait = max(time.Until(first), 0)
		}
		t.Reset(wait)
		select {
		case <-s.stop:
			return
		case <-s.wake:
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
		case <-t.C:
		}
	}
}

// fire starts one run of e, unless its previous run is still going.
func (s *scheduler) fire(e *schedEntry, at time.Time) {
	if !e.running.CompareAndSwap(false, true) {
		e.skipped.Add(1)
		s.p.accessMet.skipped.WithLabelValues(e.user).Inc()
		return
	}
	e.runs.Add(1)
	s.mu.Lock()
	e.last = at
	s.mu.Unlock()
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		defer e.running.Store(false)
		s.run(e)
	}()
}

// run invokes a scheduled route as a call would: POST, body {}, with
// x-tarsus-trigger: cron.
func (s *scheduler) run(e *schedEntry) {
	ctx := context.Background()
	fn, err := s.p.Lookup(ctx, e.user, e.route)
	if err != nil {
		return // removed meanwhile: the next update drops the schedule
	}
	req := &engine.Request{
		ID:       "cron-" + strconv.FormatUint(s.seq.Add(1), 36),
		Method:   "POST",
		URL:      "/" + e.user + "/" + e.route,
		Body:     []byte("{}"),
		IP:       "127.0.0.1",
		Host:     "localhost",
		Protocol: "http",
		Headers: []engine.Header{
			{Name: "content-type", Value: "application/json"},
			{Name: "content-length", Value: "2"},
			{Name: "x-tarsus-trigger", Value: "cron"},
		},
	}
	resp, err := s.p.invoke(ctx, e.user, fn, req, "cron")
	if err == nil && resp.Stream != nil {
		// A streamed answer goes nowhere, but the function runs on until
		// its stream ends (within its deadline): read it to the end.
		for {
			if _, err := resp.Stream.Next(); err != nil {
				break
			}
		}
		resp.Stream.Close()
	}
}

// ScheduleInfo is one scheduled route as GET /api/v1/schedules shows it.
type ScheduleInfo struct {
	Path     string     `json:"path"`
	Route    string     `json:"route"`
	Schedule string     `json:"schedule"`
	Next     *time.Time `json:"next,omitempty"`
	LastRun  *time.Time `json:"lastRun,omitempty"`
	Runs     int64      `json:"runs"`
	Skipped  int64      `json:"skipped"`
	Running  bool       `json:"running,omitempty"`
}

// Schedules lists the user's scheduled routes with their next run (UTC),
// sorted by path.
func (p *Platform) Schedules(user string) []ScheduleInfo {
	s := p.sched
	out := []ScheduleInfo{}
	s.mu.Lock()
	if u := s.us[user]; u != nil {
		for _, e := range u.entries {
			out = append(out, ScheduleInfo{Path: e.path, Route: e.route, Schedule: e.s.Spec, Next: utcPtr(e.next), LastRun: utcPtr(e.last),
				Runs: e.runs.Load(), Skipped: e.skipped.Load(), Running: e.running.Load()})
		}
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b ScheduleInfo) int { return strings.Compare(a.Path, b.Path) })
	return out
}

func utcPtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}
