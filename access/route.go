package access

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Auth modes (opts.config.auth).
const (
	AuthPublic = "public"
	AuthKey    = "key"
	AuthJWT    = "jwt"
)

// MaxOptionsBytes bounds the JSON of a route's access options.
const MaxOptionsBytes = 64 << 10

// Route is a route's parsed access options. The zero value (and nil) is a
// public route with no schedule, no CORS and no limit of its own.
type Route struct {
	Schedule  *Schedule
	CORS      *CORS
	Auth      string // AuthPublic, AuthKey or AuthJWT
	JWT       *JWT
	RateLimit *RateLimit
}

// Error is a problem in a route's options; Field names the option.
type Error struct {
	Field string // e.g. "opts.config.cors.origin"
	Text  string
}

func (e *Error) Error() string { return e.Field + ": " + e.Text }

func errorf(field, format string, a ...any) error {
	return &Error{Field: field, Text: fmt.Sprintf(format, a...)}
}

type rawOptions struct {
	Method    json.RawMessage `json:"method"`
	Schedule  json.RawMessage `json:"schedule"`
	CORS      json.RawMessage `json:"cors"`
	Auth      json.RawMessage `json:"auth"`
	JWT       json.RawMessage `json:"jwt"`
	RateLimit json.RawMessage `json:"rateLimit"`
}

// Parse reads the options JSON the engine reports for a route
// (engine.Limits.Access). Empty input is a public route (nil, nil). An
// *Error says what is wrong.
func Parse(raw string) (*Route, error) {
	if raw == "" {
		return nil, nil
	}
	if len(raw) > MaxOptionsBytes {
		return nil, errorf("opts.config", "the access options (schedule, cors, auth, jwt, rateLimit) take %d bytes as JSON; the limit is %d", len(raw), MaxOptionsBytes)
	}
	var o rawOptions
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		return nil, errorf("opts.config", "the access options are not plain data: %v", err)
	}
	r := &Route{Auth: AuthPublic}
	if err := checkMethod(o.Method); err != nil {
		return nil, err
	}
	if present(o.Schedule) {
		var spec string
		if json.Unmarshal(o.Schedule, &spec) != nil {
			return nil, errorf("opts.config.schedule", "must be a cron expression string such as \"*/5 * * * *\" or \"@every 30s\", found %s", describe(o.Schedule))
		}
		s, err := ParseSchedule(spec)
		if err != nil {
			return nil, err
		}
		r.Schedule = s
	}
	if present(o.CORS) {
		c, err := parseCORS(o.CORS)
		if err != nil {
			return nil, err
		}
		r.CORS = c
	}
	if present(o.Auth) {
		var a string
		if json.Unmarshal(o.Auth, &a) != nil || (a != AuthPublic && a != AuthKey && a != AuthJWT) {
			return nil, errorf("opts.config.auth", "must be \"public\", \"key\" or \"jwt\", found %s", describe(o.Auth))
		}
		r.Auth = a
	}
	if present(o.JWT) {
		j, err := parseJWT(o.JWT)
		if err != nil {
			return nil, err
		}
		r.JWT = j
	}
	if r.Auth == AuthJWT && r.JWT == nil {
		return nil, errorf("opts.config.jwt", "auth \"jwt\" needs opts.config.jwt: { secret: \"NAME\" }, naming one of your secrets that holds the HS256 key")
	}
	if r.JWT != nil && r.Auth != AuthJWT {
		return nil, errorf("opts.config.jwt", "is set but opts.config.auth is %q: set auth: \"jwt\" to check tokens", r.Auth)
	}
	if present(o.RateLimit) {
		l, err := parseRateLimit(o.RateLimit)
		if err != nil {
			return nil, err
		}
		r.RateLimit = l
	}
	return r, nil
}

// present reports whether an option was given (null counts as not).
func present(m json.RawMessage) bool { return len(m) > 0 && string(m) != "null" }

