package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// samplePath is the realistic capture shipped with the project (see internal/sample).
var samplePath = filepath.Join("..", "..", "testdata", "pcaps", "sample.pcapng")

func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestGolden runs every output format of every subcommand on the sample capture and compares
// with testdata/golden; `go test ./cmd/sipscan -update` rewrites them.
func TestGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"report.txt", []string{"report", samplePath}},
		{"report.txt", []string{samplePath}}, // report is the default command
		{"report.json", []string{"report", "--format", "json", samplePath}},
		{"report.md", []string{"report", "--format", "markdown", samplePath}},
		{"report-faults.json", []string{"--format", "json", "--severity", "fault", samplePath}},
		{"list.txt", []string{"list", samplePath}},
		{"list.jsonl", []string{"list", "--format", "jsonl", samplePath}},
		{"list.csv", []string{"list", "--format", "csv", samplePath}},
		{"list-4xx-invite.jsonl", []string{"list", "-f", "jsonl", "--code", "4xx", "--method", "INVITE", samplePath}},
		{"calls.txt", []string{"calls", samplePath}},
		{"calls.json", []string{"calls", "--format", "json", samplePath}},
		{"calls.jsonl", []string{"calls", "--format", "jsonl", samplePath}},
		{"calls.csv", []string{"calls", "--format", "csv", samplePath}},
		{"calls.md", []string{"calls", "--format", "markdown", samplePath}},
		{"explain-403.txt", []string{"explain", "403", "Wrong", "Guess"}},
		{"explain-480.json", []string{"explain", "480", "No money left", "--format", "json"}},
		{"explain-401-register.txt", []string{"explain", "401", "--method", "register", "--credentials"}},
		{"rules.txt", []string{"rules"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			path := filepath.Join("..", "..", "testdata", "golden", tt.golden)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (run with -update after checking):\n%s", path, firstDiff(string(want), out))
			}
		})
	}
}

// firstDiff shows the first differing line, which is what a reader needs to see.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

// TestJSONContract checks the report's keys against the v1 output contract, independent of the
// golden file, so an accidental rename is caught even when goldens are rewritten.
func TestJSONContract(t *testing.T) {
	out, errOut, code := runCmd(t, "--format", "json", samplePath)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "inputs", "totals", "methods", "responses", "categories", "calls", "registrations"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report has no %q", k)
		}
	}
	var schema string
	_ = json.Unmarshal(rep["schema"], &schema)
	if schema != "sipscan.report/v1" {
		t.Errorf("schema = %q", schema)
	}
	var calls struct {
		Total, Answered, Failed, Cancelled int
		ASR, NER                           float64
		PDD                                map[string]float64 `json:"pdd_ms"`
	}
	if err := json.Unmarshal(rep["calls"], &calls); err != nil {
		t.Fatal(err)
	}
	// The sample has 16 calls: 4 answered, 1 cancelled (see internal/sample).
	if calls.Total != 16 || calls.Answered != 4 || calls.Cancelled != 1 {
		t.Errorf("calls = %+v, want 16 total, 4 answered, 1 cancelled", calls)
	}
	if calls.PDD == nil {
		t.Error("calls.pdd_ms missing")
	}

	out, _, code = runCmd(t, "list", "--format", "jsonl", samplePath)
	if code != exitOK {
		t.Fatalf("list exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 102 {
		t.Errorf("list printed %d messages, want 102", len(lines))
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"time", "input", "frame", "src", "dst", "transport", "kind", "method", "call_id", "cseq", "retransmission"} {
		if _, ok := first[k]; !ok {
			t.Errorf("list record has no %q: %s", k, lines[0])
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("hello, this is not a capture\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.pcap")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"help", []string{"--help"}, exitOK, ""},
		{"version", []string{"version"}, exitOK, ""},
		{"unknown flag", []string{"report", "--no-such-flag", samplePath}, exitUsage, "unknown flag"},
		{"bad format", []string{"report", "--format", "xml", samplePath}, exitUsage, "--format"},
		{"missing file", []string{filepath.Join(dir, "missing.pcap")}, exitUsage, "missing.pcap"},
		{"text file", []string{text}, exitUsage, "notes.txt"},
		{"empty file", []string{empty}, exitUsage, "empty.pcap"},
		{"bad code filter", []string{"--code", "9zz", samplePath}, exitUsage, "--code"},
		{"bad category", []string{"--category", "no.such", samplePath}, exitUsage, "no.such"},
		{"bad explain code", []string{"explain", "999"}, exitUsage, "999"},
		{"bad explain reason", []string{"explain", "503", "--reason", "Q.850"}, exitUsage, "--reason"},
		{"bad explain warning", []string{"explain", "503", "--warning", "busy"}, exitUsage, "--warning"},
		{"two-line explain reason", []string{"explain", "503", "--reason", "Q.850;cause=17\r\nX: y"}, exitUsage, "one line"},
		{"negative challenges", []string{"explain", "401", "--challenges", "-1"}, exitUsage, "--challenges"},
		{"bad rules file", []string{"rules", "--rules", text}, exitUsage, "notes.txt"},
		{"list needs a file", []string{"list"}, exitUsage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runCmd(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.inStderr) {
				t.Errorf("stderr %q does not mention %q", errOut, tt.inStderr)
			}
		})
	}
}

