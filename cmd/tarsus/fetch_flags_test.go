package main

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestServeFetchSettings: the outgoing-fetch settings parse strictly, from
// flags and the environment.
func TestServeFetchSettings(t *testing.T) {
	parse := func(vars map[string]string, args ...string) (serveConfig, error) {
		e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return vars[k] }}
		cmd := &cobra.Command{}
		var cfg serveConfig
		o := serveOptions(cmd, e, &cfg)
		if err := cmd.ParseFlags(args); err != nil {
			t.Fatal(err)
		}
		return cfg, o.check()
	}
	cfg, err := parse(nil)
	if err != nil || cfg.FetchAllow != nil || cfg.FetchMaxBytes != 10<<20 || cfg.FetchTimeout != 30*time.Second || cfg.FetchMaxRequests != 50 {
		t.Fatalf("defaults: %+v, %v", cfg, err)
	}
	cfg, err = parse(map[string]string{"TARSUS_FETCH_ALLOW": "127.0.0.1, 10.0.0.0/8,api.internal", "TARSUS_FETCH_MAX_BYTES": "1MiB"}, "--fetch-timeout", "5s", "--fetch-max-requests", "7")
	if err != nil || !reflect.DeepEqual(cfg.FetchAllow, []string{"127.0.0.1", "10.0.0.0/8", "api.internal"}) || cfg.FetchMaxBytes != 1<<20 || cfg.FetchTimeout != 5*time.Second || cfg.FetchMaxRequests != 7 {
		t.Fatalf("set: %+v, %v", cfg, err)
	}
	for _, c := range []struct {
		vars map[string]string
		args []string
		want string
	}{
		{map[string]string{"TARSUS_FETCH_ALLOW": "10.0.0.0/33"}, nil, `TARSUS_FETCH_ALLOW="10.0.0.0/33": "10.0.0.0/33" is not a CIDR`},
		{nil, []string{"--fetch-allow", "http://x"}, `--fetch-allow "http://x": "http://x" is neither a CIDR, an IP address nor a host name`},
		{map[string]string{"TARSUS_FETCH_MAX_BYTES": "0"}, nil, `TARSUS_FETCH_MAX_BYTES="0": must be at least 1`},
		{nil, []string{"--fetch-timeout", "30"}, `--fetch-timeout "30": a duration with a unit`},
		{nil, []string{"--fetch-max-requests", "0"}, `--fetch-max-requests "0": must be between 1 and 10000`},
	} {
		if _, err := parse(c.vars, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v %v: got %v, want %q", c.vars, c.args, err, c.want)
		}
	}
}
