package engine

import (
	"testing"
)

// TestCheckSyntax: valid scripts pass, what goja's parser rejects (a class
// field named set) is reported.
func TestCheckSyntax(t *testing.T) {
	if err := CheckSyntax([]byte("class A { #x = 1; get() { return this.#x } }\n")); err != nil {
		t.Errorf("valid script: %v", err)
	}
	if err := CheckSyntax([]byte("class A { set = 1 }")); err == nil {
		t.Error("goja now parses a class field named set: the bundler's fallback may be dropped (bundler/lower.go)")
	}
	// A source map comment is not a reason to fail (nor followed: the
	// parser is given WithDisableSourceMaps).
	if err := CheckSyntax([]byte("var a = 1;\n//# sourceMappingURL=/nonexistent/x.map\n")); err != nil {
		t.Errorf("script with a source map comment: %v", err)
	}
}
