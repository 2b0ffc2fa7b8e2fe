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
