package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/sipscan/sipscan/pkg/classify"
)

// TableOptions adjusts the table view. The zero value gives the default view.
type TableOptions struct {
	// Unicode draws the tables with box-drawing characters instead of ASCII.
	Unicode bool
	// MaxRows bounds the rows of the responses table (0: all).
	MaxRows int
}

// section is one titled table of the table and Markdown views.
type section struct {
	title  string
	header []string
	rows   [][]string
	right  []bool   // numeric columns, aligned right
	notes  []string // lines printed after the table
	empty  string   // printed instead of the table when there are no rows
}

// sections lays out the report's content once for both the table and Markdown views.
func sections(r *Report, maxRows int) []section {
	var out []section

	ov := section{title: "Overview", header: []string{"Item", "Value"}}
	add := func(k, v string) { ov.rows = append(ov.rows, []string{k, v}) }
	for _, in := range r.Inputs {
		v := fmt.Sprintf("%d packets, %s, %d SIP messages", in.Packets, byteSize(in.Bytes), in.SIPMessages)
		for _, e := range in.Errors {
			v += "; error: " + e
		}
		add("Input "+in.Name, v)
	}
	add("Packets", u(r.Totals.Packets))
	add("SIP messages", fmt.Sprintf("%d (%d requests, %d responses, %d retransmissions, %d malformed)",
		r.Totals.SIPMessages, r.Totals.Requests, r.Totals.Responses, r.Totals.Retransmissions, r.Totals.Malformed))
	if !r.Overview.First.IsZero() {
		add("Time span", fmt.Sprintf("%s to %s (%s)", r.Overview.First.UTC().Format("2006-01-02 15:04:05.000"),
			r.Overview.Last.UTC().Format("2006-01-02 15:04:05.000"), r.Overview.span().Round(time.Millisecond)))
	}
	var tr []string
	for _, t := range r.Overview.Transports {
		tr = append(tr, fmt.Sprintf("%s %d", t.Transport, t.Count))
	}
	if len(tr) > 0 {
		add("Transports", strings.Join(tr, ", "))
	}
	if len(r.Problems) == 0 {
		add("Problems", "none")
	}
	for _, p := range r.Problems {
		add("Problem", fmt.Sprintf("%s: %d", p.What, p.Count))
	}
	out = append(out, ov)

	rs := section{title: "Responses", header: []string{"Code", "Reason", "Category", "Severity", "Count", "Retrans"},
		right: []bool{false, false, false, false, true, true}, empty: "No responses."}
	for i, x := range r.Responses {
		if maxRows > 0 && i == maxRows {
			rs.notes = append(rs.notes, fmt.Sprintf("%d more rows left out.", len(r.Responses)-maxRows))
			break
		}
		rs.rows = append(rs.rows, []string{strconv.Itoa(x.Code), x.Reason, string(x.Category), string(x.Severity),
			u(x.Count), u(x.Retransmissions)})
	}
	out = append(out, rs)

	cs := section{title: "Categories", header: []string{"Category", "Severity", "Count", "Meaning"},
		right: []bool{false, false, true, false}, empty: "No responses."}
	for _, x := range r.Categories {
		cs.rows = append(cs.rows, []string{string(x.Category), string(x.Severity), u(x.Count), x.Meaning})
		if x.Severity == classify.SeverityFault && x.Fix != "" {
			cs.notes = append(cs.notes, fmt.Sprintf("Fix for %s: %s", x.Category, x.Fix))
		}
	}
	out = append(out, cs)

	ms := section{title: "Methods", header: []string{"Method", "Requests", "Retrans", "Latency p50", "Latency p95"},
		right: []bool{false, true, true, true, true}, empty: "No requests."}
	for _, x := range r.Methods {
		ms.rows = append(ms.rows, []string{x.Method, u(x.Count), u(x.Retransmissions), msText(x.Latency.P50, x.Latency.N),
			msText(x.Latency.P95, x.Latency.N)})
	}
	out = append(out, ms)

	c := r.Calls
	calls := section{title: "Calls", header: []string{"Calls", "Count", "Share"}, right: []bool{false, true, true}}
	share := func(n uint64) string {
		if c.Total == 0 {
			return "-"
		}
		return strconv.FormatFloat(100*float64(n)/float64(c.Total), 'f', 1, 64) + "%"
	}
	other := c.Failed - c.Busy - c.Declined - c.NoAnswer - c.NoResponse
	for _, row := range []struct {
		k string
		n uint64
	}{{"Total", c.Total}, {"Answered", c.Answered}, {"Busy", c.Busy}, {"Declined", c.Declined},
		{"No answer", c.NoAnswer}, {"Cancelled", c.Cancelled}, {"Failed", other}, {"No final response", c.NoResponse}} {
		calls.rows = append(calls.rows, []string{row.k, u(row.n), share(row.n)})
	}
	calls.notes = append(calls.notes,
		fmt.Sprintf("ASR %.1f%%, NER %.1f%%", 100*c.ASR, 100*c.NER),
		fmt.Sprintf("Post-dial delay (INVITE to first 18x): p50 %s, p95 %s over %d calls",
			msText(c.PDD.P50, c.PDD.N), msText(c.PDD.P95, c.PDD.N), c.PDD.N),
		fmt.Sprintf("Setup time (INVITE to 2xx): p50 %s, p95 %s over %d calls",
			msText(c.Setup.P50, c.Setup.N), msText(c.Setup.P95, c.Setup.N), c.Setup.N))
	if c.Duration.N > 0 {
		calls.notes = append(calls.notes, fmt.Sprintf("Call duration (2xx to BYE): p50 %s, p95 %s over %d calls",
			secText(c.Duration.P50), secText(c.Duration.P95), c.Duration.N))
	}
	out = append(out, calls)
	out = append(out, outcomeSection("Calls not answered", c.Failures, "No failed calls."))

	g := r.Registrations
	regs := section{title: "Registrations", header: []string{"Registrations", "Count"}, right: []bool{false, true}}
	regs.rows = [][]string{{"Total", u(g.Total)}, {"Succeeded", u(g.Succeeded)}, {"Failed", u(g.Failed)}}
	out = append(out, regs)
	if len(g.Failures) > 0 {
		out = append(out, outcomeSection("Registrations failed", g.Failures, ""))
		aors := section{title: "Addresses-of-record with failures",
			header: []string{"Address-of-record", "Attempts", "Succeeded", "Failed", "Last failure"},
			right:  []bool{false, true, true, true, false}}
		for _, a := range g.AddressesOfRecord {
			if a.Failed == 0 {
				continue
			}
			aors.rows = append(aors.rows, []string{a.AOR, u(a.Attempts), u(a.Succeeded), u(a.Failed),
				failureText(a.LastCode, a.LastReason, a.LastCategory)})
		}
		out = append(out, aors)
	}

	peers := section{title: "Top failing peers", header: []string{"Client", "Server", "Fault responses"},
		right: []bool{false, false, true}, empty: "No fault responses."}
	for _, p := range r.Peers {
		peers.rows = append(peers.rows, []string{p.Client, p.Server, u(p.Count)})
	}
	out = append(out, peers)
	if len(r.Users) > 0 {
		users := section{title: "Top failing Request-URI users", header: []string{"User", "Fault responses"},
			right: []bool{false, true}}
		for _, x := range r.Users {
			users.rows = append(users.rows, []string{x.User, u(x.Count)})
		}
		out = append(out, users)
	}
	return out
}

