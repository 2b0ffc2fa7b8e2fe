// Package conformance_test replays the vectors recorded from real Fastify 5
// against a real Tarsus server and fails on any difference a client can see.
package conformance_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

type vectorFile struct {
	Area    string   `json:"area"`
	Fastify string   `json:"fastify"`
	Vectors []vector `json:"vectors"`
}

type vector struct {
	Name    string `json:"name"`
	Route   string `json:"route"`
	Note    string `json:"note"`
	Request struct {
		Method     string            `json:"method"`
		URL        string            `json:"url"`
		Headers    map[string]string `json:"headers"`
		Body       *string           `json:"body"`
		BodyBase64 *string           `json:"bodyBase64"`
		BodyRepeat *struct {
			Prefix, Text, Suffix string
			Count                int
		} `json:"bodyRepeat"`
	} `json:"request"`
	Response struct {
		Status      int                        `json:"status"`
		ContentType *string                    `json:"contentType"`
		Headers     map[string]json.RawMessage `json:"headers"`
		Body        *string                    `json:"body"`
		BodyBase64  *string                    `json:"bodyBase64"`
	} `json:"response"`
}

func (v *vector) requestBody(t *testing.T) []byte {
	r := v.Request
	switch {
	case r.Body != nil:
		return []byte(*r.Body)
	case r.BodyBase64 != nil:
		b, err := base64.StdEncoding.DecodeString(*r.BodyBase64)
		if err != nil {
			t.Fatal(err)
		}
		return b
	case r.BodyRepeat != nil:
		return []byte(r.BodyRepeat.Prefix + strings.Repeat(r.BodyRepeat.Text, r.BodyRepeat.Count) + r.BodyRepeat.Suffix)
	}
	return nil
}

