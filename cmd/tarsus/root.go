package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "tarsus",
		Short:         "Tarsus: TypeScript functions as a service",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.AddCommand(newEnvCmd(e), newKVCmd(e)) // cli_data.go
	root.AddCommand(newServeCmd(e), newVersionCmd(e), newLoginCmd(e), newLogoutCmd(e), newWhoamiCmd(e), newInitCmd(e), newPushCmd(e), newLsCmd(e),
		newInvokeCmd(e), newLogsCmd(e), newRmCmd(e), newDeploymentsCmd(e), newRollbackCmd(e), newUsersCmd(e), newTokensCmd(e), newPasswdCmd(e))
	root.AddCommand(newSchedulesCmd(e), newKeysCmd(e)) // access to functions (cli_access.go)
	explainUnreachable(root)
	return root
}

// explainUnreachable makes every client command say which server it could
// not reach and what to do, instead of a Go dial error.
func explainUnreachable(c *cobra.Command) {
	if run := c.RunE; run != nil && c.Name() != "serve" {
		c.RunE = func(cmd *cobra.Command, args []string) error { return unreachable(run(cmd, args)) }
	}
	for _, sub := range c.Commands() {
		explainUnreachable(sub)
	}
}

func newVersionCmd(e *env) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch output {
			case "json":
				return writeJSON(e.stdout, map[string]string{"version": version})
			case "", "text":
				fmt.Fprintln(e.stdout, "tarsus", version)
				return nil
			}
			return fmt.Errorf("--output %q: use text or json", output)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "text or json")
	return cmd
}
