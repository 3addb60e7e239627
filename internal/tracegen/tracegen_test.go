package tracegen

import (
	"bytes"
	"encoding/binary"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

// decoded is what a plain gopacket decode finds in a capture.
type decoded struct {
	packets, rtp, tcp, sip, requests, responses, retrans int64
	methods                                              map[string]int64
	codes                                                map[ResponseCount]int64
	calls                                                CallCounts
	regs                                                 RegistrationCounts
	badChecksums                                         int
}

// callTrace is what the test remembers of one Call-ID.
type callTrace struct {
	invite, register, cancel bool
	answered                 bool
	final                    int // last final response to INVITE or REGISTER
	branches                 map[string]bool
}

// decodeCapture decodes every packet with gopacket.NewPacket and layers.SIP and redoes the
// counting independently of the generator.
func decodeCapture(t *testing.T, data []byte) decoded {
	t.Helper()
	var src interface {
		ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	}
	if binary.LittleEndian.Uint32(data) == 0x0a0d0d0a {
		r, err := pcapgo.NewNgReader(bytes.NewReader(data), pcapgo.DefaultNgReaderOptions)
		if err != nil {
			t.Fatal(err)
		}
		src = r
	} else {
		r, err := pcapgo.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		src = r
	}
	d := decoded{methods: map[string]int64{}, codes: map[ResponseCount]int64{}}
	seen := map[string]bool{}
	calls := map[string]*callTrace{}
	var order []string
	branchOwner := map[string]string{}
	for {
		pkt, _, err := src.ReadPacketData()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("packet %d: %v", d.packets+1, err)
		}
		d.packets++
		p := gopacket.NewPacket(pkt, layers.LayerTypeEthernet, gopacket.Default)
		if el := p.ErrorLayer(); el != nil {
			t.Fatalf("packet %d: decode error: %v", d.packets, el.Error())
		}
		ip := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		if !checksumOK(ip.Contents) {
			d.badChecksums++
		}
		if tl := p.TransportLayer(); tl != nil {
			pseudo := append(append(append([]byte{}, ip.SrcIP.To4()...), ip.DstIP.To4()...), 0, byte(ip.Protocol), 0, 0)
			binary.BigEndian.PutUint16(pseudo[10:], uint16(len(ip.Payload)))
			if !checksumOK(append(pseudo, ip.Payload...)) {
				d.badChecksums++
			}
		}
		if p.Layer(layers.LayerTypeTCP) != nil {
			d.tcp++
		}
		sl := p.Layer(layers.LayerTypeSIP)
		if tcp, ok := p.Layer(layers.LayerTypeTCP).(*layers.TCP); ok && len(tcp.Payload) > 0 {
			// gopacket maps UDP port 5060 to SIP, not TCP: decode the segment (one whole
			// message each) directly.
			sp := gopacket.NewPacket(tcp.Payload, layers.LayerTypeSIP, gopacket.Default)
			if el := sp.ErrorLayer(); el != nil {
				t.Fatalf("packet %d: SIP over TCP: %v", d.packets, el.Error())
			}
			sl = sp.Layer(layers.LayerTypeSIP)
		}
		if sl == nil {
			if udp, ok := p.Layer(layers.LayerTypeUDP).(*layers.UDP); ok && len(udp.Payload) == 172 && udp.Payload[0] == 0x80 {
				d.rtp++
			}
			continue
		}
		sip := sl.(*layers.SIP)
		d.sip++
		key := string(sip.LayerContents()) + string(sip.LayerPayload())
		if seen[key] {
			d.retrans++
		}
		seen[key] = true
		callID := sip.GetCallID()
		cseq := strings.Fields(sip.GetFirstHeader("cseq"))
		if callID == "" || len(cseq) != 2 {
			t.Fatalf("packet %d: no Call-ID or CSeq", d.packets)
		}
		c := calls[callID]
		if c == nil {
			c = &callTrace{branches: map[string]bool{}}
			calls[callID] = c
			order = append(order, callID)
		}
		via := sip.GetFirstHeader("via")
		branch := via[strings.Index(via, "branch=")+7:]
		if i := strings.IndexByte(branch, ';'); i >= 0 {
			branch = branch[:i]
		}
		if owner, ok := branchOwner[branch]; ok && owner != callID {
			t.Fatalf("packet %d: branch %s used by Call-IDs %s and %s", d.packets, branch, owner, callID)
		}
		branchOwner[branch] = callID
		if !sip.IsResponse {
			d.requests++
			m := sip.Method.String()
			d.methods[m]++
			switch m {
			case "INVITE":
				c.invite = true
			case "REGISTER":
				c.register = true
			case "CANCEL":
				c.cancel = true
			}
			continue
		}
		d.responses++
		d.codes[ResponseCount{Code: sip.ResponseCode, Reason: sip.ResponseStatus}]++
		if (cseq[1] == "INVITE" || cseq[1] == "REGISTER") && sip.ResponseCode >= 200 {
			c.final = sip.ResponseCode
			if sip.ResponseCode < 300 {
				c.answered = true
			}
		}
	}
	for _, id := range order {
		c := calls[id]
		switch {
		case c.invite:
			d.calls.Total++
			switch {
			case c.answered:
				d.calls.Answered++
			case c.final == 487 && c.cancel:
				d.calls.Cancelled++
			default:
				d.calls.Failed++
				if c.final == 486 {
					d.calls.Busy++
				}
			}
		case c.register:
			d.regs.Total++
			if c.answered {
				d.regs.Succeeded++
			} else {
				d.regs.Failed++
			}
		}
	}
	return d
}

