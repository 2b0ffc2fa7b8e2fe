package api

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/tarsus/tarsus/platform"
)

const (
	localUser   = "user"   // the authenticated user
	localTarget = "target" // the user acted on
)

func bearer(c *fiber.Ctx) string {
	h := c.Get(fiber.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

func current(c *fiber.Ctx) platform.User { return c.Locals(localUser).(platform.User) }

func target(c *fiber.Ctx) string { return c.Locals(localTarget).(string) }

func (s *Server) adminOnly(c *fiber.Ctx) error {
	if !current(c).IsAdmin() {
		return apiError(403, "TARSUS_FORBIDDEN", "this needs an admin token")
	}
	return c.Next()
}

// target resolves ?user=: admins may act on another user, nobody else.
func (s *Server) target(c *fiber.Ctx) error {
	u := current(c)
	t := u.Name
	if q := c.Query("user"); q != "" && q != u.Name {
		if !u.IsAdmin() {
			return apiError(403, "TARSUS_FORBIDDEN", "only an admin may act on another user (?user=)")
		}
		if _, err := s.p.GetUser(c.UserContext(), q); err != nil {
			return err
		}
		t = strings.Clone(q)
	}
	c.Locals(localTarget, t)
	return c.Next()
}

func decodeJSON(c *fiber.Ctx, v any) error {
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apiError(400, "TARSUS_BAD_REQUEST", "the request body must be JSON: "+err.Error())
	}
	return nil
}

func (s *Server) me(c *fiber.Ctx) error { return c.JSON(current(c)) }

func (s *Server) createUser(c *fiber.Ctx) error {
	var in struct{ Name, Password, Role string }
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, tok, err := s.p.CreateUser(c.UserContext(), in.Name, in.Password, in.Role)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(fiber.Map{"name": u.Name, "role": u.Role, "token": tok, "createdAt": u.CreatedAt})
}

func (s *Server) listUsers(c *fiber.Ctx) error {
	us, err := s.p.ListUsers(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(us)
}

func (s *Server) deleteUser(c *fiber.Ctx) error {
	if err := s.p.DeleteUser(c.UserContext(), c.Params("name")); err != nil {
		return err
	}
	return c.SendStatus(204)
}

func (s *Server) listFunctions(c *fiber.Ctx) error {
	fns, _, err := s.p.ListFunctions(c.UserContext(), target(c))
	if err != nil {
		return err
	}
	return c.JSON(fns)
}

// filePath is the {path} of /functions/{path}, unescaped.
func filePath(c *fiber.Ctx) (string, error) {
	raw := c.Params("*")
	p, err := url.PathUnescape(raw)
	if err != nil {
		return "", apiError(400, "TARSUS_BAD_PATH", "the file path is not validly escaped: "+err.Error())
	}
	if p == "" {
		return "", apiError(400, "TARSUS_BAD_PATH", "name a file: /api/v1/functions/<path>, e.g. orders/create.ts")
	}
	return strings.Clone(p), nil
}

func (s *Server) getFunction(c *fiber.Ctx) error {
	p, err := filePath(c)
	if err != nil {
		return err
	}
	fi, err := s.p.GetFunction(c.UserContext(), target(c), p)
	if err != nil {
		return err
	}
	return c.JSON(fi)
}

func via(c *fiber.Ctx, def string) string {
	switch v := c.Get("X-Tarsus-Via"); v {
	case "console", "push", "api":
		return v
	}
	return def
}

func (s *Server) putFunction(c *fiber.Ctx) error {
	p, err := filePath(c)
	if err != nil {
		return err
	}
	src := bytes.Clone(c.Request().Body())
	res, err := s.p.Deploy(c.UserContext(), target(c), platform.DeployInput{
		By: current(c).Name, Via: via(c, "api"), Files: []platform.Upload{{Path: p, Source: src}},
	})
	if err != nil {
		return err
	}
	out := fiber.Map{"path": p, "version": res.Version, "deployment": res.Deployment, "buildMs": res.BuildMs}
	for _, f := range res.Files {
		if f.Path == p {
			out["route"] = f.Route
			out["sizes"] = f.Sizes
			out["status"] = f.Status
		}
	}
	return c.JSON(out)
}

func (s *Server) deleteFunction(c *fiber.Ctx) error {
	p, err := filePath(c)
	if err != nil {
		return err
	}
	res, err := s.p.Delete(c.UserContext(), target(c), current(c).Name, via(c, "api"), p)
	if err != nil {
		return err
	}
	return c.JSON(res)
}

func (s *Server) manifest(c *fiber.Ctx) error {
	if c.QueryBool("detail", false) {
		m, err := s.p.ManifestDetail(c.UserContext(), target(c))
		if err != nil {
			return err
		}
		return c.JSON(m)
	}
	m, err := s.p.Manifest(c.UserContext(), target(c))
	if err != nil {
		return err
	}
	return c.JSON(m)
}

// deploy takes multipart/form-data: one part per file named by its relative
// path, or one .tar.gz/.tgz/.zip part holding the tree.
func (s *Server) deploy(c *fiber.Ctx) error {
	ct := c.Get(fiber.HeaderContentType)
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return apiError(415, "TARSUS_BAD_UPLOAD", "send multipart/form-data with one part per file (filename = relative path), or one .tar.gz or .zip part")
	}
	files, keep, err := readUpload(c.Request().Body(), params["boundary"])
	if err != nil {
		return err
	}
	if len(files) == 0 && len(keep) == 0 {
		return apiError(400, "TARSUS_BAD_UPLOAD", "the upload holds no files")
	}
	res, err := s.p.Deploy(c.UserContext(), target(c), platform.DeployInput{
		By: current(c).Name, Via: via(c, "api"), Files: files, Keep: keep, Prune: c.QueryBool("prune", false),
	})
	if err != nil {
		return err
	}
	return c.JSON(res)
}

// maxPart bounds what one part or archive entry may expand to; the platform
// applies the real limits with clear messages.
const maxPart = 32 << 20

func readUpload(body []byte, boundary string) ([]platform.Upload, []string, error) {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	var out []platform.Upload
	var keep []string
	bundles := map[string][]byte{}
	maps := map[string][]byte{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, apiError(400, "TARSUS_BAD_UPLOAD", "the multipart body is malformed: "+err.Error())
		}
		// Part.FileName() drops directories; read the raw parameter.
		_, dp, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		name := dp["filename"]
		field := dp["name"]
		if name == "" {
			name = field
		}
		data, err := io.ReadAll(io.LimitReader(part, maxPart+1))
		if err != nil {
			return nil, nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading part "+name+": "+err.Error())
		}
		if len(data) > maxPart {
			return nil, nil, apiError(400, "TARSUS_TOO_LARGE", "part "+name+" is too large")
		}
		switch {
		case field == "keep" && dp["filename"] == "":
			keep = append(keep, string(data))
		case field == "bundle":
			bundles[name] = data
		case field == "map":
			maps[name] = data
		case strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".tgz"):
			fs, err := readTarGz(data)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, fs...)
		case strings.HasSuffix(name, ".zip"):
			fs, err := readZip(data)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, fs...)
		default:
			out = append(out, platform.Upload{Path: name, Source: data})
		}
	}
	for i := range out {
		if b, ok := bundles[out[i].Path]; ok {
			out[i].Bundle = b
			out[i].Map = maps[out[i].Path]
		}
	}
	return out, keep, nil
}

