package egress

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Config configures a Client.
type Config struct {
	// Allow lists what the guard lets through anyway: CIDRs ("10.0.0.0/8",
	// "127.0.0.1" for one address) and host names ("api.internal",
	// "*.corp.example"). Optional. Default: nothing.
	Allow []string
	// MaxBytes caps a response body, counted after decompression.
	// Optional. Default: 10 MiB.
	MaxBytes int64
	// DialTimeout bounds opening one connection (TLS handshake included).
	// Optional. Default: 10s.
	DialTimeout time.Duration
}

// DefaultMaxBytes is Config.MaxBytes's default.
const DefaultMaxBytes = 10 << 20

// Error is a refusal or a limit: its Code is TARSUS_EGRESS_DENIED or
// TARSUS_FETCH_TOO_LARGE, its message says what to change.
type Error struct {
	ErrCode string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Code is the machine-readable code.
func (e *Error) Code() string { return e.ErrCode }

// Client makes guarded requests. Safe for concurrent use.
type Client struct {
	cfg      Config
	nets     []netip.Prefix
	hosts    []string // exact names, lower case
	suffixes []string // ".corp.example" for "*.corp.example"
	hc       *http.Client

	mu      sync.Mutex
	own     map[netip.Addr]bool
	ownRead time.Time
}

// ParseAllow reads a comma-separated allow list ("127.0.0.1, 10.0.0.0/8,
// api.internal") and checks each entry.
func ParseAllow(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if _, _, _, err := parseEntry(f); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// parseEntry classifies one allow-list entry.
func parseEntry(f string) (p netip.Prefix, host, suffix string, err error) {
	if strings.Contains(f, "/") && !strings.Contains(f, "://") {
		p, err = netip.ParsePrefix(f)
		if err != nil {
			return p, "", "", fmt.Errorf("%q is not a CIDR (write e.g. 10.0.0.0/8 or fd00::/8)", f)
		}
		return p.Masked(), "", "", nil
	}
	if a, e := netip.ParseAddr(strings.Trim(f, "[]")); e == nil {
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), "", "", nil
	}
	name := strings.ToLower(strings.TrimSuffix(f, "."))
	wild := strings.HasPrefix(name, "*.")
	check := strings.TrimPrefix(name, "*.")
	if check == "" || strings.ContainsAny(check, " :/*@[]") {
		return p, "", "", fmt.Errorf("%q is neither a CIDR, an IP address nor a host name", f)
	}
	if wild {
		return p, "", "." + check, nil
	}
	return p, name, "", nil
}

// New makes a Client.
func New(cfg Config) (*Client, error) {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = 10 * time.Second
	}
	c := &Client{cfg: cfg}
	for _, f := range cfg.Allow {
		p, h, s, err := parseEntry(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("egress: allow list: %w", err)
		}
		switch {
		case h != "":
			c.hosts = append(c.hosts, h)
		case s != "":
			c.suffixes = append(c.suffixes, s)
		default:
			c.nets = append(c.nets, p)
		}
	}
	tr := &http.Transport{
		Proxy:                  nil, // never a proxy from the environment
		DialContext:            c.dial,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    cfg.DialTimeout,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           256,
		MaxIdleConnsPerHost:    16,
		IdleConnTimeout:        60 * time.Second,
		MaxResponseHeaderBytes: 256 << 10,
		ExpectContinueTimeout:  time.Second,
	}
	c.hc = &http.Client{
		Transport: tr,
		// The engine follows redirects itself, one guarded request a hop.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		// No Jar: no cookies are kept between requests.
	}
	return c, nil
}

// Close drops idle connections.
func (c *Client) Close() { c.hc.CloseIdleConnections() }

// MaxBytes is the response body cap.
func (c *Client) MaxBytes() int64 { return c.cfg.MaxBytes }

// Do sends one request (no redirect is followed). The response body fails
// with TARSUS_FETCH_TOO_LARGE past MaxBytes; the caller closes it.
func (c *Client) Do(ctx context.Context, method, url string, header http.Header, body io.Reader, length int64) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, &Error{ErrCode: "TARSUS_EGRESS_DENIED", Message: fmt.Sprintf("fetch: the scheme %q is not supported (only http and https)", req.URL.Scheme)}
	}
	if body != nil {
		req.ContentLength = length
	}
	for k, vs := range header {
		if strings.EqualFold(k, "host") {
			continue
		}
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, unwrap(err)
	}
	resp.Body = &capped{rc: resp.Body, max: c.cfg.MaxBytes, declared: resp.ContentLength, url: url}
	return resp, nil
}

