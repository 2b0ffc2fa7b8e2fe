package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

const adminToken = testserver.DefaultAdminToken

// server is a real Tarsus server on 127.0.0.1:0 over a real Badger store.
type server struct {
	*testserver.Server
	t testing.TB
}

type opts struct {
	dir         string
	timeout     time.Duration
	idle        time.Duration
	maxRuntimes int
	memoryLimit int64
}

func start(t testing.TB, o opts) *server {
	t.Helper()
	return &server{Server: testserver.Start(t, testserver.Options{Dir: o.dir, Timeout: o.timeout, IdleTimeout: o.idle, MaxRuntimes: o.maxRuntimes, MemoryLimit: o.memoryLimit}), t: t}
}

func (s *server) stop() { s.Stop() }

var client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 256}}

type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r resp) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.Body)
	}
	return m
}

func (s *server) do(method, path, token, ctype string, body []byte) resp {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL+path, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := client.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{Status: res.StatusCode, Header: res.Header, Body: b}
}

// createUser creates a user and returns their token.
func (s *server) createUser(name string) string {
	s.t.Helper()
	body, _ := json.Marshal(map[string]string{"name": name, "password": "password-" + name})
	r := s.do("POST", "/api/v1/users", adminToken, "application/json", body)
	if r.Status != 201 {
		s.t.Fatalf("create user %s: %d %s", name, r.Status, r.Body)
	}
	return r.JSON(s.t)["token"].(string)
}

func (s *server) put(token, path, src string) resp {
	s.t.Helper()
	return s.do("PUT", "/api/v1/functions/"+path, token, "text/plain", []byte(src))
}

func (s *server) mustPut(token, path, src string) {
	s.t.Helper()
	if r := s.put(token, path, src); r.Status != 200 {
		s.t.Fatalf("deploy %s: %d %s", path, r.Status, r.Body)
	}
}

func (s *server) call(user, route, body string) resp {
	s.t.Helper()
	return s.do("POST", "/"+user+"/"+route, "", "application/json", []byte(body))
}

func (s *server) deployMultipart(token, query string, files map[string]string) resp {
	s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, src := range files {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			s.t.Fatal(err)
		}
		_, _ = io.WriteString(w, src)
	}
	_ = mw.Close()
	return s.do("POST", "/api/v1/deploy"+query, token, mw.FormDataContentType(), buf.Bytes())
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

func readSample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func contains(t testing.TB, got []byte, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(string(got), w) {
			t.Errorf("response %s does not contain %q", got, w)
		}
	}
}
