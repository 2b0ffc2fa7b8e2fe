package api_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// TestLogStreamOutlivesWriteTimeout: a log stream stays open longer than
// the write timeout (each write renews it), while ordinary responses keep
// the bound.
func TestLogStreamOutlivesWriteTimeout(t *testing.T) {
	const wt = 300 * time.Millisecond
	s := &server{Server: testserver.Start(t, testserver.Options{WriteTimeout: wt}), t: t}
	tok := s.createUser("alice")
	s.mustPut(tok, "talk.ts", `export default [{}, (req) => { console.log("said", req.body.n); return {ok: true} }]`)
	req, _ := http.NewRequest("GET", s.URL+"/api/v1/logs?follow=true&fn=talk", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for l := range lines {
		if l == ": live" {
			break
		}
	}
	for i, wait := range []time.Duration{4 * wt, 4 * wt} {
		time.Sleep(wait) // let the write timeout pass with the stream idle
		n := strings.Repeat("4", i+1)
		s.call("alice", "talk", `{"n":`+n+`}`)
		deadline := time.After(10 * time.Second)
	wait:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("the stream ended %v after the write timeout", wait)
				}
				if strings.Contains(l, `"msg":"said `+n+`"`) {
					break wait
				}
			case <-deadline:
				t.Fatalf("no event %d on the stream", i)
			}
		}
	}
}
