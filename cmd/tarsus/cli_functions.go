package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/client"
)

func newLsCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:     "ls",
		Aliases: []string{"list"},
		Short:   "List the deployed functions and shared modules",
		Args:    cobra.NoArgs,
		RunE: listRunE(e, &rf, (*client.Client).Functions, "No functions yet: deploy some with tarsus push.", func(fns []client.Function) {
			t := newTable(e.stdout, "ROUTE", "FILE", "KIND", "VERSION", "SOURCE", "BUNDLE", "STORED", "UPDATED")
			for _, f := range fns {
				route := f.Route
				if route == "" {
					route = "-"
				}
				bundle := "-"
				if f.Sizes.Bundle > 0 {
					bundle = size(f.Sizes.Bundle)
				}
				t.row(route, f.Path, f.Kind, strconv.FormatInt(f.Version, 10), size(f.Sizes.Source), bundle, size(f.Sizes.Stored), ago(f.UpdatedAt))
			}
			t.flush()
		}),
	}
	addRemoteFlags(cmd, &rf, true, true)
	return cmd
}

// readData resolves --data: inline text, "@file", or "@-" for stdin.
func readData(e *env, data string) ([]byte, error) {
	switch {
	case data == "@-":
		return io.ReadAll(e.stdin)
	case strings.HasPrefix(data, "@"):
		b, err := os.ReadFile(data[1:])
		if err != nil {
			return nil, fmt.Errorf("--data: %w", err)
		}
		return b, nil
	}
	return []byte(data), nil
}

func newInvokeCmd(e *env) *cobra.Command {
	var (
		rf      remoteFlags
		data    string
		headers []string
		query   string
		key     string
	)
	cmd := &cobra.Command{
		Use:   "invoke <route>",
		Short: "Call a function and print its answer",
		Long: `Call a deployed function (POST /<user>/<route>) and print its answer: the
status, the time it took and whether it started a new runtime go to stderr,
the body to stdout. The exit code is non-zero when the status is 400 or
more. Your API token is never sent; a route with opts.config.auth "key"
or "jwt" is called with --key (sent as Authorization: Bearer <key>).`,
		Example: `  tarsus invoke hello --data '{"name": "Ada"}'
  tarsus invoke orders/create --data @order.json -H 'x-request-id: 42'
  tarsus invoke hello -o json | jq .body
  tarsus invoke orders/create --key "$ORDERS_KEY" --data '{}'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			user, err := r.userName(ctx, rf.as)
			if err != nil {
				return explain(err, r.server)
			}
			body, err := readData(e, data)
			if err != nil {
				return err
			}
			h := http.Header{}
			for _, kv := range headers {
				k, v, ok := strings.Cut(kv, ":")
				if !ok || strings.TrimSpace(k) == "" {
					return fmt.Errorf("-H %q: write a header as name:value", kv)
				}
				h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
			}
			if key != "" {
				h.Set("Authorization", "Bearer "+key)
			}
			ct := h.Get("Content-Type")
			if len(body) > 0 && (ct == "" || strings.Contains(ct, "json")) && !json.Valid(body) {
				return fmt.Errorf("--data is not valid JSON; to send other text, set its type, e.g. -H 'content-type: text/plain'")
			}
			res, err := r.c.Invoke(ctx, client.InvokeRequest{User: user, Route: args[0], Body: body, Header: h, Query: query})
			if err != nil {
				return err
			}
			if rf.output == "json" {
				out := struct {
					Status     int               `json:"status"`
					DurationMs float64           `json:"durationMs"`
					ServerMs   *float64          `json:"serverMs,omitempty"`
					Cold       bool              `json:"cold"`
					Headers    map[string]string `json:"headers"`
					Body       any               `json:"body"`
				}{Status: res.Status, DurationMs: msOf(res.Duration), Cold: res.Cold, Headers: map[string]string{}}
				if res.ServerMs >= 0 {
					out.ServerMs = &res.ServerMs
				}
				for k := range res.Header {
					out.Headers[strings.ToLower(k)] = res.Header.Get(k)
				}
				var v any
				if json.Unmarshal(res.Body, &v) == nil {
					out.Body = v
				} else {
					out.Body = string(res.Body)
				}
				if err := writeJSON(e.stdout, out); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(e.stderr, "%d %s  %s", res.Status, http.StatusText(res.Status), millis(msOf(res.Duration)))
				var notes []string
				if res.ServerMs >= 0 {
					notes = append(notes, "function "+millis(res.ServerMs))
				}
				if res.Cold {
					notes = append(notes, "cold start")
				}
				if len(notes) > 0 {
					fmt.Fprintf(e.stderr, " (%s)", strings.Join(notes, ", "))
				}
				fmt.Fprintln(e.stderr)
				_, _ = e.stdout.Write(res.Body)
				if len(res.Body) > 0 && !bytes.HasSuffix(res.Body, []byte("\n")) {
					fmt.Fprintln(e.stdout)
				}
			}
			if res.Status >= 400 {
				return &statusError{fmt.Sprintf("%s answered %d %s", args[0], res.Status, http.StatusText(res.Status))}
			}
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, true)
	f := cmd.Flags()
	f.StringVarP(&data, "data", "d", "", "request body: JSON text, @file, or @- for stdin")
	f.StringArrayVarP(&headers, "header", "H", nil, "request header name:value (repeatable)")
	f.StringVarP(&query, "query", "q", "", "query string, e.g. 'a=1&b=2'")
	f.StringVar(&key, "key", "", "an invocation key or a JWT, sent as Authorization: Bearer (routes with opts.config.auth)")
	return cmd
}

// resolvePath finds the stored file of a route or path argument.
func resolvePath(fns []client.Function, arg string) (string, bool) {
	arg = strings.TrimPrefix(arg, "/")
	for _, f := range fns {
		if f.Path == arg {
			return f.Path, true
		}
	}
	for _, f := range fns {
		if f.Route != "" && f.Route == arg {
			return f.Path, true
		}
	}
	return "", false
}

func newRmCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "rm <route|file>...",
		Short: "Remove deployed functions (or shared modules)",
		Long: `Remove functions by route ("orders/create") or file ("orders/create.ts"),
each in its own deployment (tarsus rollback undoes it).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			fns, err := r.c.Functions(ctx)
			if err != nil {
				return explain(err, r.server)
			}
			var results []*client.DeployResult
			for _, a := range args {
				p, ok := resolvePath(fns, a)
				if !ok {
					return fmt.Errorf("no function or file %q on %s (see tarsus ls)", a, r.server)
				}
				res, err := r.c.DeleteFunction(ctx, p)
				if err != nil {
					return explain(err, r.server)
				}
				results = append(results, res)
				if rf.output != "json" {
					fmt.Fprintf(e.stdout, "Removed %s: version %d (deployment %s).\n", p, res.Version, res.Deployment)
				}
			}
			if rf.output == "json" {
				return writeJSON(e.stdout, results)
			}
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, true)
	return cmd
}

