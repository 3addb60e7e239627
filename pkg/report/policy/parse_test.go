package policy

import (
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sipscan/sipscan/internal/testenv"
	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/report"
)

func TestParseFlag(t *testing.T) {
	tests := []struct {
		kind  Kind
		value string
		want  Assertion // Name is checked against Expr; zero Kind means an error is expected
	}{
		{KindFailOn, "fault", Assertion{Kind: KindFailOn, Select: Selector{Severities: []classify.Severity{"fault"}}}},
		{KindFailOn, "auth.credentials, billing.funds", Assertion{Kind: KindFailOn,
			Select: Selector{Categories: []classify.Category{"auth.credentials", "billing.funds"}}}},
		{KindFailOn, "5xx,403,Auth.Credentials", Assertion{Kind: KindFailOn, Select: Selector{
			Codes: []report.CodeRange{cr(500, 599), cr(403, 403)}, Categories: []classify.Category{"auth.credentials"}}}},
		{KindMax, "5xx=0", Assertion{Kind: KindMax, Select: Selector{Codes: []report.CodeRange{cr(500, 599)}}}},
		{KindMax, "503 = 2", Assertion{Kind: KindMax, Select: Selector{Codes: []report.CodeRange{cr(503, 503)}}, Limit: 2}},
		{KindMax, "500,503=2", Assertion{Kind: KindMax, Select: Selector{Codes: []report.CodeRange{cr(500, 500), cr(503, 503)}}, Limit: 2}},
		{KindMaxRatio, "4xx=0.05", Assertion{Kind: KindMaxRatio, Select: Selector{Codes: []report.CodeRange{cr(400, 499)}}, Limit: 0.05}},
		{KindMaxRatio, "4xx=5%", Assertion{Kind: KindMaxRatio, Select: Selector{Codes: []report.CodeRange{cr(400, 499)}}, Limit: 0.05}},
		{KindMinASR, "0.95", Assertion{Kind: KindMinASR, Limit: 0.95}},
		{KindMinASR, "95%", Assertion{Kind: KindMinASR, Limit: 0.95}},
		{KindMaxPDDP95, "3s", Assertion{Kind: KindMaxPDDP95, Duration: 3 * time.Second}},
		{KindMaxSetupP95, "1500ms", Assertion{Kind: KindMaxSetupP95, Duration: 1500 * time.Millisecond}},
		{KindRequireFinal, "", Assertion{Kind: KindRequireFinal}},
		{KindNoMalformed, "true", Assertion{Kind: KindNoMalformed}},
		// Errors.
		{KindFailOn, "", Assertion{}},
		{KindFailOn, "auth.nope", Assertion{}},
		{KindFailOn, "7xx", Assertion{}},
		{KindFailOn, "99", Assertion{}},
		{KindMax, "5xx", Assertion{}},
		{KindMax, "5xx=-1", Assertion{}},
		{KindMax, "5xx=1.5", Assertion{}},
		{KindMax, "=3", Assertion{}},
		{KindMaxRatio, "4xx=1.5", Assertion{}},
		{KindMaxRatio, "4xx=NaN", Assertion{}},
		{KindMaxRatio, "4xx=120%", Assertion{}},
		{KindMinASR, "high", Assertion{}},
		{KindMinASR, "-0.1", Assertion{}},
		{KindMaxPDDP95, "3", Assertion{}},
		{KindMaxPDDP95, "-3s", Assertion{}},
		{KindMaxPDDP95, "0s", Assertion{}},
		{KindRequireFinal, "yes", Assertion{}},
		{"max-asr", "0.5", Assertion{}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+" "+tt.value, func(t *testing.T) {
			got, err := ParseFlag(tt.kind, tt.value)
			if tt.want.Kind == "" {
				if err == nil {
					t.Fatalf("no error, got %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != got.Expr() {
				t.Errorf("name %q, want the expression %q", got.Name, got.Expr())
			}
			got.Name = ""
			if got.Kind != tt.want.Kind || got.Limit != tt.want.Limit || got.Duration != tt.want.Duration ||
				!slices.Equal(got.Select.Codes, tt.want.Select.Codes) ||
				!slices.Equal(got.Select.Categories, tt.want.Select.Categories) ||
				!slices.Equal(got.Select.Severities, tt.want.Select.Severities) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			// The expression reads back to the same assertion.
			kind, value, _ := strings.Cut(got.Expr(), " ")
			again, err := ParseFlag(Kind(kind), value)
			if err != nil || again.Expr() != got.Expr() {
				t.Errorf("Expr %q does not read back: %v, %q", got.Expr(), err, again.Expr())
			}
		})
	}
}

func TestScopeMatch(t *testing.T) {
	v4, _ := ParsePeer("198.51.100.0/24")
	host, _ := ParsePeer("192.0.2.1")
	v6, _ := ParsePeer("2001:DB8::/32")
	s := Scope{Methods: []string{"INVITE"}, Peers: []netip.Prefix{v4, host, v6}}
	tests := []struct {
		method   string
		src, dst string
		want     bool
	}{
		{"INVITE", "198.51.100.9", "203.0.113.1", true},
		{"INVITE", "203.0.113.1", "192.0.2.1", true},
		{"INVITE", "203.0.113.1", "192.0.2.2", false},
		{"INVITE", "::ffff:198.51.100.3", "203.0.113.1", true},
		{"INVITE", "2001:db8::5", "2001:db9::1", true},
		{"BYE", "198.51.100.9", "203.0.113.1", false},
	}
	for _, tt := range tests {
		got := s.matchMessage(tt.method, netip.MustParseAddr(tt.src), netip.MustParseAddr(tt.dst))
		if got != tt.want {
			t.Errorf("%s %s -> %s: %v, want %v", tt.method, tt.src, tt.dst, got, tt.want)
		}
	}
	if s.String() != "INVITE to/from 198.51.100.0/24,192.0.2.1,2001:db8::/32" {
		t.Errorf("String() = %q", s.String())
	}
	for _, bad := range []string{"", "host.example.com", "198.51.100.0/33", "1.2.3"} {
		if _, err := ParsePeer(bad); err == nil {
			t.Errorf("ParsePeer(%q) accepted", bad)
		}
	}
}

// TestExamplePolicies parses every policy in testdata/policies.
func TestExamplePolicies(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testenv.RepoRoot(t), "testdata", "policies", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example policies: %v", err)
	}
	for _, f := range files {
		p, err := ParseFile(f)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if len(p.Assertions) == 0 || p.Source != f {
			t.Errorf("%s: %d assertions, source %q", f, len(p.Assertions), p.Source)
		}
		for _, a := range p.Assertions {
			if a.Line == 0 || a.Name == "" {
				t.Errorf("%s: assertion %+v without line or name", f, a)
			}
		}
	}
}

func TestParse(t *testing.T) {
	const doc = `# comment
version: 1
allow-truncated: true
exclude-retransmissions: true
max-evidence: 3
assertions:
  - name: No 5xx to the carrier
    description: |
      The carrier must not see errors.
    max: 5xx=0
    methods: [invite]
    peers: [198.51.100.0/24, 2001:db8::1]
  - fail-on: [auth.credentials, billing.funds]
    exclude-retransmissions: false
  - max-ratio: "4xx=5%"
  - min-asr: 0.95
  - max-pdd-p95: 3s
  - require-final: true
    methods: INVITE, BYE
  - no-malformed: true
`
	p, err := Parse("ci.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if !p.AllowTruncated || p.MaxEvidence != 3 || p.Source != "ci.yaml" || len(p.Assertions) != 7 {
		t.Fatalf("policy %+v", p)
	}
	a := p.Assertions
	if a[0].Name != "No 5xx to the carrier" || a[0].Description != "The carrier must not see errors." ||
		a[0].Line != 7 || a[0].Expr() != "max 5xx=0" || !slices.Equal(a[0].Scope.Methods, []string{"INVITE"}) ||
		len(a[0].Scope.Peers) != 2 || !a[0].ExcludeRetransmissions {
		t.Errorf("first assertion %+v", a[0])
	}
	if a[1].Name != "fail-on auth.credentials,billing.funds" || a[1].ExcludeRetransmissions || a[1].Line != 13 {
		t.Errorf("second assertion %+v", a[1])
	}
	if a[2].Limit != 0.05 || !a[2].ExcludeRetransmissions {
		t.Errorf("max-ratio %+v", a[2])
	}
	if a[3].ExcludeRetransmissions {
		t.Errorf("min-asr took the response-count default: %+v", a[3])
	}
	if !slices.Equal(a[5].Scope.Methods, []string{"INVITE", "BYE"}) {
		t.Errorf("require-final methods %v", a[5].Scope.Methods)
	}
}

// TestParseErrors checks that mistakes are reported with file, line and column.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"empty", "", "p.yaml: empty policy"},
		{"not YAML", "assertions: [\n", "p.yaml: yaml: line"},
		{"not a mapping", "- max: 5xx=0\n", "p.yaml:1:1: the policy must be a mapping"},
		{"unknown top key", "asserts:\n  - max: 5xx=0\n", `p.yaml:1:1: unknown key "asserts" in the policy`},
		{"no assertions", "version: 1\n", "p.yaml:1:1: the policy has no assertions"},
		{"empty assertions", "assertions: []\n", "p.yaml:1:13: assertions: the list is empty"},
		{"assertions not a list", "assertions: {max: 5xx=0}\n", "p.yaml:1:13: assertions must be a list"},
		{"bad version", "version: 2\nassertions:\n  - no-malformed: true\n", "p.yaml:1:10: version: only 1 exists"},
		{"bad bool", "allow-truncated: yes\nassertions:\n  - no-malformed: true\n", "p.yaml:1:18: allow-truncated: want true or false"},
		{"bad max-evidence", "max-evidence: 0\nassertions:\n  - no-malformed: true\n", "p.yaml:1:15: max-evidence"},
		{"duplicate key", "assertions:\n  - max: 5xx=0\n    max: 4xx=0\n", `p.yaml:3:5: key "max" given twice`},
		{"unknown assertion key", "assertions:\n  - max: 5xx=0\n    method: [INVITE]\n", `p.yaml:3:5: unknown key "method" in an assertion`},
		{"two kinds", "assertions:\n  - max: 5xx=0\n    min-asr: 0.9\n", "p.yaml:3:5: an assertion has one kind: max and min-asr"},
		{"no kind", "assertions:\n  - name: x\n", "p.yaml:2:5: an assertion needs one of"},
		{"bad selector", "assertions:\n  - max: 5yy=0\n", `p.yaml:2:10: max: "5yy" is neither a response code`},
		{"bad category", "assertions:\n  - fail-on: [fault, auth.wrong]\n", `p.yaml:2:14: fail-on: "auth.wrong" is not`},
		{"bad ratio", "assertions:\n\n  - min-asr: 2\n", `p.yaml:3:14: min-asr: "2" is not a ratio`},
		{"bad duration", "assertions:\n  - max-pdd-p95: soon\n", `p.yaml:2:18: max-pdd-p95: "soon" is not a duration`},
		{"false flag", "assertions:\n  - require-final: false\n", "p.yaml:2:20: require-final: false is not an assertion"},
		{"bad peer", "assertions:\n  - max: 5xx=0\n    peers: [carrier.example.com]\n", `p.yaml:3:12: peers: "carrier.example.com" is not an address`},
		{"bad method", "assertions:\n  - max: 5xx=0\n    methods: [\"IN VITE\"]\n", `p.yaml:3:14: methods: "IN VITE" is not a method`},
		{"call assertion on REGISTER", "assertions:\n  - min-asr: 0.9\n    methods: [REGISTER]\n", "p.yaml:2:5: min-asr measures calls"},
		{"require-final on ACK", "assertions:\n  - require-final: true\n    methods: [ACK]\n", "p.yaml:2:5: require-final: ACK has no response"},
		{"scoped no-malformed", "assertions:\n  - no-malformed: true\n    methods: [INVITE]\n", "p.yaml:2:5: no-malformed counts over the whole capture"},
		{"exclude on min-asr", "assertions:\n  - min-asr: 0.9\n    exclude-retransmissions: true\n", "p.yaml:2:5: exclude-retransmissions applies"},
		{"empty name", "assertions:\n  - name: \"\"\n    no-malformed: true\n", "p.yaml:2:11: name is empty"},
		{"null value", "assertions:\n  - max:\n", "p.yaml:2:9: max: want a single value"},
		{"nested list", "assertions:\n  - fail-on: [[fault]]\n", "p.yaml:2:15: fail-on: want a list of words"},
		{"two documents", "assertions:\n  - no-malformed: true\n---\nassertions: []\n", "p.yaml:3: only one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(tt.doc))
			if err == nil {
				t.Fatalf("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q\nwant prefix %q", err, tt.want)
			}
		})
	}
}

func TestParseFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ParseFile(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", maxPolicySize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseFile(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge file: %v", err)
	}
}

// FuzzParse checks that any policy file is either rejected with an error or gives
// assertions that evaluate and render.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "policies", "*.yaml"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("assertions:\n  - max: 5xx=0\n    peers: [::1]\n"))
	f.Add([]byte("assertions: &a\n  - *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		if len(p.Assertions) == 0 {
			t.Fatal("a policy without assertions was accepted")
		}
		e := NewEvaluator(p)
		e.OnMessage(&report.MessageRecord{Kind: "response", Method: "INVITE", Code: 503, CallID: "x", CSeq: 1})
		e.OnCall(&report.CallRecord{CallID: "x", Outcome: report.OutcomeFailed, Code: 503})
		res := &Result{Schema: Schema, Captures: []CaptureResult{e.Finish("x", &report.Report{})}}
		res.finish()
		var b strings.Builder
		if err := WriteText(&b, res); err != nil {
			t.Fatal(err)
		}
		if err := WriteJUnit(&b, res); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseFlag checks that flag values never panic and that accepted ones read back.
func FuzzParseFlag(f *testing.F) {
	for _, s := range []string{"5xx=0", "fault", "4xx=5%", "0.95", "3s", "auth.credentials,503=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		for _, k := range kinds {
			a, err := ParseFlag(k, value)
			if err != nil {
				continue
			}
			kind, v, _ := strings.Cut(a.Expr(), " ")
			if _, err := ParseFlag(Kind(kind), v); err != nil {
				t.Fatalf("%s %q: Expr %q does not read back: %v", k, value, a.Expr(), err)
			}
		}
	})
}

func cr(lo, hi int) report.CodeRange { return report.CodeRange{Min: lo, Max: hi} }
