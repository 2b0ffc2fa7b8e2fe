package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tarsus/tarsus/client"
)

// credentials is what `tarsus login` keeps in the user's config folder.
type credentials struct {
	Server string `json:"server"`
	Token  string `json:"token"`
	User   string `json:"user,omitempty"`
	// Given is set when the token was given with login --token: logout
	// forgets it without revoking it (it may be in use elsewhere).
	Given bool `json:"given,omitempty"`
}

// configDir is os.UserConfigDir computed from e's environment, so that
// tests (and nothing else) can point it elsewhere.
func configDir(e *env) (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = e.getenv("AppData")
		if dir == "" {
			return "", errors.New("%AppData% is not set")
		}
	case "darwin", "ios":
		dir = e.getenv("HOME")
		if dir == "" {
			return "", errors.New("$HOME is not set")
		}
		dir = filepath.Join(dir, "Library", "Application Support")
	case "plan9":
		dir = e.getenv("home")
		if dir == "" {
			return "", errors.New("$home is not set")
		}
		dir = filepath.Join(dir, "lib")
	default:
		dir = e.getenv("XDG_CONFIG_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			home := e.getenv("HOME")
			if home == "" {
				return "", errors.New("neither $XDG_CONFIG_HOME nor $HOME is set")
			}
			dir = filepath.Join(home, ".config")
		}
	}
	return filepath.Join(dir, "tarsus"), nil
}

func credentialsPath(e *env) (string, error) {
	dir, err := configDir(e)
	if err != nil {
		return "", fmt.Errorf("finding the config folder: %w", err)
	}
	return filepath.Join(dir, "credentials.json"), nil
}

// loadCredentials returns the stored credentials, or nil when there are
// none.
func loadCredentials(e *env) (*credentials, error) {
	p, err := credentialsPath(e)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var c credentials
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s is damaged (%v): run tarsus login again", p, err)
	}
	return &c, nil
}

// saveCredentials writes c with mode 0600 (its folder 0700), replacing the
// file atomically.
func saveCredentials(e *env, c credentials) (string, error) {
	p, err := credentialsPath(e)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", err
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	tmp, err := os.CreateTemp(filepath.Dir(p), ".credentials-*.json")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return "", err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return p, os.Rename(tmp.Name(), p)
}

// remoteFlags are the flags of every command that talks to a server.
type remoteFlags struct {
	server string
	as     string
	output string
}

// addRemoteFlags adds --server, and --as and --output as asked.
func addRemoteFlags(cmd *cobra.Command, rf *remoteFlags, as, output bool) {
	f := cmd.Flags()
	f.StringVar(&rf.server, "server", "", "server URL (default: $TARSUS_URL, then the one of tarsus login)")
	if as {
		f.StringVar(&rf.as, "as", "", "act on this user's functions (admins only)")
	}
	if output {
		addOutputFlag(cmd, &rf.output)
	}
}

func addOutputFlag(cmd *cobra.Command, out *string) {
	cmd.Flags().StringVarP(out, "output", "o", "text", "output format: text or json")
}

func checkOutput(o string) error {
	if o != "text" && o != "json" {
		return fmt.Errorf("--output %q: use text or json", o)
	}
	return nil
}

// remote is a connected client with where its settings came from.
type remote struct {
	c      *client.Client
	server string
	creds  *credentials // stored credentials, nil if none were used
}

