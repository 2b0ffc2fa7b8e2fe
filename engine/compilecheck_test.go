package engine

import (
	"strings"
	"testing"

	"github.com/dop251/goja/parser"
)

// TestLongestChain: chains of binary, logical and unary operators are
// measured wherever they stand (nested in calls, functions, classes,
// template literals); other nesting (parentheses around one operand,
// arrays, sequences) does not count.
func TestLongestChain(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{
		{"1", 0},
		{"a + b", 1},
		{"a + b * c - d", 3},
		{"!!!a", 3},
		{"-(a + b)", 2},
		{"f(" + strings.Repeat("a+", 50) + "a)", 50},
		{"function g() { return () => { x = " + strings.Repeat("a&&", 70) + "a } }", 70},
		{"class C { m() { return `${" + strings.Repeat("a|", 30) + "a}` } }", 30},
		{"[[[[a + b]]]], (a, b, c)", 1},
		{"var x = " + strings.Repeat("a+", 20) + "a; var y = " + strings.Repeat("!", 40) + "b", 40},
	} {
		prog, err := parser.ParseFile(nil, "", c.src, 0)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if got := longestChain(prog, 1<<30); got != c.want {
			t.Errorf("%.60s: longest chain %d, want %d", c.src, got, c.want)
		}
	}
}

// TestOperatorChainRefused: a bundle with a chain over MaxOperatorChain
// fails to compile with a message that says what to do; one at the limit
// compiles and runs.
func TestOperatorChainRefused(t *testing.T) {
	e, err := New(Config{MaxOperatorChain: 100, SpareRuntimes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	at := "export default [{}, () => ({ n: " + strings.Repeat("1+", 100) + "1 })]"
	fn := compileFor(t, e, at)
	if resp, err := e.Invoke(t.Context(), "u", fn, benchReq()); err != nil || string(resp.Body) != `{"n":101}` {
		t.Fatalf("at the limit: %v %v", err, resp)
	}
	over := Source{Path: "x.js", Route: "x", Code: []byte("globalThis.__tarsus_mod = { default: [{}, () => " + strings.Repeat("1+", 101) + "1] };")}
	_, err = e.Compile(t.Context(), over)
	if err == nil || !strings.Contains(err.Error(), "MaxOperatorChain") || !strings.Contains(err.Error(), "split it") {
		t.Fatalf("over the limit: %v", err)
	}
}
