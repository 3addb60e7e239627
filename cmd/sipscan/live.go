package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/capture/live"
	"github.com/sipscan/sipscan/pkg/report"
	"github.com/sipscan/sipscan/pkg/report/metrics"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// liveFlags are the flags of `live` beyond the common ones.
type liveFlags struct {
	iface     string
	filter    string
	promisc   bool
	snaplen   int
	bufferMiB int
	interval  time.Duration
	duration  time.Duration
	count     uint64
	write     string
	writeAll  bool
	metrics   string
}

func newLiveCommand(e *env) *cobra.Command {
	var f commonFlags
	var lf liveFlags
	cmd := &cobra.Command{
		Use:   "live -i IFACE",
		Short: "Sniff an interface and diagnose SIP as it happens",
		Long: `live captures on a network interface (Linux, AF_PACKET; needs CAP_NET_RAW) and runs the
same analysis as report. On a terminal the summary is redrawn every --interval, with the
packets the kernel dropped; on a pipe the table is printed once, at the end, and new drops
are warned about on stderr. --format jsonl prints one JSON object per SIP message (the
final report goes to stderr), --format json one report object per interval. Ctrl-C,
SIGTERM, --duration or --count stop the capture; the full report follows.

--filter takes a tcpdump-style expression in this subset: udp, tcp, ip, ip6, ip proto N,
[src|dst] host ADDR, [src|dst] net PREFIX, [udp|tcp] [src|dst] port N, portrange N-M,
not/!, and/&&, or/||, parentheses. The default keeps UDP, TCP and IP fragments.`,
		Example: `  sipscan live -i eth0
  sipscan live -i any --filter 'udp port 5060 or tcp port 5060' --write sip.pcapng
  sipscan live -i eth0 --format jsonl --code 4xx,5xx | jq .reason
  sipscan live -i bond0 --metrics :9464 --quiet --format json > /dev/null`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.checkFormat("table", "json", "jsonl"); err != nil {
				return err
			}
			if lf.iface == "" {
				return usageErrorf("-i IFACE is required (one of: %s)", strings.Join(live.Interfaces(), ", "))
			}
			if lf.promisc && lf.iface == "any" {
				return usageErrorf("--promisc needs a named interface, not any")
			}
			if lf.interval <= 0 {
				return usageErrorf("--interval must be positive")
			}
			if _, err := live.Parse(lf.filter); err != nil {
				return usageErrorf("--filter: %w", err)
			}
			return runLive(cmd, e, &f, &lf)
		},
	}
	f.register(cmd, "table", "table, json, jsonl")
	fs := cmd.Flags()
	fs.StringVarP(&lf.iface, "interface", "i", "", "interface to capture on (any for all)")
	fs.StringVar(&lf.filter, "filter", "", "capture filter (tcpdump-style subset, see above; default: udp or tcp)")
	fs.BoolVar(&lf.promisc, "promisc", false, "put the interface in promiscuous mode")
	fs.IntVar(&lf.snaplen, "snaplen", live.DefaultSnaplen, "bytes kept of each packet")
	fs.IntVar(&lf.bufferMiB, "buffer", live.DefaultBufferSize>>20, "kernel receive buffer in MiB (absorbs bursts)")
	fs.DurationVar(&lf.interval, "interval", 2*time.Second, "time between redraws or snapshots")
	fs.DurationVar(&lf.duration, "duration", 0, "stop after this long (0: until Ctrl-C)")
	fs.Uint64Var(&lf.count, "count", 0, "stop after this many SIP messages captured (0: no limit)")
	fs.StringVarP(&lf.write, "write", "w", "", "save the packets that carried SIP to this pcapng file")
	fs.BoolVar(&lf.writeAll, "write-all", false, "with --write, save every captured packet")
	fs.StringVar(&lf.metrics, "metrics", "", "serve Prometheus metrics on this address (PORT or :PORT listens on 127.0.0.1; 0.0.0.0:PORT on all)")
	return cmd
}

// metricsAddr binds a bare port or ":port" to 127.0.0.1: metrics are not published unless the
// address says so.
func metricsAddr(s string) string {
	if !strings.Contains(s, ":") {
		return "127.0.0.1:" + s
	}
	if strings.HasPrefix(s, ":") {
		return "127.0.0.1" + s
	}
	return s
}

// liveSession is the state of one `live` run.
type liveSession struct {
	e      *env
	f      *commonFlags
	lf     *liveFlags
	h      *live.Handle
	col    *report.Collector
	dec    *capture.Decoder
	met    *metrics.Metrics
	pcap   *live.Writer
	file   *os.File // of pcap
	msgs   report.MessageWriter
	redraw bool // terminal: redraw the summary in place
	drawn  bool // a view is on the screen

	msg       sipmsg.Message
	carried   bool // the packet being decoded completed a SIP message
	sipCount  uint64
	writeErr  error
	kstats    live.Stats
	warnDrops uint64
	start     time.Time
}

