package main

import (
	"errors"
	"fmt"
	"math"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// options declares the settings of a command that come from a flag or, when
// the flag is not given, from an environment variable, and checks them all
// before the command runs: a value that does not parse or is out of range
// stops the start with a message naming where it came from and what to
// write (`TARSUS_TIMEOUT="30": a duration with a unit, e.g. 30s or 500ms`),
// never a silent default.
//
// A setting is one call, e.g.
//
//	o.duration(&cfg.Timeout, "timeout", "TARSUS_TIMEOUT", 10*time.Second, atLeast(time.Millisecond), "deadline of one invocation")
//
// and the command's RunE starts with `if err := o.check(); err != nil { return err }`.
type options struct {
	cmd  *cobra.Command
	e    *env
	list []*option
}

func newOptions(cmd *cobra.Command, e *env) *options { return &options{cmd: cmd, e: e} }

// option is one setting; it is the flag's pflag.Value and holds the text
// until check converts it.
type option struct {
	flag, envKey string
	kind         string // shown in --help
	text         string // from the flag, else the environment, else the default
	from         string // "--flag", "KEY" or "" for the default
	apply        func(string) error
}

func (o *option) String() string { return o.text }
func (o *option) Type() string   { return o.kind }
func (o *option) Set(v string) error {
	o.text, o.from = v, "--"+o.flag
	return nil
}

// add registers a setting whose text apply converts and checks.
func (set *options) add(name, key, kind, def, help string, apply func(string) error) {
	o := &option{flag: name, envKey: key, kind: kind, text: def, apply: apply}
	if key != "" {
		if v := set.e.getenv(key); v != "" {
			o.text, o.from = v, key
		}
		help += " (" + key + ")"
	}
	set.list = append(set.list, o)
	set.cmd.Flags().Var(o, name, help)
}

// check converts every setting into its target, or says which ones are
// wrong and what to write instead (one line each).
func (set *options) check() error {
	var bad []string
	for _, o := range set.list {
		if err := o.apply(o.text); err != nil {
			from := o.from
			if from == "" {
				from = "default of --" + o.flag
			}
			if strings.HasPrefix(from, "--") {
				bad = append(bad, fmt.Sprintf("%s %q: %v", from, o.text, err))
			} else {
				bad = append(bad, fmt.Sprintf("%s=%q: %v", from, o.text, err))
			}
		}
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "\n"))
	}
	return nil
}

// str is a text setting; valid, if set, checks it.
func (set *options) str(p *string, name, key, def string, valid func(string) error, help string) {
	set.add(name, key, "string", def, help, func(s string) error {
		if valid != nil {
			if err := valid(s); err != nil {
				return err
			}
		}
		*p = s
		return nil
	})
}

// duration is a duration setting with a unit; valid checks the range.
func (set *options) duration(p *time.Duration, name, key string, def time.Duration, valid func(time.Duration) error, help string) {
	set.add(name, key, "duration", def.String(), help, func(s string) error {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("a duration with a unit, e.g. 30s or 500ms")
		}
		if valid != nil {
			if err := valid(d); err != nil {
				return err
			}
		}
		*p = d
		return nil
	})
}

// integer is a whole-number setting in [min, max].
func (set *options) integer(p *int, name, key string, def, min, max int, help string) {
	set.add(name, key, "int", strconv.Itoa(def), help, func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("a whole number, e.g. %d", def)
		}
		if n < min || n > max {
			if max == math.MaxInt {
				return fmt.Errorf("must be at least %d", min)
			}
			return fmt.Errorf("must be between %d and %d", min, max)
		}
		*p = n
		return nil
	})
}

// size is a byte-count setting: a plain number of bytes or a number with a
// unit (128MiB, 2GiB, 64KiB, 1GB), in [min, max].
func (set *options) size(p *int64, name, key string, def, min, max int64, help string) {
	set.add(name, key, "bytes", formatSize(def), help, func(s string) error {
		n, err := parseSize(s)
		if err != nil {
			return fmt.Errorf("a size in bytes, e.g. 134217728, 128MiB or 2GiB")
		}
		if n < min || n > max {
			if n == 0 && min > 0 {
				return fmt.Errorf("must be at least %s", formatSize(min))
			}
			return fmt.Errorf("must be between %s and %s", formatSize(min), formatSize(max))
		}
		*p = n
		return nil
	})
}

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

// parseSize reads "1048576", "128MiB", "1.5GiB", "64KB" (binary units are
// powers of 1024, decimal ones of 1000; K/M/G alone are binary).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return 0, fmt.Errorf("negative")
		}
		return n, nil
	}
	lower := strings.ToLower(s)
	for _, u := range sizeUnits {
		num, ok := strings.CutSuffix(lower, u.suffix)
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) || f*float64(u.mult) >= math.MaxInt64 {
			return 0, fmt.Errorf("not a size")
		}
		return int64(f * float64(u.mult)), nil
	}
	return 0, fmt.Errorf("not a size")
}

// formatSize writes n with the largest binary unit that divides it.
func formatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n != 0 && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// atLeast is a duration range check.
func atLeast(min time.Duration) func(time.Duration) error {
	return func(d time.Duration) error {
		if d < min {
			if min == time.Millisecond {
				return fmt.Errorf("must be at least 1ms")
			}
			return fmt.Errorf("must be at least %s", min)
		}
		return nil
	}
}

// listenAddr checks a host:port listen address ("" allowed when optional).
func listenAddr(optional bool) func(string) error {
	return func(s string) error {
		if s == "" && optional {
			return nil
		}
		_, port, err := net.SplitHostPort(s)
		if err != nil {
			return fmt.Errorf("a listen address host:port, e.g. :3401 or 127.0.0.1:3401")
		}
		if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			return fmt.Errorf("a listen address host:port with a port number up to 65535, e.g. :3401")
		}
		return nil
	}
}

// oneOf checks a word against a fixed list.
func oneOf(words ...string) func(string) error {
	return func(s string) error {
		for _, w := range words {
			if s == w {
				return nil
			}
		}
		return fmt.Errorf("use %s", strings.Join(words, ", "))
	}
}

// nonEmpty refuses an empty text.
func nonEmpty(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("must not be empty: %s", what)
		}
		return nil
	}
}
