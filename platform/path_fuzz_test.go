package platform

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzUploadPath feeds the deploy path's checks (checkUploads) any file
// path. A path they accept must be one the store and the bundler can take
// as is: relative, clean, inside the functions folder, valid UTF-8, no
// control characters or backslashes, within MaxPathLen. Seeds are in
// testdata/fuzz/FuzzUploadPath.
//
//	go test -run '^$' -fuzz FuzzUploadPath -fuzztime 60s ./platform/
func FuzzUploadPath(f *testing.F) {
	for _, s := range []string{"orders/create.ts", "a.ts", "../x.ts", "./a.ts", "a//b.ts", "/etc/passwd", `a\b.ts`, "a/./b.ts", "a/../../b.ts", "a\x00.ts", "a\r\n.ts", "\xff.ts", "…/ü.ts", "a/", "", ".", "..", "C:/x.ts", strings.Repeat("a/", 200) + "x.ts"} {
		f.Add(s)
	}
	cfg := Config{}
	cfg.fill()
	p := &Platform{cfg: cfg}
	f.Fuzz(func(t *testing.T, name string) {
		in := DeployInput{Files: []Upload{{Path: name, Source: []byte("export default [{}, () => 1]")}}, Delete: []string{name}}
		if err := p.checkUploads(&in); err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("%q: the error is not a *platform.Error: %T %v", name, err, err)
			}
			return
		}
		switch {
		case !filepath.IsLocal(name) || !path.IsAbs("/"+name) || path.Clean(name) != name:
			t.Fatalf("accepted a path that is not clean and local: %q", name)
		case strings.HasPrefix(name, "/") || strings.Contains(name, `\`):
			t.Fatalf("accepted an absolute path or a backslash: %q", name)
		case !utf8.ValidString(name):
			t.Fatalf("accepted invalid UTF-8: %q", name)
		case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
			t.Fatalf("accepted a control character: %q", name)
		case len(name) > cfg.MaxPathLen:
			t.Fatalf("accepted %d bytes; the limit is %d", len(name), cfg.MaxPathLen)
		}
		for _, seg := range strings.Split(name, "/") {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("accepted a %q segment: %q", seg, name)
			}
		}
	})
}
