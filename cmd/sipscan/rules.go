package main

import (
	"encoding/json"

	"github.com/spf13/cobra"
)

func newRulesCommand(e *env) *cobra.Command {
	var format, rulesFile string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the active classification rules, in the order they are tried",
		Example: `  sipscan rules
  sipscan rules --rules my-carrier.yaml --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usageErrorf("--format %q: want table or json", format)
			}
			cf := commonFlags{rulesFile: rulesFile}
			cl, err := cf.classifier()
			if err != nil {
				return err
			}
			rules := cl.Rules()
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rules)
			}
			t := newTable(e.stdout, true, "ID", "Match", "Category", "Source")
			for _, r := range rules {
				if err := t.Append(r.ID, r.Match, string(r.Category), r.Source); err != nil {
					return err
				}
			}
			return t.Render()
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table, json")
	cmd.Flags().StringVar(&rulesFile, "rules", "", "YAML file of classification rules that add to or override the built-in ones")
	return cmd
}
