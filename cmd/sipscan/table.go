package main

import (
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// newTable returns a table in the style of the report's tables: ASCII borders, headers as
// written, long cells wrapped so that a rule or a meaning does not push the table off screen.
// breakWords also cuts words longer than a cell (regular expressions, long keyword lists).
func newTable(w io.Writer, breakWords bool, header ...any) *tablewriter.Table {
	wrap := tw.WrapNormal
	if breakWords {
		wrap = tw.WrapBreak
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(wrap),
		tablewriter.WithRowMaxWidth(72),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft}),
	)
	t.Header(header...)
	return t
}