func outcomeSection(title string, list []OutcomeCount, empty string) section {
	s := section{title: title, header: []string{"Outcome", "Final response", "Category", "Severity", "Count"},
		right: []bool{false, false, false, false, true}, empty: empty}
	for _, o := range list {
		resp := "none"
		if o.Code != 0 {
			resp = strconv.Itoa(o.Code) + " " + o.Reason
		}
		s.rows = append(s.rows, []string{string(o.Outcome), resp, string(o.Category), string(o.Severity), u(o.Count)})
	}
	return s
}

func failureText(code int, reason string, cat classify.Category) string {
	if code == 0 {
		return "no response"
	}
	s := strconv.Itoa(code) + " " + reason
	if cat != "" {
		s += " (" + string(cat) + ")"
	}
	return s
}

func u(n uint64) string { return strconv.FormatUint(n, 10) }

// msText formats milliseconds, "-" when nothing was measured.
func msText(ms float64, n uint64) string {
	if n == 0 {
		return "-"
	}
	return fmtMs(ms)
}

// fmtMs shows milliseconds with the precision that matters to people: one decimal below
// 100 ms, whole milliseconds above.
func fmtMs(ms float64) string {
	if ms < 100 {
		return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
}

func secText(ms float64) string {
	return strconv.FormatFloat(ms/1000, 'f', 1, 64) + " s"
}

func byteSize(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for v := n / unit; v >= unit && exp < 4; v /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// WriteTable writes the report as text tables, one per section, for a terminal.
func WriteTable(w io.Writer, r *Report, opts TableOptions) error {
	ew := &errWriter{w: w}
	for i, s := range sections(r, opts.MaxRows) {
		if i > 0 {
			fmt.Fprintln(ew)
		}
		fmt.Fprintf(ew, "%s\n", s.title)
		if len(s.rows) == 0 && s.empty != "" {
			fmt.Fprintf(ew, "  %s\n", s.empty)
			continue
		}
		if len(s.rows) > 0 {
			if err := renderTable(ew, s, opts.Unicode); err != nil {
				return fmt.Errorf("write table %q: %w", s.title, err)
			}
		}
		for _, n := range s.notes {
			fmt.Fprintf(ew, "  %s\n", n)
		}
	}
	if ew.err != nil {
		return fmt.Errorf("write report: %w", ew.err)
	}
	return nil
}

func renderTable(w io.Writer, s section, unicode bool) error {
	style := tw.StyleASCII
	if unicode {
		style = tw.StyleLight
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(style)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowMaxWidth(64),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns(s.right)}),
	)
	t.Header(toAny(s.header)...)
	for _, row := range s.rows {
		if err := t.Append(row); err != nil {
			return err
		}
	}
	return t.Render()
}

