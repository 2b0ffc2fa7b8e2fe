package api

import (
	"strings"

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
	ip := c.IP()
	if h := s.logins.cfg.AddrHeader; h != "" {
		ip = clientAddr(ip, c.Get(h)) // behind a proxy, as login throttling
	}
	a := s.p.Admit(user, fn, platform.Caller{
		IP:     ip,
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

// accessRoutes registers the API of schedules and invocation keys.
func (s *Server) accessRoutes(authed fiber.Router) {
	authed.Get("/schedules", s.target, func(c *fiber.Ctx) error { return c.JSON(s.p.Schedules(target(c))) })
	authed.Get("/keys", s.target, s.listKeys)
	authed.Post("/keys", s.target, s.createKey)
	authed.Delete("/keys/:id", s.target, s.revokeKey)
}

// createKey: POST /api/v1/keys {name, routes?, expiresAt?} → 201 {id, key,
// ...}: the key is shown only in this answer.
func (s *Server) createKey(c *fiber.Ctx) error {
	var in platform.KeyInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	k, err := s.p.CreateKey(c.UserContext(), target(c), in)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(201).JSON(k)
}

func (s *Server) listKeys(c *fiber.Ctx) error {
	ks, err := s.p.Keys(c.UserContext(), target(c))
	if err != nil {
		return err
	}
	return c.JSON(ks)
}

func (s *Server) revokeKey(c *fiber.Ctx) error {
	if err := s.p.RevokeKey(c.UserContext(), target(c), strings.Clone(c.Params("id"))); err != nil {
		return err
	}
	return c.SendStatus(204)
}