func runLive(cmd *cobra.Command, e *env, f *commonFlags, lf *liveFlags) error {
	cl, err := f.classifier()
	if err != nil {
		return err
	}
	flt, err := f.filter()
	if err != nil {
		return err
	}
	s := &liveSession{e: e, f: f, lf: lf}
	cfg := report.Config{Classifier: cl, Filter: flt}

	if lf.metrics != "" {
		reg := prometheus.NewRegistry()
		if s.met, err = metrics.New(reg); err != nil {
			return fmt.Errorf("metrics: %w", err)
		}
		ln, err := net.Listen("tcp", metricsAddr(lf.metrics))
		if err != nil {
			return usageErrorf("--metrics: %w", err)
		}
		srv := &http.Server{Handler: promhttp.HandlerFor(reg, promhttp.HandlerOpts{}), ReadHeaderTimeout: 5 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		defer srv.Close()
		if !f.quiet {
			fmt.Fprintf(e.stderr, "sipscan: metrics on http://%s/metrics\n", ln.Addr())
		}
	}
	if f.format == "jsonl" {
		if s.msgs, err = report.NewMessageWriter(e.stdout, "jsonl"); err != nil {
			return usageErrorf("%w", err)
		}
	}
	// Records are built only when something reads them: they cost allocations per message.
	if s.met != nil || s.msgs != nil {
		cfg.OnMessage = func(r *report.MessageRecord) {
			if s.met != nil {
				s.met.ObserveMessage(r)
			}
			if s.msgs != nil && s.writeErr == nil {
				s.writeErr = s.msgs.Write(r)
			}
		}
	}
	if s.met != nil {
		cfg.OnCall = s.met.ObserveCall
	}
	s.col = report.NewCollector(cfg)

	var capOpts capture.Options
	if !f.quiet {
		capOpts.Warn = func(msg string) { fmt.Fprintf(e.stderr, "sipscan: warning: %s\n", msg) }
	}
	s.dec = capture.NewDecoder(lf.iface, capOpts, s.onMessage)

	s.h, err = live.Open(live.Config{Interface: lf.iface, Promiscuous: lf.promisc, Snaplen: lf.snaplen,
		Filter: lf.filter, BufferSize: lf.bufferMiB << 20})
	if err != nil {
		var pe *live.PermissionError
		var ie *live.InterfaceError
		if errors.As(err, &pe) || errors.As(err, &ie) {
			return usageErrorf("%w", err)
		}
		return &exitError{code: exitUsage, err: err}
	}
	defer s.h.Close()

	if lf.write != "" {
		file, err := os.Create(lf.write)
		if err != nil {
			return usageErrorf("--write: %w", err)
		}
		defer file.Close() // after an error; the normal path closes it and checks
		s.file = file
		filterText := lf.filter
		if filterText == "" {
			filterText = live.DefaultFilter
		}
		if s.pcap, err = live.NewWriter(file, lf.iface, filterText, s.h.LinkType(), s.h.Snaplen(), lf.writeAll); err != nil {
			return err
		}
	}
	s.redraw = f.format == "table" && isTerminal(e.stdout)
	if !f.quiet {
		fmt.Fprintf(e.stderr, "sipscan: listening on %s, press Ctrl-C to stop\n", lf.iface)
	}
	s.start = time.Now()
	// A capture that fails (interface gone down, disk full for --write) still reports what
	// it saw before the error.
	loopErr := s.loop(cmd)
	if err := s.finish(); err != nil {
		return errors.Join(loopErr, err)
	}
	if s.file != nil {
		if err := s.file.Close(); err != nil {
			return errors.Join(loopErr, fmt.Errorf("--write %s: %w", lf.write, err))
		}
	}
	return loopErr
}

// onMessage is the decoder's callback: parse, correlate, count.
func (s *liveSession) onMessage(m *capture.Message) error {
	s.carried = true
	s.sipCount++
	if err := s.msg.Parse(m.Data); err != nil {
		s.col.AddMalformed(m, err)
		return nil
	}
	s.col.Add(m, &s.msg)
	return nil
}

// loop reads packets until the context is cancelled, the duration passes or the count is
// reached. Redraws happen between packets, so one goroutine owns all the state.
func (s *liveSession) loop(cmd *cobra.Command) error {
	ctx := cmd.Context()
	var deadline time.Time
	if s.lf.duration > 0 {
		deadline = s.start.Add(s.lf.duration)
	}
	nextTick := s.start.Add(s.lf.interval)
	link := s.h.LinkType()
	for {
		if ctx.Err() != nil {
			return nil
		}
		data, ci, err := s.h.ReadPacket()
		now := ci.Timestamp
		switch {
		case errors.Is(err, live.ErrTimeout):
			now = time.Now()
			// Nothing arrived for the read timeout: every packet still to come arrives
			// later, so the analysis clock can move on and finish calls that timed out.
			s.col.Advance(now.Add(-live.ReadTimeout))
		case err != nil:
			return &exitError{code: exitUsage, err: err}
		default:
			s.carried = false
			_ = s.dec.Decode(ci, data, link)
			if s.pcap != nil {
				if err := s.pcap.Packet(ci, data, s.carried); err != nil && s.writeErr == nil {
					s.writeErr = fmt.Errorf("--write %s: %w", s.lf.write, err)
				}
			}
		}
		if s.writeErr != nil {
			return s.writeErr
		}
		if s.lf.count > 0 && s.sipCount >= s.lf.count {
			return nil
		}
		if !deadline.IsZero() && !now.Before(deadline) {
			return nil
		}
		if !now.Before(nextTick) {
			nextTick = now.Add(s.lf.interval)
			if err := s.tick(); err != nil {
				return err
			}
		}
	}
}

// captureStats reads the kernel's counters and passes them to the metrics.
func (s *liveSession) captureStats() {
	if st, err := s.h.Stats(); err == nil {
		s.kstats = st
	}
	if s.met != nil {
		s.met.SetCapture(s.kstats.Received, s.kstats.Dropped)
	}
}

// inputStats is the decoder's counters with the kernel drops as an input error.
func (s *liveSession) inputStats() []capture.InputStats {
	in := s.dec.Stats()
	if s.kstats.Dropped > 0 {
		in.Errors = append(in.Errors, fmt.Sprintf("the kernel dropped %d of %d packets (capture too slow: raise --buffer, narrow --filter)",
			s.kstats.Dropped, s.kstats.Received))
	}
	return []capture.InputStats{in}
}

// tick shows the live view: a redrawn summary on a terminal, a JSON snapshot, or a warning
// about new kernel drops on stderr.
func (s *liveSession) tick() error {
	s.captureStats()
	if s.kstats.Dropped > s.warnDrops && !s.redraw && !s.f.quiet {
		fmt.Fprintf(s.e.stderr, "sipscan: warning: the kernel dropped %d packets so far\n", s.kstats.Dropped)
	}
	s.warnDrops = s.kstats.Dropped
	switch {
	case s.redraw:
		rep := s.col.Snapshot(s.inputStats())
		var b strings.Builder
		s.statusLine(&b)
		b.WriteString("\n")
		if err := report.WriteTable(&b, rep, report.TableOptions{MaxRows: 15}); err != nil {
			return err
		}
		// Cursor home, each line cleared to its end, the rest of the screen cleared: the
		// view is redrawn in place without flicker.
		view := "\x1b[H" + strings.ReplaceAll(b.String(), "\n", "\x1b[K\n") + "\x1b[J"
		if !s.drawn {
			view = "\x1b[2J" + view // the first view starts on a clear screen
			s.drawn = true
		}
		_, err := io.WriteString(s.e.stdout, view)
		return err
	case s.f.format == "json":
		rep := s.col.Snapshot(s.inputStats())
		return writeCompactJSON(s.e.stdout, rep)
	}
	return nil
}

// statusLine says what is being captured and how the capture keeps up.
func (s *liveSession) statusLine(w io.Writer) {
	in := s.dec.Stats()
	fmt.Fprintf(w, "sipscan live on %s for %s: %d packets, %d SIP messages, kernel drops: %d\n",
		s.lf.iface, time.Since(s.start).Round(time.Second), in.Packets, in.SIPMessages, s.kstats.Dropped)
}

// finish prints the final report.
func (s *liveSession) finish() error {
	_ = s.dec.Flush()
	s.captureStats()
	end := time.Now()
	if s.pcap != nil {
		if err := s.pcap.Close(s.kstats, s.start, end); err != nil {
			return fmt.Errorf("--write %s: %w", s.lf.write, err)
		}
	}
	if s.msgs != nil {
		if err := s.msgs.Close(); err != nil {
			return err
		}
	}
	rep := s.col.Finish(s.inputStats())
	if s.kstats.Dropped > 0 {
		rep.Problems = append(rep.Problems, report.Problem{What: "packets dropped by the kernel", Count: s.kstats.Dropped})
	}
	switch s.f.format {
	case "json":
		return report.WriteJSON(s.e.stdout, rep)
	case "jsonl":
		if s.f.quiet {
			return nil
		}
		// stdout carries the messages; the report goes to the terminal.
		s.statusLine(s.e.stderr)
		return report.WriteTable(s.e.stderr, rep, report.TableOptions{})
	}
	if s.redraw {
		io.WriteString(s.e.stdout, "\x1b[H\x1b[2J")
	}
	s.statusLine(s.e.stdout)
	if s.pcap != nil {
		fmt.Fprintf(s.e.stdout, "saved %d packets to %s\n", s.pcap.Packets(), s.lf.write)
	}
	fmt.Fprintln(s.e.stdout)
	return report.WriteTable(s.e.stdout, rep, report.TableOptions{})
}

// writeCompactJSON writes r as one line, so that snapshots can be read as a JSON stream.
func writeCompactJSON(w io.Writer, r *report.Report) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("write JSON snapshot: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