// describe shows a JSON value in an error, shortened.
func describe(m json.RawMessage) string {
	s := string(m)
	if strings.HasPrefix(s, `{"$function":true}`) {
		return "a function"
	}
	if strings.HasPrefix(s, `{"$regexp":`) {
		return "a regular expression"
	}
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func checkMethod(m json.RawMessage) error {
	if !present(m) {
		return nil
	}
	var list []string
	var one string
	if json.Unmarshal(m, &one) == nil {
		list = []string{one}
	} else if json.Unmarshal(m, &list) != nil {
		return errorf("opts.method", "must be \"POST\" (functions answer POST only), found %s", describe(m))
	}
	for _, v := range list {
		if !strings.EqualFold(v, "POST") {
			return errorf("opts.method", "is %s: functions answer POST only (a CORS preflight OPTIONS is answered by opts.config.cors); remove opts.method or set it to \"POST\"", describe(m))
		}
	}
	return nil
}

// ---- CORS ------------------------------------------------------------------

// CORS is @fastify/cors's per-route options, as opts.config.cors. The
// answers follow @fastify/cors 11 (its defaults: origin "*", methods
// "GET,HEAD,POST", the request's Access-Control-Request-Headers reflected,
// a strict preflight, 204).
type CORS struct {
	// origin: exactly one of these describes it.
	originStr  string // a string ("*" included): sent as is
	originOff  bool   // false: no CORS headers at all
	originAll  bool   // true: the request's origin reflected
	origins    []string
	patterns   []*regexp.Regexp
	methods    string
	allowed    *string // nil: reflect Access-Control-Request-Headers
	exposed    *string
	credential bool
	maxAge     *string
	cacheCtl   string
	preflight  bool
	strict     bool
	status     int
}

// Header is one response header.
type Header struct{ Name, Value string }

func parseCORS(m json.RawMessage) (*CORS, error) {
	c := &CORS{originStr: "*", methods: "GET,HEAD,POST", preflight: true, strict: true, status: 204}
	var b bool
	if json.Unmarshal(m, &b) == nil {
		if !b {
			return nil, nil // cors: false is no CORS
		}
		return c, nil
	}
	var o map[string]json.RawMessage
	if json.Unmarshal(m, &o) != nil {
		return nil, errorf("opts.config.cors", "must be true or an object of @fastify/cors options, found %s", describe(m))
	}
	for _, k := range slices.Sorted(mapKeys(o)) {
		v := o[k]
		f := "opts.config.cors." + k
		var err error
		switch k {
		case "origin":
			err = c.setOrigin(v)
		case "methods":
			c.methods, err = joinList(f, v, ", ")
		case "allowedHeaders":
			var s string
			s, err = joinList(f, v, ", ")
			c.allowed = &s
		case "exposedHeaders":
			var s string
			s, err = joinList(f, v, ", ")
			c.exposed = &s
		case "credentials":
			err = jsonBool(f, v, &c.credential)
		case "maxAge":
			var n float64
			if json.Unmarshal(v, &n) != nil {
				return nil, errorf(f, "must be a number of seconds, found %s", describe(v))
			}
			s := strconv.FormatFloat(n, 'f', -1, 64)
			c.maxAge = &s
		case "cacheControl":
			var n int
			if json.Unmarshal(v, &n) == nil {
				c.cacheCtl = "max-age=" + strconv.Itoa(n)
			} else if json.Unmarshal(v, &c.cacheCtl) != nil {
				return nil, errorf(f, "must be a number of seconds or a string, found %s", describe(v))
			}
		case "preflight":
			err = jsonBool(f, v, &c.preflight)
		case "strictPreflight":
			err = jsonBool(f, v, &c.strict)
		case "optionsSuccessStatus":
			if json.Unmarshal(v, &c.status) != nil || c.status < 200 || c.status > 299 {
				return nil, errorf(f, "must be a 2xx status, found %s", describe(v))
			}
		case "headers":
			return nil, errorf(f, "is not a @fastify/cors option: the allowed request headers are allowedHeaders")
		default:
			return nil, errorf(f, "is not supported (supported: origin, methods, allowedHeaders, exposedHeaders, credentials, maxAge, cacheControl, preflight, strictPreflight, optionsSuccessStatus)")
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

func mapKeys(m map[string]json.RawMessage) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func jsonBool(f string, v json.RawMessage, dst *bool) error {
	if json.Unmarshal(v, dst) != nil {
		return errorf(f, "must be true or false, found %s", describe(v))
	}
	return nil
}

// joinList reads a string or an array of strings, joined as @fastify/cors
// joins it.
func joinList(f string, v json.RawMessage, sep string) (string, error) {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s, nil
	}
	var list []string
	if json.Unmarshal(v, &list) != nil {
		return "", errorf(f, "must be a string or an array of strings, found %s", describe(v))
	}
	for _, x := range list {
		if strings.ContainsAny(x, "\r\n") {
			return "", errorf(f, "holds a line break")
		}
	}
	return strings.Join(list, sep), nil
}

type regexpJSON struct {
	Source *string `json:"$regexp"`
	Flags  string  `json:"flags"`
}

func (c *CORS) setOrigin(v json.RawMessage) error {
	const f = "opts.config.cors.origin"
	var b bool
	if json.Unmarshal(v, &b) == nil {
		c.originStr = ""
		c.originOff, c.originAll = !b, b
		return nil
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		if strings.ContainsAny(s, "\r\n") {
			return errorf(f, "holds a line break")
		}
		c.originStr = s
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(v, &items) != nil {
		items = []json.RawMessage{v} // a single RegExp
	} else {
		c.origins = []string{} // an array: even empty, it reflects matches only
	}
	c.originStr = ""
	for _, it := range items {
		var s string
		if json.Unmarshal(it, &s) == nil {
			if s == "*" {
				c.originStr, c.origins, c.patterns = "*", nil, nil
				return nil
			}
			c.origins = append(c.origins, s)
			continue
		}
		var re regexpJSON
		if json.Unmarshal(it, &re) != nil || re.Source == nil {
			return errorf(f, "must be true, false, a string, a RegExp or an array of strings and RegExps, found %s", describe(it))
		}
		flags := ""
		for _, fl := range re.Flags {
			switch fl {
			case 'i':
				flags += "i"
			case 's':
				flags += "s"
			case 'm':
				flags += "m"
			case 'g', 'y', 'u', 'd':
			default:
				return errorf(f, "the RegExp /%s/%s has a flag Tarsus does not support (%c)", *re.Source, re.Flags, fl)
			}
		}
		src := *re.Source
		if flags != "" {
			src = "(?" + flags + ")" + src
		}
		rx, err := regexp.Compile(src)
		if err != nil {
			return errorf(f, "the RegExp /%s/ cannot be matched in linear time (Tarsus uses RE2: no backreferences or lookaround): %v", *re.Source, err)
		}
		c.patterns = append(c.patterns, rx)
	}
	return nil
}

// varyOrigin: @fastify/cors adds "Vary: Origin" unless origin is a string
// or false.
func (c *CORS) varyOrigin() bool { return c.originStr == "" && !c.originOff }

func (c *CORS) allowOrigin(origin string) string {
	switch {
	case c.originStr != "":
		return c.originStr
	case c.originAll:
		return origin // "!!true": any request origin, even none
	}
	if slices.Contains(c.origins, origin) {
		return origin
	}
	for _, p := range c.patterns {
		if p.MatchString(origin) {
			return origin
		}
	}
	return ""
}

// Headers are the CORS headers of a call (not a preflight) from origin.
func (c *CORS) Headers(origin string) []Header {
	if c == nil || c.originOff {
		return nil
	}
	h := make([]Header, 0, 4)
	if c.varyOrigin() {
		h = append(h, Header{"vary", "Origin"})
	}
	if o := c.allowOrigin(origin); o != "" {
		h = append(h, Header{"access-control-allow-origin", o})
	}
	if c.credential {
		h = append(h, Header{"access-control-allow-credentials", "true"})
	}
	if c.exposed != nil {
		h = append(h, Header{"access-control-expose-headers", *c.exposed})
	}
	return h
}

// Preflight answers an OPTIONS request: the status, headers and body
// (handled false when the route's CORS does not answer preflights, which
// is then a 404 as in Fastify).
func (c *CORS) Preflight(origin, reqMethod, reqHeaders string) (status int, h []Header, body string, handled bool) {
	if c == nil || c.originOff || !c.preflight {
		return 0, nil, "", false
	}
	h = c.Headers(origin)
	if c.strict && (origin == "" || reqMethod == "") {
		return 400, h, "Invalid Preflight Request", true
	}
	h = append(h, Header{"access-control-allow-methods", c.methods})
	if c.allowed == nil {
		h = addVary(h, "Access-Control-Request-Headers")
		if reqHeaders != "" {
			h = append(h, Header{"access-control-allow-headers", reqHeaders})
		}
	} else {
		h = append(h, Header{"access-control-allow-headers", *c.allowed})
	}
	if c.maxAge != nil {
		h = append(h, Header{"access-control-max-age", *c.maxAge})
	}
	if c.cacheCtl != "" {
		h = append(h, Header{"cache-control", c.cacheCtl})
	}
	return c.status, h, "", true
}

func addVary(h []Header, v string) []Header {
	for i := range h {
		if h[i].Name == "vary" {
			h[i].Value += ", " + v
			return h
		}
	}
	return append(h, Header{"vary", v})
}

// ---- JWT options -------------------------------------------------------------

var secretName = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)

// JWT is opts.config.jwt: where the key that signs tokens is. Exactly one
// of Secret and JWKS is set.
type JWT struct {
	Secret string // the name of one of the user's secrets (HS256 key)
	JWKS   string // the URL of a JSON Web Key Set (RS256, ES256 keys)
}

const maxJWKSURL = 2048

func parseJWT(m json.RawMessage) (*JWT, error) {
	var o map[string]json.RawMessage
	if json.Unmarshal(m, &o) != nil {
		return nil, errorf("opts.config.jwt", "must be { secret: \"NAME\" } or { jwks: \"https://…\" }, found %s", describe(m))
	}
	j := &JWT{}
	for _, k := range slices.Sorted(mapKeys(o)) {
		switch k {
		case "secret":
			if json.Unmarshal(o[k], &j.Secret) != nil || !secretName.MatchString(j.Secret) {
				return nil, errorf("opts.config.jwt.secret", "must name one of your secrets (letters A-Z, digits and _, starting with a letter or _), found %s", describe(o[k]))
			}
		case "jwks":
			if json.Unmarshal(o[k], &j.JWKS) != nil || len(j.JWKS) > maxJWKSURL ||
				!(strings.HasPrefix(j.JWKS, "https://") || strings.HasPrefix(j.JWKS, "http://")) || strings.ContainsAny(j.JWKS, " \r\n\t") {
				return nil, errorf("opts.config.jwt.jwks", "must be the http(s) URL of a JSON Web Key Set, found %s", describe(o[k]))
			}
		default:
			return nil, errorf("opts.config.jwt."+k, "is not supported (supported: secret, jwks)")
		}
	}
	if (j.Secret == "") == (j.JWKS == "") {
		return nil, errorf("opts.config.jwt", "needs exactly one of secret: \"NAME\" (one of your secrets holding an HS256 key) and jwks: \"https://…\" (a key set with RS256 or ES256 keys)")
	}
	return j, nil
}

// ---- rate limit options -------------------------------------------------------

// Keyed by (RateLimit.Key).
const (
	KeyIP  = "ip"
	KeyKey = "key"
)

// RateLimit is opts.config.rateLimit (@fastify/rate-limit's shape): at
// most Max calls per Window for each client key.
type RateLimit struct {
	Max    int
	Window time.Duration
	// Key is KeyIP, KeyKey (the invocation key or JWT subject; the address
	// when there is none) or a request header name in lower case.
	Key string
}

// Limits of a rate limit's numbers.
const (
	maxRateMax    = 1 << 30
	maxRateWindow = 24 * time.Hour
)

var headerToken = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9a-z-]+$")

func parseRateLimit(m json.RawMessage) (*RateLimit, error) {
	var o map[string]json.RawMessage
	if json.Unmarshal(m, &o) != nil {
		return nil, errorf("opts.config.rateLimit", "must be an object { max, timeWindow, keyGenerator }, found %s", describe(m))
	}
	l := &RateLimit{Max: 1000, Window: time.Minute, Key: KeyIP} // @fastify/rate-limit's defaults
	for _, k := range slices.Sorted(mapKeys(o)) {
		v := o[k]
		f := "opts.config.rateLimit." + k
		switch k {
		case "max":
			var n float64
			if json.Unmarshal(v, &n) != nil || n < 1 || n > maxRateMax || n != float64(int(n)) {
				return nil, errorf(f, "must be a whole number of calls from 1 to %d, found %s", maxRateMax, describe(v))
			}
			l.Max = int(n)
		case "timeWindow":
			d, err := parseWindow(v)
			if err != nil {
				return nil, errorf(f, "%v", err)
			}
			l.Window = d
		case "keyGenerator":
			var s string
			if json.Unmarshal(v, &s) != nil {
				return nil, errorf(f, "must be \"ip\", \"key\" or a request header name (a function cannot run before the call is admitted), found %s", describe(v))
			}
			s = strings.ToLower(s)
			if s != KeyIP && s != KeyKey && !headerToken.MatchString(s) {
				return nil, errorf(f, "must be \"ip\", \"key\" or a request header name, found %q", s)
			}
			l.Key = s
		default:
			return nil, errorf(f, "is not supported (supported: max, timeWindow, keyGenerator)")
		}
	}
	return l, nil
}

// parseWindow reads a timeWindow as @fastify/rate-limit does: a number of
// milliseconds or a string such as "1 minute", "10s" or "500ms".
func parseWindow(v json.RawMessage) (time.Duration, error) {
	var n float64
	var d time.Duration
	if json.Unmarshal(v, &n) == nil {
		d = time.Duration(n * float64(time.Millisecond))
	} else {
		var s string
		if json.Unmarshal(v, &s) != nil {
			return 0, fmt.Errorf("must be milliseconds or a string such as \"1 minute\", found %s", describe(v))
		}
		var err error
		if d, err = parseHumanDuration(s); err != nil {
			return 0, err
		}
	}
	if d < time.Millisecond || d > maxRateWindow {
		return 0, fmt.Errorf("must be from 1 ms to 24 hours, found %s", describe(v))
	}
	return d, nil
}

var durationRE = regexp.MustCompile(`^(-?\d*\.?\d+) *([a-z]*)$`)

func parseHumanDuration(s string) (time.Duration, error) {
	m := durationRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, fmt.Errorf("cannot read %q as a duration (write \"1 minute\", \"10s\" or \"500ms\")", s)
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	unit := map[string]time.Duration{
		"": time.Millisecond, "ms": time.Millisecond, "msec": time.Millisecond, "msecs": time.Millisecond, "millisecond": time.Millisecond, "milliseconds": time.Millisecond,
		"s": time.Second, "sec": time.Second, "secs": time.Second, "second": time.Second, "seconds": time.Second,
		"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
		"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
		"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	}[m[2]]
	if unit == 0 {
		return 0, fmt.Errorf("unknown unit %q in %q", m[2], s)
	}
	return time.Duration(n * float64(unit)), nil
}

// ParseRate reads a server-wide rate such as "100/s", "6000/m" or
// "100/s:200" (a burst of 200): the calls allowed per second, minute or
// hour, and the bucket's size (the rate's count when not given).
func ParseRate(s string) (max int, window time.Duration, burst int, err error) {
	rate, b, hasBurst := strings.Cut(s, ":")
	num, per, ok := strings.Cut(rate, "/")
	if !ok {
		return 0, 0, 0, fmt.Errorf("rate %q: write calls per unit, such as 100/s, 6000/m or 100/s:200 (a burst of 200)", s)
	}
	max, err = strconv.Atoi(num)
	if err != nil || max < 1 || max > maxRateMax {
		return 0, 0, 0, fmt.Errorf("rate %q: the count must be a whole number from 1 to %d", s, maxRateMax)
	}
	switch per {
	case "s", "sec", "second":
		window = time.Second
	case "m", "min", "minute":
		window = time.Minute
	case "h", "hour":
		window = time.Hour
	default:
		return 0, 0, 0, fmt.Errorf("rate %q: the unit must be s, m or h", s)
	}
	burst = max
	if hasBurst {
		burst, err = strconv.Atoi(b)
		if err != nil || burst < 1 || burst > maxRateMax {
			return 0, 0, 0, fmt.Errorf("rate %q: the burst must be a whole number from 1 to %d", s, maxRateMax)
		}
	}
	return max, window, burst, nil
}