// checksumOK verifies an Internet checksum over b (which includes the checksum field).
func checksumOK(b []byte) bool { return fold(sum(b, 0)) == 0 }

func generate(t *testing.T, opts Options) ([]byte, *Expected) {
	t.Helper()
	var buf bytes.Buffer
	exp, err := Generate(&buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if exp.Bytes != int64(buf.Len()) {
		t.Errorf("Bytes = %d, file has %d", exp.Bytes, buf.Len())
	}
	return buf.Bytes(), exp
}

func TestCountsMatchGopacketDecode(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"udp", Options{Size: 300 << 10, Seed: 1, RetransmitShare: 0.2}},
		{"udp rtp", Options{Size: 300 << 10, Seed: 2, RTPShare: 0.9}},
		{"tcp", Options{Size: 300 << 10, Seed: 3, TCPShare: 1}},
		{"mixed pcapng", Options{Size: 300 << 10, Seed: 4, TCPShare: 0.3, RTPShare: 0.5, Format: FormatPcapNG, RetransmitShare: 0.3}},
		{"no retransmissions", Options{Size: 100 << 10, Seed: 5, RetransmitShare: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, exp := generate(t, tt.opts)
			d := decodeCapture(t, data)
			if d.badChecksums != 0 {
				t.Errorf("%d bad checksums", d.badChecksums)
			}
			check := func(what string, got, want int64) {
				t.Helper()
				if got != want {
					t.Errorf("%s: decode finds %d, expected file says %d", what, got, want)
				}
			}
			check("packets", d.packets, exp.Packets)
			check("RTP packets", d.rtp, exp.RTPPackets)
			check("TCP packets", d.tcp, exp.TCPPackets)
			check("SIP messages", d.sip, exp.SIPMessages)
			check("requests", d.requests, exp.Requests)
			check("responses", d.responses, exp.Responses)
			check("retransmissions", d.retrans, exp.Retransmissions)
			for m, n := range exp.MethodCounts() {
				check("method "+m, d.methods[m], n)
			}
			if len(d.methods) != len(exp.Methods) {
				t.Errorf("methods: decode finds %v, expected %v", d.methods, exp.Methods)
			}
			for _, c := range exp.ResponseCodes {
				check("response "+strconv.Itoa(c.Code)+" "+c.Reason, d.codes[ResponseCount{Code: c.Code, Reason: c.Reason}], c.Count)
			}
			if len(d.codes) != len(exp.ResponseCodes) {
				t.Errorf("responses: decode finds %d kinds, expected %d", len(d.codes), len(exp.ResponseCodes))
			}
			if d.calls != exp.Calls {
				t.Errorf("calls: decode finds %+v, expected %+v", d.calls, exp.Calls)
			}
			if d.regs != exp.Registrations {
				t.Errorf("registrations: decode finds %+v, expected %+v", d.regs, exp.Registrations)
			}
			if exp.Calls.Total == 0 || exp.Registrations.Total == 0 {
				t.Errorf("no calls or registrations: %+v %+v", exp.Calls, exp.Registrations)
			}
			if tt.opts.RTPShare > 0 {
				share := float64(exp.RTPPackets) / float64(exp.Packets)
				if share < tt.opts.RTPShare-0.1 || share > tt.opts.RTPShare+0.01 {
					t.Errorf("RTP share %.3f, want about %.2f", share, tt.opts.RTPShare)
				}
			}
		})
	}
}

func TestOutcomeMix(t *testing.T) {
	_, exp := generate(t, Options{Size: 4 << 20, Seed: 9})
	c := exp.Calls
	if c.Answered == 0 || c.Failed == 0 || c.Cancelled == 0 || c.Busy == 0 {
		t.Errorf("calls %+v: want every outcome", c)
	}
	if c.Answered+c.Failed+c.Cancelled != c.Total {
		t.Errorf("calls %+v: outcomes do not add up", c)
	}
	r := exp.Registrations
	if r.Succeeded == 0 || r.Failed == 0 || r.Succeeded+r.Failed != r.Total {
		t.Errorf("registrations %+v", r)
	}
	codes := map[string]bool{}
	for _, rc := range exp.ResponseCodes {
		codes[strconv.Itoa(rc.Code)+" "+rc.Reason] = true
	}
	for _, want := range []string{"480 No money left", "403 Wrong Guess", "488 Codec Mismatch", "503 Service Unavailable",
		"407 Proxy Authentication Required", "401 Unauthorized", "486 Busy Here", "487 Request Terminated"} {
		if !codes[want] {
			t.Errorf("no %q response", want)
		}
	}
	if exp.Retransmissions == 0 {
		t.Error("no retransmissions")
	}
}

