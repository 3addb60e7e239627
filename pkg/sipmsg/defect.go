package sipmsg

import "strings"

// Defect is a set of non-fatal problems found by Parse. A message with defects still parsed:
// its accessors return what could be read, the first value of a duplicated single-value
// header, and zero values for fields that could not be decoded.
type Defect uint32

// Defects recorded by Parse.
const (
	// DefectHeaderSyntax: a header line without a colon or with a name that is not a token.
	DefectHeaderSyntax Defect = 1 << iota
	// DefectDuplicate: a single-value header (Call-ID, CSeq, From, To, Max-Forwards,
	// Content-Length, Content-Type, Expires, Min-Expires, Retry-After, User-Agent, Server)
	// appears more than once or carries several comma-separated values. The first is kept.
	DefectDuplicate
	// DefectContentLength: Content-Length is not a number or exceeds MaxBodyBytes.
	DefectContentLength
	// DefectBodyTruncated: fewer body bytes than Content-Length announces.
	DefectBodyTruncated
	// DefectCSeq: the CSeq number is missing, not a number or not below 2**31, or the method is missing.
	DefectCSeq
	// DefectCSeqMethod: a request whose CSeq method differs from the request-line method.
	DefectCSeqMethod
	// DefectMaxForwards: Max-Forwards is not a number in 0..255.
	DefectMaxForwards
	// DefectNumber: Expires, Min-Expires or Retry-After is not a number that fits 32 bits.
	DefectNumber
	// DefectWarning: a Warning value without a 3-digit code, an agent and a quoted text.
	DefectWarning
	// DefectReason: a Reason value without a protocol, or with a cause that is not a number.
	DefectReason
	// DefectAddress: From or To is not a valid name-addr or addr-spec (unbalanced quotes or
	// angle brackets, whitespace in an addr-spec, parameters on an unbracketed URI with
	// URI parameters, a display name that is neither a token list nor a quoted string).
	DefectAddress
	// DefectVia: the top Via has no transport or sent-by.
	DefectVia
	// DefectMissingHeader: one of Via, From, To, Call-ID, CSeq is absent.
	DefectMissingHeader
	// DefectRequestLine: more than one space between request-line elements, or trailing whitespace.
	DefectRequestLine
	// DefectRequestURI: the Request-URI has no scheme, is enclosed in <>, contains whitespace,
	// or is a SIP/SIPS URI with a header part ("?").
	DefectRequestURI
	// DefectVersion: the SIP version is not SIP/2.0.
	DefectVersion
	// DefectTooMany: more headers, Reason values or Warning values than the fixed capacity
	// (MaxHeaders, MaxValues); the rest were counted but not stored.
	DefectTooMany
	// DefectFolding: a continuation line before the first header.
	DefectFolding

	defectEnd
)

var defectNames = [...]string{
	"header-syntax", "duplicate", "content-length", "body-truncated", "cseq", "cseq-method",
	"max-forwards", "number", "warning", "reason", "address", "via", "missing-header",
	"request-line", "request-uri", "version", "too-many", "folding",
}

// String lists the defects separated by "|", or "none".
func (d Defect) String() string {
	if d == 0 {
		return "none"
	}
	var sb strings.Builder
	for i, name := range defectNames {
		if d&(1<<i) != 0 {
			if sb.Len() > 0 {
				sb.WriteByte('|')
			}
			sb.WriteString(name)
		}
	}
	if rest := d &^ (defectEnd - 1); rest != 0 {
		if sb.Len() > 0 {
			sb.WriteByte('|')
		}
		sb.WriteString("unknown")
	}
	return sb.String()
}
