package capture

import (
	"encoding/binary"
	"errors"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// IPv6 extension headers that gopacket v1.1.19 cannot decode with a DecodingLayerParser
// (Routing, Fragment and AH have no DecodeFromBytes there; Hop-by-Hop and Destination do, but
// one small decoder for the three that share a layout keeps them together).

var errExtTooShort = errors.New("IPv6 extension header too short")

// ipv6Ext decodes the Hop-by-Hop (after the first header), Routing and Destination Options
// headers, which share one layout: next header, length in 8-octet units after the first 8.
type ipv6Ext struct {
	layers.BaseLayer
	next layers.IPProtocol
}

func (e *ipv6Ext) LayerType() gopacket.LayerType { return layers.LayerTypeIPv6Routing }

func (e *ipv6Ext) CanDecode() gopacket.LayerClass {
	return gopacket.NewLayerClass([]gopacket.LayerType{layers.LayerTypeIPv6Routing,
		layers.LayerTypeIPv6Destination, layers.LayerTypeIPv6HopByHop})
}

func (e *ipv6Ext) NextLayerType() gopacket.LayerType { return e.next.LayerType() }

func (e *ipv6Ext) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 8 {
		df.SetTruncated()
		return errExtTooShort
	}
	n := (int(data[1]) + 1) * 8
	if n > len(data) {
		df.SetTruncated()
		return errExtTooShort
	}
	e.next = layers.IPProtocol(data[0])
	e.Contents, e.Payload = data[:n], data[n:]
	return nil
}

// ipv6AH decodes an IPsec Authentication Header (length in 4-octet units, minus 2).
type ipv6AH struct {
	layers.BaseLayer
	next layers.IPProtocol
}

func (a *ipv6AH) LayerType() gopacket.LayerType     { return layers.LayerTypeIPSecAH }
func (a *ipv6AH) CanDecode() gopacket.LayerClass    { return layers.LayerTypeIPSecAH }
func (a *ipv6AH) NextLayerType() gopacket.LayerType { return a.next.LayerType() }

func (a *ipv6AH) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 8 {
		df.SetTruncated()
		return errExtTooShort
	}
	n := (int(data[1]) + 2) * 4
	if n > len(data) {
		df.SetTruncated()
		return errExtTooShort
	}
	a.next = layers.IPProtocol(data[0])
	a.Contents, a.Payload = data[:n], data[n:]
	return nil
}

// ipv6FragHeader decodes the IPv6 Fragment header. An atomic fragment (offset 0, no more
// fragments) passes straight on to its next header; any other fragment ends decoding with
// gopacket.LayerTypeFragment and goes to reassembly.
type ipv6FragHeader struct {
	layers.BaseLayer
	next layers.IPProtocol
	off  int
	more bool
	id   uint32
}

func (f *ipv6FragHeader) LayerType() gopacket.LayerType  { return layers.LayerTypeIPv6Fragment }
func (f *ipv6FragHeader) CanDecode() gopacket.LayerClass { return layers.LayerTypeIPv6Fragment }

func (f *ipv6FragHeader) NextLayerType() gopacket.LayerType {
	if f.fragmented() {
		return gopacket.LayerTypeFragment
	}
	return f.next.LayerType()
}

func (f *ipv6FragHeader) fragmented() bool { return f.off != 0 || f.more }

func (f *ipv6FragHeader) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 8 {
		df.SetTruncated()
		return errExtTooShort
	}
	fo := binary.BigEndian.Uint16(data[2:4])
	f.next = layers.IPProtocol(data[0])
	f.off = int(fo>>3) * 8
	f.more = fo&1 != 0
	f.id = binary.BigEndian.Uint32(data[4:8])
	f.Contents, f.Payload = data[:8], data[8:]
	return nil
}
