package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func seqs(recs []LogRecord) []uint64 {
	out := []uint64{}
	for _, r := range recs {
		out = append(out, r.Seq)
	}
	return out
}

func TestLogs(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{MaxLogsPerUser: 8})
	mustUser(t, s, "alice")
	mustUser(t, s, "bob")
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	// Seqs 1..10: fn a.ts on odd, b.ts on even; Time base+seq minutes.
	var recs []LogRecord
	for i := 1; i <= 10; i++ {
		fn := "a.ts"
		if i%2 == 0 {
			fn = "b.ts"
		}
		recs = append(recs, LogRecord{Kind: LogConsole, Level: "info", Fn: fn, Msg: fmt.Sprint("m", i), Time: base.Add(time.Duration(i) * time.Minute)})
	}
	if err := s.AppendLogs(ctx, "alice", recs[:4]); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendLogs(ctx, "alice", recs[4:]); err != nil {
		t.Fatal(err)
	}
	if got := seqs(recs); !slices.Equal(got, []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) {
		t.Fatalf("assigned seqs = %v", got)
	}
	if err := s.AppendLogs(ctx, "bob", []LogRecord{{Kind: LogSystem, Fn: "a.ts"}}); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		q    LogQuery
		want []uint64
	}{
		// Only the newest MaxLogsPerUser (8) records are visible: seqs 3..10.
		{"all visible", LogQuery{}, []uint64{3, 4, 5, 6, 7, 8, 9, 10}},
		{"limit keeps newest", LogQuery{Limit: 3}, []uint64{8, 9, 10}},
		{"limit above max is capped", LogQuery{Limit: 1000}, []uint64{3, 4, 5, 6, 7, 8, 9, 10}},
		{"fn", LogQuery{Fn: "a.ts"}, []uint64{3, 5, 7, 9}},
		{"fn with limit", LogQuery{Fn: "b.ts", Limit: 2}, []uint64{8, 10}},
		{"fn unknown", LogQuery{Fn: "a"}, []uint64{}},
		{"after seq", LogQuery{AfterSeq: 7}, []uint64{8, 9, 10}},
		{"after last seq", LogQuery{AfterSeq: 10}, []uint64{}},
		{"after seq with fn", LogQuery{AfterSeq: 6, Fn: "a.ts"}, []uint64{7, 9}},
		{"since inclusive", LogQuery{Since: base.Add(8 * time.Minute)}, []uint64{8, 9, 10}},
		{"since in another zone", LogQuery{Since: base.Add(9 * time.Minute).In(time.FixedZone("Y", -7200))}, []uint64{9, 10}},
		{"everything combined", LogQuery{Fn: "b.ts", Since: base.Add(5 * time.Minute), AfterSeq: 6, Limit: 1}, []uint64{10}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Logs(ctx, "alice", c.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(seqs(got), c.want) {
				t.Errorf("seqs = %v, want %v", seqs(got), c.want)
			}
			for _, r := range got {
				if !reflect.DeepEqual(r, recs[r.Seq-1]) {
					t.Errorf("record %d = %+v, want %+v", r.Seq, r, recs[r.Seq-1])
				}
			}
		})
	}

	t.Run("time assigned when zero", func(t *testing.T) {
		start := time.Now()
		r := []LogRecord{{Kind: LogInvocation, Fn: "a.ts", Status: 200, DurationMs: 1.5, Cold: true}}
		if err := s.AppendLogs(ctx, "bob", r); err != nil {
			t.Fatal(err)
		}
		if r[0].Seq != 2 || r[0].Time.Before(start.Add(-time.Second)) || r[0].Time.Location() != time.UTC {
			t.Errorf("record = %+v", r[0])
		}
		got, err := s.Logs(ctx, "bob", LogQuery{AfterSeq: 1})
		if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], r[0]) {
			t.Errorf("stored = %+v, %v; want %+v", got, err, r[0])
		}
	})
	t.Run("unknown user", func(t *testing.T) {
		if err := s.AppendLogs(ctx, "zed", []LogRecord{{Msg: "x"}}); !errors.Is(err, ErrNotFound) {
			t.Errorf("AppendLogs err = %v", err)
		}
		if _, err := s.Logs(ctx, "zed", LogQuery{}); !errors.Is(err, ErrNotFound) {
			t.Errorf("Logs err = %v", err)
		}
	})
}

func TestLogsDefaultLimit(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	recs := make([]LogRecord, DefaultLogLimit+5)
	if err := s.AppendLogs(ctx, "alice", recs); err != nil {
		t.Fatal(err)
	}
	got, err := s.Logs(ctx, "alice", LogQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != DefaultLogLimit || got[0].Seq != 6 || got[len(got)-1].Seq != DefaultLogLimit+5 {
		t.Errorf("%d records, seqs %d..%d", len(got), got[0].Seq, got[len(got)-1].Seq)
	}
}

// TestLogSeqAcrossReopen checks seqs keep growing after a restart, and that
// a batch larger than one Badger transaction is stored whole.
func TestLogSeqAcrossReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const big = 3000 // ~1 KB each: past the 2.4 MiB one transaction may hold
	msg := strings.Repeat("x", 1000)
	for round := range 2 {
		s, err := Open(Config{Dir: dir, MaxLogsPerUser: 2 * big}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if round == 0 {
			mustUser(t, s, "alice")
		}
		recs := make([]LogRecord, big)
		for i := range recs {
			recs[i] = LogRecord{Kind: LogConsole, Fn: "f.ts", Msg: msg}
		}
		if err := s.AppendLogs(ctx, "alice", recs); err != nil {
			t.Fatal(err)
		}
		first := uint64(round*big + 1)
		if recs[0].Seq != first || recs[big-1].Seq != first+big-1 {
			t.Errorf("round %d: seqs %d..%d", round, recs[0].Seq, recs[big-1].Seq)
		}
		got, err := s.Logs(ctx, "alice", LogQuery{Limit: 2 * big})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != (round+1)*big || got[len(got)-1].Seq != uint64((round+1)*big) {
			t.Errorf("round %d: %d records stored", round, len(got))
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLogRetention(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(Config{Dir: dir, LogRetention: time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustUser(t, s, "alice")
	if err := s.AppendLogs(ctx, "alice", []LogRecord{{Kind: LogSystem, Msg: "short-lived"}}); err != nil {
		t.Fatal(err)
	}
	// Badger's TTL has whole-second granularity: poll until it expires.
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, err := s.Logs(ctx, "alice", LogQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("log record did not expire")
		}
		<-tick.C
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// After a restart with every record expired, seqs still do not restart.
	s = openStore(t, Config{Dir: dir})
	r := []LogRecord{{Kind: LogSystem}}
	if err := s.AppendLogs(ctx, "alice", r); err != nil || r[0].Seq != 2 {
		t.Errorf("seq after expiry and reopen = %d, %v", r[0].Seq, err)
	}
}