// TestReadableAndUnreadableInputs: when one of several inputs cannot be read, the others are
// still reported and the problem is named in inputs[].errors and on stderr.
func TestReadableAndUnreadableInputs(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.pcap")
	out, errOut, code := runCmd(t, "--format", "json", samplePath, missing)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "gone.pcap") {
		t.Errorf("stderr does not name the unreadable input: %q", errOut)
	}
	var rep struct {
		Inputs []struct {
			Name   string
			Errors []string
		}
		Totals struct {
			SIPMessages int `json:"sip_messages"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Totals.SIPMessages != 102 {
		t.Errorf("sip_messages = %d, want 102", rep.Totals.SIPMessages)
	}
	if len(rep.Inputs) != 2 || len(rep.Inputs[1].Errors) == 0 {
		t.Errorf("inputs = %+v, want the second with an error", rep.Inputs)
	}
}

// TestExplainContext checks that explain's flags reach the classifier as a capture's context
// would: the method, credentials, CANCEL, earlier challenges, Reason and Warning headers.
func TestExplainContext(t *testing.T) {
	tests := []struct {
		args         []string
		category     string
		rule         string
		reasonPhrase string
	}{
		{[]string{"401"}, "auth.challenge", "code.401", "Unauthorized"},
		{[]string{"401", "--method", "REGISTER", "--credentials"}, "auth.credentials", "context.auth-retry-rejected", "Unauthorized"},
		{[]string{"407", "--credentials", "--stale"}, "auth.challenge", "context.auth-stale", "Proxy Authentication Required"},
		{[]string{"487", "Request Terminated", "--cancelled"}, "request.cancelled", "", "Request Terminated"},
		{[]string{"503", "--reason", `Q.850;cause=34;text="No circuit/channel available"`}, "capacity.overload", "q850.34", "Service Unavailable"},
		{[]string{"480", "--reason", "Q.850;cause=17"}, "callee.busy", "q850.17", "Temporarily Unavailable"},
		{[]string{"488", "--warning", `305 sbc.example.net "Incompatible media format"`}, "media.codec", "warning.305", "Not Acceptable Here"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, append([]string{"explain", "--format", "json"}, tt.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			var got struct{ Reason, Category, Rule string }
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			if got.Category != tt.category || (tt.rule != "" && got.Rule != tt.rule) || got.Reason != tt.reasonPhrase {
				t.Errorf("got reason %q, category %s, rule %s; want %q, %s, %s", got.Reason, got.Category, got.Rule, tt.reasonPhrase, tt.category, tt.rule)
			}
		})
	}
}
