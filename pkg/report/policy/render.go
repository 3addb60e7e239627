package policy

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteJSON writes r as one indented JSON object (schema "sipscan.check/v1") and a newline.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// timeLayout shows evidence times to the millisecond, in UTC, as the other views do.
const timeLayout = "2006-01-02 15:04:05.000"

// WriteText writes the human summary: the verdict, then per capture every assertion with
// PASS or FAIL, what was measured and, for failures, the offending messages or calls.
func WriteText(w io.Writer, r *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "sipscan check: %s: %s\n", strings.ToUpper(r.Verdict), r.summary())
	for i := range r.Captures {
		c := &r.Captures[i]
		b.WriteString("\n")
		fmt.Fprintf(&b, "%s: %s", c.Input, strings.ToUpper(c.Verdict))
		if !c.Unreadable {
			fmt.Fprintf(&b, " (%d SIP %s, %d %s", c.SIPMessages, plural(c.SIPMessages, "messages"),
				c.Calls, plural(c.Calls, "calls"))
			if !c.First.IsZero() {
				fmt.Fprintf(&b, ", %s to %s", c.First.UTC().Format(timeLayout), c.Last.UTC().Format(timeLayout))
			}
			b.WriteString(")")
		}
		b.WriteString("\n")
		for _, e := range c.Errors {
			if c.ErrorsAllowed {
				fmt.Fprintf(&b, "  WARN  read error (allowed): %s\n", e)
			} else {
				fmt.Fprintf(&b, "  ERROR %s\n", e)
			}
		}
		for j := range c.Assertions {
			writeAssertion(&b, &c.Assertions[j])
		}
	}
	// Names and errors come from the command line, the policy and the capture: keep
	// control characters away from the terminal.
	_, err := io.WriteString(w, sanitizeLines(strings.Split(b.String(), "\n")))
	return err
}

// summary counts the assertions for the first line.
func (r *Result) summary() string {
	s := fmt.Sprintf("%d of %d %s failed, %d %s", r.Failures, r.Assertions,
		plural(uint64(r.Assertions), "assertions"), len(r.Captures), plural(uint64(len(r.Captures)), "captures"))
	broken := 0
	for _, c := range r.Captures {
		if c.Verdict == VerdictError {
			broken++
		}
	}
	if broken > 0 {
		s += fmt.Sprintf(", %d not read completely", broken)
	}
	return s
}

func writeAssertion(b *strings.Builder, a *AssertionResult) {
	status := "PASS"
	if !a.Passed {
		status = "FAIL"
	}
	fmt.Fprintf(b, "  %s  %s", status, a.Name)
	if ctx := a.context(); ctx != "" {
		fmt.Fprintf(b, " [%s]", ctx)
	}
	fmt.Fprintf(b, ": %s\n", a.Measured)
	if a.Passed {
		return
	}
	if a.Description != "" {
		fmt.Fprintf(b, "        %s\n", a.Description)
	}
	for _, ev := range a.Evidence {
		fmt.Fprintf(b, "        %s\n", ev.line())
	}
	if len(a.Evidence) > 0 && a.Offending > uint64(len(a.Evidence)) {
		fmt.Fprintf(b, "        ... and %d more\n", a.Offending-uint64(len(a.Evidence)))
	}
}

// context returns the expression and scope when the name does not already say them.
func (a *AssertionResult) context() string {
	var parts []string
	if a.Name != a.Expr {
		parts = append(parts, a.Expr)
	}
	if a.Scope != "" {
		parts = append(parts, a.Scope)
	}
	return strings.Join(parts, "; ")
}

// line describes one offending message or call on one line.
func (ev *Evidence) line() string {
	var b strings.Builder
	b.WriteString(ev.Time.UTC().Format(timeLayout))
	if ev.Frame > 0 {
		fmt.Fprintf(&b, " frame %d", ev.Frame)
	}
	if ev.Method != "" {
		fmt.Fprintf(&b, " %s", ev.Method)
	}
	if ev.Code > 0 {
		fmt.Fprintf(&b, " %d %s", ev.Code, ev.Reason)
		if ev.Category != "" {
			fmt.Fprintf(&b, " (%s)", ev.Category)
		}
	}
	if ev.Retransmission {
		b.WriteString(" retransmission")
	}
	if ev.Note != "" {
		fmt.Fprintf(&b, " %s", ev.Note)
	}
	if ev.CallID != "" { // a message the parser rejected has none
		fmt.Fprintf(&b, " Call-ID %s", ev.CallID)
	}
	fmt.Fprintf(&b, " %s -> %s", ev.Src, ev.Dst)
	return sanitize(b.String())
}

// sanitize replaces control characters from the capture so that one item stays one line.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
			return '?'
		}
		return r
	}, s)
}

