package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/client"
)

func newSchedulesCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "schedules",
		Short: "List your scheduled routes (opts.config.schedule) with their next run",
		Long: `List the routes that declare opts.config.schedule: the cron expression, the
next run (UTC), the runs since the server started and the runs skipped
because the previous one was still going.`,
		Example: `  tarsus schedules
  tarsus schedules -o json`,
		Args: cobra.NoArgs,
		RunE: listRunE(e, &rf, (*client.Client).Schedules, "No scheduled routes.", func(ss []client.Schedule) {
			t := newTable(e.stdout, "ROUTE", "SCHEDULE", "NEXT RUN", "RUNS", "SKIPPED")
			for _, s := range ss {
				t.row(s.Route, s.Schedule, dash(s.Next), fmt.Sprint(s.Runs), fmt.Sprint(s.Skipped))
			}
			t.flush()
		}),
	}
	addRemoteFlags(cmd, &rf, true, true)
	return cmd
}

func newKeysCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Invocation keys: make, list and revoke the keys that call routes with auth \"key\"",
		Long: `Invocation keys let callers invoke your routes that set opts.config.auth to
"key" (Authorization: Bearer <key> or x-tarsus-key: <key>). They can only
invoke, optionally only some routes, and can expire. The server keeps only
their hash: a key is shown once, when it is made.`,
		Example: `  tarsus keys create shop --routes 'orders/*' --expires 720h
  tarsus keys ls
  tarsus keys rm 3f2a9c0d1e2b4a56`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	ls := &cobra.Command{
		Use:   "ls",
		Short: "List your invocation keys (never their secret)",
		Args:  cobra.NoArgs,
		RunE: listRunE(e, &rf, (*client.Client).Keys, "No invocation keys.", func(ks []client.Key) {
			t := newTable(e.stdout, "ID", "NAME", "ROUTES", "CREATED", "EXPIRES")
			for _, k := range ks {
				t.row(k.ID, k.Name, dashOr(strings.Join(k.Routes, ","), "all"), dash(k.CreatedAt), dashOr(k.ExpiresAt, "never"))
			}
			t.flush()
		}),
	}
	addRemoteFlags(ls, &rf, true, true)
	cmd.AddCommand(newKeysCreateCmd(e), ls, newKeysRmCmd(e))
	return cmd
}

func newKeysCreateCmd(e *env) *cobra.Command {
	var (
		rf      remoteFlags
		routes  []string
		expires time.Duration
	)
	cmd := &cobra.Command{
		Use:   "create <name>",
		Short: "Make an invocation key; it is printed once",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			o := client.KeyOptions{Name: args[0], Routes: routes}
			if expires < 0 {
				return fmt.Errorf("--expires %v: give a positive duration such as 720h", expires)
			}
			if expires > 0 {
				o.ExpiresAt = time.Now().Add(expires)
			}
			k, err := r.c.CreateKey(cmd.Context(), o)
			if err != nil {
				return explain(err, r.server)
			}
			if rf.output == "json" {
				return writeJSON(e.stdout, k)
			}
			fmt.Fprintf(e.stderr, "Made invocation key %s (%s). It is shown once; keep it now:\n", k.ID, k.Name)
			fmt.Fprintln(e.stdout, k.Secret)
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, true)
	cmd.Flags().StringSliceVar(&routes, "routes", nil, "only these routes may be invoked (patterns such as orders/*; comma-separated or repeated)")
	cmd.Flags().DurationVar(&expires, "expires", 0, "the key stops working after this long (e.g. 720h); default never")
	return cmd
}

func newKeysRmCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "rm <id>",
		Short: "Revoke an invocation key by its id; calls with it are refused at once",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			if err := r.c.RevokeKey(cmd.Context(), args[0]); err != nil {
				return explain(err, r.server)
			}
			fmt.Fprintf(e.stdout, "Revoked invocation key %s.\n", args[0])
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, false)
	return cmd
}
