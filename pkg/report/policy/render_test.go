package policy

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// goldenPolicy exercises every kind, scopes, names, descriptions and line numbers.
const goldenPolicy = `version: 1
max-evidence: 3
assertions:
  - name: No server errors towards carrier A
    description: Carrier A must never answer an INVITE with a 5xx.
    max: 5xx=0
    methods: [INVITE]
    peers: [198.51.100.0/24]
  - fail-on: [auth.credentials, billing.funds]
  - name: Few failed calls
    max-ratio: fault=2%
    methods: [INVITE]
    exclude-retransmissions: true
  - min-asr: 0.95
  - max-pdd-p95: 3s
  - max-setup-p95: 10s
  - require-final: true
  - no-malformed: true
`

// goldenResult checks the golden policy against the mixed, clean and a truncated capture.
func goldenResult(t *testing.T) (*Result, string) {
	t.Helper()
	p, err := Parse("ci/sip-policy.yaml", []byte(goldenPolicy))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	names := []string{"mixed.pcap", "clean.pcap", "truncated.pcap"}
	for i, src := range []string{mixedTrace(t), cleanTrace(t), cleanTrace(t)} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			data = data[:len(data)-20]
		}
		if err := os.WriteFile(filepath.Join(dir, names[i]), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Run from the directory so that the names in the output do not depend on it.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	res := check(t, p, names...)
	t.Chdir(wd)
	return res, p.Source
}

func TestGolden(t *testing.T) {
	res, source := goldenResult(t)
	if res.Verdict != VerdictError || res.Captures[0].Verdict != VerdictFail ||
		res.Captures[1].Verdict != VerdictPass || res.Captures[2].Verdict != VerdictError {
		t.Fatalf("unexpected verdicts: %s, %s %s %s", res.Verdict, res.Captures[0].Verdict,
			res.Captures[1].Verdict, res.Captures[2].Verdict)
	}
	tests := []struct {
		file  string
		write func(io.Writer, *Result) error
	}{
		{"check.txt", WriteText},
		{"check.json", WriteJSON},
		{"check.junit.xml", WriteJUnit},
		{"check.github.txt", func(w io.Writer, r *Result) error { return WriteGitHub(w, r, source) }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b, res); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, b.String())
		})
	}
}

// golden compares got with testdata/name; -update rewrites the file.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (run with -update after checking):\nwant: %s\ngot:  %s", path, i+1, w, g)
			}
		}
	}
}

// TestJSONShape checks the keys scripts rely on.
func TestJSONShape(t *testing.T) {
	res, _ := goldenResult(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema     string `json:"schema"`
		Verdict    string `json:"verdict"`
		Assertions int    `json:"assertions"`
		Failures   int    `json:"failures"`
		Captures   []struct {
			Input      string   `json:"input"`
			Verdict    string   `json:"verdict"`
			Errors     []string `json:"errors"`
			Assertions []struct {
				Name     string  `json:"name"`
				Passed   bool    `json:"passed"`
				Value    float64 `json:"value"`
				Measured string  `json:"measured"`
				Evidence []struct {
					Time   time.Time `json:"time"`
					CallID string    `json:"call_id"`
					Code   int       `json:"code"`
				} `json:"evidence"`
			} `json:"assertions"`
		} `json:"captures"`
	}
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != Schema || doc.Verdict != "error" || len(doc.Captures) != 3 || doc.Assertions != 24 ||
		doc.Failures != res.Failures || doc.Captures[2].Errors == nil {
		t.Errorf("JSON document %+v", doc)
	}
	first := doc.Captures[0].Assertions[0]
	if first.Passed || len(first.Evidence) == 0 || first.Evidence[0].CallID != "c4" || first.Evidence[0].Code != 503 {
		t.Errorf("first assertion %+v", first)
	}
}

// xmlElem is a generic XML element for the shape check.
type xmlElem struct {
	name     string
	attrs    map[string]string
	children []*xmlElem
	text     string
}