// sanitizeLines sanitizes every line and joins them with newlines.
func sanitizeLines(lines []string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = sanitize(l)
	}
	return strings.Join(out, "\n")
}

// JUnit XML: the common shape read by GitLab, Jenkins and GitHub test reporters.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties *junitProps     `xml:"properties,omitempty"`
	Cases      []junitTestCase `xml:"testcase"`
	SystemErr  string          `xml:"system-err,omitempty"`
}

type junitProps struct {
	Props []junitProp `xml:"property"`
}

type junitProp struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// readCase is the name of the test case that stands for reading the capture completely.
const readCase = "capture read completely"

// WriteJUnit writes r as JUnit XML: one testsuite per capture, one testcase per assertion,
// a failure with the measured value and the evidence for every failed assertion. A capture
// that could not be read completely gets an extra test case with an error (unless read errors
// were allowed). Times are 0: the check measures the capture, not itself, and the file stays
// reproducible.
func WriteJUnit(w io.Writer, r *Result) error {
	doc := junitSuites{Name: "sipscan check", Time: "0"}
	for i := range r.Captures {
		c := &r.Captures[i]
		s := junitSuite{Name: c.Input, Time: "0"}
		if !c.First.IsZero() {
			s.Timestamp = c.First.UTC().Format("2006-01-02T15:04:05")
		}
		if !c.Unreadable {
			s.Properties = &junitProps{Props: []junitProp{
				{"sip_messages", strconv.FormatUint(c.SIPMessages, 10)},
				{"calls", strconv.FormatUint(c.Calls, 10)},
			}}
		}
		if len(c.Errors) > 0 {
			tc := junitTestCase{Name: readCase, Classname: c.Input, Time: "0"}
			text := sanitizeLines(c.Errors)
			if c.ErrorsAllowed {
				tc.SystemOut = "read errors allowed (allow-truncated):\n" + text
			} else {
				tc.Error = &junitFailure{Message: sanitize(c.Errors[0]), Type: "input", Text: text}
				s.Errors++
			}
			s.Cases = append(s.Cases, tc)
		}
		for j := range c.Assertions {
			a := &c.Assertions[j]
			tc := junitTestCase{Name: a.Name, Classname: c.Input, Time: "0"}
			if !a.Passed {
				tc.Failure = &junitFailure{Message: sanitize(a.Measured), Type: string(a.Kind), Text: a.failureText()}
				s.Failures++
			} else {
				tc.SystemOut = a.Measured
			}
			s.Cases = append(s.Cases, tc)
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write JUnit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JUnit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write JUnit: %w", err)
	}
	return nil
}

// failureText is the body of a failure: what the assertion is, what was measured, and the
// offending messages or calls.
func (a *AssertionResult) failureText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", a.Expr)
	if a.Scope != "" {
		fmt.Fprintf(&b, " (%s)", a.Scope)
	}
	fmt.Fprintf(&b, ": %s\n", a.Measured)
	if a.Description != "" {
		fmt.Fprintf(&b, "%s\n", a.Description)
	}
	for _, ev := range a.Evidence {
		fmt.Fprintf(&b, "%s\n", ev.line())
	}
	if len(a.Evidence) > 0 && a.Offending > uint64(len(a.Evidence)) {
		fmt.Fprintf(&b, "... and %d more\n", a.Offending-uint64(len(a.Evidence)))
	}
	return sanitizeLines(strings.Split(b.String(), "\n"))
}

// WriteGitHub writes one GitHub Actions "::error" workflow command per failed assertion and
// per capture that could not be read completely. When the assertion comes from a policy file
// (source non-empty), the annotation points at its line.
func WriteGitHub(w io.Writer, r *Result, source string) error {
	var b strings.Builder
	for i := range r.Captures {
		c := &r.Captures[i]
		if len(c.Errors) > 0 && !c.ErrorsAllowed {
			fmt.Fprintf(&b, "::error title=%s::%s\n", ghProperty("sipscan check: "+readCase),
				ghData(c.Input+": "+strings.Join(c.Errors, "\n")))
		}
		for j := range c.Assertions {
			a := &c.Assertions[j]
			if a.Passed {
				continue
			}
			props := ""
			if source != "" && a.Line > 0 {
				props = fmt.Sprintf("file=%s,line=%d,", ghProperty(source), a.Line)
			}
			fmt.Fprintf(&b, "::error %stitle=%s::%s\n", props, ghProperty("sipscan check: "+a.Name),
				ghData(c.Input+": "+a.failureText()))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes the message of a workflow command.
func ghData(s string) string {
	s = strings.TrimRight(s, "\n")
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value of a workflow command.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
