package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/client"
)

func newUsersCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage user accounts (admin)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newUsersCreateCmd(e), newUsersLsCmd(e), newUsersRmCmd(e))
	return cmd
}

func newUsersCreateCmd(e *env) *cobra.Command {
	var (
		rf   remoteFlags
		role string
	)
	cmd := &cobra.Command{
		Use:   "create <name>",
		Short: "Create a user and print their API token",
		Long: `Create a user. The password (at least 8 characters) is asked for; from a
pipe it is read from the first line of stdin. The new user's API token is
printed once.`,
		Example: `  tarsus users create alice
  echo "$PASSWORD" | tarsus users create bob --role admin -o json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if role != "" && role != "user" && role != "admin" {
				return fmt.Errorf("--role %q: use user or admin", role)
			}
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			// Only an admin may create users: say so before asking for a
			// password that would be thrown away.
			me, err := r.c.Me(cmd.Context())
			if err != nil {
				return explain(err, r.server)
			}
			if me.Role != "admin" {
				return fmt.Errorf("only an admin can create users, and you are logged in to %s as %s (role %s): log in as an admin (tarsus login --server %s) or set TARSUS_TOKEN to an admin's token", r.server, me.Name, me.Role, r.server)
			}
			pw, err := newPrompter(e).password("Password for " + args[0] + ": ")
			if err != nil {
				return err
			}
			u, err := r.c.CreateUser(cmd.Context(), args[0], pw, role)
			if err != nil {
				return explain(err, r.server)
			}
			if rf.output == "json" {
				return writeJSON(e.stdout, u)
			}
			fmt.Fprintf(e.stdout, "Created %s (%s). Their API token, shown once:\n%s\n", u.Name, u.Role, u.Token)
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, false, true)
	cmd.Flags().StringVar(&role, "role", "", "user or admin (default user)")
	return cmd
}

func newUsersLsCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:     "ls",
		Aliases: []string{"list"},
		Short:   "List the users",
		Args:    cobra.NoArgs,
		RunE: listRunE(e, &rf, (*client.Client).Users, "", func(us []client.User) {
			t := newTable(e.stdout, "NAME", "ROLE", "CREATED")
			for _, u := range us {
				created := u.CreatedAt
				if created == "" {
					created = "-"
				}
				t.row(u.Name, u.Role, created)
			}
			t.flush()
		}),
	}
	addRemoteFlags(cmd, &rf, false, true)
	return cmd
}

func newUsersRmCmd(e *env) *cobra.Command {
	var (
		rf  remoteFlags
		yes bool
	)
	cmd := &cobra.Command{
		Use:   "rm <name>",
		Short: "Delete a user and all their functions",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			if !yes {
				if !isTerminal(e.stderr) {
					return errors.New("deleting a user deletes their functions too: confirm with --yes")
				}
				a, err := newPrompter(e).line(fmt.Sprintf("Delete %s and all their functions on %s? Type the name to confirm: ", args[0], r.server))
				if err != nil {
					return err
				}
				if a != args[0] {
					return errors.New("not confirmed; nothing was deleted")
				}
			}
			if err := r.c.DeleteUser(cmd.Context(), args[0]); err != nil {
				return explain(err, r.server)
			}
			fmt.Fprintf(e.stdout, "Deleted %s.\n", args[0])
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, false, false)
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}
