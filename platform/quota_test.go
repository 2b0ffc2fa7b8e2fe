package platform_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
	"github.com/tarsus/tarsus/platform"
)

// startWith is startServer with quotas set: a real server, the user alice
// and her token.
func startWith(t *testing.T, o testserver.Options) (*srv, *testserver.Server) {
	t.Helper()
	o.Timeout = 10 * time.Second
	ts := testserver.Start(t, o)
	s := &srv{t: t, url: ts.URL, token: ts.AdminToken, hc: &http.Client{Timeout: 30 * time.Second}}
	r := s.do("POST", "/api/v1/users", "application/json", strings.NewReader(`{"name":"alice","password":"password-alice"}`))
	if r.status != 201 {
		t.Fatalf("create user: %d %s", r.status, r.body)
	}
	var u struct{ Token string }
	if err := json.Unmarshal(r.body, &u); err != nil {
		t.Fatal(err)
	}
	s.token = u.Token
	return s, ts
}

// apiErr is Fastify's error shape.
type apiErr struct {
	StatusCode int    `json:"statusCode"`
	Code       string `json:"code"`
	Message    string `json:"message"`
}

func decodeErr(t *testing.T, body []byte) apiErr {
	t.Helper()
	var e apiErr
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body: %v: %s", err, body)
	}
	return e
}

// randomText is n characters zstd cannot shrink below about half.
func randomText(n int) string {
	b := make([]byte, n/2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func bigRoute(n int) string {
	return fmt.Sprintf("const blob = %q\nexport default [{}, async () => ({ n: blob.length })]\n", randomText(n))
}

// TestBuildQuota: a deploy whose bundles and maps pass MaxBuildBytes is 413
// TARSUS_QUOTA_BUILD naming the limit and the size, and changes nothing.
func TestBuildQuota(t *testing.T) {
	s, _ := startWith(t, testserver.Options{MaxBuildBytes: 16 << 10})
	s.mustDeploy(map[string]string{"small.ts": `export default [{}, async () => ({ v: "x" })]`}, nil, "small.ts")
	status, _ := s.deploy(map[string]string{"big.ts": bigRoute(20 << 10)}, nil)
	r := s.do("POST", "/alice/big", "", nil)
	if status != 413 || r.status != 404 {
		t.Fatalf("deploy over the build limit: %d, and the route answers %d", status, r.status)
	}
	_, res := s.deploy(map[string]string{"big.ts": bigRoute(20 << 10)}, nil)
	if res.Code != "TARSUS_QUOTA_BUILD" {
		t.Fatalf("code %q", res.Code)
	}
	body := s.do("POST", "/api/v1/deploy", "multipart/form-data; boundary=x", strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.ts\"\r\n\r\n"+bigRoute(20<<10)+"\r\n--x--\r\n"))
	e := decodeErr(t, body.body)
	if e.StatusCode != 413 || !strings.Contains(e.Message, "the limit is 16.0 KiB per deploy") || !strings.Contains(e.Message, "KiB (bundles and source maps of 1 routes)") {
		t.Errorf("message: %+v", e)
	}
	if got := s.call("small"); !strings.Contains(got, `"x"`) {
		t.Errorf("small answers %s", got)
	}
}

// TestStorageQuota: a deploy that would pass the user's stored bytes is
// 507 TARSUS_QUOTA_STORAGE naming the limit and the use; the live tree
// stays, and a smaller deploy still works.
func TestStorageQuota(t *testing.T) {
	s, ts := startWith(t, testserver.Options{MaxStoredBytes: 96 << 10})
	s.mustDeploy(map[string]string{"a.ts": bigRoute(8 << 10)}, nil, "a.ts")
	v := s.version()
	r := s.do("POST", "/api/v1/deploy", "multipart/form-data; boundary=x", strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.ts\"\r\n\r\n"+bigRoute(120<<10)+"\r\n--x--\r\n"))
	e := decodeErr(t, r.body)
	if r.status != 507 || e.Code != "TARSUS_QUOTA_STORAGE" || !strings.Contains(e.Message, "of the limit of 96.0 KiB per user") || !strings.Contains(e.Message, "alice already stores") {
		t.Fatalf("deploy over the storage limit: %d %+v", r.status, e)
	}
	if s.version() != v || s.do("POST", "/alice/b", "", nil).status != 404 {
		t.Fatal("a refused deploy changed the tree")
	}
	used, err := ts.Platform.StoredBytes(context.Background(), "alice")
	if err != nil || used <= 0 || used > 96<<10 {
		t.Fatalf("stored bytes %d, %v", used, err)
	}
	// Many small deploys: the oldest deployments make room.
	for i := range 20 {
		s.mustDeploy(map[string]string{"a.ts": bigRoute(8 << 10)}, nil, "a.ts")
		if used, _ := ts.Platform.StoredBytes(context.Background(), "alice"); used > 96<<10 {
			t.Fatalf("deploy %d: %d bytes stored, over the limit", i, used)
		}
	}
}

