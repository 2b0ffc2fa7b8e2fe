package api

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
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

// decodeJSON decodes the request body, which guard has read (raw, at most
// Config.APIBodyLimit).
func decodeJSON(c *fiber.Ctx, v any) error {
	dec := json.NewDecoder(bytes.NewReader(c.Request().Body()))
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
	src, err := s.uploadBody(c)
	if err != nil {
		return err
	}
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
	body, err := s.uploadBody(c)
	if err != nil {
		return err
	}
	files, keep, err := readUpload(body, params["boundary"])
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

// An upload's bounds, before the platform applies its own limits (1 MiB
// per file, 20 MiB per deploy, 1000 files) with per-file messages: what
// all parts and archive entries together may expand to, and how many
// entries they may hold. A zip or tar bomb stops at the first bound, with
// nothing more decompressed.
const (
	maxExpand  = 32 << 20
	maxEntries = 10000
)

// budget counts what an upload has expanded to so far.
type budget struct{ bytes, entries int }

var errExpand = errors.New("the upload expands to more than " + strconv.Itoa(maxExpand>>20) + " MiB")

func errTooMuch() error {
	return apiError(400, "TARSUS_TOO_LARGE", "the upload expands to more than "+strconv.Itoa(maxExpand>>20)+" MiB (archives unpacked); a deploy may hold at most 20 MiB of files: deploy in parts")
}

func errTooMany() error {
	return apiError(400, "TARSUS_TOO_MANY_FILES", "the upload holds more than "+strconv.Itoa(maxEntries)+" parts or archive entries; a user may have at most 1000 files")
}

func (b *budget) entry() error {
	if b.entries++; b.entries > maxEntries {
		return errTooMany()
	}
	return nil
}

// reader counts what is read through it against the budget.
func (b *budget) reader(r io.Reader) io.Reader { return &budgetReader{r: r, b: b} }

type budgetReader struct {
	r io.Reader
	b *budget
}

func (br *budgetReader) Read(p []byte) (int, error) {
	if br.b.bytes >= maxExpand {
		return 0, errExpand
	}
	if rest := maxExpand - br.b.bytes; len(p) > rest {
		p = p[:rest]
	}
	n, err := br.r.Read(p)
	br.b.bytes += n
	return n, err
}

// readAll reads r whole through the budget.
func (b *budget) readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(b.reader(r))
	if errors.Is(err, errExpand) {
		return nil, errTooMuch()
	}
	return data, err
}

// readUpload reads a multipart deploy body: one part per file (filename =
// relative path), or .tar.gz/.tgz/.zip parts holding trees, "keep" fields
// and client-built "bundle"/"map" parts. It never holds more than
// maxExpand bytes of content.
func readUpload(body []byte, boundary string) ([]platform.Upload, []string, error) {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	var out []platform.Upload
	var keep []string
	var b budget
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
		if err := b.entry(); err != nil {
			return nil, nil, err
		}
		// Part.FileName() drops directories; read the raw parameter.
		_, dp, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		name := dp["filename"]
		field := dp["name"]
		if name == "" {
			name = field
		}
		archive := strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".tgz") || strings.HasSuffix(name, ".zip")
		var data []byte
		if archive {
			// The archive itself is in the body already; only what it
			// expands to counts.
			data, err = io.ReadAll(part)
		} else {
			data, err = b.readAll(part)
		}
		if err != nil {
			var he *httpError
			if errors.As(err, &he) {
				return nil, nil, err
			}
			return nil, nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading part "+name+": "+err.Error())
		}
		switch {
		case field == "keep" && dp["filename"] == "":
			keep = append(keep, string(data))
		case field == "bundle":
			bundles[name] = data
		case field == "map":
			maps[name] = data
		case strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".tgz"):
			fs, err := readTarGz(data, &b)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, fs...)
		case strings.HasSuffix(name, ".zip"):
			fs, err := readZip(data, &b)
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

