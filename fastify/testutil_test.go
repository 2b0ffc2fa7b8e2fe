package fastify

import "time"

// parseJSDate parses the ISO forms Date.prototype.toISOString produces,
// including the expanded ±YYYYYY years.
func parseJSDate(s string) (time.Time, error) {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		t, err := time.Parse("2006-01-02T15:04:05.000Z", "2000"+s[7:])
		if err != nil {
			return t, err
		}
		y := 0
		for _, c := range s[1:7] {
			y = y*10 + int(c-'0')
		}
		if s[0] == '-' {
			y = -y
		}
		return t.AddDate(y-2000, 0, 0), nil
	}
	return time.Parse(time.RFC3339Nano, s)
}
