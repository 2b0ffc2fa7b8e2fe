package platform

import (
	"math"
	"testing"
	"time"

	"github.com/tarsus/tarsus/engine"
)

// TestDurHistQuantiles checks the per-minute histogram against exact
// quantiles of the same durations: within one bucket (a factor 10^0.1).
func TestDurHistQuantiles(t *testing.T) {
	var h durHist
	var exact []float64
	for i := 1; i <= 1000; i++ {
		ms := 0.05 * math.Pow(1.01, float64(i)) // 0.05 ms … ~1 s
		h.add(ms)
		exact = append(exact, ms)
	}
	for _, q := range []float64{0.5, 0.99} {
		want := exact[int(math.Ceil(q*float64(len(exact))))-1]
		got := h.quantile(q)
		if r := got / want; r < math.Pow(10, -0.1) || r > math.Pow(10, 0.1) {
			t.Errorf("q%.2f = %.4f ms, exact %.4f ms", q, got, want)
		}
	}
	// The same durations in another order give the same histogram, which
	// keeps one entry per bucket that has calls.
	var rev durHist
	for i := len(exact) - 1; i >= 0; i-- {
		rev.add(exact[(i*7919)%len(exact)])
	}
	if len(rev) != len(h) || rev.quantile(0.5) != h.quantile(0.5) || rev.quantile(0.99) != h.quantile(0.99) {
		t.Errorf("order changed the histogram: %d/%d buckets, p50 %v/%v", len(rev), len(h), rev.quantile(0.5), h.quantile(0.5))
	}
	for k := 1; k < len(rev); k++ {
		if rev[k-1].i >= rev[k].i || rev[k].n == 0 {
			t.Fatalf("buckets out of order or empty at %d: %v", k, rev)
		}
	}
	if len(h) > 45 {
		t.Errorf("%d buckets for durations spanning 4.3 decades", len(h))
	}
	var empty durHist
	if empty.quantile(0.5) != 0 {
		t.Errorf("empty histogram: %v", empty.quantile(0.5))
	}
	h2 := durHist{}
	h2.add(0)
	h2.add(1e9)
	if h2.quantile(0.5) != 0.01 || h2.quantile(1) <= 1000 {
		t.Errorf("out of range: %v %v", h2.quantile(0.5), h2.quantile(1))
	}
}

// TestMinuteHistory: a past minute keeps its calls, errors and percentiles
// once the next minute starts, and the current minute reads its own.
func TestMinuteHistory(t *testing.T) {
	eng, err := engine.New(engine.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	m := newMetrics(eng)
	s := newStatsBook()
	t0 := time.Date(2026, 11, 25, 10, 0, 5, 0, time.UTC)
	for i := 0; i < 100; i++ {
		s.recordAt(t0, m, "u", "f", time.Millisecond, 200, false)
	}
	s.recordAt(t0, m, "u", "f", 100*time.Millisecond, 500, false)
	t1 := t0.Add(time.Minute)
	for i := 0; i < 10; i++ {
		s.recordAt(t1, m, "u", "f", 10*time.Millisecond, 200, false)
	}
	h := s.history("u", t1.Add(time.Second))
	if len(h.Minutes) != 2 {
		t.Fatalf("%d minutes, want 2: %+v", len(h.Minutes), h.Minutes)
	}
	past, cur := h.Minutes[0].Functions["f"], h.Minutes[1].Functions["f"]
	near := func(got, want float64) bool { return got/want > math.Pow(10, -0.1) && got/want < math.Pow(10, 0.1) }
	if past.Calls != 101 || past.Errors != 1 || !near(past.P50Ms, 1) || !near(past.P99Ms, 1) {
		t.Errorf("past minute: %+v", past)
	}
	if cur.Calls != 10 || cur.Errors != 0 || !near(cur.P50Ms, 10) || !near(cur.P99Ms, 10) {
		t.Errorf("current minute: %+v", cur)
	}
	// An hour later both have left the window.
	if h := s.history("u", t1.Add(time.Hour)); len(h.Minutes) != 0 {
		t.Errorf("an hour later: %+v", h.Minutes)
	}
}
