package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"
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

// displayWidth counts terminal columns: two for wide East Asian scripts, one otherwise. It is
// independent of the width code the table library uses.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul),
			r >= 0xFF01 && r <= 0xFF60, r >= 0x3000 && r <= 0x303F:
			n += 2
		default:
			n++
		}
	}
	return n
}

// misaligned returns the lines of tables (lines starting with '+' or '|') whose width differs
// from the table's first border line.
func misaligned(text string) []string {
	var bad []string
	want := -1
	for i, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		w := displayWidth(line)
		if want < 0 {
			want = w
			continue
		}
		if w != want {
			bad = append(bad, fmt.Sprintf("line %d is %d columns wide, the table %d: %s", i+1, w, want, line))
		}
	}
	return bad
}

func checkAligned(t *testing.T, text string) {
	t.Helper()
	for _, b := range misaligned(text) {
		t.Error(b)
	}
}

func TestTablesStayAlignedWithWideAndCyrillicText(t *testing.T) {
	var s []step
	phrases := []string{"暂时无法接通", "Абонент временно недоступен", "号码不存在 Номер не существует", "Busy Here"}
	for i, p := range phrases {
		s = append(s, failedCall(fmt.Sprintf("w%d", i), time.Duration(i)*time.Second, 480+i, p)...)
	}
	var list, calls bytes.Buffer
	mw, _ := NewMessageWriter(&list, "table")
	cw, _ := NewCallWriter(&calls, "table")
	f := newFeeder(t, Config{OnMessage: func(r *MessageRecord) { _ = mw.Write(r) }, OnCall: func(r *CallRecord) { _ = cw.Write(r) }})
	f.feed(s...)
	r := f.finish()
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := cw.Close(); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []TableOptions{{}, {Unicode: true}} {
		var b bytes.Buffer
		if err := WriteTable(&b, r, opts); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "Абонент временно недоступен") || !strings.Contains(b.String(), "暂时无法接通") {
			t.Fatalf("phrases missing from the table:\n%s", b.String())
		}
		if opts.Unicode {
			// Box-drawing borders: map them to ASCII so checkAligned finds the tables.
			text := strings.NewReplacer("┌", "+", "├", "+", "└", "+", "│", "|").Replace(b.String())
			checkAligned(t, text)
		} else {
			checkAligned(t, b.String())
		}
	}
	checkAligned(t, list.String())
	checkAligned(t, calls.String())
}

func TestMisalignedDetectsMisalignment(t *testing.T) {
	if bad := misaligned("+------+\n| 暂时 |\n| ab |\n+------+\n"); len(bad) != 1 {
		t.Errorf("misaligned found %q, want the one short line", bad)
	}
}
