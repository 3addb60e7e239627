package sipmsg

import (
	"errors"
	"strconv"
)

// Sentinel errors. Parse and Frame return them unwrapped, so both == and errors.Is work.
var (
	// ErrNotSIP means the bytes do not begin with a SIP start line.
	ErrNotSIP = errors.New("sipmsg: not a SIP message")
	// ErrTruncated means the bytes end inside the start line or the header section.
	ErrTruncated = errors.New("sipmsg: message truncated")
	// ErrTooLarge means a size limit (MaxHeaderBytes, MaxBodyBytes, 2 GiB input) was exceeded.
	ErrTooLarge = errors.New("sipmsg: message too large")
)

// MalformedError reports bytes that look like SIP but break its grammar in a way the parser
// cannot step over, such as a status code that is not three digits.
type MalformedError struct {
	// What names the defect, for example "status line: code not 3 digits".
	What string
	// Offset is the byte offset in the parsed buffer where the defect was found.
	Offset int
}

// Error implements error.
func (e *MalformedError) Error() string {
	return "sipmsg: malformed " + e.What + " at offset " + strconv.Itoa(e.Offset)
}
