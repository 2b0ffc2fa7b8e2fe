// Package consoleui embeds the built web console (console-ui/dist), so the
// tarsus binary serves it with no Node installed. The sources are the Vite
// app beside this file; `task ui:build` rebuilds dist/.
package consoleui

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built console, rooted at its index.html.
func Dist() (fs.FS, error) { return fs.Sub(dist, "dist") }
