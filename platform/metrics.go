package platform

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tarsus/tarsus/engine"
)

// metrics are the Prometheus series a node exports. Each Platform has its own
// registry (no global state), so tests can run several servers.
type metrics struct {
	reg          *prometheus.Registry
	invocations  *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	coldStarts   *prometheus.CounterVec
	deploys      *prometheus.CounterVec
	buildSeconds prometheus.Histogram

	fetches       *prometheus.CounterVec
	fetchDuration *prometheus.HistogramVec
	fetchBytes    *prometheus.CounterVec
}

func newMetrics(eng *engine.Engine) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.invocations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tarsus_invocations_total", Help: "Function invocations by user, function and HTTP status code.",
	}, []string{"user", "fn", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "tarsus_invocation_duration_seconds", Help: "Invocation duration, including the wait for a runtime.",
		Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"user", "fn"})
	m.coldStarts = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tarsus_cold_starts_total", Help: "Runtimes created for a request.",
	}, []string{"user"})
	m.deploys = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tarsus_deploys_total", Help: "Deploys by result (ok, failed, rejected).",
	}, []string{"result"})
	m.buildSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "tarsus_deploy_build_duration_seconds", Help: "Time from a deploy request to its routes being live.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
	})
	m.fetches = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tarsus_fetch_requests_total", Help: "Outgoing fetch requests (redirect hops included) by user and outcome: the HTTP status, or the failure's code.",
	}, []string{"user", "code"})
	m.fetchDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "tarsus_fetch_duration_seconds", Help: "Outgoing fetch requests' duration, from sending to the end of the body.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"user"})
	m.fetchBytes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tarsus_fetch_response_bytes_total", Help: "Response body bytes functions read from fetch.",
	}, []string{"user"})
	warm := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tarsus_warm_runtimes", Help: "Runtimes alive across all users.",
	}, func() float64 { return float64(eng.WarmTotal()) })
	m.reg.MustRegister(m.invocations, m.duration, m.coldStarts, m.deploys, m.buildSeconds, warm,
		m.fetches, m.fetchDuration, m.fetchBytes,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// fnMetrics caches one function's series, so a call does not hash label
// values.
type fnMetrics struct {
	m          *metrics
	user, fn   string
	duration   prometheus.Observer
	ok         prometheus.Counter // the common status 200
	coldStarts prometheus.Counter
}

func (m *metrics) forFn(user, fn string) *fnMetrics {
	return &fnMetrics{
		m: m, user: user, fn: fn,
		duration:   m.duration.WithLabelValues(user, fn),
		ok:         m.invocations.WithLabelValues(user, fn, "200"),
		coldStarts: m.coldStarts.WithLabelValues(user),
	}
}

func (f *fnMetrics) observe(d time.Duration, status int, cold bool) {
	if status == 200 {
		f.ok.Inc()
	} else {
		f.m.invocations.WithLabelValues(f.user, f.fn, strconv.Itoa(status)).Inc()
	}
	f.duration.Observe(d.Seconds())
	if cold {
		f.coldStarts.Inc()
	}
}

// forget drops a deleted user's series.
func (m *metrics) forget(user string) {
	m.invocations.DeletePartialMatch(prometheus.Labels{"user": user})
	m.duration.DeletePartialMatch(prometheus.Labels{"user": user})
	m.coldStarts.DeletePartialMatch(prometheus.Labels{"user": user})
	m.fetches.DeletePartialMatch(prometheus.Labels{"user": user})
	m.fetchDuration.DeletePartialMatch(prometheus.Labels{"user": user})
	m.fetchBytes.DeletePartialMatch(prometheus.Labels{"user": user})
}

// fetched counts one outgoing request.
func (m *metrics) fetched(user string, r engine.FetchRecord) {
	code := r.Err
	if code == "" {
		code = strconv.Itoa(r.Status)
	}
	m.fetches.WithLabelValues(user, code).Inc()
	m.fetchDuration.WithLabelValues(user).Observe(r.Duration.Seconds())
	if r.Bytes > 0 {
		m.fetchBytes.WithLabelValues(user).Add(float64(r.Bytes))
	}
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
