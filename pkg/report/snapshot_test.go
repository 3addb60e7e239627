package report

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestSnapshotLeavesCollectorAlone checks that snapshots taken while messages arrive count
// what was added so far and do not change the final report.
func TestSnapshotLeavesCollectorAlone(t *testing.T) {
	first := append(failedCall("c1", 0, 486, "Busy Here"), answeredCall("c2", time.Second)[:5]...)
	second := append(answeredCall("c2", time.Second)[5:], failedCall("c3", 70*time.Second, 403, "Insufficient funds")...)

	live := newFeeder(t, Config{})
	live.feed(first...)
	snap := live.c.Snapshot(nil)
	if got, want := snap.Totals, (Totals{SIPMessages: 9, Requests: 4, Responses: 5}); got != want {
		t.Errorf("first snapshot totals = %+v, want %+v", got, want)
	}
	if len(snap.Responses) != 4 { // 100, 180, 200, 486
		t.Errorf("first snapshot responses = %+v, want 4 rows", snap.Responses)
	}
	if snap.Calls.Total != 0 {
		t.Errorf("first snapshot counts %d calls; open calls are counted at Finish", snap.Calls.Total)
	}
	live.feed(second...)
	snap2 := live.c.Snapshot(nil)
	got := live.finish()

	offline := newFeeder(t, Config{})
	offline.feed(first...)
	offline.feed(second...)
	want := offline.finish()

	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("report after snapshots differs:\n%s\nwant:\n%s", gj, wj)
	}
	if !reflect.DeepEqual(snap2.Responses, want.Responses) || !reflect.DeepEqual(snap2.Methods, want.Methods) ||
		snap2.Totals.SIPMessages != want.Totals.SIPMessages {
		t.Errorf("last snapshot responses %+v, methods %+v; want %+v, %+v", snap2.Responses, snap2.Methods, want.Responses, want.Methods)
	}
	// c1 ended more than CallLinger before the last message: the snapshot counts it.
	if snap2.Calls.Total != 1 || snap2.Calls.Busy != 1 {
		t.Errorf("last snapshot calls = %+v, want the busy call finished", snap2.Calls)
	}
}

// TestAdvanceFinishesIdleCalls checks that the clock moves without messages, so that a live
// view counts a failed call once its linger time has passed.
func TestAdvanceFinishesIdleCalls(t *testing.T) {
	var finished []string
	f := newFeeder(t, Config{OnCall: func(r *CallRecord) { finished = append(finished, r.CallID) }})
	f.c.Advance(t0.Add(time.Hour)) // before any message: ignored
	f.feed(failedCall("c1", 0, 486, "Busy Here")...)
	f.c.Advance(t0.Add(10 * time.Second))
	if n := f.c.Snapshot(nil).Calls.Total; n != 0 || len(finished) != 0 {
		t.Fatalf("call finished within its linger time: %d calls, %v", n, finished)
	}
	f.c.Advance(t0.Add(40 * time.Second))
	if c := f.c.Snapshot(nil).Calls; c.Total != 1 || c.Busy != 1 || len(finished) != 1 {
		t.Fatalf("after the linger time: calls %+v, finished %v; want the busy call", c, finished)
	}
	if r := f.finish(); r.Calls.Total != 1 || !r.Overview.First.Equal(t0) {
		t.Errorf("final report: %d calls, first message %v; want 1 and %v", r.Calls.Total, r.Overview.First, t0)
	}
}
