package fastify

import (
	"math"
	"strings"

	"github.com/dlclark/regexp2/v2"
)

// formatRegexes are the regular expressions of ajv-formats 3.0.1's "full"
// mode (the mode @fastify/ajv-compiler loads), with their JavaScript flags.
// Source: ajv-formats/dist/formats.js (MIT).
var formatRegexes = map[string]struct{ src, flags string }{
	"duration":                  {"^P(?!$)((\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?|(\\d+W)?)$", ""},
	"uri-reference":             {"^(?:[a-z][a-z0-9+\\-.]*:)?(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$&'\"()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})*)*|\\/(?:(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\\?(?:[a-z0-9\\-._~!$&'\"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\\-._~!$&'\"()*+,;=:@/?]|%[0-9a-f]{2})*)?$", "i"},
	"uri-template":              {"^(?:(?:[^\\x00-\\x20\"'<>%\\\\^`{|}]|%[0-9a-f]{2})|\\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\\*)?)*\\})*$", "i"},
	"url":                       {"^(?:https?|ftp):\\/\\/(?:\\S+(?::\\S*)?@)?(?:(?!(?:10|127)(?:\\.\\d{1,3}){3})(?!(?:169\\.254|192\\.168)(?:\\.\\d{1,3}){2})(?!172\\.(?:1[6-9]|2\\d|3[0-1])(?:\\.\\d{1,3}){2})(?:[1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3])(?:\\.(?:1?\\d{1,2}|2[0-4]\\d|25[0-5])){2}(?:\\.(?:[1-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-4]))|(?:(?:[a-z0-9\\u{00a1}-\\u{ffff}]+-)*[a-z0-9\\u{00a1}-\\u{ffff}]+)(?:\\.(?:[a-z0-9\\u{00a1}-\\u{ffff}]+-)*[a-z0-9\\u{00a1}-\\u{ffff}]+)*(?:\\.(?:[a-z\\u{00a1}-\\u{ffff}]{2,})))(?::\\d{2,5})?(?:\\/[^\\s]*)?$", "iu"},
	"email":                     {"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", "i"},
	"hostname":                  {"^(?=.{1,253}\\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\\.?$", "i"},
	"ipv4":                      {"^(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$", ""},
	"ipv6":                      {"^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}))|:)))$", "i"},
	"uuid":                      {"^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$", "i"},
	"json-pointer":              {"^(?:\\/(?:[^~/]|~0|~1)*)*$", ""},
	"json-pointer-uri-fragment": {"^#(?:\\/(?:[a-z0-9_\\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$", "i"},
	"relative-json-pointer":     {"^(?:0|[1-9][0-9]*)(?:#|(?:\\/(?:[^~/]|~0|~1)*)*)$", ""},
	"uri":                       {"^(?:[a-z][a-z0-9+\\-.]*:)(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\\?(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$", "i"},
}

func mustFormatRegex(src, flags string) *regexp2.Regexp {
	opts := regexp2.ECMAScript
	if strings.Contains(flags, "i") {
		opts |= regexp2.IgnoreCase
	}
	if strings.Contains(flags, "u") {
		opts |= regexp2.Unicode
	}
	if strings.Contains(flags, "m") {
		opts |= regexp2.Multiline
	}
	re := regexp2.MustCompile(src, opts)
	re.MatchTimeout = regexTimeout
	return re
}

func regexFormat(re *regexp2.Regexp) func(string) bool {
	return func(s string) bool {
		ok, err := re.MatchString(s)
		return err == nil && ok
	}
}

// formats is built once at package initialisation and never modified.
var formats = buildFormats()