func cleanArchivePath(p string) string { return strings.TrimPrefix(p, "./") }

func readTarGz(data []byte) ([]platform.Upload, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, apiError(400, "TARSUS_BAD_UPLOAD", "the .tar.gz part is not gzip: "+err.Error())
	}
	tr := tar.NewReader(zr)
	var out []platform.Upload
	total := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "the .tar.gz part is malformed: "+err.Error())
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, maxPart+1))
		if err != nil {
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading "+h.Name+": "+err.Error())
		}
		total += len(b)
		if len(b) > maxPart || total > maxPart {
			return nil, apiError(400, "TARSUS_TOO_LARGE", "the archive expands to more than "+strconv.Itoa(maxPart>>20)+" MiB")
		}
		out = append(out, platform.Upload{Path: cleanArchivePath(h.Name), Source: b})
	}
	return out, nil
}

func readZip(data []byte) ([]platform.Upload, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, apiError(400, "TARSUS_BAD_UPLOAD", "the .zip part is malformed: "+err.Error())
	}
	var out []platform.Upload
	total := 0
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading "+f.Name+": "+err.Error())
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
		rc.Close()
		if err != nil {
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading "+f.Name+": "+err.Error())
		}
		total += len(b)
		if len(b) > maxPart || total > maxPart {
			return nil, apiError(400, "TARSUS_TOO_LARGE", "the archive expands to more than "+strconv.Itoa(maxPart>>20)+" MiB")
		}
		out = append(out, platform.Upload{Path: cleanArchivePath(f.Name), Source: b})
	}
	return out, nil
}

