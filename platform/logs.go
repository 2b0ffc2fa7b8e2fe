package platform

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

// logHub collects console lines and invocation records, fans them out to
// live followers at once, and writes them to the store in batches (one
// write per user every flush interval, not one per request).
type logHub struct {
	st  store.Store
	log *slog.Logger

	mu      sync.Mutex
	pending map[string][]store.LogRecord
	// recent holds each user's latest successful invocation records in
	// memory only: writing one record per call to the store cost about 6 µs
	// and memtable memory at every request. Console lines, system records
	// and failed invocations (status ≥ 500) are written to the store.
	recent     map[string]*ring
	recentSize int
	subs       map[string]map[*follower]struct{}
	closed     bool
	// Quotas (quota.go): console bytes per user per UTC day, live
	// followers per user; ≤ 0 is no cap.
	maxDayBytes  int64
	maxFollowers int
	days         map[string]*dayBudget

	kick chan struct{}
	stop chan struct{}
	done chan struct{}
}

// dayBudget is a user's console output of one UTC day.
type dayBudget struct {
	day   int64 // days since the Unix epoch
	bytes int64
	over  bool // the system line saying lines are dropped was written
}

type follower struct {
	ch      chan store.LogRecord
	dropped int
}

func newLogHub(st store.Store, recentSize int, log *slog.Logger) *logHub {
	h := &logHub{
		st: st, log: log,
		pending:    map[string][]store.LogRecord{},
		recent:     map[string]*ring{},
		recentSize: recentSize,
		subs:       map[string]map[*follower]struct{}{},
		days:       map[string]*dayBudget{},
		kick:       make(chan struct{}, 1),
		stop:       make(chan struct{}),
		done:       make(chan struct{}),
	}
	go h.loop()
	return h
}

const flushEvery = 250 * time.Millisecond

func (h *logHub) loop() {
	defer close(h.done)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			h.flush()
			return
		case <-t.C:
			h.flush()
		case <-h.kick:
			h.flush()
		}
	}
}

// flush writes every pending batch.
func (h *logHub) flush() {
	h.mu.Lock()
	batches := h.pending
	h.pending = map[string][]store.LogRecord{}
	h.mu.Unlock()
	for user, recs := range batches {
		if err := h.st.AppendLogs(context.Background(), user, recs); err != nil {
			h.log.Warn("writing logs", "user", user, "err", err)
		}
	}
}

func (h *logHub) add(user string, rec store.LogRecord) {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	if rec.Kind == store.LogConsole && h.maxDayBytes > 0 && !h.budget(user, rec) {
		h.mu.Unlock()
		return
	}
	big := h.addLocked(user, rec)
	h.mu.Unlock()
	if big {
		select {
		case h.kick <- struct{}{}:
		default:
		}
	}
}

// budget counts a console line against the user's bytes of its day and
// reports whether it may be kept; the first line over the limit is
// replaced by one system record saying so. The caller holds mu.
func (h *logHub) budget(user string, rec store.LogRecord) bool {
	day := rec.Time.Unix() / 86400
	b := h.days[user]
	if b == nil || b.day != day {
		b = &dayBudget{day: day}
		h.days[user] = b
	}
	if b.over {
		return false
	}
	n := int64(len(rec.Msg) + len(rec.Fn) + len(rec.Level) + len(rec.ReqID) + 64)
	if b.bytes+n <= h.maxDayBytes {
		b.bytes += n
		return true
	}
	b.over = true
	h.addLocked(user, store.LogRecord{Time: rec.Time, Kind: store.LogSystem, Level: "warn",
		Msg: fmt.Sprintf("console output of %s passed the limit of %s per day (%s written): further console lines are dropped until 00:00 UTC",
			rec.Time.UTC().Format("2006-01-02"), sizeText(h.maxDayBytes), sizeText(b.bytes))})
	return false
}

// addLocked keeps rec and hands it to the followers; it reports whether the
// user's pending batch is big enough to flush now. The caller holds mu.
func (h *logHub) addLocked(user string, rec store.LogRecord) bool {
	big := false
	if rec.Kind == "invocation" && rec.Status < 500 {
		r := h.recent[user]
		if r == nil {
			r = &ring{size: h.recentSize}
			h.recent[user] = r
		}
		r.add(rec)
	} else {
		h.pending[user] = append(h.pending[user], rec)
		big = len(h.pending[user]) >= 512
	}
	for f := range h.subs[user] {
		select {
		case f.ch <- rec:
		default:
			f.dropped++
		}
	}
	return big
}

