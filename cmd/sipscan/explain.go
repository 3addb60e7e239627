package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

func newExplainCommand(e *env) *cobra.Command {
	var format, rulesFile string
	cmd := &cobra.Command{
		Use:   "explain CODE [PHRASE...]",
		Short: "Explain what a response code and reason phrase mean and how to fix them",
		Example: `  sipscan explain 403 Wrong Guess
  sipscan explain 480 "No money left" --format json
  sipscan explain 488`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			code, err := strconv.Atoi(args[0])
			if err != nil || code < 100 || code > 699 {
				return usageErrorf("%q is not a SIP response code (100-699)", args[0])
			}
			if format != "table" && format != "json" {
				return usageErrorf("--format %q: want table or json", format)
			}
			cf := commonFlags{rulesFile: rulesFile}
			cl, err := cf.classifier()
			if err != nil {
				return err
			}
			x := cl.Explain(code, strings.Join(args[1:], " "))
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
	return cmd
}
