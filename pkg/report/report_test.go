package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// challengedCall: INVITE, 407, ACK, INVITE with credentials, 180, 200, ACK, BYE, 200.
func challengedCall(id string, start time.Duration) []step {
	inv := sipText{method: "INVITE", branch: "z9hG4bK" + id + "i1", callID: id, fromTag: "f" + id}
	chal := inv
	chal.code, chal.reason, chal.toTag = 407, "Proxy Authentication Required", "t1"+id
	chal.extra = []string{`Proxy-Authenticate: Digest realm="example.com", nonce="abc"`}
	ack1 := inv
	ack1.method, ack1.toTag = "ACK", "t1"+id
	inv2 := inv
	inv2.branch, inv2.cseq = "z9hG4bK"+id+"i2", 2
	inv2.extra = []string{`Proxy-Authorization: Digest username="alice", realm="example.com", nonce="abc", uri="sip:bob@example.com", response="00"`}
	rest := answeredCall(id, start+200*time.Millisecond)
	for i := range rest {
		if rest[i].msg.method == "INVITE" {
			rest[i].msg.branch, rest[i].msg.cseq = inv2.branch, 2
			if rest[i].msg.code == 0 {
				rest[i].msg.extra = inv2.extra
			}
		}
		if rest[i].msg.method == "BYE" {
			rest[i].msg.cseq = 3
		}
	}
	return append([]step{
		{start, uac, uas, inv},
		{start + 100*time.Millisecond, uas, uac, chal},
		{start + 110*time.Millisecond, uac, uas, ack1},
	}, rest...)
}

// cancelledCall: INVITE, 180, CANCEL, 200 (CANCEL), 487, ACK.
func cancelledCall(id string, start time.Duration) []step {
	inv := sipText{method: "INVITE", branch: "z9hG4bK" + id + "i", callID: id, fromTag: "f" + id}
	ring := inv
	ring.code, ring.reason, ring.toTag = 180, "Ringing", "t"+id
	cancel := inv
	cancel.method = "CANCEL"
	cancelOK := cancel
	cancelOK.code, cancelOK.reason, cancelOK.toTag = 200, "OK", "t"+id
	term := inv
	term.code, term.reason, term.toTag = 487, "Request Terminated", "t"+id
	ack := inv
	ack.method, ack.toTag = "ACK", "t"+id
	return []step{
		{start, uac, uas, inv},
		{start + 2*time.Second, uas, uac, ring},
		{start + 9*time.Second, uac, uas, cancel},
		{start + 9010*time.Millisecond, uas, uac, cancelOK},
		{start + 9020*time.Millisecond, uas, uac, term},
		{start + 9030*time.Millisecond, uac, uas, ack},
	}
}

// registration: REGISTER, 401, REGISTER with credentials, final (code, reason).
func registration(id, aor string, start time.Duration, code int, reason string) []step {
	reg := sipText{method: "REGISTER", ruri: "sip:example.com", to: aor, branch: "z9hG4bK" + id + "r1", callID: id, fromTag: "f" + id}
	chal := reg
	chal.code, chal.reason, chal.toTag = 401, "Unauthorized", "t"+id
	chal.extra = []string{`WWW-Authenticate: Digest realm="example.com", nonce="n1"`}
	reg2 := reg
	reg2.branch, reg2.cseq = "z9hG4bK"+id+"r2", 2
	reg2.extra = []string{`Authorization: Digest username="alice", realm="example.com", nonce="n1", uri="sip:example.com", response="00"`}
	fin := reg2
	fin.code, fin.reason, fin.toTag, fin.extra = code, reason, "t"+id, nil
	return []step{
		{start, uac, proxy, reg},
		{start + 30*time.Millisecond, proxy, uac, chal},
		{start + 60*time.Millisecond, uac, proxy, reg2},
		{start + 90*time.Millisecond, proxy, uac, fin},
	}
}