func (v *vector) responseBody(t *testing.T) []byte {
	if v.Response.BodyBase64 != nil {
		b, err := base64.StdEncoding.DecodeString(*v.Response.BodyBase64)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if v.Response.Body != nil {
		return []byte(*v.Response.Body)
	}
	return nil
}

// deployRoutes uploads every route file as user conf in one deploy.
func deployRoutes(t *testing.T, s *testserver.Server, token string) map[string]string {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	n := 0
	err := filepath.WalkDir("routes", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("routes", p)
		w, err := mw.CreateFormFile("file", filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		n++
		_, err = w.Write(src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/api/v1/deploy", &buf)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode == 200 {
		return nil
	}
	// Deploy file by file, so each vector of a route that does not deploy
	// fails with the reason, and the others still run.
	t.Errorf("deploying %d route files at once: %d %s", n, res.StatusCode, body)
	failed := map[string]string{}
	_ = filepath.WalkDir("routes", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, _ := os.ReadFile(p)
		rel, _ := filepath.Rel("routes", p)
		rel = filepath.ToSlash(rel)
		req, _ := http.NewRequest("PUT", s.URL+"/api/v1/functions/"+rel, bytes.NewReader(src))
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			failed[strings.TrimSuffix(rel, ".ts")] = string(b)
		}
		return nil
	})
	return failed
}

// deviations are the vectors where Tarsus knowingly answers differently,
// with the reason and the exact body Tarsus gives instead (so that any other
// change still fails). Keep this list short and say why in the README.
var deviations = map[string]struct{ why, body string }{
	"errors/async/real-type-error": {
		why:  "goja words every property read of null or undefined as \"of undefined\"; the engine rewrites goja's text into V8's form but cannot tell null from undefined",
		body: `{"statusCode":500,"error":"Internal Server Error","message":"Cannot read properties of undefined (reading 'prop')"}`,
	},
}

func TestFastifyConformance(t *testing.T) {
	s := testserver.Start(t, testserver.Options{Timeout: 5 * time.Second})
	// The user conf, with its token.
	req, _ := http.NewRequest("POST", s.URL+"/api/v1/users", strings.NewReader(`{"name":"conf","password":"conformance"}`))
	req.Header.Set("Authorization", "Bearer "+s.AdminToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ Token string }
	_ = json.NewDecoder(res.Body).Decode(&created)
	res.Body.Close()
	undeployable := deployRoutes(t, s, created.Token)

	client := &http.Client{
		Transport: &http.Transport{DisableCompression: true},
		// Fastify's redirects are recorded as they are, not followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}
	files, _ := filepath.Glob("vectors/*.json")
	sort.Strings(files)
	total, exact := 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var vf vectorFile
		if err := json.Unmarshal(raw, &vf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := range vf.Vectors {
			v := &vf.Vectors[i]
			total++
			t.Run(vf.Area+"/"+v.Name, func(t *testing.T) {
				if why, bad := undeployable[v.Route]; bad {
					t.Fatalf("route file routes/%s.ts does not deploy: %s", v.Route, why)
				}
				if d, ok := deviations[vf.Area+"/"+v.Name]; ok {
					t.Logf("known deviation: %s", d.why)
					b := d.body
					v.Response.Body = &b
				}
				if replay(t, client, s.URL, v) {
					exact++
				}
			})
		}
	}
	t.Logf("%d vectors replayed; %d byte-identical bodies", total, exact)
	if total < 300 {
		t.Errorf("only %d vectors; the suite needs at least 300", total)
	}
}

// replay sends one vector's request and compares; it reports whether the
// body was byte-identical.
func replay(t *testing.T, client *http.Client, base string, v *vector) bool {
	t.Helper()
	body := v.requestBody(t)
	req, err := http.NewRequest(v.Request.Method, base+v.Request.URL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, val := range v.Request.Headers {
		switch k {
		case "host":
			req.Host = val
		case "content-length":
		default:
			req.Header[http.CanonicalHeaderKey(k)] = []string{val}
		}
	}
	if len(body) == 0 {
		if _, ok := v.Request.Headers["content-length"]; ok {
			req.Body = http.NoBody
			req.ContentLength = 0
		}
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	want := v.responseBody(t)
	ctx := func() string {
		return "\n  request: " + v.Request.Method + " " + v.Request.URL + " " + truncate(string(body)) +
			"\n  want: " + itoa(v.Response.Status) + " " + ptr(v.Response.ContentType) + " " + truncate(string(want)) +
			"\n  got:  " + itoa(res.StatusCode) + " " + res.Header.Get("Content-Type") + " " + truncate(string(got)) +
			"\n  route file: routes/" + v.Route + ".ts"
	}
	if res.StatusCode != v.Response.Status {
		t.Errorf("status %d, want %d%s", res.StatusCode, v.Response.Status, ctx())
	}
	gotCT := res.Header.Values("Content-Type")
	if v.Response.ContentType == nil {
		if len(gotCT) > 0 {
			t.Errorf("content-type %q, want none%s", gotCT, ctx())
		}
	} else if len(gotCT) == 0 || gotCT[0] != *v.Response.ContentType {
		t.Errorf("content-type %q, want %q%s", gotCT, *v.Response.ContentType, ctx())
	}
	for name, raw := range v.Response.Headers {
		vals := res.Header.Values(name)
		var wantVals []string
		var s string
		if string(raw) == "null" {
			wantVals = nil
		} else if json.Unmarshal(raw, &s) == nil {
			wantVals = []string{s}
		} else {
			_ = json.Unmarshal(raw, &wantVals)
		}
		if strings.EqualFold(name, "content-length") && len(vals) == 0 && res.ContentLength >= 0 && wantVals != nil {
			vals = []string{itoa(int(res.ContentLength))}
		}
		if !reflect.DeepEqual(vals, wantVals) && !(len(vals) == 0 && len(wantVals) == 0) {
			t.Errorf("header %s = %q, want %q%s", name, vals, wantVals, ctx())
		}
	}
	if bytes.Equal(got, want) {
		return true
	}
	// Not byte-identical: JSON bodies must still be equal as JSON, with the
	// error message exact.
	var gj, wj any
	if json.Unmarshal(want, &wj) == nil && json.Unmarshal(got, &gj) == nil {
		if !reflect.DeepEqual(gj, wj) {
			t.Errorf("JSON body differs%s", ctx())
		}
		return false
	}
	t.Errorf("body differs%s", ctx())
	return false
}

func truncate(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func ptr(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

func itoa(n int) string { return strconv.Itoa(n) }