// TestLogBytesPerDay: past MaxLogBytesPerDay a user's console lines are
// dropped, and one system line says so; other records still come.
func TestLogBytesPerDay(t *testing.T) {
	s, _ := startWith(t, testserver.Options{MaxLogBytesPerDay: 8 << 10})
	s.mustDeploy(map[string]string{"chatty.ts": `export default [{}, async () => { for (let i = 0; i < 100; i++) console.log("line " + i + " " + "x".repeat(100)); return { ok: true } }]`}, nil, "chatty.ts")
	for range 3 {
		if got := s.call("chatty"); got != `{"ok":true}` {
			t.Fatalf("chatty answers %s", got)
		}
	}
	r := s.do("GET", "/api/v1/logs?limit=1000", "", nil)
	var recs []struct {
		Kind, Msg string
	}
	if err := json.Unmarshal(r.body, &recs); err != nil {
		t.Fatalf("logs: %v %s", err, r.body)
	}
	console, notes, calls := 0, 0, 0
	for _, rec := range recs {
		switch {
		case rec.Kind == "console":
			console++
		case rec.Kind == "system" && strings.Contains(rec.Msg, "passed the limit of 8.0 KiB per day"):
			notes++
			if !strings.Contains(rec.Msg, "dropped until 00:00 UTC") {
				t.Errorf("system line: %s", rec.Msg)
			}
		case rec.Kind == "invocation":
			calls++
		}
	}
	// ~170 bytes a line counted: about 48 lines fit in 8 KiB.
	if console < 30 || console > 60 || notes != 1 || calls != 3 {
		t.Fatalf("%d console lines, %d notes, %d invocation records (want 30–60, 1, 3)", console, notes, calls)
	}
}

// TestLogFollowers: past MaxLogFollowers live streams of one user, one
// more is 429 TARSUS_QUOTA_FOLLOWERS; cancelling a stream frees its place.
func TestLogFollowers(t *testing.T) {
	s, ts := startWith(t, testserver.Options{MaxLogFollowers: 2})
	open := func() (*http.Response, error) {
		req, _ := http.NewRequest("GET", s.url+"/api/v1/logs?follow=true", nil)
		req.Header.Set("Authorization", "Bearer "+s.token)
		return http.DefaultClient.Do(req)
	}
	for i := range 2 {
		res, err := open()
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("stream %d: %v %v", i, err, res)
		}
		defer res.Body.Close()
		if _, err := bufio.NewReader(res.Body).ReadString('\n'); err != nil {
			t.Fatal(err)
		}
	}
	res, err := open()
	if err != nil {
		t.Fatal(err)
	}
	var e apiErr
	_ = json.NewDecoder(res.Body).Decode(&e)
	res.Body.Close()
	if res.StatusCode != 429 || e.Code != "TARSUS_QUOTA_FOLLOWERS" || !strings.Contains(e.Message, "alice already has 2 live log streams open; the limit is 2 per user") {
		t.Fatalf("third stream: %d %+v", res.StatusCode, e)
	}
	// Another user has places of his own.
	_, cancel, err := ts.Platform.Follow("admin")
	if err != nil {
		t.Fatalf("admin's stream: %v", err)
	}
	_, cancel2, err := ts.Platform.Follow("admin")
	if err != nil {
		t.Fatal(err)
	}
	var pe *platform.Error
	if _, _, err := ts.Platform.Follow("admin"); !errors.As(err, &pe) || pe.Status != 429 {
		t.Fatalf("admin's third stream: %v", err)
	}
	cancel()
	_, cancel3, err := ts.Platform.Follow("admin")
	if err != nil {
		t.Fatalf("a cancelled stream did not free its place: %v", err)
	}
	cancel2()
	cancel3()
}
