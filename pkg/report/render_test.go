package report

import (
	"bytes"
	"testing"
)

func TestWriteTableGolden(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := WriteTable(&b, r, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.txt", b.Bytes())
}

func TestWriteMarkdownGolden(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.md", b.Bytes())
}