func buildFormats() map[string]*formatDef {
	m := map[string]*formatDef{}
	for name, r := range formatRegexes {
		if name == "uri" {
			continue
		}
		m[name] = &formatDef{str: regexFormat(mustFormatRegex(r.src, r.flags))}
	}
	uriRe := mustFormatRegex(formatRegexes["uri"].src, formatRegexes["uri"].flags)
	m["uri"] = &formatDef{str: func(s string) bool {
		return strings.ContainsAny(s, "/:") && regexFormat(uriRe)(s)
	}}
	m["date"] = &formatDef{str: isDate}
	m["time"] = &formatDef{str: func(s string) bool { return isTime(s, true) }}
	m["iso-time"] = &formatDef{str: func(s string) bool { return isTime(s, false) }}
	m["date-time"] = &formatDef{str: func(s string) bool { return isDateTime(s, true) }}
	m["iso-date-time"] = &formatDef{str: func(s string) bool { return isDateTime(s, false) }}
	byteRe := mustFormatRegex(`^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`, "m")
	m["byte"] = &formatDef{str: regexFormat(byteRe)}
	zAnchor := mustFormatRegex(`[^\\]\\Z`, "")
	m["regex"] = &formatDef{str: func(s string) bool {
		if regexFormat(zAnchor)(s) {
			return false
		}
		_, err := regexp2.Compile(s, regexp2.ECMAScript)
		return err == nil
	}}
	m["int32"] = &formatDef{number: true, num: func(f float64) bool {
		return f == math.Trunc(f) && f <= 2147483647 && f >= -2147483648
	}}
	m["int64"] = &formatDef{number: true, num: func(f float64) bool { return isFinite(f) && f == math.Trunc(f) }}
	always := func(float64) bool { return true }
	m["float"] = &formatDef{number: true, num: always}
	m["double"] = &formatDef{number: true, num: always}
	m["password"] = &formatDef{str: func(string) bool { return true }}
	m["binary"] = &formatDef{str: func(string) bool { return true }}
	return m
}

func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

var daysIn = [...]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// isDate is ajv-formats' date: YYYY-MM-DD with a real day of month.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := digits(s[:4])
	mo, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:])
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 {
		return false
	}
	leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
	if mo == 2 && leap {
		return d <= 29
	}
	return d <= daysIn[mo]
}

// isTime is ajv-formats' time (strictTimeZone: a zone is required):
// HH:MM:SS[.frac][z|±HH[[:]MM]] with leap-second handling.
func isTime(s string, strictTZ bool) bool {
	if len(s) < 8 || s[2] != ':' || s[5] != ':' {
		return false
	}
	hr, ok1 := digits(s[:2])
	mn, ok2 := digits(s[3:5])
	if !ok1 || !ok2 {
		return false
	}
	rest := s[6:]
	if len(rest) < 2 || !isDigit(rest[0]) || !isDigit(rest[1]) {
		return false
	}
	i := 2
	if i < len(rest) && rest[i] == '.' {
		j := i + 1
		for j < len(rest) && isDigit(rest[j]) {
			j++
		}
		if j == i+1 {
			return false
		}
		i = j
	}
	sec := jsToNumber(rest[:i])
	tz := rest[i:]
	sign, tzH, tzM := 1, 0, 0
	switch {
	case tz == "":
		if strictTZ {
			return false
		}
	case tz == "z" || tz == "Z":
	case tz[0] == '+' || tz[0] == '-':
		if tz[0] == '-' {
			sign = -1
		}
		t := tz[1:]
		var ok bool
		switch {
		case len(t) == 2:
			tzH, ok = digits(t)
		case len(t) == 4:
			tzH, ok = digits(t[:2])
			if ok {
				tzM, ok = digits(t[2:])
			}
		case len(t) == 5 && t[2] == ':':
			tzH, ok = digits(t[:2])
			if ok {
				tzM, ok = digits(t[3:])
			}
		}
		if !ok {
			return false
		}
	default:
		return false
	}
	if tzH > 23 || tzM > 59 {
		return false
	}
	if hr <= 23 && mn <= 59 && sec < 60 {
		return true
	}
	utcMin := mn - tzM*sign
	utcHr := hr - tzH*sign
	if utcMin < 0 {
		utcHr--
	}
	return (utcHr == 23 || utcHr == -1) && (utcMin == 59 || utcMin == -1) && sec < 61
}

// isDateTime splits on /t|\s/i and needs exactly two parts.
func isDateTime(s string, strictTZ bool) bool {
	parts := 0
	cut := -1
	width := 0
	for i, r := range s {
		if r == 't' || r == 'T' || isJSWhitespace(r) {
			parts++
			if cut < 0 {
				cut = i
				width = len(string(r))
			}
		}
	}
	if parts != 1 {
		return false
	}
	return isDate(s[:cut]) && isTime(s[cut+width:], strictTZ)
}
