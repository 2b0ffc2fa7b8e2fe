package api

// A user's environment variables and secrets (/api/v1/env) and KV store
// (/api/v1/kv). A secret's value is accepted and never answered: listings
// carry its name only, and no error message quotes a value.

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/tarsus/tarsus/store"
)

// kvBodyLimit is what PUT /api/v1/kv/{key} may carry: one value.
const kvBodyLimit = store.MaxKVValueBytes

func (s *Server) listEnv(c *fiber.Ctx) error {
	vars, err := s.p.ListEnv(c.UserContext(), target(c))
	if err != nil {
		return err
	}
	return c.JSON(vars)
}

func (s *Server) putEnv(c *fiber.Ctx) error {
	name := strings.Clone(c.Params("name"))
	var in struct {
		Value  *string `json:"value"`
		Secret bool    `json:"secret"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Value == nil {
		return apiError(400, "TARSUS_BAD_REQUEST", `send {"value": "...", "secret": true|false}`)
	}
	if err := s.p.SetEnv(c.UserContext(), target(c), name, *in.Value, in.Secret); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"name": name, "secret": in.Secret})
}

func (s *Server) deleteEnv(c *fiber.Ctx) error {
	if err := s.p.DeleteEnv(c.UserContext(), target(c), strings.Clone(c.Params("name"))); err != nil {
		return err
	}
	return c.SendStatus(204)
}

// kvKey is the {key} of /kv/{key}, unescaped.
func kvKey(c *fiber.Ctx) (string, error) {
	k, err := url.PathUnescape(c.Params("*"))
	if err != nil {
		return "", apiError(400, "TARSUS_KV_INVALID", "the key is not validly escaped: "+err.Error())
	}
	if k == "" {
		return "", apiError(400, "TARSUS_KV_INVALID", "name a key: /api/v1/kv/<key> (escape '/' and other reserved characters as %XX)")
	}
	return strings.Clone(k), nil
}

func (s *Server) listKV(c *fiber.Ctx) error {
	limit := 0
	if l := c.Query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > store.MaxKVListLimit {
			return apiError(400, "TARSUS_BAD_REQUEST", "limit must be a whole number between 1 and "+strconv.Itoa(store.MaxKVListLimit))
		}
		limit = n
	}
	page, err := s.p.KVList(c.UserContext(), target(c), strings.Clone(c.Query("prefix")), strings.Clone(c.Query("cursor")), limit)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

// kvMeta sets the headers that describe a key.
func kvMeta(c *fiber.Ctx, version uint64, exp time.Time) {
	c.Set("X-Tarsus-KV-Version", strconv.FormatUint(version, 10))
	if !exp.IsZero() {
		c.Set("X-Tarsus-KV-Expires-At", exp.UTC().Format(time.RFC3339Nano))
	}
}

func (s *Server) getKV(c *fiber.Ctx) error {
	k, err := kvKey(c)
	if err != nil {
		return err
	}
	it, err := s.p.KVGet(c.UserContext(), target(c), k)
	if err != nil {
		return err
	}
	kvMeta(c, it.Version, it.ExpiresAt)
	c.Set(fiber.HeaderContentType, fiber.MIMEOctetStream)
	return c.Send(it.Value)
}

// putKV: the body is the value, as is; ?ttl= in seconds makes it expire.
func (s *Server) putKV(c *fiber.Ctx) error {
	k, err := kvKey(c)
	if err != nil {
		return err
	}
	var ttl time.Duration
	if t := c.Query("ttl"); t != "" {
		secs, err := strconv.ParseFloat(t, 64)
		if err != nil || !(secs > 0) {
			return apiError(400, "TARSUS_KV_INVALID", "ttl is a positive number of seconds, e.g. ?ttl=3600")
		}
		ttl = time.Duration(secs * float64(time.Second))
		if secs > float64(1<<62)/float64(time.Second) {
			ttl = -1 // refused by the platform with the range
		}
	}
	it, err := s.p.KVPut(c.UserContext(), target(c), k, bytes.Clone(c.Body()), ttl)
	if err != nil {
		return err
	}
	out := fiber.Map{"key": k, "version": it.Version}
	if !it.ExpiresAt.IsZero() {
		out["expiresAt"] = it.ExpiresAt.UTC().Truncate(time.Millisecond)
	}
	return c.JSON(out)
}

func (s *Server) deleteKV(c *fiber.Ctx) error {
	k, err := kvKey(c)
	if err != nil {
		return err
	}
	if err := s.p.KVDelete(c.UserContext(), target(c), k); err != nil {
		return err
	}
	return c.SendStatus(204)
}
