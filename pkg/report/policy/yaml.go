package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxPolicySize bounds a policy file: policies are written by people, and a huge file is a
// mistake (or a hostile input) rather than a policy.
const maxPolicySize = 1 << 20

// Policy file keys. The assertion kinds are keys too.
var (
	topKeys       = []string{"version", "allow-truncated", "exclude-retransmissions", "max-evidence", "assertions"}
	assertionKeys = []string{"name", "description", "methods", "peers", "exclude-retransmissions"}
)

// ParseFile reads a policy file; see Parse.
func ParseFile(path string) (*Policy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPolicySize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > maxPolicySize {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, maxPolicySize)
	}
	return Parse(path, data)
}

// Parse reads a YAML policy. name is the file's name, used in error messages and as
// Policy.Source. Unknown keys, missing or doubled assertion kinds, duplicate keys and bad
// values are errors that name the file, line and column:
//
//	version: 1                      # optional; only 1 exists
//	allow-truncated: false          # judge truncated captures on what was read
//	exclude-retransmissions: true   # default of the assertions below
//	max-evidence: 10                # offending messages or calls kept per assertion
//	assertions:
//	  - name: No server errors on calls
//	    description: The SBC must never answer an INVITE with a 5xx.
//	    max: 5xx=0                  # one assertion kind per item, in flag syntax
//	    methods: [INVITE]           # scope: request or CSeq methods
//	    peers: [198.51.100.0/24]    # scope: source or destination address or prefix
//	  - fail-on: [auth.credentials, billing.funds]
//	  - min-asr: 0.95
//	  - require-final: true
//
// The kinds and their values are those of the flags: fail-on SELECTOR (a string or a list),
// max SELECTOR=N, max-ratio SELECTOR=RATIO, min-asr RATIO, max-pdd-p95 DURATION,
// max-setup-p95 DURATION, require-final true, no-malformed true.
func Parse(name string, data []byte) (*Policy, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty policy", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("%s:%d: only one YAML document is allowed", name, extra.Line)
	}
	p := &Policy{Source: name}
	ps := parser{name: name}
	if err := ps.policy(&doc, p); err != nil {
		return nil, err
	}
	return p, nil
}

type parser struct {
	name string
}

func (ps *parser) errorf(n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", ps.name, n.Line, n.Column, fmt.Sprintf(format, args...))
}

// fields checks that n is a mapping without duplicate keys and returns its key and value
// nodes in order.
func (ps *parser) fields(n *yaml.Node, what string, allowed func(string) bool, keys []string) ([][2]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, ps.errorf(n, "%s must be a mapping", what)
	}
	seen := map[string]bool{}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, ps.errorf(k, "%s: keys must be plain words", what)
		}
		if !allowed(k.Value) {
			return nil, ps.errorf(k, "unknown key %q in %s (want one of %s)", k.Value, what, strings.Join(keys, ", "))
		}
		if seen[k.Value] {
			return nil, ps.errorf(k, "key %q given twice in %s", k.Value, what)
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out, nil
}

func (ps *parser) policy(doc *yaml.Node, p *Policy) error {
	root := doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	fields, err := ps.fields(root, "the policy", func(k string) bool { return contains(topKeys, k) }, topKeys)
	if err != nil {
		return err
	}
	defaultExclude := false
	var items *yaml.Node
	for _, f := range fields {
		k, v := f[0], f[1]
		switch k.Value {
		case "version":
			if v.Kind != yaml.ScalarNode || v.Value != "1" {
				return ps.errorf(v, "version: only 1 exists")
			}
		case "allow-truncated":
			if p.AllowTruncated, err = ps.boolean(v, k.Value); err != nil {
				return err
			}
		case "exclude-retransmissions":
			if defaultExclude, err = ps.boolean(v, k.Value); err != nil {
				return err
			}
		case "max-evidence":
			n, err := ps.scalar(v, k.Value)
			if err != nil {
				return err
			}
			m, err := strconv.Atoi(n)
			if err != nil || m < 1 || m > 10000 {
				return ps.errorf(v, "max-evidence: %q is not a count from 1 to 10000", n)
			}
			p.MaxEvidence = m
		case "assertions":
			items = v
		}
	}
	if items == nil {
		return ps.errorf(root, "the policy has no assertions (want a list under \"assertions:\")")
	}
	if items.Kind != yaml.SequenceNode {
		return ps.errorf(items, "assertions must be a list")
	}
	if len(items.Content) == 0 {
		return ps.errorf(items, "assertions: the list is empty")
	}
	for _, it := range items.Content {
		a, err := ps.assertion(it, defaultExclude)
		if err != nil {
			return err
		}
		p.Assertions = append(p.Assertions, a)
	}
	return nil
}

