package engine

import (
	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// CheckSyntax reports whether goja can parse and compile code, a classic
// script (a bundle), without running it: nil, or goja's error, which names
// the line and column. The bundler calls it on every bundle it builds so
// that syntax goja rejects is found when the bundle is built, where it can
// be lowered (bundler.Options.Check), not when it is deployed. Source map
// comments are not followed.
func CheckSyntax(code []byte) error {
	prog, err := parser.ParseFile(nil, "bundle.js", string(code), 0, parser.WithDisableSourceMaps)
	if err != nil {
		return err
	}
	_, err = goja.CompileAST(prog, false)
	return err
}