func readTarGz(data []byte, b *budget) ([]platform.Upload, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, apiError(400, "TARSUS_BAD_UPLOAD", "the .tar.gz part is not gzip: "+err.Error())
	}
	// Everything tar reads, the entries it skips included, is counted.
	tr := tar.NewReader(b.reader(zr))
	var out []platform.Upload
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if errors.Is(err, errExpand) || b.bytes >= maxExpand {
			return nil, errTooMuch()
		}
		if err != nil {
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "the .tar.gz part is malformed: "+err.Error())
		}
		if err := b.entry(); err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if errors.Is(err, errExpand) || b.bytes >= maxExpand {
			return nil, errTooMuch()
		}
		if err != nil {
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading "+h.Name+" in the .tar.gz part: "+err.Error())
		}
		out = append(out, platform.Upload{Path: cleanArchivePath(h.Name), Source: data})
	}
	return out, nil
}

// zipEntries is the entry count in a zip's end-of-central-directory
// record, or -1 if it has none or defers to zip64; it lets readZip refuse
// a directory of millions of entries before archive/zip allocates them.
func zipEntries(data []byte) int {
	const eocdLen = 22
	if len(data) < eocdLen {
		return -1
	}
	from := max(0, len(data)-eocdLen-0xffff)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+eocdLen > len(data) {
		return -1
	}
	rec := data[from+i:]
	n := int(rec[10]) | int(rec[11])<<8
	if n == 0xffff {
		return -1
	}
	return n
}

func readZip(data []byte, b *budget) ([]platform.Upload, error) {
	if n := zipEntries(data); n > maxEntries-b.entries {
		return nil, errTooMany()
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, apiError(400, "TARSUS_BAD_UPLOAD", "the .zip part is malformed: "+err.Error())
	}
	var out []platform.Upload
	for _, f := range zr.File {
		if err := b.entry(); err != nil {
			return nil, err
		}
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading "+f.Name+" in the .zip part: "+err.Error())
		}
		data, err := b.readAll(rc)
		rc.Close()
		if err != nil {
			var he *httpError
			if errors.As(err, &he) {
				return nil, err
			}
			return nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading "+f.Name+" in the .zip part: "+err.Error())
		}
		out = append(out, platform.Upload{Path: cleanArchivePath(f.Name), Source: data})
	}
	return out, nil
}

// uploadBody reads an upload's body (raw, at most Config.DeployBodyLimit).
func (s *Server) uploadBody(c *fiber.Ctx) ([]byte, error) {
	b, over, err := readBody(c, s.cfg.DeployBodyLimit)
	if err != nil {
		return nil, err
	}
	if over {
		return nil, s.tooLarge(classDeploy, max(len(b), c.Request().Header.ContentLength()))
	}
	return b, nil
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
	// The stream outlives Config.WriteTimeout: each write renews it, so
	// only a client that stops reading is cut off.
	conn, wt := c.Context().Conn(), s.cfg.WriteTimeout
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer cancel()
		w = bufio.NewWriterSize(deadlineWriter{conn: conn, w: w, d: wt}, 4096)
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
	needForm := apiError(400, "TARSUS_BAD_UPLOAD", "send multipart/form-data with the file in a field named \"file\"")
	_, params, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || params["boundary"] == "" {
		return needForm
	}
	body, err := s.uploadBody(c)
	if err != nil {
		return err
	}
	fname, data, err := formFile(body, params["boundary"], "file")
	if err != nil {
		return err
	}
	if data == nil {
		return needForm
	}
	// The file's own name only: the folder comes from the URL.
	name := fname
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

// formFile finds the file part named field in a multipart body: its file
// name and content (nil if there is none).
func formFile(body []byte, boundary, field string) (string, []byte, error) {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, nil
		}
		if err != nil {
			return "", nil, apiError(400, "TARSUS_BAD_UPLOAD", "the multipart body is malformed: "+err.Error())
		}
		if part.FormName() != field || part.FileName() == "" {
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return "", nil, apiError(400, "TARSUS_BAD_UPLOAD", "reading the file part: "+err.Error())
		}
		return part.FileName(), data, nil
	}
}

// deadlineWriter renews the connection's write deadline before each write
// (of a long-lived stream) and flushes through.
type deadlineWriter struct {
	conn net.Conn
	w    *bufio.Writer
	d    time.Duration
}

func (d deadlineWriter) Write(p []byte) (int, error) {
	_ = d.conn.SetWriteDeadline(time.Now().Add(d.d))
	n, err := d.w.Write(p)
	if err == nil {
		err = d.w.Flush()
	}
	return n, err
}
