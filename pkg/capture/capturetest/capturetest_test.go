package capturetest

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/gopacket/pcapgo"
)

// TestReadableByPcapgo reads every sample back with gopacket's pcapgo readers (an independent
// implementation of both formats) and checks packet count, data and times.
func TestReadableByPcapgo(t *testing.T) {
	for _, s := range Samples() {
		t.Run(s.Name, func(t *testing.T) {
			var buf bytes.Buffer
			ng := strings.HasSuffix(s.Name, ".pcapng")
			var err error
			if ng {
				err = WritePcapng(&buf, PcapngOptions{Nanosecond: true}, s.Packets)
			} else {
				err = WritePcap(&buf, PcapOptions{Nanosecond: true}, s.Packets)
			}
			if err != nil {
				t.Fatal(err)
			}
			var next func() ([]byte, int64, error)
			if ng {
				r, err := pcapgo.NewNgReader(&buf, pcapgo.NgReaderOptions{WantMixedLinkType: true})
				if err != nil {
					t.Fatal(err)
				}
				next = func() ([]byte, int64, error) {
					d, ci, err := r.ReadPacketData()
					return d, ci.Timestamp.UnixNano(), err
				}
			} else {
				r, err := pcapgo.NewReader(&buf)
				if err != nil {
					t.Fatal(err)
				}
				if uint32(r.LinkType()) != s.Packets[0].LinkType {
					t.Errorf("link type %d, want %d", r.LinkType(), s.Packets[0].LinkType)
				}
				next = func() ([]byte, int64, error) {
					d, ci, err := r.ReadPacketData()
					return d, ci.Timestamp.UnixNano(), err
				}
			}
			for i, p := range s.Packets {
				d, ts, err := next()
				if err != nil {
					t.Fatalf("packet %d: %v", i+1, err)
				}
				if !bytes.Equal(d, p.Data) || ts != p.Time.UnixNano() {
					t.Fatalf("packet %d differs", i+1)
				}
			}
			if _, _, err := next(); err == nil {
				t.Fatal("more packets than written")
			}
		})
	}
}

// TestTsharkAgrees checks with tshark, when installed, that generated captures decode with
// valid checksums and that tshark finds the SIP messages they were built with.
func TestTsharkAgrees(t *testing.T) {
	if _, err := exec.LookPath("tshark"); err != nil {
		t.Skip("tshark not installed")
	}
	dir := t.TempDir()
	for _, s := range Samples() {
		path := filepath.Join(dir, s.Name)
		if err := WriteFile(path, s.Packets); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("tshark", "-r", path, "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
			"-o", "ip.check_checksum:TRUE", "-T", "fields", "-e", "sip.Call-ID", "-e", "_ws.expert.message").Output()
		if err != nil {
			t.Fatalf("%s: tshark: %v", s.Name, err)
		}
		text := string(out)
		if strings.Contains(strings.ToLower(text), "bad checksum") || strings.Contains(text, "incorrect") {
			t.Errorf("%s: tshark reports bad checksums:\n%s", s.Name, text)
		}
		want := map[string]bool{}
		for _, p := range s.Packets {
			if i := bytes.Index(p.Data, []byte("Call-ID: ")); i >= 0 {
				id, _, _ := bytes.Cut(p.Data[i+9:], []byte("\r"))
				want[string(id)] = true
			}
		}
		for id := range want {
			if !strings.Contains(text, id) {
				t.Errorf("%s: tshark does not show Call-ID %s:\n%s", s.Name, id, text)
			}
		}
	}
}