// sampleSteps is a small capture with one of everything the renderers show.
func sampleSteps() []step {
	var s []step
	s = append(s, answeredCall("call1", 0)...)
	s = append(s, challengedCall("call2", time.Second)...)
	s = append(s, failedCall("call3", 2*time.Second, 486, "Busy Here")...)
	s = append(s, cancelledCall("call4", 3*time.Second)...)
	busy17 := failedCall("call5", 4*time.Second, 480, "暂时无法接通", "Reason: Q.850;cause=17;text=\"User busy\"")
	s = append(s, busy17...)
	s = append(s, failedCall("call6", 5*time.Second, 403, "Запрещено")...)
	over := failedCall("call7", 6*time.Second, 503, "Service Unavailable")
	// The 503 is retransmitted because the ACK got lost.
	over = append(over[:3], step{over[2].at + 500*time.Millisecond, uas, uac, over[2].msg}, over[3])
	s = append(s, over...)
	s = append(s, registration("reg1", "sip:alice@example.com", 7*time.Second, 200, "OK")...)
	s = append(s, registration("reg2", "sip:carol@example.com", 8*time.Second, 403, "Wrong Guess")...)
	opt := sipText{method: "OPTIONS", ruri: "sip:203.0.113.7", branch: "z9hG4bKopt1", callID: "opt1", fromTag: "fo"}
	optOK := opt
	optOK.code, optOK.reason, optOK.toTag = 200, "OK", "to"
	s = append(s, step{9 * time.Second, proxy, uas, opt}, step{9*time.Second + 5*time.Millisecond, uas, proxy, optOK})
	// Sort by time: the scenario overlaps calls as real captures do.
	sortSteps(s)
	return s
}

func sortSteps(s []step) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].at < s[j-1].at; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func sampleReport(t *testing.T) *Report {
	t.Helper()
	f := newFeeder(t, Config{})
	f.feed(sampleSteps()...)
	return f.finish()
}

func TestWriteJSONGolden(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", b.Bytes())
}

// TestJSONContractKeys checks the v1 keys and their order, independent of the golden file.
func TestJSONContractKeys(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&b)
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 && dec.More() {
				keys = append(keys, v)
				// skip the value
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	want := []string{"schema", "inputs", "totals", "methods", "responses", "categories", "calls", "registrations"}
	if len(keys) != len(want) {
		t.Fatalf("top-level keys %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Fatalf("top-level keys %v, want %v", keys, want)
		}
	}
	var generic map[string]any
	b.Reset()
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &generic); err != nil {
		t.Fatal(err)
	}
	checkKeys := func(what string, obj any, want ...string) {
		t.Helper()
		m, ok := obj.(map[string]any)
		if !ok {
			t.Fatalf("%s is %T, want an object", what, obj)
		}
		if len(m) != len(want) {
			t.Errorf("%s has keys %v, want %v", what, m, want)
		}
		for _, k := range want {
			if _, ok := m[k]; !ok {
				t.Errorf("%s lacks %q", what, k)
			}
		}
	}
	checkKeys("inputs[0]", generic["inputs"].([]any)[0], "name", "packets", "bytes", "sip_messages", "errors")
	checkKeys("totals", generic["totals"], "packets", "sip_messages", "requests", "responses", "retransmissions", "malformed")
	checkKeys("methods[0]", generic["methods"].([]any)[0], "method", "count")
	checkKeys("responses[0]", generic["responses"].([]any)[0], "code", "reason", "class", "category", "severity", "count")
	checkKeys("categories[0]", generic["categories"].([]any)[0], "category", "severity", "count")
	checkKeys("calls", generic["calls"], "total", "answered", "failed", "cancelled", "asr", "ner", "pdd_ms")
	checkKeys("calls.pdd_ms", generic["calls"].(map[string]any)["pdd_ms"], "p50", "p95")
	checkKeys("registrations", generic["registrations"], "total", "succeeded", "failed")
	if generic["schema"] != "sipscan.report/v1" {
		t.Errorf("schema = %v", generic["schema"])
	}
}