func TestDeterministic(t *testing.T) {
	opts := Options{Size: 200 << 10, Seed: 7, RTPShare: 0.5, TCPShare: 0.2}
	a, _ := generate(t, opts)
	b, _ := generate(t, opts)
	if !bytes.Equal(a, b) {
		t.Error("same options, different captures")
	}
	opts.Seed = 8
	c, _ := generate(t, opts)
	if bytes.Equal(a, c) {
		t.Error("different seeds, same capture")
	}
}

func TestSizeReached(t *testing.T) {
	for _, size := range []int64{4 << 20, 16 << 20} {
		_, exp := generate(t, Options{Size: size, Seed: 1, RTPShare: 0.95})
		if exp.Bytes < size*8/10 || exp.Bytes > size*125/100 {
			t.Errorf("size %d: wrote %d bytes", size, exp.Bytes)
		}
	}
}

func TestOptionsRejected(t *testing.T) {
	for _, o := range []Options{
		{},
		{Size: 1, RTPShare: 1},
		{Size: 1, RTPShare: -0.1},
		{Size: 1, TCPShare: 1.5},
		{Size: 1, Format: "erf"},
		{Size: 1, RetransmitShare: 2},
		{Size: 1, Rate: -1},
	} {
		if _, err := Generate(io.Discard, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestWriteFileAndCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.pcap")
	exp, err := WriteFile(path, Options{Size: 256 << 10, Seed: 3, RTPShare: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadExpected(ExpectedPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if back.Packets != exp.Packets || !slices.Equal(back.Methods, exp.Methods) || back.Calls != exp.Calls {
		t.Errorf("read back %+v, wrote %+v", back, exp)
	}
	// A report built from the expectations agrees; one with a wrong count does not.
	rep := fakeReport(exp)
	if d, err := exp.CheckReport(rep); err != nil || len(d) != 0 {
		t.Errorf("CheckReport(own counts) = %v, %v", d, err)
	}
	bad := bytes.Replace(rep, []byte(`"answered":`+strconv.FormatInt(exp.Calls.Answered, 10)), []byte(`"answered":1`), 1)
	if d, err := exp.CheckReport(bad); err != nil || len(d) != 1 || !strings.Contains(d[0], "calls.answered") {
		t.Errorf("CheckReport(wrong answered) = %q, %v", d, err)
	}
	if _, err := exp.CheckReport([]byte(`{"schema":"other"}`)); err == nil {
		t.Error("CheckReport accepted another schema")
	}
}

// fakeReport renders the expected counts in the report contract's shape.
func fakeReport(e *Expected) []byte {
	var b strings.Builder
	b.WriteString(`{"schema":"sipscan.report/v1","totals":{"packets":` + strconv.FormatInt(e.Packets, 10) +
		`,"sip_messages":` + strconv.FormatInt(e.SIPMessages, 10) + `,"requests":` + strconv.FormatInt(e.Requests, 10) +
		`,"responses":` + strconv.FormatInt(e.Responses, 10) + `,"retransmissions":` + strconv.FormatInt(e.Retransmissions, 10) + `},"methods":[`)
	for i, m := range e.Methods {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"method":"` + m.Method + `","count":` + strconv.FormatInt(m.Count, 10) + `}`)
	}
	b.WriteString(`],"responses":[`)
	for i, r := range e.ResponseCodes {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"code":` + strconv.Itoa(r.Code) + `,"reason":"` + r.Reason + `","count":` + strconv.FormatInt(r.Count, 10) + `}`)
	}
	c, r := e.Calls, e.Registrations
	b.WriteString(`],"calls":{"total":` + strconv.FormatInt(c.Total, 10) + `,"answered":` + strconv.FormatInt(c.Answered, 10) +
		`,"failed":` + strconv.FormatInt(c.Failed, 10) + `,"cancelled":` + strconv.FormatInt(c.Cancelled, 10) +
		`},"registrations":{"total":` + strconv.FormatInt(r.Total, 10) + `,"succeeded":` + strconv.FormatInt(r.Succeeded, 10) +
		`,"failed":` + strconv.FormatInt(r.Failed, 10) + `}}`)
	return []byte(b.String())
}

func TestTsharkAgrees(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed")
	}
	path := filepath.Join(t.TempDir(), "w.pcap")
	exp, err := WriteFile(path, Options{Size: 512 << 10, Seed: 11, RTPShare: 0.5, TCPShare: 0.2, RetransmitShare: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tshark, "-n", "-q", "-z", "sip,stat", "-r", path).Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	d, err := exp.CheckTsharkSIPStat(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range d {
		t.Error(line)
	}
	if !bytes.Contains(out, []byte("Number of resent SIP messages: "+strconv.FormatInt(exp.Retransmissions, 10))) {
		t.Logf("tshark resent count differs from %d retransmissions:\n%s", exp.Retransmissions, out)
	}
}
