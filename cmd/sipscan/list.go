package main

import (
	"github.com/spf13/cobra"

	"github.com/sipscan/sipscan/pkg/report"
)

func newListCommand(e *env) *cobra.Command {
	var f commonFlags
	cmd := &cobra.Command{
		Use:   "list CAPTURE...",
		Short: "Print one line per SIP message, with its diagnosis",
		Example: `  sipscan list trace.pcap
  sipscan list --format jsonl --code 4xx,5xx trace.pcap | jq .reason
  sipscan list --format csv --call-id a84b4c76e66710 trace.pcap`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.checkFormat("table", "jsonl", "csv"); err != nil {
				return err
			}
			mw, err := report.NewMessageWriter(e.stdout, f.format)
			if err != nil {
				return usageErrorf("%w", err)
			}
			var writeErr error
			_, err = f.analyze(cmd, e, args, func(r *report.MessageRecord) {
				if writeErr == nil {
					writeErr = mw.Write(r)
				}
			}, nil)
			if err != nil {
				return err
			}
			if writeErr != nil {
				return writeErr
			}
			return mw.Close()
		},
	}
	f.register(cmd, "table", "table, jsonl, csv")
	return cmd
}