// Console implements engine.Sink.
func (h *logHub) Console(user string, l engine.ConsoleLine) {
	if user == "" {
		return
	}
	h.add(user, store.LogRecord{Time: l.Time.UTC(), Kind: "console", Level: l.Level, Fn: l.Fn, Msg: l.Text, ReqID: l.ReqID})
}

func (h *logHub) invocation(user string, rec store.LogRecord) { h.add(user, rec) }

func (h *logHub) system(user, msg string) {
	h.add(user, store.LogRecord{Time: time.Now().UTC(), Kind: "system", Level: "info", Msg: msg})
}

// follow subscribes to a user's new records; cancel unsubscribes. It
// fails when the user has maxFollowers already.
func (h *logHub) follow(user string) (<-chan store.LogRecord, func(), error) {
	f := &follower{ch: make(chan store.LogRecord, 256)}
	h.mu.Lock()
	if n := len(h.subs[user]); h.maxFollowers > 0 && n >= h.maxFollowers {
		h.mu.Unlock()
		return nil, nil, errf(429, "TARSUS_QUOTA_FOLLOWERS",
			"%s already has %d live log streams open; the limit is %d per user: close one (another console tab or tarsus logs -f) and retry", user, n, h.maxFollowers)
	}
	if h.subs[user] == nil {
		h.subs[user] = map[*follower]struct{}{}
	}
	h.subs[user][f] = struct{}{}
	h.mu.Unlock()
	var once sync.Once
	return f.ch, func() {
		once.Do(func() {
			h.mu.Lock()
			delete(h.subs[user], f)
			if len(h.subs[user]) == 0 {
				delete(h.subs, user)
			}
			h.mu.Unlock()
		})
	}, nil
}

// forget drops a deleted user's pending records.
func (h *logHub) forget(user string) {
	h.mu.Lock()
	delete(h.pending, user)
	delete(h.recent, user)
	delete(h.days, user)
	h.mu.Unlock()
}

// ring keeps a user's last len(recs) successful invocation records.
// ring keeps the last size records; its slice grows as records come, so a
// user called once holds one record, not size.
type ring struct {
	recs []store.LogRecord
	size int
	n    int
}

func (r *ring) add(rec store.LogRecord) {
	if len(r.recs) < r.size {
		r.recs = append(r.recs, rec)
	} else {
		r.recs[r.n%r.size] = rec
	}
	r.n++
}

// matching returns the records that q selects, oldest first.
func (h *logHub) matching(user string, q LogQuery) []store.LogRecord {
	if q.AfterSeq > 0 {
		return nil // records in memory have no sequence number
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.recent[user]
	if r == nil {
		return nil
	}
	var out []store.LogRecord
	start := 0
	size := r.size
	if r.n > size {
		start = r.n - size
	}
	for i := start; i < r.n; i++ {
		rec := r.recs[i%size]
		if (q.Fn == "" || rec.Fn == q.Fn) && !rec.Time.Before(q.Since) {
			out = append(out, rec)
		}
	}
	return out
}

func (h *logHub) close() {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.closed = true
	h.mu.Unlock()
	close(h.stop)
	<-h.done
}

// LogQuery selects log records.
type LogQuery = store.LogQuery

// Logs returns the user's recent records, oldest first, including those not
// yet written to the store.
func (p *Platform) Logs(ctx context.Context, user string, q LogQuery) ([]store.LogRecord, error) {
	p.logs.flush()
	recs, err := p.store.Logs(ctx, user, q)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	mem := p.logs.matching(user, q)
	if len(mem) == 0 {
		return recs, nil
	}
	all := append(recs, mem...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Time.Before(all[j].Time) })
	limit := q.Limit
	if limit <= 0 {
		limit = 200
	}
	if len(all) > limit {
		all = all[len(all)-limit:]
	}
	return all, nil
}

// Follow streams a user's new log records until cancel is called; it fails
// with 429 TARSUS_QUOTA_FOLLOWERS when the user has Config.MaxLogFollowers
// streams open already.
func (p *Platform) Follow(user string) (<-chan store.LogRecord, func(), error) {
	return p.logs.follow(user)
}
