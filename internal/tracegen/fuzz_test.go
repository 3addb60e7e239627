package tracegen

import "testing"

// FuzzCheckTsharkSIPStat feeds arbitrary text as tshark output: no panic, and an error or a
// list of differences.
func FuzzCheckTsharkSIPStat(f *testing.F) {
	f.Add([]byte("Number of SIP messages: 3\nNumber of resent SIP messages: 0\n\n * SIP Status Codes in reply packets\n  SIP 200 OK : 1 Packets\n\n * List of SIP Request methods\n  INVITE : 1 Packets\n  ACK : 1 Packets\n"))
	f.Add([]byte("Number of SIP messages: 99999999999999999999999\n  SIP 9999 x : -1 Packets\n"))
	e := &Expected{SIPMessages: 3, Methods: []MethodCount{{"INVITE", 1}, {"ACK", 1}}, ResponseCodes: []ResponseCount{{200, "OK", 1}}}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := e.CheckTsharkSIPStat(data)
		if err != nil && d != nil {
			t.Errorf("both differences and error %v", err)
		}
	})
}

// FuzzCheckReport feeds arbitrary bytes as a sipscan report.
func FuzzCheckReport(f *testing.F) {
	e := &Expected{SIPMessages: 1, Requests: 1, Methods: []MethodCount{{"OPTIONS", 1}}}
	f.Add(fakeReport(e))
	f.Add([]byte(`{"schema":"sipscan.report/v1","methods":[{"method":"X","count":-5}],"responses":[{"code":1e9}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := e.CheckReport(data)
		if err != nil && d != nil {
			t.Errorf("both differences and error %v", err)
		}
	})
}