func (s *Server) stats(c *fiber.Ctx) error { return c.JSON(s.p.Stats(target(c))) }

func (s *Server) dropRuntimes(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"dropped": s.p.DropRuntimes(target(c))})
}

func parseSince(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseDuration(v); err == nil {
		return time.Now().Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.UnixMilli(ms), nil
	}
	return time.Time{}, apiError(400, "TARSUS_BAD_REQUEST", "since must be a duration (5m), an RFC 3339 time or Unix milliseconds")
}

func (s *Server) logs(c *fiber.Ctx) error {
	since, err := parseSince(c.Query("since"))
	if err != nil {
		return err
	}
	q := platform.LogQuery{Fn: strings.Clone(c.Query("fn")), Since: since, Limit: c.QueryInt("limit", 200)}
	user := target(c)
	if !c.QueryBool("follow", false) {
		recs, err := s.p.Logs(c.UserContext(), user, q)
		if err != nil {
			return err
		}
		return c.JSON(recs)
	}
	// Subscribe before reading history so nothing falls between them.
	ch, cancel, err := s.p.Follow(user)
	if err != nil {
		return err
	}
	recs, err := s.p.Logs(c.UserContext(), user, q)
	if err != nil {
		cancel()
		return err
	}
	c.Set(fiber.HeaderContentType, "text/event-stream")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set("X-Accel-Buffering", "no")
	fn := q.Fn
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer cancel()
		var lastSeq uint64
		for _, r := range recs {
			lastSeq = r.Seq
			if writeEvent(w, r) != nil {
				return
			}
		}
		_ = lastSeq
		if _, err := fmt.Fprint(w, ": live\n\n"); err != nil || w.Flush() != nil {
			return
		}
		ping := time.NewTicker(15 * time.Second)
		defer ping.Stop()
		for {
			select {
			case r := <-ch:
				if fn != "" && r.Fn != fn {
					continue
				}
				if writeEvent(w, r) != nil {
					return
				}
			case <-s.closing:
				return
			case <-ping.C:
				if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || w.Flush() != nil {
					return
				}
			}
		}
	})
	return nil
}

func writeEvent(w *bufio.Writer, r any) error {
	b, _ := json.Marshal(r)
	if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
		return err
	}
	return w.Flush()
}

func (s *Server) history(c *fiber.Ctx) error { return c.JSON(s.p.History(target(c))) }

func (s *Server) deployments(c *fiber.Ctx) error {
	ds, err := s.p.Deployments(c.UserContext(), target(c))
	if err != nil {
		return err
	}
	return c.JSON(ds)
}

func (s *Server) rollback(c *fiber.Ctx) error {
	res, err := s.p.Rollback(c.UserContext(), target(c), strings.Clone(c.Params("id")), current(c).Name)
	if err != nil {
		return err
	}
	return c.JSON(res)
}

// maybeUpload serves the original product's upload route,
// POST /<user>/<dir>/$upload (multipart, field "file", Bearer token): the
// file is written into <dir> and deployed. Other paths go on to invoke.
func (s *Server) maybeUpload(c *fiber.Ctx) error {
	rest := c.Params("*")
	if rest != "$upload" && !strings.HasSuffix(rest, "/$upload") {
		return c.Next()
	}
	u, err := s.p.Authenticate(c.UserContext(), bearer(c))
	if err != nil {
		return err
	}
	owner := c.Params("user")
	if owner != u.Name && !u.IsAdmin() {
		return apiError(403, "TARSUS_FORBIDDEN", "you may upload only into your own folders")
	}
	dir := strings.TrimSuffix(strings.TrimSuffix(rest, "$upload"), "/")
	fh, err := c.FormFile("file")
	if err != nil {
		return apiError(400, "TARSUS_BAD_UPLOAD", "send multipart/form-data with the file in a field named \"file\"")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPart+1))
	if err != nil {
		return err
	}
	// The file's own name only: the folder comes from the URL.
	name := fh.Filename
	if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
		name = name[i+1:]
	}
	path := name
	if dir != "" {
		path = dir + "/" + name
	}
	res, err := s.p.Deploy(c.UserContext(), strings.Clone(owner), platform.DeployInput{
		By: u.Name, Via: "upload", Files: []platform.Upload{{Path: strings.Clone(path), Source: data}},
	})
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"uploaded": true, "path": path, "version": res.Version, "deployment": res.Deployment, "files": res.Files})
}
