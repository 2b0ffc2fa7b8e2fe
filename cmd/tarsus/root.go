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
	root.AddCommand(newServeCmd(e), &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run:   func(cmd *cobra.Command, _ []string) { fmt.Fprintln(e.stdout, "tarsus", version) },
	}, newLoginCmd(e), newLogoutCmd(e), newWhoamiCmd(e), newInitCmd(e), newPushCmd(e), newLsCmd(e),
		newInvokeCmd(e), newLogsCmd(e), newRmCmd(e), newDeploymentsCmd(e), newRollbackCmd(e), newUsersCmd(e))
	return root
}
