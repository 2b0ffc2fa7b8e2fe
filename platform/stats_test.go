package platform

import (
	"math"
	"testing"
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
