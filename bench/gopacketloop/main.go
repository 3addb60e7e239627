// Command gopacketloop is the plain gopacket loop the performance targets compare sipscan with:
// every packet of a pcap or pcapng file through gopacket.NewPacket with the default decoding options, and
// layers.SIP wherever gopacket finds it. It prints the packets read and the SIP layers found, as
// JSON with the keys of the generator's expected counts ("packets", "sip_messages"), so that
// bench/run.sh checks it too (gopacket finds SIP by port and does not reassemble TCP, so on
// captures with SIP over TCP or on other ports it finds fewer).
//
//	go run ./bench/gopacketloop FILE.pcap
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gopacketloop FILE.pcap")
		os.Exit(2)
	}
	found, err := count(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "gopacketloop:", err)
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(found); err != nil {
		fmt.Fprintln(os.Stderr, "gopacketloop:", err)
		os.Exit(1)
	}
}

// packetSource is what pcapgo's pcap and pcapng readers have in common.
type packetSource interface {
	ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	LinkType() layers.LinkType
}

// counts are what the loop found.
type counts struct {
	Packets     int `json:"packets"`
	SIPMessages int `json:"sip_messages"`
}

func count(name string) (counts, error) {
	var c counts
	f, err := os.Open(name)
	if err != nil {
		return c, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	var r packetSource
	if magic, _ := br.Peek(4); string(magic) == "\x0a\x0d\x0d\x0a" {
		r, err = pcapgo.NewNgReader(br, pcapgo.DefaultNgReaderOptions)
	} else {
		r, err = pcapgo.NewReader(br)
	}
	if err != nil {
		return c, fmt.Errorf("read %s: %w", name, err)
	}
	for {
		data, _, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		if err != nil {
			return c, fmt.Errorf("read %s: packet %d: %w", name, c.Packets+1, err)
		}
		c.Packets++
		p := gopacket.NewPacket(data, r.LinkType(), gopacket.Default)
		if p.Layer(layers.LayerTypeSIP) != nil {
			c.SIPMessages++
		}
	}
}
