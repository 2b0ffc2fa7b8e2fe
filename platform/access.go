package platform

// Access to functions: the route options read at deploy (package access)
// decide who may call a route and how often; Admit applies them before a
// call reaches a runtime, so a refused call costs no runtime. A public
// route with no limit of its own, on a server without a default limit,
// costs one nil check.

import (
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tarsus/tarsus/access"
	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

// RateLimit is a rate of calls: Max per Window, in bursts of up to Burst.
type RateLimit struct {
	Max    int
	Window time.Duration
	Burst  int // Optional. Default: Max.
}

// accessMetrics counts what Admit refuses and what schedules skip.
type accessMetrics struct {
	refused *prometheus.CounterVec // user, reason
	skipped *prometheus.CounterVec // user
}

func (p *Platform) initAccess() {
	p.limiter = access.NewLimiter(access.LimiterConfig{MaxBuckets: p.cfg.MaxRateBuckets})
	p.accessMet = accessMetrics{
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tarsus_refused_total", Help: "Calls refused before a runtime ran them, by user and reason (rate_limited, unauthorized).",
		}, []string{"user", "reason"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tarsus_schedule_skipped_total", Help: "Scheduled runs skipped because the previous run of the same schedule was still going.",
		}, []string{"user"}),
	}
	p.metrics.reg.MustRegister(p.accessMet.refused, p.accessMet.skipped)
	p.sched = newScheduler(p)
}

// routeAccess is a function's parsed access options (nil: public, no
// schedule, no CORS, no limit of its own).
func routeAccess(fn *engine.Function) *access.Route {
	r, _ := fn.Extra.(*access.Route)
	return r
}

// RouteAccess is a function's access options, for the HTTP layer (CORS);
// nil for a public route with none.
func (p *Platform) RouteAccess(fn *engine.Function) *access.Route { return routeAccess(fn) }

// attachAccess parses fn's access options into fn.Extra. A route whose
// options no longer parse is refused (never served as public).
func attachAccess(fn *engine.Function) error {
	if fn.Extra != nil || fn.Access() == "" {
		return nil
	}
	r, err := access.Parse(fn.Access())
	if err != nil {
		return err
	}
	fn.Extra = r
	return nil
}

// checkAccess parses the access options of every compiled route of a
// deploy, and counts the schedules of the new tree against
// Config.MaxSchedulesPerUser.
func (p *Platform) checkAccess(compiled map[string]*engine.Function, tree store.Tree, paths []string) []Problem {
	var probs []Problem
	for path, fn := range compiled {
		if err := attachAccess(fn); err != nil {
			probs = append(probs, Problem{File: path, Text: err.Error(), Code: "TARSUS_CONTRACT"})
		}
	}
	if len(probs) > 0 {
		return probs
	}
	n := 0
	for _, path := range paths {
		if fn := compiled[path]; fn != nil {
			if r := routeAccess(fn); r != nil && r.Schedule != nil {
				n++
			}
			continue
		}
		if m, ok := tree.Files[path]; ok && bundler.Classify(path) == bundler.Route && m.Limits != nil && strings.Contains(m.Limits.Access, `"schedule"`) {
			if r, err := access.Parse(m.Limits.Access); err == nil && r != nil && r.Schedule != nil {
				n++
			}
		}
	}
	if n > p.cfg.MaxSchedulesPerUser {
		probs = append(probs, Problem{Code: "TARSUS_QUOTA_SCHEDULES", Text: "the deploy would leave " + itoa(n) + " scheduled routes; the limit is " + itoa(p.cfg.MaxSchedulesPerUser) + " per user"})
	}
	return probs
}

// Caller is what admission looks at in a call.
type Caller struct {
	IP string
	// Header returns a request header by its lower-case name ("" if absent).
	Header func(name string) string
}

// Admission is Admit's answer: the headers to add to the response (the
// rate limit's), and, when Refused, the error to answer with.
type Admission struct {
	Headers []access.Header
	Refused *Error
	// RetryAfter is the seconds to wait when refused for the rate.
	RetryAfter int
	// Claims are a verified JWT's claims, as JSON (auth "jwt").
	Claims []byte
}

// DefaultRateLimit reports whether a server-wide default rate applies to
// routes without a limit of their own.
func (p *Platform) DefaultRateLimit() bool { return p.cfg.RateLimit.Max > 0 }

// Admit decides whether a call of fn, owned by user, may run: the route's
// rate limit (or the server's default per user), then its auth. A refused
// call is counted in the metrics and the stats, not logged one by one.
func (p *Platform) Admit(user string, fn *engine.Function, c Caller) Admission {
	r := routeAccess(fn)
	if r == nil && p.cfg.RateLimit.Max == 0 {
		return Admission{}
	}
	var a Admission
	var d access.Decision
	limited := false
	if r != nil && r.RateLimit != nil {
		rl := r.RateLimit
		key := c.IP
		switch rl.Key {
		case access.KeyIP:
		case access.KeyKey:
			if k := presentedKey(c); k != "" {
				key = "k:" + keyHash(k)
			}
		default:
			key = "h:" + c.Header(rl.Key)
		}
		d = p.limiter.Take(user+"/"+fn.Route, key, rl.Max, rl.Window, rl.Max, time.Now())
		limited = true
	} else if dl := p.cfg.RateLimit; dl.Max > 0 {
		d = p.limiter.Take(user, "", dl.Max, dl.Window, dl.Burst, time.Now())
		limited = true
	}
	if limited {
		a.Headers = append(a.Headers,
			access.Header{Name: "x-ratelimit-limit", Value: itoa(d.Limit)},
			access.Header{Name: "x-ratelimit-remaining", Value: itoa(d.Remaining)},
			access.Header{Name: "x-ratelimit-reset", Value: itoa(d.Reset)})
		if !d.Allowed {
			a.Headers = append(a.Headers, access.Header{Name: "retry-after", Value: itoa(d.RetryAfter)})
			a.RetryAfter = d.RetryAfter
			a.Refused = &Error{Status: 429, Code: "TARSUS_RATE_LIMITED", Message: "Rate limit exceeded, retry in " + access.RetryText(d.RetryAfter)}
			p.refused(user, fn, "rate_limited")
			return a
		}
	}
	if r != nil && r.Auth != access.AuthPublic {
		if err := p.authorize(user, fn, r, c, &a); err != nil {
			a.Refused = err
			p.refused(user, fn, "unauthorized")
		}
	}
	return a
}

func (p *Platform) refused(user string, fn *engine.Function, reason string) {
	p.accessMet.refused.WithLabelValues(user, reason).Inc()
	p.stats.count(p.metrics, user, fn.Route, 0, 1)
}

// presentedKey is the invocation key or bearer token a call carries.
func presentedKey(c Caller) string {
	if k := c.Header("x-tarsus-key"); k != "" {
		return k
	}
	if h := c.Header("authorization"); len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }
