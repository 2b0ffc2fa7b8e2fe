package bundler

import (
	"errors"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		want Kind
	}{
		{"hello.ts", Route},
		{"orders/create.ts", Route},
		{"orders/create.js", Route},
		{"a/b/c.mts", Route},
		{"a/b/c.mjs", Route},
		{"orders/index.ts", Route},
		{"_lib/db.ts", Shared},
		{"_lib/deep/x.js", Shared},
		{"orders/_util.ts", Shared},
		{"orders/_private/x.ts", Shared},
		{"data.json", Shared},
		{"orders/config.json", Shared},
		{"_lib/data.json", Shared},
		{"types.d.ts", Ignored},
		{"_lib/types.d.ts", Ignored},
		{"x.d.mts", Ignored},
		{"orders/create.test.ts", Ignored},
		{"orders/create.spec.js", Ignored},
		{"_lib/db.test.ts", Ignored},
		{"readme.md", Ignored},
		{"x.tsx", Ignored},
		{"x.jsx", Ignored},
		{"x.cts", Ignored},
		{"x.cjs", Ignored},
		{"package.json.bak", Ignored},
		{"noext", Ignored},
		{".hidden.ts", Ignored},
		{".config/x.ts", Ignored},
		{"node_modules/pkg/index.js", Ignored},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := Classify(tt.path); got != tt.want {
				t.Errorf("Classify(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	tests := []struct {
		k    Kind
		want string
	}{
		{Route, "route"}, {Shared, "shared"}, {Ignored, "ignored"}, {Kind(9), "Kind(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.k.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRouteOfAndMapName(t *testing.T) {
	tests := []struct {
		path, route, mapName string
	}{
		{"orders/create.ts", "orders/create", "orders/create.js.map"},
		{"hello.js", "hello", "hello.js.map"},
		{"a/b.c/d.mts", "a/b.c/d", "a/b.c/d.js.map"},
		{"orders/index.mjs", "orders/index", "orders/index.js.map"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := RouteOf(tt.path); got != tt.route {
				t.Errorf("RouteOf(%q) = %q, want %q", tt.path, got, tt.route)
			}
			if got := MapName(tt.route); got != tt.mapName {
				t.Errorf("MapName(%q) = %q, want %q", tt.route, got, tt.mapName)
			}
		})
	}
}

func TestCheckPath(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		maxLen  int
		wantErr string // substring of the message; "" for no error
	}{
		{"simple", "hello.ts", 0, ""},
		{"nested", "orders/_lib/db.ts", 0, ""},
		{"unicode", "bestellungen/größe.ts", 0, ""},
		{"dots in name", "a..b/c...ts", 0, ""},
		{"exactly default max", strings.Repeat("a", 253) + ".ts", 0, ""},
		{"empty", "", 0, "empty"},
		{"dotdot", "../x.ts", 0, `path "../x.ts": ".." segments are not allowed`},
		{"inner dotdot", "a/../x.ts", 0, `".." segments`},
		{"trailing dotdot", "a/..", 0, `".." segments`},
		{"dot", "./x.ts", 0, `"." segments`},
		{"inner dot", "a/./x.ts", 0, `"." segments`},
		{"absolute", "/etc/passwd", 0, "absolute paths are not allowed"},
		{"backslash", `a\b.ts`, 0, "backslashes are not allowed"},
		{"empty segment", "a//b.ts", 0, "empty segments"},
		{"trailing slash", "a/", 0, "empty segments"},
		{"nul", "a\x00.ts", 0, "control characters"},
		{"newline", "a\n.ts", 0, "control characters"},
		{"del", "a\x7f.ts", 0, "control characters"},
		{"not utf8", "a\xff.ts", 0, "not valid UTF-8"},
		{"over default max", strings.Repeat("a", 254) + ".ts", 0, "the limit is 256"},
		{"over custom max", "abcdef.ts", 8, "the limit is 8"},
		{"within custom max", "abcde.ts", 8, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPath(tt.path, tt.maxLen)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckPath(%q) = %v, want nil", tt.path, err)
				}
				return
			}
			var pe *PathError
			if !errors.As(err, &pe) {
				t.Fatalf("CheckPath(%q) = %v, want a *PathError", tt.path, err)
			}
			if pe.Path != tt.path {
				t.Errorf("PathError.Path = %q, want %q", pe.Path, tt.path)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("CheckPath(%q) = %q, want it to contain %q", tt.path, err, tt.wantErr)
			}
		})
	}
}