func newLogsCmd(e *env) *cobra.Command {
	var (
		rf     remoteFlags
		q      client.LogQuery
		follow bool
	)
	cmd := &cobra.Command{
		Use:   "logs",
		Short: "Show the functions' logs (console output and invocations)",
		Long: `Show recent log records, oldest first: console output of your functions,
one line per invocation, and system messages (deploys). --follow keeps
printing new records until interrupted. With -o json, each record is one
JSON line.`,
		Example: `  tarsus logs --fn hello --since 10m
  tarsus logs -f`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			if q.Fn != "" && bundler.Classify(q.Fn) == bundler.Route {
				q.Fn = bundler.RouteOf(q.Fn)
			}
			print := func(rec client.LogRecord) error {
				if rf.output == "json" {
					b, _ := json.Marshal(rec)
					_, err := fmt.Fprintf(e.stdout, "%s\n", b)
					return err
				}
				_, err := fmt.Fprintln(e.stdout, formatLog(rec))
				return err
			}
			if follow {
				err := r.c.FollowLogs(ctx, q, print)
				if ctx.Err() != nil {
					return nil
				}
				return explain(err, r.server)
			}
			recs, err := r.c.Logs(ctx, q)
			if err != nil {
				return explain(err, r.server)
			}
			for _, rec := range recs {
				if err := print(rec); err != nil {
					return err
				}
			}
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, true)
	f := cmd.Flags()
	f.StringVar(&q.Fn, "fn", "", "only this function (route, e.g. orders/create)")
	f.StringVar(&q.Since, "since", "", "only records since a duration ago (10m) or a time (RFC 3339)")
	f.IntVarP(&q.Limit, "limit", "n", 0, "at most this many recent records (server default 200)")
	f.BoolVarP(&follow, "follow", "f", false, "keep printing new records")
	return cmd
}

// formatLog renders one record as a line of text.
func formatLog(r client.LogRecord) string {
	ts := r.Time.Local().Format("2006-01-02 15:04:05.000")
	fn := r.Fn
	if fn == "" {
		fn = "-"
	}
	switch r.Kind {
	case "invocation":
		s := fmt.Sprintf("%s  %s  %d in %s", ts, fn, r.Status, millis(r.DurationMs))
		if r.Cold {
			s += " (cold)"
		}
		if r.ReqID != "" {
			s += "  " + r.ReqID
		}
		return s
	case "system":
		return fmt.Sprintf("%s  [system]  %s", ts, r.Msg)
	}
	level := r.Level
	if level == "" {
		level = "log"
	}
	return fmt.Sprintf("%s  %s  %-5s  %s", ts, fn, level, r.Msg)
}
