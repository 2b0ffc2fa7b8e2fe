package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/tarsus/tarsus/access"
	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/platform"
)

// Access to functions at the HTTP edge: a route's CORS preflight is
// answered here, without running the function, and Platform.Admit (rate
// limits, invocation keys, JWT) decides before the body is read whether a
// call runs at all.

const claimsLocal = "tarsus.claims"

// preflight answers OPTIONS for a route with opts.config.cors as
// @fastify/cors does; a route whose CORS answers no preflight is a 404, as
// in Fastify.
func preflight(c *fiber.Ctx, cors *access.CORS) error {
	h := &c.Request().Header
	status, hs, body, ok := cors.Preflight(string(h.Peek("Origin")), string(h.Peek("Access-Control-Request-Method")), string(h.Peek("Access-Control-Request-Headers")))
	if !ok {
		return c.Status(404).JSON(notFoundBody{
			Message: "Route " + c.Method() + ":" + string(c.Request().RequestURI()) + " not found", Error: "Not Found", StatusCode: 404,
		})
	}
	out := c.Response()
	for _, x := range hs {
		out.Header.Set(x.Name, x.Value)
	}
	out.SetStatusCode(status)
	if body != "" {
		out.Header.SetContentType("text/plain; charset=utf-8")
		out.SetBodyString(body)
	} else {
		out.Header.SetNoDefaultContentType(true)
		out.Header.SetContentLength(0)
	}
	return nil
}

// admit sets the route's CORS and rate-limit headers and asks the platform
// whether the call may run: it returns the names of the headers it set, or
// the refusal (a *platform.Error, answered in Fastify's error shape). The
// verified JWT claims, if any, are left in c.Locals(claimsLocal).
func (s *Server) admit(c *fiber.Ctx, user string, fn *engine.Function, ra *access.Route) ([]string, error) {
	r := c.Request()
	out := c.Response()
	set := make([]string, 0, 8)
	if ra != nil && ra.CORS != nil {
		for _, x := range ra.CORS.Headers(string(r.Header.Peek("Origin"))) {
			out.Header.Set(x.Name, x.Value)
			set = append(set, x.Name)
		}
	}
	a := s.p.Admit(user, fn, platform.Caller{
		IP:     c.IP(),
		Header: func(name string) string { return string(r.Header.Peek(name)) },
	})
	for _, x := range a.Headers {
		out.Header.Set(x.Name, x.Value)
		set = append(set, x.Name)
	}
	if a.Refused != nil {
		return nil, a.Refused
	}
	if a.Claims != nil {
		c.Locals(claimsLocal, a.Claims)
		set = append(set, "") // claims are in Locals
	}
	return set, nil
}
