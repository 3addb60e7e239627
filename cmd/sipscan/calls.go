package main

import (
	"github.com/spf13/cobra"

	"github.com/sipscan/sipscan/pkg/report"
)

func newCallsCommand(e *env) *cobra.Command {
	var f commonFlags
	cmd := &cobra.Command{
		Use:   "calls CAPTURE...",
		Short: "Print one line per call: outcome, final response, diagnosis, post-dial delay",
		Example: `  sipscan calls trace.pcap
  sipscan calls --severity fault --format csv trace.pcap`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.checkFormat("table", "json", "jsonl", "csv", "markdown"); err != nil {
				return err
			}
			cw, err := report.NewCallWriter(e.stdout, f.format)
			if err != nil {
				return usageErrorf("%w", err)
			}
			var writeErr error
			_, err = f.analyze(cmd, e, args, nil, func(c *report.CallRecord) {
				if writeErr == nil {
					writeErr = cw.Write(c)
				}
			})
			if err != nil {
				return err
			}
			if writeErr != nil {
				return writeErr
			}
			return cw.Close()
		},
	}
	f.register(cmd, "table", "table, json, jsonl, csv, markdown")
	return cmd
}
