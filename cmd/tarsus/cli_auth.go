package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/client"
)

func newLoginCmd(e *env) *cobra.Command {
	var server, token, name string
	var expiresIn time.Duration
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Log in to a Tarsus server and keep the token",
		Long: `Log in to a Tarsus server. With --token, the API token is checked and kept;
otherwise your name and password are asked for (on a terminal the password
is not shown; from a pipe, name and password are read one per line).

The token is kept in the credentials file of your config folder
(~/.config/tarsus/credentials.json on Linux), readable by you only.
For CI, set TARSUS_URL and TARSUS_TOKEN instead: they override the file.`,
		Example: `  tarsus login --server http://localhost:3401
  tarsus login --server https://fn.example.com --token tsk_…`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if server == "" {
				server = e.getenv("TARSUS_URL")
			}
			if server == "" {
				if c, _ := loadCredentials(e); c != nil {
					server = c.Server
				}
			}
			if server == "" {
				return errors.New("give the server: tarsus login --server http://host:3401")
			}
			u, err := client.ParseURL(server)
			if err != nil {
				return err
			}
			server = u.String()
			var user *client.User
			given := token != ""
			if given && expiresIn != 0 {
				return errors.New("--expires-in applies to a login with a password, not to --token")
			}
			if expiresIn < 0 || (expiresIn > 0 && expiresIn < time.Second) {
				return fmt.Errorf("--expires-in %s: give a lifetime of a second or more, e.g. 720h", expiresIn)
			}
			if token != "" {
				c, err := client.New(client.Config{URL: server, Token: token, UserAgent: "tarsus-cli/" + version})
				if err != nil {
					return err
				}
				defer c.Close()
				if user, err = c.Me(ctx); err != nil {
					return fmt.Errorf("checking the token with %s: %w", server, err)
				}
			} else {
				p := newPrompter(e)
				if name == "" {
					if name, err = p.line("Name: "); err != nil {
						return err
					}
				}
				pw, err := p.password("Password: ")
				if err != nil {
					return err
				}
				c, err := client.New(client.Config{URL: server, UserAgent: "tarsus-cli/" + version})
				if err != nil {
					return err
				}
				defer c.Close()
				label := "tarsus CLI"
				if h, err := os.Hostname(); err == nil && h != "" {
					label += " on " + h
				}
				res, err := c.LoginWith(ctx, name, pw, client.LoginOptions{Label: label, ExpiresIn: expiresIn})
				if err != nil {
					return fmt.Errorf("logging in to %s: %w", server, err)
				}
				token, user = res.Token, &res.User
			}
			path, err := saveCredentials(e, credentials{Server: server, Token: token, User: user.Name, Given: given})
			if err != nil {
				return fmt.Errorf("saving the credentials: %w", err)
			}
			fmt.Fprintf(e.stdout, "Logged in to %s as %s (%s).\nCredentials saved in %s\n", server, user.Name, user.Role, path)
			if e.getenv("TARSUS_TOKEN") != "" {
				fmt.Fprintln(e.stderr, "note: TARSUS_TOKEN is set and overrides the saved token")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&server, "server", "", "server URL, e.g. http://localhost:3401 (default: $TARSUS_URL)")
	cmd.Flags().StringVar(&token, "token", "", "an API token to keep instead of logging in with a password")
	cmd.Flags().StringVar(&name, "name", "", "user name (asked for when not given)")
	cmd.Flags().DurationVar(&expiresIn, "expires-in", 0, "lifetime of the token, e.g. 720h (default: it does not expire)")
	return cmd
}

func newLogoutCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Revoke the saved token on the server and forget it",
		Long: `Revoke the saved token on its server, then delete it from the credentials
file. A token kept with login --token is only forgotten, not revoked (it may
be in use elsewhere; revoke it with tarsus tokens revoke <id>). When the
server cannot be reached, the token is forgotten anyway and a warning says
so.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := credentialsPath(e)
			if err != nil {
				return err
			}
			c, _ := loadCredentials(e)
			revoked := ""
			if c != nil && c.Token != "" && !c.Given {
				revoked = revokeSaved(cmd.Context(), e, c)
			}
			if err := os.Remove(p); errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintln(e.stdout, "Not logged in.")
				return nil
			} else if err != nil {
				return err
			}
			if c != nil {
				fmt.Fprintf(e.stdout, "Logged out of %s%s.\n", c.Server, revoked)
			} else {
				fmt.Fprintln(e.stdout, "Logged out.")
			}
			return nil
		},
	}
}

// revokeSaved revokes the saved token on its server and says how it went.
func revokeSaved(ctx context.Context, e *env, c *credentials) string {
	cl, err := client.New(client.Config{URL: c.Server, Token: c.Token, UserAgent: "tarsus-cli/" + version})
	if err != nil {
		fmt.Fprintf(e.stderr, "warning: the token was not revoked on the server: %v\n", err)
		return ""
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err = cl.Logout(ctx)
	switch {
	case err == nil:
		return "; the token is revoked"
	case client.IsStatus(err, 401):
		return "; the server no longer accepted the token"
	default:
		fmt.Fprintf(e.stderr, "warning: the token could not be revoked on %s (%v); it stays valid until it is revoked there (tarsus tokens revoke)\n", c.Server, err)
		return ""
	}
}

func newWhoamiCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "whoami",
		Short: "Show the user and server the CLI acts as",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			me, err := r.c.Me(cmd.Context())
			if err != nil {
				return explain(err, r.server)
			}
			if rf.output == "json" {
				return writeJSON(e.stdout, struct {
					client.User
					Server string `json:"server"`
				}{*me, r.server})
			}
			fmt.Fprintf(e.stdout, "%s (%s) on %s\n", me.Name, me.Role, r.server)
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, false, true)
	return cmd
}
