package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
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
	s.app.Use("/console", filesystem.New(filesystem.Config{
		Root:         http.FS(s.cfg.Console),
		Index:        "index.html",
		NotFoundFile: "index.html",
		MaxAge:       0,
	}))
}
