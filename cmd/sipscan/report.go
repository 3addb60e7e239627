package main

import (
	"github.com/spf13/cobra"

	"github.com/sipscan/sipscan/pkg/report"
)

func newReportCommand(e *env) *cobra.Command {
	var f commonFlags
	cmd := &cobra.Command{
		Use:   "report CAPTURE...",
		Short: "Summarise what failed, how often and why (the default command)",
		Example: `  sipscan report trace.pcap
  sipscan trace.pcapng.gz --format json
  tcpdump -w - -i eth0 port 5060 | sipscan report -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.checkFormat("table", "json", "markdown"); err != nil {
				return err
			}
			rep, err := f.analyze(cmd, e, args, nil, nil)
			if err != nil {
				return err
			}
			switch f.format {
			case "json":
				return report.WriteJSON(e.stdout, rep)
			case "markdown":
				return report.WriteMarkdown(e.stdout, rep)
			default:
				return report.WriteTable(e.stdout, rep, report.TableOptions{})
			}
		},
	}
	f.register(cmd, "table", "table, json, markdown")
	return cmd
}
