package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

func newExplainCommand(e *env) *cobra.Command {
	var format, rulesFile, method string
	var reasons, warnings []string
	var credentials, cancelled, stale bool
	var challenges int
	cmd := &cobra.Command{
		Use:   "explain CODE [PHRASE...]",
		Short: "Explain what a response code and reason phrase mean and how to fix them",
		Long: `Explain what a response code and reason phrase mean and how to fix them.

Without flags the response is taken alone. The flags add what a capture would tell: the
method it answers, whether that request carried credentials, a CANCEL sent before it,
the challenges seen before it, and its Reason and Warning headers, written as on the wire.`,
		Example: `  sipscan explain 403 Wrong Guess
  sipscan explain 480 "No money left" --format json
  sipscan explain 488
  sipscan explain 401 --method REGISTER --credentials
  sipscan explain 503 --reason 'Q.850;cause=34;text="No circuit/channel available"'
  sipscan explain 488 --warning '305 sbc.example.net "Incompatible media format"'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			code, err := strconv.Atoi(args[0])
			if err != nil || code < 100 || code > 699 {
				return usageErrorf("%q is not a SIP response code (100-699)", args[0])
			}
			if format != "table" && format != "json" {
				return usageErrorf("--format %q: want table or json", format)
			}
			if challenges < 0 {
				return usageErrorf("--challenges %d: want 0 or more", challenges)
			}
			resp := classify.Response{
				Code: code, Reason: strings.Join(args[1:], " "), Method: strings.ToUpper(method),
				CredentialsSent: credentials, CancelSent: cancelled, PriorChallenges: challenges, StaleNonce: stale,
			}
			if resp.Reasons, resp.Warnings, err = decodeHeaderValues(reasons, warnings); err != nil {
				return usageErrorf("%v", err)
			}
			cf := commonFlags{rulesFile: rulesFile}
			cl, err := cf.classifier()
			if err != nil {
				return err
			}
			x := cl.ExplainResponse(&resp)
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(x)
			}
			t := newTable(e.stdout, false, "Field", "Value")
			rows := [][]string{
				{"code", strconv.Itoa(x.Code)},
				{"reason", x.Reason},
				{"class", x.Class},
				{"category", string(x.Category)},
				{"severity", string(x.Severity)},
				{"meaning", x.Meaning},
				{"fix", x.Fix},
				{"rule", x.Rule},
			}
			if err := t.Bulk(rows); err != nil {
				return err
			}
			return t.Render()
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table, json")
	cmd.Flags().StringVar(&rulesFile, "rules", "", "YAML file of classification rules that add to or override the built-in ones")
	cmd.Flags().StringVar(&method, "method", "", "method of the request the response answers (INVITE, REGISTER, ...)")
	cmd.Flags().BoolVar(&credentials, "credentials", false, "the request carried Authorization or Proxy-Authorization")
	cmd.Flags().BoolVar(&cancelled, "cancelled", false, "a CANCEL for the INVITE was sent before the response")
	cmd.Flags().IntVar(&challenges, "challenges", 0, "number of 401/407 challenges seen before in the dialog or registration")
	cmd.Flags().BoolVar(&stale, "stale", false, "the 401/407 challenge says stale=true")
	cmd.Flags().StringArrayVar(&reasons, "reason", nil, `a Reason header value, e.g. 'Q.850;cause=17' (repeatable)`)
	cmd.Flags().StringArrayVar(&warnings, "warning", nil, `a Warning header value, e.g. '399 sbc "text"' (repeatable)`)
	return cmd
}

// decodeHeaderValues decodes Reason and Warning header values with the parser that reads
// them from captures, so that explain sees them as a report would.
func decodeHeaderValues(reasons, warnings []string) ([]classify.ReasonCause, []int, error) {
	var rcs []classify.ReasonCause
	var codes []int
	var m sipmsg.Message
	for _, v := range reasons {
		if err := parseHeaderValue(&m, "Reason", v); err != nil {
			return nil, nil, err
		}
		n := m.NumReasons()
		valid := n > 0 // every value needs its cause
		for i := range n {
			valid = valid && m.Reason(i).Cause >= 0
		}
		if !valid {
			return nil, nil, fmt.Errorf("--reason %q: want PROTOCOL;cause=N[;text=\"...\"], e.g. Q.850;cause=17", v)
		}
		for i := range n {
			r := m.Reason(i)
			rcs = append(rcs, classify.ReasonCause{Protocol: string(r.Protocol), Cause: r.Cause, Text: string(r.Text)})
		}
	}
	for _, v := range warnings {
		if err := parseHeaderValue(&m, "Warning", v); err != nil {
			return nil, nil, err
		}
		if m.NumWarnings() == 0 {
			return nil, nil, fmt.Errorf("--warning %q: want CODE AGENT \"TEXT\", e.g. 399 sbc.example.net \"text\"", v)
		}
		for i := range m.NumWarnings() {
			codes = append(codes, m.Warning(i).Code)
		}
	}
	return rcs, codes, nil
}

// parseHeaderValue parses a response that carries value in one header named name.
func parseHeaderValue(m *sipmsg.Message, name, value string) error {
	flag := "--" + strings.ToLower(name)
	if strings.ContainsAny(value, "\r\n") {
		return fmt.Errorf("%s %q: a header value is one line", flag, value)
	}
	msg := "SIP/2.0 500 Server Internal Error\r\nCSeq: 1 INVITE\r\n" + name + ": " + value + "\r\n\r\n"
	if err := m.Parse([]byte(msg)); err != nil {
		return fmt.Errorf("%s %q: %w", flag, value, err)
	}
	return nil
}
