package bundler

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Error is one build problem at a position in a user's file.
type Error struct {
	// File is the path relative to the functions folder ("orders/create.ts").
	File string `json:"file"`
	// Line is 1-based; 0 when the problem has no position.
	Line int `json:"line"`
	// Column is 1-based, counted in bytes; 0 when the problem has no position.
	Column int `json:"column"`
	// Text says what is wrong.
	Text string `json:"text"`
	// LineText is the source line the problem is on, when known.
	LineText string `json:"lineText,omitempty"`
}

// Error formats e as "file:line:col: text" (or "file: text" without a
// position).
func (e Error) Error() string {
	switch {
	case e.File == "":
		return e.Text
	case e.Line <= 0:
		return e.File + ": " + e.Text
	default:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Text)
	}
}

// Errors is the list of problems of one Build or BuildDir call, sorted by
// file, line and column, without duplicates.
type Errors []Error

// Error formats each problem as "file:line:col: text" on its own line.
func (es Errors) Error() string {
	var sb strings.Builder
	for i, e := range es {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(e.Error())
	}
	return sb.String()
}

// convertMessages translates esbuild messages into Errors. File names are
// stripped of the in-memory namespace prefix; a message without a position
// is attributed to entry.
func convertMessages(msgs []api.Message, entry string) Errors {
	out := make(Errors, 0, len(msgs))
	for _, m := range msgs {
		e := Error{File: entry, Text: m.Text}
		if loc := m.Location; loc != nil {
			e.File = strings.TrimPrefix(loc.File, memNamespace+":")
			e.Line = loc.Line
			e.Column = loc.Column + 1
			e.LineText = loc.LineText
		}
		out = append(out, e)
	}
	return out
}

// normalize sorts es and removes duplicates (a broken shared file imported
// by several entries is reported once).
func (es Errors) normalize() Errors {
	slices.SortStableFunc(es, func(a, b Error) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Text, b.Text),
		)
	})
	return slices.Compact(es)
}