func parseXML(t *testing.T, data []byte) *xmlElem {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlElem
	var root *xmlElem
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &xmlElem{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			} else if root != nil {
				t.Fatal("more than one root element")
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return root
}

// validateJUnit checks the element tree against the shape of the common JUnit XSD
// (testsuites/testsuite/testcase with failure, error, skipped, system-out, system-err),
// the required attributes and their types, and that the counts add up.
func validateJUnit(t *testing.T, root *xmlElem) (tests, failures, errors int) {
	t.Helper()
	num := func(e *xmlElem, attr string) int {
		v, ok := e.attrs[attr]
		if !ok {
			t.Errorf("<%s> lacks %s", e.name, attr)
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			t.Errorf("<%s %s=%q> is not a count", e.name, attr, v)
		}
		return n
	}
	decimal := func(e *xmlElem, attr string) {
		if v, ok := e.attrs[attr]; ok {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				t.Errorf("<%s %s=%q> is not a decimal", e.name, attr, v)
			}
		}
	}
	need := func(e *xmlElem, attrs ...string) {
		for _, a := range attrs {
			if _, ok := e.attrs[a]; !ok {
				t.Errorf("<%s> lacks %s", e.name, a)
			}
		}
	}
	if root.name != "testsuites" {
		t.Fatalf("root is <%s>, want <testsuites>", root.name)
	}
	decimal(root, "time")
	for _, s := range root.children {
		if s.name != "testsuite" {
			t.Errorf("<testsuites> holds <%s>", s.name)
			continue
		}
		need(s, "name")
		decimal(s, "time")
		if ts, ok := s.attrs["timestamp"]; ok {
			if _, err := time.Parse("2006-01-02T15:04:05", ts); err != nil {
				t.Errorf("timestamp %q is not an ISO 8601 date-time without zone", ts)
			}
		}
		var cases, fails, errs int
		for i, c := range s.children {
			switch c.name {
			case "properties":
				if i != 0 {
					t.Error("<properties> is not the first child of <testsuite>")
				}
				for _, p := range c.children {
					if p.name != "property" {
						t.Errorf("<properties> holds <%s>", p.name)
					}
					need(p, "name", "value")
				}
			case "testcase":
				cases++
				need(c, "name", "classname")
				decimal(c, "time")
				outcomes := 0
				for _, o := range c.children {
					switch o.name {
					case "failure":
						fails++
						outcomes++
						need(o, "message", "type")
					case "error":
						errs++
						outcomes++
						need(o, "message", "type")
					case "skipped":
						outcomes++
					case "system-out", "system-err":
					default:
						t.Errorf("<testcase> holds <%s>", o.name)
					}
				}
				if outcomes > 1 {
					t.Errorf("testcase %q has %d outcomes", c.attrs["name"], outcomes)
				}
			case "system-out", "system-err":
			default:
				t.Errorf("<testsuite> holds <%s>", c.name)
			}
		}
		if num(s, "tests") != cases || num(s, "failures") != fails || num(s, "errors") != errs {
			t.Errorf("testsuite %q counts tests=%s failures=%s errors=%s, elements say %d, %d, %d",
				s.attrs["name"], s.attrs["tests"], s.attrs["failures"], s.attrs["errors"], cases, fails, errs)
		}
		tests, failures, errors = tests+cases, failures+fails, errors+errs
	}
	if num(root, "tests") != tests || num(root, "failures") != failures || num(root, "errors") != errors {
		t.Errorf("testsuites counts %v, elements say %d, %d, %d", root.attrs, tests, failures, errors)
	}
	return tests, failures, errors
}

func TestJUnitShape(t *testing.T) {
	res, _ := goldenResult(t)
	var b bytes.Buffer
	if err := WriteJUnit(&b, res); err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, b.Bytes())
	tests, failures, errors := validateJUnit(t, root)
	// 8 assertions per capture, plus the read error of the truncated one.
	if len(root.children) != 3 || tests != 25 || failures != res.Failures || errors != 1 {
		t.Errorf("%d suites, %d tests, %d failures, %d errors", len(root.children), tests, failures, errors)
	}
	fail := root.children[0].children[1].children[0]
	if fail.name != "failure" || !strings.Contains(fail.text, "Call-ID c4") || fail.attrs["type"] != "max" {
		t.Errorf("first failure %+v", fail)
	}
}

