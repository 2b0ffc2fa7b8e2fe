package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// crashTree is deploy number seq: every file carries seq in its source and
// in what it answers, and which files exist depends on seq, so a deploy
// that is visible only in part (some files of one deploy, some of another,
// or a file list of one and contents of another) cannot pass for whole.
func crashTree(seq int) map[string]string {
	paths := []string{"a.ts", "b.ts", "c.ts", "lib/d.ts", "lib/e.ts", "lib/deep/f.ts", fmt.Sprintf("extra/x%d.ts", seq%3)}
	pad := strings.Repeat(fmt.Sprintf("// deploy %d padding line\n", seq), 1500) // ~36 KB a file
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		out[p] = fmt.Sprintf("%sexport default [{}, async () => ({ seq: %d, path: %q })]\n", pad, seq, p)
	}
	return out
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TestCrashConsistency kills the real server with SIGKILL while a client
// deploys multi-file trees in a loop, restarts it on the same data folder
// and checks, each round, that the live tree is exactly one deploy, whole:
// every file of it and nothing else, each file's source, bundle and answer
// from that deploy, and that deploy is the last acknowledged one or one
// attempted after it (acknowledged deploys are never lost).
func TestCrashConsistency(t *testing.T) {
	bin := buildTarsus(t)
	data := t.TempDir()
	const rounds = 6
	start := time.Now()
	lastAcked, lastTried, totalAcked := 0, 0, 0
	for round := 0; round <= rounds; round++ {
		p := startProc(t, bin, data, nil, "TARSUS_NICE_AFTER=0")
		seq := checkWhole(t, p, lastAcked, lastTried)
		t.Logf("round %d: live deploy %d (last acknowledged %d, last attempted %d)", round, seq, lastAcked, lastTried)
		if round == rounds {
			p.kill()
			break
		}
		// Deploy in a loop until the kill; the next seq continues from
		// whatever was attempted, so seqs only grow.
		var mu sync.Mutex
		acked := 0
		next := lastTried + 1
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			for n := next; ctx.Err() == nil; n++ {
				mu.Lock()
				lastTried = n
				mu.Unlock()
				code, body, err := p.deployTree(ctx, crashTree(n), "?prune=true")
				if err != nil {
					return // the server is gone
				}
				if code != 200 {
					t.Errorf("deploy %d: %d %s", n, code, body)
					return
				}
				mu.Lock()
				lastAcked, acked = n, acked+1
				mu.Unlock()
			}
		}()
		// Let at least one deploy of this round land, then kill at a
		// random moment (a deploy is nearly always in flight).
		deadline := time.Now().Add(20 * time.Second)
		for {
			mu.Lock()
			a := acked
			mu.Unlock()
			if a > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("round %d: no deploy acknowledged within 20 s\n%s", round, p.out.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(rand.IntN(800)) * time.Millisecond)
		p.kill()
		cancel()
		<-done
		mu.Lock()
		totalAcked += acked
		mu.Unlock()
		if t.Failed() {
			return
		}
	}
	t.Logf("%d kills, %d acknowledged deploys, %s", rounds, totalAcked, time.Since(start).Round(time.Millisecond))
	if totalAcked < rounds {
		t.Fatalf("only %d deploys were acknowledged across %d rounds", totalAcked, rounds)
	}
}

// checkWhole asserts the admin's live tree is one deploy in full, with
// lastAcked ≤ its seq ≤ lastTried, and returns that seq (0: none yet).
func checkWhole(t *testing.T, p *proc, lastAcked, lastTried int) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code, body, err := p.do(ctx, "GET", "/api/v1/manifest", "", nil)
	if err != nil || code != 200 {
		t.Fatalf("manifest: %d %s %v", code, body, err)
	}
	var live map[string]string
	if err := json.Unmarshal([]byte(body), &live); err != nil {
		t.Fatalf("manifest: %v: %s", err, body)
	}
	if len(live) == 0 {
		if lastAcked > 0 {
			t.Fatalf("deploy %d was acknowledged, yet the live tree is empty", lastAcked)
		}
		return 0
	}
	// Which deploy is live: the one whose a.ts matches.
	seq := -1
	for s := max(lastAcked, 1); s <= lastTried; s++ {
		if crashTree(s)["a.ts"] != "" && sha(crashTree(s)["a.ts"]) == live["a.ts"] {
			seq = s
			break
		}
	}
	if seq < 0 {
		t.Fatalf("the live a.ts (%s) is from no deploy between the last acknowledged (%d) and the last attempted (%d): an acknowledged deploy was lost", live["a.ts"], lastAcked, lastTried)
	}
	want := crashTree(seq)
	var paths []string
	for path := range live {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	if len(live) != len(want) {
		t.Fatalf("deploy %d has %d files, the live tree %d: %v", seq, len(want), len(live), paths)
	}
	for path, src := range want {
		if live[path] != sha(src) {
			t.Fatalf("half a deploy is visible: a.ts is from deploy %d but %s is not (%q)", seq, path, live[path])
		}
		// The source blob is there and whole.
		code, body, err := p.do(ctx, "GET", "/api/v1/functions/"+path, "", nil)
		if err != nil || code != 200 {
			t.Fatalf("GET %s: %d %v %.200s", path, code, err, body)
		}
		var fi struct{ Source *string }
		if json.Unmarshal([]byte(body), &fi) != nil || fi.Source == nil || *fi.Source != src {
			t.Fatalf("GET %s: the source is not deploy %d's", path, seq)
		}
		// The bundle is there and is this deploy's.
		route := "/admin/" + strings.TrimSuffix(path, ".ts")
		code, body, err = p.do(ctx, "POST", route, "", nil)
		if err != nil || code != 200 || !strings.Contains(body, fmt.Sprintf(`"seq":%d,`, seq)) {
			t.Fatalf("POST %s: %d %v %s (want seq %d)", route, code, err, body, seq)
		}
	}
	return seq
}