// unwrap keeps an *Error out of the *url.Error and *net.OpError around it.
func unwrap(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return err
}

// dial opens a connection to addr, checking every resolved address just
// before it is connected.
func (c *Client) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	nameAllowed := c.hostAllowed(host)
	d := &net.Dialer{
		Timeout:   c.cfg.DialTimeout,
		KeepAlive: 30 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			if nameAllowed {
				return nil
			}
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return &Error{ErrCode: "TARSUS_EGRESS_DENIED", Message: fmt.Sprintf("fetch to %s refused: unreadable address %q", host, address)}
			}
			return c.Check(host, ap.Addr())
		},
	}
	return d.DialContext(ctx, network, addr)
}

func (c *Client) hostAllowed(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	for _, x := range c.hosts {
		if h == x {
			return true
		}
	}
	for _, s := range c.suffixes {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return false
}

// Check returns nil if a connection to ip (for host) may be opened, or an
// *Error saying why not and how to allow it.
func (c *Client) Check(host string, ip netip.Addr) error {
	ip = ip.Unmap().WithZone("")
	for _, p := range c.nets {
		if p.Contains(ip) {
			return nil
		}
	}
	why := Classify(ip)
	if why == "" && c.isOwn(ip) {
		why = "an address of this server"
	}
	if why == "" {
		return nil
	}
	target := ip.String()
	if host != "" && host != target {
		target = host + " (" + ip.String() + ")"
	}
	return &Error{ErrCode: "TARSUS_EGRESS_DENIED", Message: fmt.Sprintf("fetch to %s refused: %s is %s; the server's operator can allow it with --fetch-allow", target, ip, why)}
}

var special = []struct {
	p   netip.Prefix
	why string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified (\"this network\")"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private (RFC 1918)"},
	{netip.MustParsePrefix("100.64.0.0/10"), "private (carrier-grade NAT)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local (cloud metadata lives here)"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private (RFC 1918)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved (IETF protocol assignments)"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private (RFC 1918)"},
	{netip.MustParsePrefix("198.18.0.0/15"), "reserved (benchmarking)"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved (including broadcast)"},
	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{netip.MustParsePrefix("fc00::/7"), "private (unique local)"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("ff00::/8"), "multicast"},
}

var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// Classify says why ip is refused by default ("loopback", "private (RFC
// 1918)", …), or "" if it is a public address. IPv4 carried in IPv6
// (mapped, NAT64, 6to4) is judged as that IPv4 address.
func Classify(ip netip.Addr) string {
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			if w := Classify(netip.AddrFrom4([4]byte(b[12:16]))); w != "" {
				return w + ", inside a NAT64 address"
			}
		case sixTo4.Contains(ip):
			if w := Classify(netip.AddrFrom4([4]byte(b[2:6]))); w != "" {
				return w + ", inside a 6to4 address"
			}
		}
	}
	for _, s := range special {
		if s.p.Contains(ip) {
			return s.why
		}
	}
	return ""
}

// isOwn reports whether ip is one of this machine's interface addresses
// (re-read at most every 30 s).
func (c *Client) isOwn(ip netip.Addr) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.own == nil || time.Since(c.ownRead) > 30*time.Second {
		own := map[netip.Addr]bool{}
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					if x, ok := netip.AddrFromSlice(n.IP); ok {
						own[x.Unmap()] = true
					}
				}
			}
		}
		c.own, c.ownRead = own, time.Now()
	}
	return c.own[ip]
}

// capped is a response body that fails past max bytes.
type capped struct {
	rc       io.ReadCloser
	max      int64
	declared int64
	n        int64
	url      string
}

func (b *capped) tooLarge() error {
	return &Error{ErrCode: "TARSUS_FETCH_TOO_LARGE", Message: fmt.Sprintf("fetch: the response body of %s is larger than the server's cap of %d bytes (--fetch-max-bytes)", b.url, b.max)}
}

func (b *capped) Read(p []byte) (int, error) {
	if b.declared > b.max {
		return 0, b.tooLarge()
	}
	if b.n >= b.max {
		// One byte more tells a body of exactly max bytes from a longer one.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, b.tooLarge()
		}
		return 0, err
	}
	if rest := b.max - b.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := b.rc.Read(p)
	b.n += int64(n)
	return n, err
}

func (b *capped) Close() error { return b.rc.Close() }
