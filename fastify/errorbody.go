package fastify

import "strconv"

// statusText is Node's http.STATUS_CODES, which Fastify uses for the
// "error" field of error bodies.
var statusText = map[int]string{
	100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
	200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
	205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
	300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
	305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
	400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
	405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout",
	409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large",
	414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed",
	418: "I'm a Teapot", 421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked",
	424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
	429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
	500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
	504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
	507: "Insufficient Storage", 508: "Loop Detected", 509: "Bandwidth Limit Exceeded", 510: "Not Extended",
	511: "Network Authentication Required",
}

// StatusText returns Node's reason phrase for an HTTP status code ("" if
// Node has none).
func StatusText(code int) string { return statusText[code] }

// AppendErrorBody appends Fastify's default error response body:
// {"statusCode":400,"code":"FST_ERR_VALIDATION","error":"Bad Request","message":"…"}.
// The "code" member is left out when code is empty (as for a serializer
// failure, which Fastify answers with a 500 and the thrown message).
func AppendErrorBody(dst []byte, statusCode int, code, message string) []byte {
	dst = append(dst, `{"statusCode":`...)
	dst = strconv.AppendInt(dst, int64(statusCode), 10)
	if code != "" {
		dst = append(dst, `,"code":`...)
		dst = appendQuoted(dst, code)
	}
	dst = append(dst, `,"error":`...)
	dst = appendQuoted(dst, statusText[statusCode])
	dst = append(dst, `,"message":`...)
	dst = appendQuoted(dst, message)
	return append(dst, '}')
}

// CodeValidation is the code Fastify gives schema validation failures
// (status 400).
const CodeValidation = "FST_ERR_VALIDATION"
