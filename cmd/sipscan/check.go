package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sipscan/sipscan/pkg/report"
	"github.com/sipscan/sipscan/pkg/report/policy"
)

// checkFlags are the flags of `sipscan check`.
type checkFlags struct {
	format         string
	rulesFile      string
	quiet          bool
	policyFile     string
	junitFile      string
	failOn         []string
	max            []string
	maxRatio       []string
	minASR         string
	maxPDD         string
	maxSetup       string
	requireFinal   bool
	noMalformed    bool
	excludeRetrans bool
	allowTruncated bool
	maxEvidence    int
}

func newCheckCommand(e *env) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [--policy FILE] [flags] CAPTURE...",
		Short: "Pass or fail a capture against CI assertions (exit 0 pass, 1 fail, 2 error)",
		Long: `check analyses every capture on its own and evaluates assertions over it: from flags for the
common cases, from a YAML policy file (--policy) for the rest. It prints each assertion with
PASS or FAIL, the measured value and the messages or calls that broke it, and exits 0 when
all hold, 1 when any fails, 2 on a usage error or when a capture could not be read
completely (truncated or corrupt; --allow-truncated judges what was read instead).

Response counts (--fail-on, --max, --max-ratio) count every response message, retransmissions
included, as the report's response table does; --exclude-retransmissions counts each
response once, which keeps a check stable when UDP packets are lost and resent.
--max-ratio divides by the final (non-1xx) responses. --min-asr fails when there are no
calls. --max-pdd-p95 passes when no call rang.

A SELECTOR is a comma-separated list of codes (503), classes (5xx), categories
(auth.credentials, see "sipscan rules") and severities (fault); a response matches when any
term does. When GITHUB_ACTIONS=true, failures are also written to stderr as ::error
annotations.`,
		Example: `  sipscan check --fail-on fault --max 5xx=0 --min-asr 0.95 --junit sip.xml run.pcapng
  sipscan check --fail-on auth.credentials,billing.funds --max 503=2 --require-final run.pcap
  sipscan check --max-ratio 4xx=0.05 --max-pdd-p95 3s --no-malformed --exclude-retransmissions run.pcap
  sipscan check --policy testdata/policies/sbc-interop.yaml --format json run.pcapng`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.run(cmd, e, args)
		},
	}
	fs := cmd.Flags()
	fs.StringVarP(&f.format, "format", "f", "text", "output format: text, json")
	fs.StringVar(&f.rulesFile, "rules", "", "YAML file of classification rules that add to or override the built-in ones")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress or warnings on stderr")
	fs.StringVar(&f.policyFile, "policy", "", "YAML policy file of assertions (see testdata/policies)")
	fs.StringVar(&f.junitFile, "junit", "", "also write JUnit XML to this file (- for stdout)")
	fs.StringArrayVar(&f.failOn, "fail-on", nil, "fail on any response matching SELECTOR, e.g. fault or auth.credentials,billing.funds (repeatable)")
	fs.StringArrayVar(&f.max, "max", nil, "at most N responses matching SELECTOR, e.g. 5xx=0 or 503=2 (repeatable)")
	fs.StringArrayVar(&f.maxRatio, "max-ratio", nil, "at most this share of final responses matching SELECTOR, e.g. 4xx=0.05 or 4xx=5% (repeatable)")
	fs.StringVar(&f.minASR, "min-asr", "", "lowest answer-seizure ratio of the calls, e.g. 0.95")
	fs.StringVar(&f.maxPDD, "max-pdd-p95", "", "highest 95th percentile of the post-dial delay (INVITE to 18x), e.g. 3s")
	fs.StringVar(&f.maxSetup, "max-setup-p95", "", "highest 95th percentile of the setup time (INVITE to 2xx), e.g. 5s")
	fs.BoolVar(&f.requireFinal, "require-final", false, "every INVITE got a final response")
	fs.BoolVar(&f.noMalformed, "no-malformed", false, "fail on any SIP message that could not be framed or parsed")
	fs.BoolVar(&f.excludeRetrans, "exclude-retransmissions", false, "--fail-on, --max and --max-ratio count each response once, not its retransmissions (a policy file has its own exclude-retransmissions key)")
	fs.BoolVar(&f.allowTruncated, "allow-truncated", false, "judge a truncated or corrupt capture on what could be read instead of failing")
	fs.IntVar(&f.maxEvidence, "max-evidence", 0, "offending messages or calls shown per assertion (default: the policy's max-evidence, or 10)")
	return cmd
}

