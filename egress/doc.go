// Package egress makes the outgoing HTTP requests of users' functions
// (fetch) under the operator's egress rules.
//
// The guard runs after DNS: every address a connection is about to be
// opened to is checked in the dialer's Control hook (the resolved IP, the
// moment before connect), so a host name that resolves to a refused
// address, a DNS answer that changes between two lookups (rebinding), and
// a redirect to such an address are all refused the same way. Refused
// unless the operator allows them (Config.Allow):
//
//   - loopback (127.0.0.0/8, ::1), unspecified and "this network"
//     (0.0.0.0/8, ::);
//   - private: RFC 1918 (10/8, 172.16/12, 192.168/16), unique local
//     fc00::/7, carrier-grade NAT 100.64.0.0/10;
//   - link-local (169.254.0.0/16, which holds the cloud metadata address
//     169.254.169.254, and fe80::/10);
//   - multicast, broadcast and reserved ranges (224/4, 240/4, ff00::/8),
//     the IETF protocol block 192.0.0.0/24 and benchmarking 198.18/15;
//   - IPv4 written inside IPv6 (::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4
//     2002::/16): checked as the IPv4 address they carry;
//   - the server's own interface addresses (read at start and every 30 s).
//
// Config.Allow lists CIDRs (a bare IP is one address) and host names
// (exact, or "*.example.com" for its subdomains). An allowed host name
// lets its connections reach any address; an allowed CIDR lets any host
// name reach addresses inside it.
//
// The client never uses a proxy from the environment, keeps no cookies
// and follows no redirects (the engine follows them, asking again for
// each hop, so every hop passes the guard). A response body yields at
// most Config.MaxBytes (decompressed) and then fails with
// TARSUS_FETCH_TOO_LARGE.
package egress