// TestJUnitHostileText checks that what a capture controls cannot break the XML: control
// characters, invalid UTF-8, a CDATA terminator and markup in a reason phrase and Call-ID.
func TestJUnitHostileText(t *testing.T) {
	bad := "x]]><y a=\"1\">&\x00\x1b\xff\xfe\uFFFE"
	res := &Result{Schema: Schema, Captures: []CaptureResult{{
		Input: "in<put>.pcap", Verdict: VerdictFail, Errors: []string{"read: " + bad},
		Assertions: []AssertionResult{{Name: "max 5xx=0 " + bad, Kind: KindMax, Expr: "max 5xx=0", Measured: "1 response",
			Offending: 1, Evidence: []Evidence{{CallID: bad, Reason: bad, Code: 500, Method: "INVITE"}}}},
	}}}
	res.finish()
	var b bytes.Buffer
	if err := WriteJUnit(&b, res); err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, b.Bytes())
	validateJUnit(t, root)
	for _, r := range b.String() {
		if r == 0 || r == 0x1b || r == 0xFFFE {
			t.Fatalf("character %U not allowed in XML was written", r)
		}
	}
	var txt bytes.Buffer
	if err := WriteText(&txt, res); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(txt.String(), "\x00\x1b") {
		t.Error("control characters reach the terminal")
	}
}

func TestGitHubEscaping(t *testing.T) {
	res := &Result{Captures: []CaptureResult{{Input: "a.pcap", Verdict: VerdictFail,
		Assertions: []AssertionResult{{Name: "50%: a, b", Kind: KindMax, Expr: "max 5xx=0", Line: 7,
			Measured: "2 responses\r\n::warning::x", Offending: 0}}}}}
	var b bytes.Buffer
	if err := WriteGitHub(&b, res, "ci/p,1.yaml"); err != nil {
		t.Fatal(err)
	}
	want := "::error file=ci/p%2C1.yaml,line=7,title=sipscan check%3A 50%25%3A a%2C b::a.pcap: max 5xx=0: 2 responses?%0A::warning::x\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
	if strings.Count(b.String(), "\n") != 1 {
		t.Error("an annotation spans several lines")
	}
	res.Captures[0].Assertions[0].Passed = true
	b.Reset()
	if err := WriteGitHub(&b, res, ""); err != nil || b.Len() != 0 {
		t.Errorf("passing assertion annotated: %q %v", b.String(), err)
	}
}

func ExampleWriteText() {
	res := &Result{Schema: Schema, Captures: []CaptureResult{{
		Input: "run.pcap", Verdict: VerdictFail, Errors: []string{}, SIPMessages: 12, Calls: 2,
		Assertions: []AssertionResult{
			{Name: "max 5xx=0", Kind: KindMax, Expr: "max 5xx=0", Value: 1, Measured: "1 response (limit 0)", Offending: 1,
				Evidence: []Evidence{{Time: time.Date(2024, 5, 1, 10, 0, 1, 0, time.UTC), Frame: 7, CallID: "a84b4c76e66710",
					Src: "198.51.100.7:5060", Dst: "203.0.113.1:5060", Method: "INVITE", Code: 503,
					Reason: "Service Unavailable", Category: "capacity.overload"}}},
			{Name: "min-asr 0.5", Kind: KindMinASR, Expr: "min-asr 0.5", Passed: true, Value: 0.5,
				Measured: "ASR 0.5 (1 of 2 calls answered, limit 0.5)"},
		},
	}}}
	res.finish()
	if err := WriteText(os.Stdout, res); err != nil {
		fmt.Println(err)
	}
	// Output:
	// sipscan check: FAIL: 1 of 2 assertions failed, 1 capture
	//
	// run.pcap: FAIL (12 SIP messages, 2 calls)
	//   FAIL  max 5xx=0: 1 response (limit 0)
	//         2024-05-01 10:00:01.000 frame 7 INVITE 503 Service Unavailable (capacity.overload) Call-ID a84b4c76e66710 198.51.100.7:5060 -> 203.0.113.1:5060
	//   PASS  min-asr 0.5: ASR 0.5 (1 of 2 calls answered, limit 0.5)
}
