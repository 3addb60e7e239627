// Package tracegen writes large, realistic SIP captures for benchmarks, together with the exact
// counts a correct analyser must find in them.
//
// A capture is a mix of scenarios played between user agents and a proxy: calls (answered,
// challenged then answered, busy, cancelled, failed with vendor reason phrases), registrations
// (challenged then accepted or refused) and OPTIONS keep-alives. Every scenario has its own
// Call-ID, tags and Via branches; a few UDP messages are retransmitted. Scenarios overlap in
// time, answered calls carry RTP until their BYE, and a share of them runs over long-lived TCP
// connections. The output depends only on Options: the same seed gives the same bytes.
package tracegen

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

// Format is the capture file format.
type Format string

// Capture file formats.
const (
	FormatPcap   Format = "pcap"
	FormatPcapNG Format = "pcapng"
)

// Options says what to generate.
type Options struct {
	// Size is the capture size in bytes to reach. New scenarios start until the output reaches
	// Size; the ones under way are then finished, so the file ends a few kilobytes longer.
	Size int64 `json:"size"`
	// RTPShare is the fraction of all packets that are RTP, in [0, 1). RTP flows only while
	// an answered call is up; 0.95 gives about 19 RTP packets per other packet.
	RTPShare float64 `json:"rtp_share"`
	// TCPShare is the fraction of scenarios carried over TCP connections, in [0, 1].
	TCPShare float64 `json:"tcp_share"`
	// Seed selects the traffic. The same Options give the same capture.
	Seed uint64 `json:"seed"`
	// Format is the file format; empty means FormatPcap.
	Format Format `json:"format"`
	// Rate is the mean number of packets per second of capture time (default 1000), close
	// to but not exactly met: scenarios start at the rate that gives it. With the delays
	// between messages (ringing 1-10 s, talk 5-90 s) it sets how many transactions, calls
	// and registrations are under way at once.
	Rate float64 `json:"rate"`
	// RetransmitShare is the fraction of UDP scenarios with one retransmitted message
	// (default 0.02; negative means none).
	RetransmitShare float64 `json:"retransmit_share"`
}

// DefaultRate is the packet rate when Options.Rate is zero: a busy access SBC's signalling.
const DefaultRate = 1000

// DefaultRetransmitShare is the share of UDP scenarios with a retransmission when
// Options.RetransmitShare is zero.
const DefaultRetransmitShare = 0.02

func (o *Options) normalise() error {
	if o.Size <= 0 {
		return errors.New("size must be positive")
	}
	if o.RTPShare < 0 || o.RTPShare >= 1 {
		return fmt.Errorf("RTP share %v: want 0 <= share < 1", o.RTPShare)
	}
	if o.TCPShare < 0 || o.TCPShare > 1 {
		return fmt.Errorf("TCP share %v: want 0 <= share <= 1", o.TCPShare)
	}
	if o.Format == "" {
		o.Format = FormatPcap
	}
	if o.Format != FormatPcap && o.Format != FormatPcapNG {
		return fmt.Errorf("format %q: want pcap or pcapng", o.Format)
	}
	if o.Rate == 0 {
		o.Rate = DefaultRate
	}
	if o.Rate < 0 || o.Rate > 1e9 {
		return fmt.Errorf("rate %v: want 0 < packets per second <= 1e9", o.Rate)
	}
	if o.RetransmitShare == 0 {
		o.RetransmitShare = DefaultRetransmitShare
	}
	if o.RetransmitShare < 0 {
		o.RetransmitShare = 0
	}
	if o.RetransmitShare > 1 {
		return fmt.Errorf("retransmit share %v: want at most 1", o.RetransmitShare)
	}
	return nil
}

// packetWriter is what pcapgo.Writer and pcapgo.NgWriter have in common.
type packetWriter interface {
	WritePacket(ci gopacket.CaptureInfo, data []byte) error
}

// countingWriter counts the bytes the capture writers emit.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Generate writes a capture to w and returns what it holds.
func Generate(w io.Writer, opts Options) (*Expected, error) {
	if err := opts.normalise(); err != nil {
		return nil, err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := &countingWriter{w: bw}
	var pw packetWriter
	var flush func() error
	switch opts.Format {
	case FormatPcapNG:
		ng, err := pcapgo.NewNgWriterInterface(cw, pcapgo.NgInterface{
			Name:       "eth0",
			LinkType:   layers.LinkTypeEthernet,
			SnapLength: 65535,
			// Nanosecond timestamps (if_tsresol 9).
			TimestampResolution: 9,
		}, pcapgo.NgWriterOptions{SectionInfo: pcapgo.NgSectionInfo{Application: "sipgen"}})
		if err != nil {
			return nil, fmt.Errorf("write pcapng header: %w", err)
		}
		pw, flush = ng, ng.Flush
	default:
		pc := pcapgo.NewWriterNanos(cw)
		if err := pc.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
			return nil, fmt.Errorf("write pcap header: %w", err)
		}
		pw, flush = pc, func() error { return nil }
	}
	g := newGenerator(opts, pw, cw)
	if err := g.run(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, fmt.Errorf("flush capture: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("flush capture: %w", err)
	}
	g.exp.Bytes = cw.n
	g.exp.finish()
	return &g.exp, nil
}

// ExpectedPath is where WriteFile puts the expected counts of the capture at path.
func ExpectedPath(path string) string { return path + ".expected.json" }

// WriteFile writes a capture to path and its expected counts to ExpectedPath(path).
func WriteFile(path string, opts Options) (*Expected, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create capture: %w", err)
	}
	exp, err := Generate(f, opts)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close %s: %w", path, cerr)
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("generate %s: %w", path, err)
	}
	data, err := json.MarshalIndent(exp, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode expected counts: %w", err)
	}
	if err := os.WriteFile(ExpectedPath(path), append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write expected counts: %w", err)
	}
	return exp, nil
}

// startUnixNano is the timestamp of the first packet (2026-01-15 09:00:00 UTC): fixed, so that
// captures are reproducible.
const startUnixNano = 1768467600 * int64(time.Second)
