package sipmsg

// seedMessages are extra fuzz seeds beside the RFC 4475 files.
var seedMessages = []string{
	"SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nContent-Length: 0\r\n\r\n",
	"INVITE sip:b@d SIP/2.0\nv: SIP/2.0/TCP h\ni: x\nf: sip:a@b;tag=2\nt: sip:b@d\nCSeq: 2 INVITE\nl: 4\n\nbody",
	"SIP/2.0 403 Forbidden\r\nReason: Q.850;cause=21;text=\"Call Rejected\", SIP;cause=403\r\nWarning: 399 h \"x\"\r\nWWW-Authenticate: Digest realm=\"r\", stale=true\r\nSubject: a\r\n  folded\r\n\r\n",
}
