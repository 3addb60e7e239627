package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// MessageWriter prints one line per SIP message for `list`. Write may be called any number
// of times; Close flushes and ends the output and must be called once.
type MessageWriter interface {
	Write(*MessageRecord) error
	Close() error
}

// CallWriter prints one line (or object) per call for `calls`, like MessageWriter.
type CallWriter interface {
	Write(*CallRecord) error
	Close() error
}

// NewMessageWriter returns a MessageWriter for format "table", "jsonl" or "csv". The table
// has fixed column widths so that it streams; longer values are cut with an ellipsis.
func NewMessageWriter(w io.Writer, format string) (MessageWriter, error) {
	switch format {
	case "jsonl":
		return &jsonlMessages{w: bufio.NewWriter(w)}, nil
	case "csv":
		cw := csv.NewWriter(w)
		return &csvMessages{w: cw}, cw.Write(messageColumns)
	case "table":
		return &tableMessages{t: newStreamTable(w,
			[]string{"Time", "Source", "Destination", "Message", "CSeq", "Call-ID", "Category", "Retr"},
			[]int{26, 21, 21, 32, 16, 24, 18, 4}, []bool{false, false, false, false, false, false, false, false})}, nil
	}
	return nil, fmt.Errorf("unknown list format %q (want table, jsonl or csv)", format)
}

// messageColumns names the CSV columns, the same as the JSONL keys.
var messageColumns = []string{"time", "input", "frame", "src", "dst", "transport", "kind", "method", "code",
	"reason", "call_id", "cseq", "category", "severity", "retransmission"}

type jsonlMessages struct {
	w   *bufio.Writer
	buf []byte
}

func (j *jsonlMessages) Write(r *MessageRecord) error {
	j.buf = append(r.appendJSON(j.buf[:0]), '\n')
	if _, err := j.w.Write(j.buf); err != nil {
		return fmt.Errorf("write message: %w", err)
	}
	return nil
}

func (j *jsonlMessages) Close() error {
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("write messages: %w", err)
	}
	return nil
}

type csvMessages struct {
	w   *csv.Writer
	row [15]string
}

func (c *csvMessages) Write(r *MessageRecord) error {
	code := ""
	if r.Kind == "response" {
		code = strconv.Itoa(r.Code)
	}
	c.row = [15]string{r.Time.Format(time.RFC3339Nano), r.Input, strconv.Itoa(r.Frame), r.Src.String(), r.Dst.String(),
		r.Transport, r.Kind, r.Method, code, r.Reason, r.CallID, strconv.FormatUint(uint64(r.CSeq), 10),
		string(r.Category), string(r.Severity), strconv.FormatBool(r.Retransmission)}
	if err := c.w.Write(c.row[:]); err != nil {
		return fmt.Errorf("write message: %w", err)
	}
	return nil
}

func (c *csvMessages) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("write messages: %w", err)
	}
	return nil
}

type tableMessages struct {
	t *streamTable
}

func (t *tableMessages) Write(r *MessageRecord) error {
	msg := r.Method
	cat := ""
	if r.Kind == "response" {
		msg = strconv.Itoa(r.Code) + " " + r.Reason
		cat = string(r.Category)
	}
	retr := ""
	if r.Retransmission {
		retr = "yes"
	}
	return t.t.append([]string{r.Time.Format("2006-01-02 15:04:05.000000"), r.Src.String(), r.Dst.String(), msg,
		strconv.FormatUint(uint64(r.CSeq), 10) + " " + r.Method, r.CallID, cat, retr})
}

func (t *tableMessages) Close() error { return t.t.close() }

// streamTable is a tablewriter table in streaming mode with fixed column widths: rows are
// printed as they come, nothing is held.
type streamTable struct {
	t       *tablewriter.Table
	header  []string
	started bool
}

func newStreamTable(w io.Writer, header []string, widths []int, right []bool) *streamTable {
	per := tw.NewMapper[int, int]()
	for i, n := range widths {
		per.Set(i, n+2) // the widths include one space of padding on each side
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithStreaming(tw.StreamConfig{Enable: true}),
		tablewriter.WithWidths(tw.CellWidth{PerColumn: per}),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapTruncate),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns(right)}),
	)
	return &streamTable{t: t, header: header}
}

func (s *streamTable) start() error {
	if s.started {
		return nil
	}
	s.started = true
	if err := s.t.Start(); err != nil {
		return fmt.Errorf("start table: %w", err)
	}
	s.t.Header(toAny(s.header)...)
	return nil
}

func (s *streamTable) append(row []string) error {
	if err := s.start(); err != nil {
		return err
	}
	if err := s.t.Append(row); err != nil {
		return fmt.Errorf("write row: %w", err)
	}
	return nil
}

func (s *streamTable) close() error {
	if err := s.start(); err != nil { // an empty listing still shows its header
		return err
	}
	if err := s.t.Close(); err != nil {
		return fmt.Errorf("end table: %w", err)
	}
	return nil
}

