package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tarsus/tarsus/client"
)

// readValue is a value given as an argument, or, when it is "-" or not
// given, read from stdin so that it stays out of the shell's history: on a
// terminal it is asked for without echo (one line), from a pipe it is all
// of stdin (at most max bytes) less one trailing newline.
func readValue(e *env, args []string, i int, prompt string, max int) (string, error) {
	if len(args) > i && args[i] != "-" {
		return args[i], nil
	}
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return newPrompter(e).password(prompt)
	}
	b, err := io.ReadAll(io.LimitReader(e.stdin, int64(max)+1))
	if err != nil {
		return "", err
	}
	if len(b) > max {
		return "", fmt.Errorf("the value on stdin has more than %d bytes", max)
	}
	s := strings.TrimSuffix(string(b), "\n")
	return strings.TrimSuffix(s, "\r"), nil
}

func newEnvCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "env",
		Short: "Manage your functions' environment variables and secrets",
		Long: `Environment variables and secrets are read by functions as process.env.NAME.
A change applies to the next invocation, without a deploy. Names use
upper-case letters, digits and '_' (not starting with a digit).

Secrets are encrypted at rest and never shown again: tarsus env ls lists
them by name only.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newEnvSetCmd(e), newEnvLsCmd(e), newEnvRmCmd(e))
	return cmd
}

func newEnvSetCmd(e *env) *cobra.Command {
	var (
		rf     remoteFlags
		secret bool
	)
	cmd := &cobra.Command{
		Use:   "set NAME [VALUE]",
		Short: "Set an environment variable or, with --secret, a secret",
		Long: `Set an environment variable. With --secret it is a secret: encrypted at
rest and never shown again.

When VALUE is "-" or left out it is read from stdin, so that it does not
land in your shell's history: on a terminal it is asked for (not echoed);
from a pipe or file, all of stdin is the value (one trailing newline is
dropped), so a PEM key works.`,
		Example: `  tarsus env set MODE production
  tarsus env set STRIPE_KEY --secret            (asks for the value)
  tarsus env set JWT_KEY --secret < private.pem`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			v, err := readValue(e, args, 1, "Value of "+args[0]+": ", 64<<10)
			if err != nil {
				return err
			}
			if err := r.c.SetEnv(cmd.Context(), args[0], v, secret); err != nil {
				return explain(err, r.server)
			}
			kind := "variable"
			if secret {
				kind = "secret"
			}
			fmt.Fprintf(e.stdout, "Set %s %s; functions see it from their next invocation.\n", kind, args[0])
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, false)
	cmd.Flags().BoolVar(&secret, "secret", false, "store it as a secret (encrypted, never shown again)")
	return cmd
}

func newEnvLsCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:     "ls",
		Short:   "List environment variables (secrets by name only)",
		Example: "  tarsus env ls\n  tarsus env ls -o json",
		Args:    cobra.NoArgs,
		RunE: listRunE(e, &rf, (*client.Client).Env, "No environment variables.", func(vs []client.EnvVar) {
			t := newTable(e.stdout, "NAME", "VALUE", "UPDATED")
			for _, v := range vs {
				val := "(secret)"
				if v.Value != nil {
					val = *v.Value
					if len(val) > 60 || strings.ContainsAny(val, "\r\n\t") {
						val = fmt.Sprintf("%q", val)
						if len(val) > 60 {
							val = val[:57] + "..."
						}
					}
				}
				t.row(v.Name, val, dash(v.UpdatedAt))
			}
			t.flush()
		}),
	}
	addRemoteFlags(cmd, &rf, true, true)
	return cmd
}

func newEnvRmCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove an environment variable or secret",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			if err := r.c.DeleteEnv(cmd.Context(), args[0]); err != nil {
				return explain(err, r.server)
			}
			fmt.Fprintf(e.stdout, "Removed %s.\n", args[0])
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, false)
	return cmd
}

func newKVCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kv",
		Short: "Read and write your KV store (what functions reach with tarsus:kv)",
		Long: `Your KV store: the keys your functions read and write with
import { kv } from "tarsus:kv". Values are bytes (at most 1 MiB); keys are
up to 512 bytes of UTF-8.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newKVGetCmd(e), newKVPutCmd(e), newKVLsCmd(e), newKVRmCmd(e))
	return cmd
}

func newKVGetCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:     "get KEY",
		Short:   "Print a key's value (as stored, bytes)",
		Example: "  tarsus kv get counter\n  tarsus kv get avatar > avatar.png",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			v, err := r.c.KVGet(cmd.Context(), args[0])
			if err != nil {
				if client.IsStatus(err, 404) {
					return fmt.Errorf("no key %q", args[0])
				}
				return explain(err, r.server)
			}
			_, err = e.stdout.Write(v)
			if err == nil && isTerminal(e.stdout) && (len(v) == 0 || v[len(v)-1] != '\n') {
				fmt.Fprintln(e.stdout)
			}
			return err
		},
	}
	addRemoteFlags(cmd, &rf, true, false)
	return cmd
}

func newKVPutCmd(e *env) *cobra.Command {
	var (
		rf  remoteFlags
		ttl time.Duration
	)
	cmd := &cobra.Command{
		Use:   "put KEY [VALUE]",
		Short: "Write a key (the value from stdin when VALUE is - or left out)",
		Long: `Write a key. When VALUE is "-" or left out, all of stdin is the value, as
bytes (nothing is trimmed). --ttl makes the key expire.`,
		Example: "  tarsus kv put greeting hello\n  tarsus kv put avatar < avatar.png\n  tarsus kv put session:42 '{\"user\":1}' --ttl 1h",
		Args:    cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if ttl < 0 {
				return errors.New("--ttl must be positive")
			}
			var v []byte
			if len(args) == 2 && args[1] != "-" {
				v = []byte(args[1])
			} else {
				b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20+1))
				if err != nil {
					return err
				}
				if len(b) > 1<<20 {
					return errors.New("the value on stdin has more than 1 MiB; a KV value may have at most 1 MiB")
				}
				v = b
			}
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			if err := r.c.KVPut(cmd.Context(), args[0], v, ttl); err != nil {
				return explain(err, r.server)
			}
			fmt.Fprintf(e.stdout, "Wrote %s (%d bytes).\n", args[0], len(v))
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, false)
	cmd.Flags().DurationVar(&ttl, "ttl", 0, "expire the key after this long, e.g. 30s, 1h")
	return cmd
}

func newKVLsCmd(e *env) *cobra.Command {
	var (
		rf     remoteFlags
		prefix string
		limit  int
	)
	cmd := &cobra.Command{
		Use:     "ls",
		Short:   "List keys (with --prefix, those starting with it)",
		Example: "  tarsus kv ls\n  tarsus kv ls --prefix user: --limit 50 -o json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 1 {
				return errors.New("--limit must be at least 1")
			}
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			keys := []client.KVKey{}
			cursor := ""
			for len(keys) < limit {
				page, err := r.c.KVList(cmd.Context(), prefix, cursor, min(1000, limit-len(keys)))
				if err != nil {
					return explain(err, r.server)
				}
				keys = append(keys, page.Keys...)
				if cursor = page.Cursor; cursor == "" {
					break
				}
			}
			if rf.output == "json" {
				return writeJSON(e.stdout, keys)
			}
			if len(keys) == 0 {
				fmt.Fprintln(e.stdout, "No keys.")
				return nil
			}
			t := newTable(e.stdout, "KEY", "EXPIRES")
			for _, k := range keys {
				t.row(k.Name, dashOr(k.ExpiresAt, "never"))
			}
			t.flush()
			if cursor != "" {
				fmt.Fprintf(e.stderr, "(more keys: raise --limit, now %d)\n", limit)
			}
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, true)
	cmd.Flags().StringVar(&prefix, "prefix", "", "only keys starting with this")
	cmd.Flags().IntVar(&limit, "limit", 1000, "list at most this many keys")
	return cmd
}

func newKVRmCmd(e *env) *cobra.Command {
	var rf remoteFlags
	cmd := &cobra.Command{
		Use:   "rm KEY",
		Short: "Delete a key",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := connect(e, &rf, "", "")
			if err != nil {
				return err
			}
			defer r.c.Close()
			if err := r.c.KVDelete(cmd.Context(), args[0]); err != nil {
				return explain(err, r.server)
			}
			fmt.Fprintf(e.stdout, "Deleted %s.\n", args[0])
			return nil
		},
	}
	addRemoteFlags(cmd, &rf, true, false)
	return cmd
}
