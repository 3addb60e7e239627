package main

import (
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/report"
)

// commonFlags are the flags every analysing subcommand shares.
type commonFlags struct {
	format     string
	rulesFile  string
	quiet      bool
	codes      string
	categories string
	severities string
	methods    string
	callIDs    string
	hosts      string
	since      string
	until      string
}

func (f *commonFlags) register(cmd *cobra.Command, defaultFormat, formats string) {
	fs := cmd.Flags()
	fs.StringVarP(&f.format, "format", "f", defaultFormat, "output format: "+formats)
	fs.StringVar(&f.rulesFile, "rules", "", "YAML file of classification rules that add to or override the built-in ones")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress or warnings on stderr")
	fs.StringVar(&f.codes, "code", "", "only responses with these codes or classes, e.g. 4xx,503")
	fs.StringVar(&f.categories, "category", "", "only responses in these categories, e.g. auth.credentials,billing.funds")
	fs.StringVar(&f.severities, "severity", "", "only responses of this severity: normal or fault")
	fs.StringVar(&f.methods, "method", "", "only these methods (requests, and responses by their CSeq method)")
	fs.StringVar(&f.callIDs, "call-id", "", "only these Call-IDs")
	fs.StringVar(&f.hosts, "host", "", "only messages from or to these IP addresses")
	fs.StringVar(&f.since, "since", "", "only messages at or after this time (RFC 3339, or 2006-01-02 15:04:05 in UTC)")
	fs.StringVar(&f.until, "until", "", "only messages before this time")
}

// checkFormat rejects a format the command does not offer.
func (f *commonFlags) checkFormat(allowed ...string) error {
	for _, a := range allowed {
		if f.format == a {
			return nil
		}
	}
	return usageErrorf("--format %q: want one of %s", f.format, strings.Join(allowed, ", "))
}

// classifier builds the classifier with the user's rules, if any.
func (f *commonFlags) classifier() (*classify.Classifier, error) {
	cl, err := classify.New(classify.Options{RulesFile: f.rulesFile})
	if err != nil {
		return nil, usageErrorf("%w", err)
	}
	return cl, nil
}

// filter turns the filter flags into a report.Filter.
func (f *commonFlags) filter() (report.Filter, error) {
	var flt report.Filter
	var err error
	if f.codes != "" {
		if flt.Codes, err = report.ParseCodes(f.codes); err != nil {
			return flt, usageErrorf("--code: %w", err)
		}
	}
	for _, c := range splitList(f.categories) {
		if _, ok := classify.Info(classify.Category(c)); !ok {
			return flt, usageErrorf("--category: unknown category %q (see `sipscan rules`)", c)
		}
		flt.Categories = append(flt.Categories, classify.Category(c))
	}
	for _, s := range splitList(f.severities) {
		sev := classify.Severity(strings.ToLower(s))
		if sev != classify.SeverityNormal && sev != classify.SeverityFault {
			return flt, usageErrorf("--severity: %q is neither normal nor fault", s)
		}
		flt.Severities = append(flt.Severities, sev)
	}
	for _, m := range splitList(f.methods) {
		flt.Methods = append(flt.Methods, strings.ToUpper(m))
	}
	flt.CallIDs = splitList(f.callIDs)
	for _, h := range splitList(f.hosts) {
		a, err := netip.ParseAddr(h)
		if err != nil {
			return flt, usageErrorf("--host: %w", err)
		}
		flt.Hosts = append(flt.Hosts, a)
	}
	if flt.Since, err = parseTime(f.since); err != nil {
		return flt, usageErrorf("--since: %w", err)
	}
	if flt.Until, err = parseTime(f.until); err != nil {
		return flt, usageErrorf("--until: %w", err)
	}
	return flt, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseTime accepts RFC 3339 (with or without fractional seconds) or a plain date and time,
// read as UTC because captures carry UTC timestamps.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time (want RFC 3339, e.g. 2024-05-01T10:00:00Z)", s)
}

// isTerminal reports whether w is a terminal, for progress output and redraws.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newRootCommand(e *env) *cobra.Command {
	rep := newReportCommand(e)
	root := &cobra.Command{
		Use:   "sipscan [report] CAPTURE...",
		Short: "Tell why SIP calls and registrations fail, from packet captures",
		Long: `sipscan reads pcap and pcapng files (also .gz and .zst, several at once, - for stdin)
and tells, for every SIP response, what it means and why a call or registration failed.

Without a subcommand, sipscan runs "report" on the files given.`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return rep.RunE(cmd, args)
		},
	}
	// The root command accepts report's flags so that `sipscan -f json x.pcap` works.
	root.Flags().AddFlagSet(rep.Flags())
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageErrorf("%w", err)
	})
	root.AddCommand(rep, newListCommand(e), newCallsCommand(e), newExplainCommand(e),
		newRulesCommand(e), newVersionCommand(e), newCheckCommand(e), newLiveCommand(e))
	return root
}
