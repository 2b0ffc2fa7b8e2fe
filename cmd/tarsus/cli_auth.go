package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/client"
)

func newLoginCmd(e *env) *cobra.Command {
	var server, token, name string
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
				res, err := c.Login(ctx, name, pw)
				if err != nil {
					return fmt.Errorf("logging in to %s: %w", server, err)
				}
				token, user = res.Token, &res.User
			}
			path, err := saveCredentials(e, credentials{Server: server, Token: token, User: user.Name})
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
	return cmd
}

func newLogoutCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Forget the saved token",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := credentialsPath(e)
			if err != nil {
				return err
			}
			c, _ := loadCredentials(e)
			if err := os.Remove(p); errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintln(e.stdout, "Not logged in.")
				return nil
			} else if err != nil {
				return err
			}
			if c != nil {
				fmt.Fprintf(e.stdout, "Logged out of %s.\n", c.Server)
			} else {
				fmt.Fprintln(e.stdout, "Logged out.")
			}
			return nil
		},
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
