package main

import (
	"encoding/json"
	"encoding/xml"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// answeredCall writes a capture of one answered and hung-up call.
func answeredCall(t *testing.T, name string) string {
	t.Helper()
	ua, proxy := netip.MustParseAddrPort("192.0.2.10:5060"), netip.MustParseAddrPort("198.51.100.1:5060")
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.UDP(ua, proxy, capturetest.Request("INVITE", "ok-call", 1, ""))
	b.UDP(proxy, ua, capturetest.Response(180, "Ringing", "INVITE", "ok-call", 1, ""))
	b.UDP(proxy, ua, capturetest.Response(200, "OK", "INVITE", "ok-call", 1, ""))
	b.UDP(ua, proxy, capturetest.Request("ACK", "ok-call", 1, ""))
	b.UDP(ua, proxy, capturetest.Request("BYE", "ok-call", 2, ""))
	b.UDP(proxy, ua, capturetest.Response(200, "OK", "BYE", "ok-call", 2, ""))
	path := filepath.Join(t.TempDir(), name)
	if err := capturetest.WriteFile(path, b.Packets()); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckExitCodes(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	good := answeredCall(t, "good.pcap")
	truncated := answeredCall(t, "truncated.pcap")
	fi, err := os.Stat(truncated)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(truncated, fi.Size()-20); err != nil {
		t.Fatal(err)
	}
	badPolicy := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(badPolicy, []byte("assertions:\n  - max: 5xx=0\n    metods: [INVITE]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	basic := filepath.Join("..", "..", "testdata", "policies", "basic.yaml")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring of stdout
		stderr string // a substring of stderr
	}{
		{"all hold", []string{"check", "--fail-on", "fault", "--max", "5xx=0", "--max-ratio", "4xx=0.05", "--min-asr", "0.95",
			"--max-pdd-p95", "3s", "--max-setup-p95", "5s", "--require-final", "--no-malformed", good}, exitOK, "sipscan check: PASS: 0 of 8 assertions failed", ""},
		{"fault in the sample", []string{"check", "--fail-on", "fault", samplePath}, exitViolation, "FAIL  fail-on fault: ", ""},
		{"categories", []string{"check", "--fail-on", "auth.credentials,billing.funds", samplePath}, exitViolation, "Call-ID reg-bob-11@198.51.100.22", ""},
		{"max holds", []string{"check", "--max", "503=2", "--max", "6xx=1", samplePath}, exitOK, "PASS  max 503=2: 2 responses (limit 2)", ""},
		{"max fails", []string{"check", "--max", "5xx=1", samplePath}, exitViolation, "FAIL  max 5xx=1: 2 responses (limit 1)", ""},
		{"ratio", []string{"check", "--max-ratio", "4xx=0.05", samplePath}, exitViolation, "FAIL  max-ratio 4xx=0.05", ""},
		{"asr", []string{"check", "--min-asr", "0.95", samplePath}, exitViolation, "ASR 0.25 (4 of 16 calls answered, limit 0.95)", ""},
		{"pdd", []string{"check", "--max-pdd-p95", "1s", samplePath}, exitViolation, "FAIL  max-pdd-p95 1s", ""},
		{"policy file", []string{"check", "--policy", basic, samplePath}, exitViolation, "FAIL  No faults [fail-on fault]", ""},
		{"policy and flags", []string{"check", "--policy", basic, "--max", "5xx=9", good}, exitOK, "PASS  max 5xx=9", ""},
		{"truncated", []string{"check", "--fail-on", "fault", truncated}, exitUsage, "ERROR truncated", "not read completely (see --allow-truncated): " + truncated},
		{"truncated allowed", []string{"check", "--fail-on", "fault", "--allow-truncated", truncated}, exitOK, "WARN  read error (allowed)", ""},
		{"unreadable", []string{"check", "--fail-on", "fault", good, "missing.pcap"}, exitUsage, "missing.pcap: ERROR", "missing.pcap"},
		{"no assertions", []string{"check", good}, exitUsage, "", "no assertions"},
		{"no capture", []string{"check", "--fail-on", "fault"}, exitUsage, "", "requires at least 1 arg"},
		{"bad max", []string{"check", "--max", "5xx", good}, exitUsage, "", "--max: \"5xx\": want SELECTOR=LIMIT"},
		{"bad category", []string{"check", "--fail-on", "auth.nope", good}, exitUsage, "", "--fail-on: \"auth.nope\""},
		{"bad asr", []string{"check", "--min-asr", "1.5", good}, exitUsage, "", "--min-asr"},
		{"bad duration", []string{"check", "--max-pdd-p95", "3", good}, exitUsage, "", "--max-pdd-p95"},
		{"bad format", []string{"check", "--fail-on", "fault", "--format", "xml", good}, exitUsage, "", "--format"},
		{"bad flag", []string{"check", "--fail-on-fault", good}, exitUsage, "", "unknown flag"},
		{"bad policy", []string{"check", "--policy", badPolicy, good}, exitUsage, "", badPolicy + ":3:5: unknown key \"metods\""},
		{"missing policy", []string{"check", "--policy", "nope.yaml", good}, exitUsage, "", "--policy: open nope.yaml"},
		{"bad junit path", []string{"check", "--fail-on", "fault", "--junit", filepath.Join(t.TempDir(), "no", "dir.xml"), good}, exitUsage, "", "--junit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errOut)
			}
			if tt.code == exitViolation && strings.Contains(errOut, "sipscan:") {
				t.Errorf("a violation printed an error:\n%s", errOut)
			}
		})
	}
}

// TestCheckOutputs runs check over two captures with JUnit, JSON and GitHub annotations.
func TestCheckOutputs(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "true")
	good := answeredCall(t, "good.pcap")
	junit := filepath.Join(t.TempDir(), "sip.xml")
	out, errOut, code := runCmd(t, "check", "--format", "json", "--junit", junit, "--fail-on", "fault",
		"--max", "5xx=0", "--max-evidence", "2", samplePath, good)
	if code != exitViolation {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var res struct {
		Schema   string `json:"schema"`
		Verdict  string `json:"verdict"`
		Captures []struct {
			Input      string `json:"input"`
			Verdict    string `json:"verdict"`
			Assertions []struct {
				Passed   bool              `json:"passed"`
				Evidence []json.RawMessage `json:"evidence"`
			} `json:"assertions"`
		} `json:"captures"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	if res.Schema != "sipscan.check/v1" || res.Verdict != "fail" || len(res.Captures) != 2 ||
		res.Captures[0].Verdict != "fail" || res.Captures[1].Verdict != "pass" ||
		len(res.Captures[0].Assertions[0].Evidence) != 2 {
		t.Errorf("JSON result %+v", res)
	}
	// Annotations go to stderr, one line per failed assertion, so that stdout stays JSON.
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "::error title=sipscan check%3A fail-on fault::"+samplePath+": ") ||
		!strings.HasPrefix(lines[1], "::error title=sipscan check%3A max 5xx=0::") {
		t.Errorf("annotations:\n%s", errOut)
	}
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Name     string `xml:"name,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("JUnit: %v\n%s", err, data)
	}
	if doc.Tests != 4 || len(doc.Suites) != 2 || doc.Suites[0].Name != samplePath || doc.Suites[0].Failures != 2 ||
		doc.Suites[1].Failures != 0 || doc.Suites[0].Cases[1].Name != "max 5xx=0" || doc.Suites[0].Cases[1].Failure == nil {
		t.Errorf("JUnit document %+v", doc)
	}

	// Without GITHUB_ACTIONS there are no annotations; --junit - writes to stdout.
	t.Setenv("GITHUB_ACTIONS", "")
	out, errOut, code = runCmd(t, "check", "--junit", "-", "--fail-on", "fault", samplePath)
	if code != exitViolation || errOut != "" || !strings.Contains(out, "<testsuites ") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// TestCheckHelp keeps the retransmission rule in the help text, where CI authors look.
func TestCheckHelp(t *testing.T) {
	out, _, code := runCmd(t, "check", "--help")
	if code != exitOK || !strings.Contains(out, "retransmissions") || !strings.Contains(out, "--exclude-retransmissions") {
		t.Errorf("exit %d, help:\n%s", code, out)
	}
}

// TestCheckMaxEvidence checks that the policy's max-evidence holds unless the flag is given.
func TestCheckMaxEvidence(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	pol := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(pol, []byte("max-evidence: 1\nassertions:\n  - fail-on: 4xx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"check", "-f", "json", "--policy", pol, samplePath}, 1},
		{[]string{"check", "-f", "json", "--policy", pol, "--max-evidence", "3", samplePath}, 3},
		// The sample has 14 4xx responses: the default keeps 10.
		{[]string{"check", "-f", "json", "--fail-on", "4xx", samplePath}, 10},
	} {
		out, errOut, code := runCmd(t, tt.args...)
		var res struct {
			Captures []struct {
				Assertions []struct {
					Evidence []json.RawMessage `json:"evidence"`
				} `json:"assertions"`
			} `json:"captures"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitViolation {
			t.Fatalf("%v: exit %d, %v\n%s", tt.args, code, err, errOut)
		}
		if got := len(res.Captures[0].Assertions[0].Evidence); got != tt.want {
			t.Errorf("%v: %d evidence items, want %d", tt.args, got, tt.want)
		}
	}
}