// policy builds the policy from the file and the flags; flag assertions come after the
// file's.
func (f *checkFlags) policy() (*policy.Policy, error) {
	p := &policy.Policy{}
	if f.policyFile != "" {
		var err error
		if p, err = policy.ParseFile(f.policyFile); err != nil {
			return nil, usageErrorf("--policy: %w", err)
		}
	}
	add := func(kind policy.Kind, values ...string) error {
		for _, v := range values {
			a, err := policy.ParseFlag(kind, v)
			if err != nil {
				return usageErrorf("--%s: %w", kind, err)
			}
			a.ExcludeRetransmissions = f.excludeRetrans &&
				(kind == policy.KindFailOn || kind == policy.KindMax || kind == policy.KindMaxRatio)
			p.Assertions = append(p.Assertions, a)
		}
		return nil
	}
	steps := []struct {
		kind   policy.Kind
		values []string
	}{
		{policy.KindFailOn, f.failOn},
		{policy.KindMax, f.max},
		{policy.KindMaxRatio, f.maxRatio},
		{policy.KindMinASR, nonEmpty(f.minASR)},
		{policy.KindMaxPDDP95, nonEmpty(f.maxPDD)},
		{policy.KindMaxSetupP95, nonEmpty(f.maxSetup)},
		{policy.KindRequireFinal, boolFlag(f.requireFinal)},
		{policy.KindNoMalformed, boolFlag(f.noMalformed)},
	}
	for _, s := range steps {
		if err := add(s.kind, s.values...); err != nil {
			return nil, err
		}
	}
	if len(p.Assertions) == 0 {
		return nil, usageErrorf("no assertions: give --policy or flags such as --fail-on fault, --max 5xx=0")
	}
	if f.allowTruncated {
		p.AllowTruncated = true
	}
	if f.maxEvidence < 0 {
		return nil, usageErrorf("--max-evidence: %d is negative", f.maxEvidence)
	}
	if f.maxEvidence > 0 {
		p.MaxEvidence = f.maxEvidence
	}
	return p, nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func boolFlag(b bool) []string {
	if b {
		return []string{""}
	}
	return nil
}

func (f *checkFlags) run(cmd *cobra.Command, e *env, names []string) error {
	if f.format != "text" && f.format != "json" {
		return usageErrorf("--format %q: want one of text, json", f.format)
	}
	p, err := f.policy()
	if err != nil {
		return err
	}
	common := commonFlags{rulesFile: f.rulesFile, quiet: f.quiet}
	cl, err := common.classifier()
	if err != nil {
		return err
	}
	cfg := report.Config{Classifier: cl}
	if !f.quiet {
		cfg.Capture.Warn = func(msg string) { fmt.Fprintf(e.stderr, "sipscan: warning: %s\n", msg) }
	}
	stopProgress := startProgress(e, names, f.quiet, &cfg.Capture)
	res, err := policy.Check(cmd.Context(), p, names, cfg)
	stopProgress()
	if err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("interrupted")}
	}
	if f.format == "json" {
		err = policy.WriteJSON(e.stdout, res)
	} else {
		err = policy.WriteText(e.stdout, res)
	}
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	if f.junitFile != "" {
		if err := writeJUnit(e, f.junitFile, res); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
	}
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		if err := policy.WriteGitHub(e.stderr, res, p.Source); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
	}
	switch res.Verdict {
	case policy.VerdictError:
		return &exitError{code: exitUsage, err: fmt.Errorf("check: %s", unreadList(res))}
	case policy.VerdictFail:
		return &exitError{code: exitViolation}
	}
	return nil
}

// unreadList names the captures that could not be read completely.
func unreadList(res *policy.Result) string {
	var names []string
	for _, c := range res.Captures {
		if c.Verdict == policy.VerdictError {
			names = append(names, c.Input)
		}
	}
	return "not read completely (see --allow-truncated): " + strings.Join(names, ", ")
}

func writeJUnit(e *env, path string, res *policy.Result) error {
	if path == "-" {
		return policy.WriteJUnit(e.stdout, res)
	}
	fh, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--junit: %w", err)
	}
	werr := policy.WriteJUnit(fh, res)
	if cerr := fh.Close(); werr == nil && cerr != nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("--junit %s: %w", path, werr)
	}
	return nil
}