// WriteMarkdown writes the report as GitHub-flavoured Markdown: one heading and table per
// section, the same content as the table view.
func WriteMarkdown(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "# SIP capture report\n")
	for _, s := range sections(r, 0) {
		fmt.Fprintf(ew, "\n## %s\n\n", s.title)
		if len(s.rows) == 0 && s.empty != "" {
			fmt.Fprintf(ew, "%s\n", s.empty)
			continue
		}
		if len(s.rows) > 0 {
			if err := renderMarkdown(ew, s.header, s.rows, s.right); err != nil {
				return fmt.Errorf("write Markdown table %q: %w", s.title, err)
			}
		}
		if len(s.notes) > 0 {
			fmt.Fprintln(ew)
			for _, n := range s.notes {
				fmt.Fprintf(ew, "- %s\n", mdEscape(n))
			}
		}
	}
	if ew.err != nil {
		return fmt.Errorf("write report: %w", ew.err)
	}
	return nil
}

func renderMarkdown(w io.Writer, header []string, rows [][]string, right []bool) error {
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewMarkdown()),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns(right)}),
	)
	h := make([]any, len(header))
	for i, x := range header {
		h[i] = mdEscape(x)
	}
	t.Header(h...)
	for _, row := range rows {
		esc := make([]string, len(row))
		for i, x := range row {
			esc[i] = mdEscape(x)
		}
		if err := t.Append(esc); err != nil {
			return err
		}
	}
	return t.Render()
}

// mdEscape keeps cell text from breaking a Markdown table or turning into markup.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '|', '\\', '*', '_', '`', '<', '>', '[', ']':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func aligns(right []bool) []tw.Align {
	a := make([]tw.Align, len(right))
	for i, r := range right {
		a[i] = tw.AlignLeft
		if r {
			a[i] = tw.AlignRight
		}
	}
	return a
}

func toAny(s []string) []any {
	a := make([]any, len(s))
	for i, x := range s {
		a[i] = x
	}
	return a
}

// errWriter remembers the first write error so that a sequence of prints is checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
