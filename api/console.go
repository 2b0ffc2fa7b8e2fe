package api

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
)

// mountConsole serves the single-page console at /console/ (unknown paths
// fall back to index.html for client-side routing) and redirects / there.
func (s *Server) mountConsole() {
	s.app.Get("/", func(c *fiber.Ctx) error { return c.Redirect("/console/", fiber.StatusFound) })
	s.app.Get("/console", func(c *fiber.Ctx) error {
		if c.Path() != "/console" {
			return c.Next()
		}
		return c.Redirect("/console/", fiber.StatusFound)
	})
	// Assets have content-hashed names: cache them for a year. Compress
	// what the browser downloads (1.5 MB of JavaScript becomes ~0.5 MB).
	s.app.Use("/console", compress.New(compress.Config{Level: compress.LevelBestSpeed}), func(c *fiber.Ctx) error {
		if strings.HasPrefix(c.Path(), "/console/assets/") {
			c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
		} else {
			c.Set(fiber.HeaderCacheControl, "no-cache")
		}
		return c.Next()
	})
	s.app.Use("/console", filesystem.New(filesystem.Config{
		Root:         http.FS(s.cfg.Console),
		Index:        "index.html",
		NotFoundFile: "index.html",
		MaxAge:       0,
	}))
}
