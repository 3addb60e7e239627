package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestMessageWritersGolden(t *testing.T) {
	for _, format := range []string{"table", "jsonl", "csv"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			mw, err := NewMessageWriter(&b, format)
			if err != nil {
				t.Fatal(err)
			}
			var werr error
			f := newFeeder(t, Config{OnMessage: func(r *MessageRecord) {
				if werr == nil {
					werr = mw.Write(r)
				}
			}})
			f.feed(sampleSteps()...)
			f.finish()
			if werr != nil {
				t.Fatal(werr)
			}
			if err := mw.Close(); err != nil {
				t.Fatal(err)
			}
			ext := map[string]string{"table": "txt", "jsonl": "jsonl", "csv": "csv"}[format]
			golden(t, "list."+ext, b.Bytes())
		})
	}
}

func TestCallWritersGolden(t *testing.T) {
	for _, format := range []string{"table", "json", "jsonl", "csv", "markdown"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			cw, err := NewCallWriter(&b, format)
			if err != nil {
				t.Fatal(err)
			}
			var werr error
			f := newFeeder(t, Config{OnCall: func(r *CallRecord) {
				if werr == nil {
					werr = cw.Write(r)
				}
			}})
			f.feed(sampleSteps()...)
			f.finish()
			if werr != nil {
				t.Fatal(werr)
			}
			if err := cw.Close(); err != nil {
				t.Fatal(err)
			}
			ext := map[string]string{"table": "txt", "json": "json", "jsonl": "jsonl", "csv": "csv", "markdown": "md"}[format]
			golden(t, "calls."+ext, b.Bytes())
		})
	}
}

// TestMessageJSONLContract checks each JSONL line against the list contract: the keys, their
// order, and that the response-only keys are left out of requests.
func TestMessageJSONLContract(t *testing.T) {
	var b bytes.Buffer
	mw, _ := NewMessageWriter(&b, "jsonl")
	f := newFeeder(t, Config{OnMessage: func(r *MessageRecord) { _ = mw.Write(r) }})
	f.feed(sampleSteps()...)
	f.finish()
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	reqKeys := "time input frame src dst transport kind method call_id cseq retransmission"
	respKeys := "time input frame src dst transport kind method code reason call_id cseq category severity retransmission"
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != len(sampleSteps()) {
		t.Fatalf("%d lines, want %d", len(lines), len(sampleSteps()))
	}
	for _, line := range lines {
		dec := json.NewDecoder(strings.NewReader(line))
		var keys []string
		if _, err := dec.Token(); err != nil {
			t.Fatal(err)
		}
		var kind string
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k.(string))
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			if k == "kind" {
				kind = v.(string)
			}
		}
		want := reqKeys
		if kind == "response" {
			want = respKeys
		}
		if got := strings.Join(keys, " "); got != want {
			t.Errorf("keys %q\nwant %q\nline %s", got, want, line)
		}
		var rec MessageRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("line does not decode into MessageRecord: %v", err)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	var b bytes.Buffer
	mw, _ := NewMessageWriter(&b, "csv")
	rec := &MessageRecord{Kind: "response", Method: "INVITE", Code: 403, Reason: `Say "no", please`, CallID: "a,b"}
	if err := mw.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][9] != rec.Reason || rows[1][10] != rec.CallID || rows[1][8] != "403" {
		t.Fatalf("rows %q", rows)
	}
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "tab\tnl\n", "\x01<&>", "Запрещено 暂时", "bad\xffutf8", "\u2028x"} {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestUnknownFormats(t *testing.T) {
	if _, err := NewMessageWriter(&bytes.Buffer{}, "xml"); err == nil {
		t.Error("NewMessageWriter accepted xml")
	}
	if _, err := NewCallWriter(&bytes.Buffer{}, "xml"); err == nil {
		t.Error("NewCallWriter accepted xml")
	}
}
