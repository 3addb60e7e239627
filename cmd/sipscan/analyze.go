package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/report"
)

// analyze runs the offline pipeline over the named inputs with the common flags. onMessage and
// onCall, when set, receive every listed message or finished call as it is found.
func (f *commonFlags) analyze(cmd *cobra.Command, e *env, names []string,
	onMessage func(*report.MessageRecord), onCall func(*report.CallRecord)) (*report.Report, error) {
	cl, err := f.classifier()
	if err != nil {
		return nil, err
	}
	flt, err := f.filter()
	if err != nil {
		return nil, err
	}
	cfg := report.Config{
		Classifier: cl,
		Filter:     flt,
		OnMessage:  onMessage,
		OnCall:     onCall,
	}
	if !f.quiet {
		cfg.Capture.Warn = func(msg string) { fmt.Fprintf(e.stderr, "sipscan: warning: %s\n", msg) }
	}
	stopProgress := startProgress(e, names, f.quiet, &cfg.Capture)
	rep, err := report.Analyze(cmd.Context(), names, cfg)
	stopProgress()
	if err != nil {
		if errors.Is(err, cmd.Context().Err()) && cmd.Context().Err() != nil {
			return nil, &exitError{code: exitUsage, err: fmt.Errorf("interrupted")}
		}
		return nil, &exitError{code: exitUsage, err: err}
	}
	if !f.quiet {
		for _, in := range rep.Inputs {
			for _, msg := range in.Errors {
				fmt.Fprintf(e.stderr, "sipscan: %s: %s\n", in.Name, msg)
			}
		}
	}
	return rep, nil
}

var _ = capture.TransportUDP
