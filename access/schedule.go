package access

import (
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is a parsed opts.config.schedule. Times are UTC.
type Schedule struct {
	Spec string
	s    cron.Schedule
}

// parser reads standard 5-field expressions, an optional leading seconds
// field (6 fields) and descriptors (@hourly, @every 30s).
var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule reads a cron expression: 5 fields (minute hour
// day-of-month month day-of-week), 6 with a leading seconds field, or a
// descriptor such as @hourly or @every 30s (at least one second, whole
// seconds). A time zone prefix is refused: schedules run in UTC.
func ParseSchedule(spec string) (*Schedule, error) {
	const f = "opts.config.schedule"
	spec = strings.TrimSpace(spec)
	if spec == "" || len(spec) > 256 {
		return nil, errorf(f, "must be a cron expression such as \"*/5 * * * *\" (5 fields, UTC), with an optional leading seconds field, or \"@every 30s\"")
	}
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		return nil, errorf(f, "schedules run in UTC; remove the time zone from %q", spec)
	}
	if rest, ok := strings.CutPrefix(spec, "@every "); ok {
		d, err := time.ParseDuration(strings.TrimSpace(rest))
		if err != nil {
			return nil, errorf(f, "%q: the interval must be a duration such as 30s, 5m or 1h30m", spec)
		}
		if d < time.Second {
			return nil, errorf(f, "%q runs more often than once a second; the shortest interval is @every 1s", spec)
		}
		if d%time.Second != 0 {
			return nil, errorf(f, "%q: the interval must be whole seconds", spec)
		}
	}
	s, err := parser.Parse(spec)
	if err != nil {
		return nil, errorf(f, "%q is not a cron expression: %v (write 5 fields, minute hour day-of-month month day-of-week, in UTC; a 6th leading seconds field and @every 30s are accepted)", spec, err)
	}
	return &Schedule{Spec: spec, s: s}, nil
}

// Next is the first run strictly after t, in UTC; zero if there is none
// (a date that never comes, such as February 30th).
func (s *Schedule) Next(t time.Time) time.Time {
	return s.s.Next(t.UTC())
}
