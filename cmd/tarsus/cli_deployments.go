package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/client"
)

func newDeploymentsCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "deployments",
		Short: "List the deployments, newest first",
		Args:  cobra.NoArgs,
		RunE: listRunE(e, &rf, (*client.Client).Deployments, "No deployments yet.", func(ds []client.Deployment) {
			t := newTable(e.stdout, "ID", "VERSION", "CREATED", "BY", "VIA", "CHANGES")
			for _, d := range ds {
				t.row(d.ID, strconv.FormatInt(d.Version, 10), ago(d.CreatedAt), d.By, d.Via, describeChange(d))
			}
			t.flush()
		}),
	}
	addRemoteFlags(cmd, &rf, true, true)
	return cmd
}

// describeChange summarizes a deployment's files: "+a.ts ~b.ts -c.ts",
// shortened to counts when long.
func describeChange(d client.Deployment) string {
	var parts []string
	add := func(sign string, paths []string) {
		for _, p := range paths {
			parts = append(parts, sign+p)
		}
	}
	add("+", d.Files.Added)
	add("~", d.Files.Changed)
	add("-", d.Files.Removed)
	s := strings.Join(parts, " ")
	if len(parts) > 4 || len(s) > 60 {
		s = fmt.Sprintf("+%d ~%d -%d", len(d.Files.Added), len(d.Files.Changed), len(d.Files.Removed))
	}
	if s == "" {
		s = "no changes"
	}
	if d.RollbackOf != "" {
		s = "rollback to " + d.RollbackOf + ": " + s
	}
	return s
}

// deploymentID accepts an id or a version number ("7" → "000000000007").
func deploymentID(arg string) string {
	if n, err := strconv.ParseInt(arg, 10, 64); err == nil && n >= 0 && len(arg) < 12 {
		return fmt.Sprintf("%012d", n)
	}
	return arg
}

func newRollbackCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "rollback <deployment>",
		Short: "Make the functions of an earlier deployment live again",
		Long: `Make the files of an earlier deployment (its ID or version, see
tarsus deployments) live again. The rollback is itself a new deployment,
so it can be rolled back too.`,
		Example: `  tarsus rollback 000000000004
  tarsus rollback 4`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			id := deploymentID(args[0])
			res, err := r.c.Rollback(cmd.Context(), id)
			if err != nil {
				if client.IsStatus(err, 404) {
					return fmt.Errorf("no deployment %s on %s (see tarsus deployments)", id, r.server)
				}
				return explain(err, r.server)
			}
			if rf.output == "json" {
				return writeJSON(e.stdout, res)
			}
			if len(res.Files) > 0 {
				t := newTable(e.stdout, "FILE", "STATUS")
				for _, f := range res.Files {
					t.row(f.Path, f.Status)
				}
				t.flush()
				fmt.Fprintln(e.stdout)
			}
			fmt.Fprintf(e.stdout, "Rolled back to deployment %s: now version %d (deployment %s).\n", id, res.Version, res.Deployment)
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, true)
	return cmd
}