// connect resolves the server and token: the server from --server, then
// $TARSUS_URL, then projectServer (tarsus.json), then the stored
// credentials; the token from $TARSUS_TOKEN, else the stored one, which is
// only ever sent to the server it was issued by.
func connect(e *env, rf *remoteFlags, projectServer, via string) (*remote, error) {
	if rf.output != "" {
		if err := checkOutput(rf.output); err != nil {
			return nil, err
		}
	}
	creds, err := loadCredentials(e)
	if err != nil {
		return nil, err
	}
	server := rf.server
	for _, s := range []string{e.getenv("TARSUS_URL"), projectServer} {
		if server == "" {
			server = s
		}
	}
	if server == "" && creds != nil {
		server = creds.Server
	}
	if server == "" {
		return nil, errors.New("no server: run tarsus login --server URL, or set TARSUS_URL and TARSUS_TOKEN")
	}
	u, err := client.ParseURL(server)
	if err != nil {
		return nil, err
	}
	server = u.String()
	token := e.getenv("TARSUS_TOKEN")
	var used *credentials
	if token == "" && creds != nil {
		if sameServer(creds.Server, server) {
			token, used = creds.Token, creds
		}
	}
	if token == "" {
		return nil, fmt.Errorf("not logged in to %s: run tarsus login --server %s, or set TARSUS_TOKEN", server, server)
	}
	c, err := client.New(client.Config{URL: server, Token: token, As: rf.as, Via: via, UserAgent: "tarsus-cli/" + version})
	if err != nil {
		return nil, err
	}
	return &remote{c: c, server: server, creds: used}, nil
}

func sameServer(a, b string) bool {
	ua, err1 := client.ParseURL(a)
	ub, err2 := client.ParseURL(b)
	return err1 == nil && err2 == nil && strings.EqualFold(ua.String(), ub.String())
}

// userName returns the user the remote acts on: --as, the stored name, or
// the token's user from the server.
func (r *remote) userName(ctx context.Context, as string) (string, error) {
	if as != "" {
		return as, nil
	}
	if r.creds != nil && r.creds.User != "" {
		return r.creds.User, nil
	}
	me, err := r.c.Me(ctx)
	if err != nil {
		return "", err
	}
	return me.Name, nil
}

// prompter reads answers from e.stdin; a terminal does not echo passwords.
type prompter struct {
	e  *env
	rd *bufio.Reader
}

func newPrompter(e *env) *prompter { return &prompter{e: e, rd: bufio.NewReader(e.stdin)} }

func (p *prompter) line(prompt string) (string, error) {
	fmt.Fprint(p.e.stderr, prompt)
	s, err := p.rd.ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && s != "") {
		if errors.Is(err, io.EOF) {
			return "", errors.New("no answer on standard input")
		}
		return "", err
	}
	return strings.TrimRight(s, "\r\n"), nil
}

func (p *prompter) password(prompt string) (string, error) {
	if f, ok := p.e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(p.e.stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(p.e.stderr)
		return string(b), err
	}
	return p.line(prompt)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// statusError is an error whose message is already printed; main prints it
// as a one-line summary.
type statusError struct{ msg string }

func (e *statusError) Error() string { return e.msg }

// unreachable turns a failure to connect to the server into a message that
// names the server and says how to start one or point the CLI elsewhere.
func unreachable(err error) error {
	var ue *url.Error
	if err == nil || !errors.As(err, &ue) {
		return err
	}
	var ne *net.OpError
	var de *net.DNSError
	if !errors.As(err, &ne) && !errors.As(err, &de) {
		return err
	}
	server := ue.URL
	if u, perr := url.Parse(ue.URL); perr == nil {
		server = u.Scheme + "://" + u.Host
	}
	why := "nothing answers there"
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "connection refused: no server is listening"
	case de != nil:
		why = "its host name does not resolve"
	case ne != nil && ne.Timeout():
		why = "the connection timed out"
	}
	return fmt.Errorf("cannot reach the Tarsus server at %s (%s). Start one with `tarsus serve`, or point the CLI at yours with --server, TARSUS_URL or `tarsus login --server <url>`", server, why)
}

// explain turns a client error into a message that says what to do.
func explain(err error, server string) error {
	var ae *client.Error
	if errors.As(err, &ae) {
		switch ae.StatusCode {
		case http.StatusUnauthorized:
			return fmt.Errorf("%s rejected the token (%s): run tarsus login --server %s", server, ae.Message, server)
		case http.StatusForbidden:
			return fmt.Errorf("%s: %s", server, ae.Message)
		}
	}
	return err
}