// NewCallWriter returns a CallWriter for format "table", "json" (one array), "jsonl",
// "csv" or "markdown".
func NewCallWriter(w io.Writer, format string) (CallWriter, error) {
	switch format {
	case "json":
		return &jsonCalls{w: bufio.NewWriter(w), array: true}, nil
	case "jsonl":
		return &jsonCalls{w: bufio.NewWriter(w)}, nil
	case "csv":
		cw := csv.NewWriter(w)
		return &csvCalls{w: cw}, cw.Write(callColumns)
	case "table":
		return &tableCalls{t: newStreamTable(w, callHeader,
			[]int{23, 24, 24, 24, 11, 28, 18, 10, 10, 9},
			[]bool{false, false, false, false, false, false, false, true, true, true})}, nil
	case "markdown":
		ew := &errWriter{w: w}
		return &markdownCalls{w: ew}, nil
	}
	return nil, fmt.Errorf("unknown calls format %q (want table, json, jsonl, csv or markdown)", format)
}

var callColumns = []string{"call_id", "from", "to", "src", "dst", "start", "outcome", "code", "reason",
	"category", "severity", "pdd_ms", "setup_ms", "duration_ms", "challenges"}

var callHeader = []string{"Start", "Call-ID", "From", "To", "Outcome", "Final response", "Category", "PDD",
	"Setup", "Duration"}

type jsonCalls struct {
	w     *bufio.Writer
	array bool
	n     int
}

func (j *jsonCalls) Write(r *CallRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode call: %w", err)
	}
	switch {
	case j.array && j.n == 0:
		j.w.WriteString("[\n  ")
	case j.array:
		j.w.WriteString(",\n  ")
	}
	j.n++
	if !j.array {
		b = append(b, '\n')
	}
	if _, err := j.w.Write(b); err != nil {
		return fmt.Errorf("write call: %w", err)
	}
	return nil
}

func (j *jsonCalls) Close() error {
	if j.array {
		if j.n == 0 {
			j.w.WriteString("[]\n")
		} else {
			j.w.WriteString("\n]\n")
		}
	}
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("write calls: %w", err)
	}
	return nil
}

func optMs(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func callCode(r *CallRecord) string {
	if r.Code == 0 {
		return ""
	}
	return strconv.Itoa(r.Code)
}

type csvCalls struct {
	w *csv.Writer
}

func (c *csvCalls) Write(r *CallRecord) error {
	err := c.w.Write([]string{r.CallID, r.From, r.To, r.Src.String(), r.Dst.String(), r.Start.Format(time.RFC3339Nano),
		string(r.Outcome), callCode(r), r.Reason, string(r.Category), string(r.Severity),
		optMs(r.PDDMs), optMs(r.SetupMs), optMs(r.DurationMs), strconv.Itoa(r.Challenges)})
	if err != nil {
		return fmt.Errorf("write call: %w", err)
	}
	return nil
}

func (c *csvCalls) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("write calls: %w", err)
	}
	return nil
}

// callRow is the table and Markdown row of a call.
func callRow(r *CallRecord) []string {
	final := "none"
	if r.Code != 0 {
		final = strconv.Itoa(r.Code) + " " + r.Reason
	}
	ms := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return fmtMs(*v)
	}
	dur := "-"
	if r.DurationMs != nil {
		dur = secText(*r.DurationMs)
	}
	return []string{r.Start.Format("2006-01-02 15:04:05.000"), r.CallID, r.From, r.To, string(r.Outcome), final,
		string(r.Category), ms(r.PDDMs), ms(r.SetupMs), dur}
}

type tableCalls struct {
	t *streamTable
}

func (t *tableCalls) Write(r *CallRecord) error { return t.t.append(callRow(r)) }
func (t *tableCalls) Close() error              { return t.t.close() }

// markdownCalls writes a GitHub table row by row; Markdown needs no column widths.
type markdownCalls struct {
	w       *errWriter
	started bool
}

func (m *markdownCalls) line(cells []string, escape bool) {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range cells {
		if escape {
			c = mdEscape(c)
		}
		b.WriteString(" " + c + " |")
	}
	b.WriteString("\n")
	io.WriteString(m.w, b.String())
}

func (m *markdownCalls) start() {
	if m.started {
		return
	}
	m.started = true
	m.line(callHeader, true)
	sep := make([]string, len(callHeader))
	for i := range sep {
		sep[i] = ":---"
		if i >= 7 {
			sep[i] = "---:"
		}
	}
	m.line(sep, false)
}

func (m *markdownCalls) Write(r *CallRecord) error {
	m.start()
	m.line(callRow(r), true)
	if m.w.err != nil {
		return fmt.Errorf("write call: %w", m.w.err)
	}
	return nil
}

func (m *markdownCalls) Close() error {
	m.start()
	if m.w.err != nil {
		return fmt.Errorf("write calls: %w", m.w.err)
	}
	return nil
}
