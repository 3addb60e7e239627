// Command sipgen writes a large, realistic SIP capture and, beside it, the exact counts an
// analyser must find in it (FILE.expected.json).
//
//	go run ./cmd/sipgen -size 1GiB -rtp 0 -seed 1 -o /tmp/w1.pcap
//	go run ./cmd/sipgen -size 1GiB -rtp 0.95 -seed 2 -o /tmp/w2.pcap
//
// With -check it instead compares a `sipscan report --format json` output (-report) or a
// `tshark -q -z sip,stat` output (-tshark) with the expected counts and exits 1 on a mismatch.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sipscan/sipscan/internal/tracegen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var m mismatchError
		if errors.As(err, &m) {
			fmt.Fprintln(os.Stderr, "sipgen:", err)
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "sipgen:", err)
		os.Exit(2)
	}
}

// mismatchError reports counts that disagree with the expectations.
type mismatchError struct{ diffs []string }

func (m mismatchError) Error() string {
	return fmt.Sprintf("%d mismatches:\n  %s", len(m.diffs), strings.Join(m.diffs, "\n  "))
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sipgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		size    = fs.String("size", "64MiB", "capture size to reach: bytes, or with a KiB/MiB/GiB (KB/MB/GB) suffix")
		rtp     = fs.Float64("rtp", 0, "fraction of packets that are RTP, 0 <= rtp < 1")
		tcp     = fs.Float64("tcp", 0, "fraction of calls and registrations carried over TCP")
		seed    = fs.Uint64("seed", 1, "seed: the same options give the same capture")
		format  = fs.String("format", "pcap", "file format: pcap or pcapng")
		out     = fs.String("o", "", "capture file to write (required unless -check)")
		rate    = fs.Float64("rate", tracegen.DefaultRate, "mean packets per second of capture time")
		retrans = fs.Float64("retransmit", tracegen.DefaultRetransmitShare, "fraction of UDP scenarios with one retransmitted message (0: none)")
		check   = fs.String("check", "", "expected-counts file to check a -report or -tshark output against")
		rep     = fs.String("report", "", "with -check: `sipscan report --format json` output file")
		tshark  = fs.String("tshark", "", "with -check: `tshark -q -z sip,stat` output file")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *check != "" {
		return runCheck(*check, *rep, *tshark, stdout)
	}
	if *out == "" {
		return errors.New("-o FILE is required")
	}
	n, err := parseSize(*size)
	if err != nil {
		return err
	}
	rs := *retrans
	if rs == 0 {
		rs = -1
	}
	start := time.Now()
	exp, err := tracegen.WriteFile(*out, tracegen.Options{
		Size: n, RTPShare: *rtp, TCPShare: *tcp, Seed: *seed, Format: tracegen.Format(*format),
		Rate: *rate, RetransmitShare: rs,
	})
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "%s: %d bytes, %d packets (%d RTP, %d TCP), %d SIP messages, %d calls, %d registrations in %.2fs (%.0f MB/s)\n",
		*out, exp.Bytes, exp.Packets, exp.RTPPackets, exp.TCPPackets, exp.SIPMessages,
		exp.Calls.Total, exp.Registrations.Total, el.Seconds(), float64(exp.Bytes)/1e6/el.Seconds())
	fmt.Fprintf(stdout, "expected counts: %s\n", tracegen.ExpectedPath(*out))
	return nil
}

func runCheck(expPath, reportPath, tsharkPath string, stdout io.Writer) error {
	exp, err := tracegen.ReadExpected(expPath)
	if err != nil {
		return err
	}
	if reportPath == "" && tsharkPath == "" {
		return errors.New("-check needs -report or -tshark")
	}
	var diffs []string
	if reportPath != "" {
		data, err := os.ReadFile(reportPath)
		if err != nil {
			return fmt.Errorf("read report: %w", err)
		}
		d, err := exp.CheckReport(data)
		if err != nil {
			return err
		}
		diffs = append(diffs, d...)
	}
	if tsharkPath != "" {
		data, err := os.ReadFile(tsharkPath)
		if err != nil {
			return fmt.Errorf("read tshark output: %w", err)
		}
		d, err := exp.CheckTsharkSIPStat(data)
		if err != nil {
			return err
		}
		diffs = append(diffs, d...)
	}
	if len(diffs) > 0 {
		return mismatchError{diffs}
	}
	fmt.Fprintln(stdout, "counts agree")
	return nil
}

// parseSize reads 1GiB, 512MiB, 64KiB, 1GB, or a plain number of bytes.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	mult := int64(1)
	num := s
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, e.g. 1GiB", s)
	}
	return int64(f * float64(mult)), nil
}
