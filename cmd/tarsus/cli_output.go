package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/client"
)

// table writes aligned columns.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer, header ...string) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	t.row(header...)
	return t
}

func (t *table) row(cols ...string) { fmt.Fprintln(t.tw, strings.Join(cols, "\t")) }

func (t *table) flush() { _ = t.tw.Flush() }

// size formats a byte count in SI units ("1.2 kB"); "-" for a negative one.
func size(n int) string {
	switch {
	case n < 0:
		return "-"
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}

// millis formats a duration in milliseconds; "-" for a negative one.
func millis(ms float64) string {
	switch {
	case ms < 0:
		return "-"
	case ms < 10:
		return fmt.Sprintf("%.1f ms", ms)
	default:
		return fmt.Sprintf("%.0f ms", ms)
	}
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func ago(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// problem is one positioned problem to print.
type problem struct {
	file     string // as displayed
	line     int
	column   int
	text     string
	lineText string
}

// printProblems prints each problem as "file:line:col: text", followed by
// the source line and a caret under the column when known.
func printProblems(w io.Writer, probs []problem) {
	for _, p := range probs {
		switch {
		case p.file == "":
			fmt.Fprintf(w, "%s\n", p.text)
		case p.line <= 0:
			fmt.Fprintf(w, "%s: %s\n", p.file, p.text)
		default:
			fmt.Fprintf(w, "%s:%d:%d: %s\n", p.file, p.line, p.column, p.text)
		}
		if p.lineText != "" && p.line > 0 {
			gutter := fmt.Sprintf("%5d | ", p.line)
			fmt.Fprintf(w, "%s%s\n", gutter, p.lineText)
			col := min(max(p.column-1, 0), len(p.lineText))
			pad := []byte(p.lineText[:col])
			for i, c := range pad {
				if c != '\t' {
					pad[i] = ' '
				}
			}
			fmt.Fprintf(w, "%s| %s^\n", strings.Repeat(" ", len(gutter)-2), pad)
		}
	}
}

// apiProblems turns a deploy error's problems into printable ones, with
// source lines read from the project.
func apiProblems(p *project, err error) ([]problem, bool) {
	var ae *client.Error
	if !errors.As(err, &ae) || len(ae.Problems) == 0 {
		return nil, false
	}
	out := make([]problem, 0, len(ae.Problems))
	for _, pr := range ae.Problems {
		out = append(out, problem{
			file: p.displayPath(pr.File), line: pr.Line, column: pr.Column, text: pr.Text,
			lineText: p.sourceLine(pr.File, pr.Line),
		})
	}
	return out, true
}

// progressMode is --progress: auto shows bars when stderr is a terminal.
func progressEnabled(e *env, mode string) (bool, error) {
	switch mode {
	case "auto":
		return isTerminal(e.stderr), nil
	case "always":
		return true, nil
	case "never":
		return false, nil
	}
	return false, fmt.Errorf("--progress %q: use auto, always or never", mode)
}

func addProgressFlag(cmd *cobra.Command, mode *string) {
	cmd.Flags().StringVar(mode, "progress", "auto", "progress bars on stderr: auto (when it is a terminal), always or never")
}

// newBar returns a progress bar on e.stderr, invisible unless show.
func newBar(e *env, show bool, max int64, desc string, bytes bool) *progressbar.ProgressBar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetVisibility(show),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(50 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionUseANSICodes(isTerminal(e.stderr)),
	}
	if bytes {
		opts = append(opts, progressbar.OptionShowBytes(true), progressbar.OptionShowTotalBytes(true))
	}
	opts = append(opts, progressbar.OptionShowCount())
	return progressbar.NewOptions64(max, opts...)
}

// listRunE is the body of a command that lists things: connect, fetch, then
// JSON (an empty list as []), a hint when there is nothing, or a table.
func listRunE[T any](e *env, rf *remoteFlags, fetch func(*client.Client, context.Context) ([]T, error), none string, table func([]T)) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		r, err := connect(e, rf, "", "")
		if err != nil {
			return err
		}
		defer r.c.Close()
		items, err := fetch(r.c, cmd.Context())
		if err != nil {
			return explain(err, r.server)
		}
		if rf.output == "json" {
			if items == nil {
				items = []T{}
			}
			return writeJSON(e.stdout, items)
		}
		if len(items) == 0 && none != "" {
			fmt.Fprintln(e.stdout, none)
			return nil
		}
		table(items)
		return nil
	}
}
