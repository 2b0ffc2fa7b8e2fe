package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tarsus/tarsus/client"
)

func newTokensCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "tokens",
		Short: "List your API tokens (never their secret); revoke one",
		Long: `List the API tokens of your account: their id, name, kind, when they were
made and last used, and when they expire. The token this CLI uses is
marked with *. Admins see another user's with --as.`,
		Example: `  tarsus tokens
  tarsus tokens revoke 3f2a9c0d1e2b4a56
  tarsus tokens --as alice -o json`,
		Args: cobra.NoArgs,
		RunE: listRunE(e, &rf, (*client.Client).Tokens, "No tokens.", func(ts []client.Token) {
			t := newTable(e.stdout, "ID", "NAME", "KIND", "CREATED", "LAST USED", "EXPIRES")
			for _, tk := range ts {
				id := tk.ID
				if tk.Current {
					id += " *"
				}
				t.row(id, tk.Name, tk.Kind, dash(tk.CreatedAt), dash(tk.LastUsedAt), dashOr(tk.ExpiresAt, "never"))
			}
			t.flush()
		}),
	}
	addRemoteFlags(cmd, &rf, true, true)
	cmd.AddCommand(newTokensRevokeCmd(e))
	return cmd
}

func dash(s string) string { return dashOr(s, "-") }

func dashOr(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func newTokensRevokeCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "revoke <id>",
		Short: "Revoke a token by its id (tarsus tokens lists them)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			if err := r.c.RevokeToken(cmd.Context(), args[0]); err != nil {
				return explain(err, r.server)
			}
			fmt.Fprintf(e.stdout, "Revoked token %s.\n", args[0])
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, false)
	return cmd
}

func newPasswdCmd(e *env) *cobra.Command {
	var (
		rf   remoteFlags
		user string
	)
	cmd := &cobra.Command{
		Use:   "passwd",
		Short: "Change your password (admins: --user resets another's)",
		Long: `Change your password: the current one and the new one are asked for (on a
terminal the new one twice; from a pipe, one per line). Every token of your
account is revoked, on every machine; the CLI saves the new token it gets.

An admin resets another user's password with --user <name>: only the new
password is asked for, and every token of that user is revoked.

Passwords have 8 characters to 72 bytes.`,
		Example: `  tarsus passwd
  printf '%s\n%s\n' "$OLD" "$NEW" | tarsus passwd
  tarsus passwd --user alice`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			p := newPrompter(e)
			if user != "" {
				pw, err := newPassword(e, p, "New password for "+user+": ")
				if err != nil {
					return err
				}
				if err := r.c.SetPassword(cmd.Context(), user, pw); err != nil {
					return explain(err, r.server)
				}
				fmt.Fprintf(e.stdout, "Set %s's password; every token of theirs is revoked.\n", user)
				return nil
			}
			cur, err := p.password("Current password: ")
			if err != nil {
				return err
			}
			pw, err := newPassword(e, p, "New password: ")
			if err != nil {
				return err
			}
			nt, err := r.c.ChangePassword(cmd.Context(), cur, pw)
			if err != nil {
				return explain(err, r.server)
			}
			if r.creds != nil {
				c := *r.creds
				c.Token, c.Given = nt.Token, false
				if _, err := saveCredentials(e, c); err != nil {
					return fmt.Errorf("the password is changed, but saving the new token failed (%v); it is: %s", err, nt.Token)
				}
				fmt.Fprintln(e.stdout, "Password changed. Every other token of your account is revoked; the CLI saved its new one.")
				return nil
			}
			fmt.Fprintf(e.stdout, "Password changed. Every token of your account is revoked, TARSUS_TOKEN's too. The new token, shown once:\n%s\n", nt.Token)
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, false, false)
	cmd.Flags().StringVar(&user, "user", "", "reset this user's password (admins)")
	return cmd
}

// newPassword asks for a new password, twice on a terminal.
func newPassword(e *env, p *prompter, prompt string) (string, error) {
	pw, err := p.password(prompt)
	if err != nil {
		return "", err
	}
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		again, err := p.password("Repeat it: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", errors.New("the two passwords differ; nothing was changed")
		}
	}
	return pw, nil
}