func (ps *parser) assertion(n *yaml.Node, defaultExclude bool) (Assertion, error) {
	allowed := func(k string) bool { return contains(assertionKeys, k) || isKind(k) }
	keys := append(kindNames(), assertionKeys...)
	fields, err := ps.fields(n, "an assertion", allowed, keys)
	if err != nil {
		return Assertion{}, err
	}
	var kindKey, kindVal *yaml.Node
	for _, f := range fields {
		if isKind(f[0].Value) {
			if kindKey != nil {
				return Assertion{}, ps.errorf(f[0], "an assertion has one kind: %s and %s given (make two list items)", kindKey.Value, f[0].Value)
			}
			kindKey, kindVal = f[0], f[1]
		}
	}
	if kindKey == nil {
		return Assertion{}, ps.errorf(n, "an assertion needs one of %s", kindList())
	}
	kind := Kind(kindKey.Value)
	val, err := ps.value(kindVal, kind)
	if err != nil {
		return Assertion{}, err
	}
	a, err := ParseFlag(kind, val)
	if err != nil {
		return Assertion{}, ps.errorf(kindVal, "%s: %v", kind, err)
	}
	a.Line = n.Line
	switch kind {
	case KindFailOn, KindMax, KindMaxRatio:
		a.ExcludeRetransmissions = defaultExclude
	}
	for _, f := range fields {
		k, v := f[0], f[1]
		switch k.Value {
		case "name":
			s, err := ps.scalar(v, k.Value)
			if err != nil {
				return a, err
			}
			if strings.TrimSpace(s) == "" {
				return a, ps.errorf(v, "name is empty")
			}
			a.Name = strings.TrimSpace(s)
		case "description":
			if a.Description, err = ps.scalar(v, k.Value); err != nil {
				return a, err
			}
			a.Description = strings.TrimSpace(a.Description)
		case "methods":
			list, err := ps.list(v, k.Value)
			if err != nil {
				return a, err
			}
			for _, m := range list {
				if !isToken(m) {
					return a, ps.errorf(v, "methods: %q is not a method name", m)
				}
				a.Scope.Methods = append(a.Scope.Methods, strings.ToUpper(m))
			}
		case "peers":
			list, err := ps.list(v, k.Value)
			if err != nil {
				return a, err
			}
			for _, s := range list {
				pfx, err := ParsePeer(s)
				if err != nil {
					return a, ps.errorf(v, "peers: %v", err)
				}
				a.Scope.Peers = append(a.Scope.Peers, pfx)
			}
		case "exclude-retransmissions":
			if a.ExcludeRetransmissions, err = ps.boolean(v, k.Value); err != nil {
				return a, err
			}
		}
	}
	if err := a.validate(); err != nil {
		return a, ps.errorf(n, "%v", err)
	}
	return a, nil
}

// value turns the node of an assertion kind into its flag-syntax value: a list of selector
// terms is joined with commas; true stands for the flags without value.
func (ps *parser) value(n *yaml.Node, kind Kind) (string, error) {
	switch kind {
	case KindRequireFinal, KindNoMalformed:
		b, err := ps.boolean(n, string(kind))
		if err != nil {
			return "", err
		}
		if !b {
			return "", ps.errorf(n, "%s: false is not an assertion (leave it out instead)", kind)
		}
		return "", nil
	case KindFailOn:
		list, err := ps.list(n, string(kind))
		if err != nil {
			return "", err
		}
		return strings.Join(list, ","), nil
	}
	return ps.scalar(n, string(kind))
}

func (ps *parser) scalar(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", ps.errorf(n, "%s: want a single value", what)
	}
	return n.Value, nil
}

func (ps *parser) boolean(n *yaml.Node, what string) (bool, error) {
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, ps.errorf(n, "%s: want true or false", what)
}

// list accepts a sequence of scalars or one scalar with comma-separated values.
func (ps *parser) list(n *yaml.Node, what string) ([]string, error) {
	var raw []string
	switch n.Kind {
	case yaml.ScalarNode:
		raw = strings.Split(n.Value, ",")
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, ps.errorf(c, "%s: want a list of words", what)
			}
			raw = append(raw, c.Value)
		}
	default:
		return nil, ps.errorf(n, "%s: want a list", what)
	}
	var out []string
	for _, s := range raw {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, ps.errorf(n, "%s: the list is empty", what)
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isKind(s string) bool {
	for _, k := range kinds {
		if string(k) == s {
			return true
		}
	}
	return false
}

// kindNames returns the kind names as strings.
func kindNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// isToken reports whether s is a SIP method token (RFC 3261 token characters).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-.!%*_+`'~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
