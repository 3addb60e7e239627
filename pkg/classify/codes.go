package classify

// codeEntry is one row of the response-code table.
type codeEntry struct {
	code       int
	phrase     string
	category   Category
	registered bool // in the IANA registry; false for codes seen on the wire only
}

// codeTable lists every IANA-registered SIP response code with its registered reason phrase
// and default category, followed by unregistered codes that real servers send.
var codeTable = [...]codeEntry{
	{100, "Trying", CategoryOK, true},
	{180, "Ringing", CategoryOK, true},
	{181, "Call Is Being Forwarded", CategoryOK, true},
	{182, "Queued", CategoryOK, true},
	{183, "Session Progress", CategoryOK, true},
	{199, "Early Dialog Terminated", CategoryOK, true},
	{200, "OK", CategoryOK, true},
	{202, "Accepted", CategoryOK, true},
	{204, "No Notification", CategoryOK, true},
	{300, "Multiple Choices", CategoryOK, true},
	{301, "Moved Permanently", CategoryOK, true},
	{302, "Moved Temporarily", CategoryOK, true},
	{305, "Use Proxy", CategoryOK, true},
	{380, "Alternative Service", CategoryOK, true},
	{400, "Bad Request", CategoryProtocolError, true},
	{401, "Unauthorized", CategoryAuthChallenge, true},
	{402, "Payment Required", CategoryBillingFunds, true},
	{403, "Forbidden", CategoryPolicyForbidden, true},
	{404, "Not Found", CategoryNumberInvalid, true},
	{405, "Method Not Allowed", CategoryProtocolError, true},
	{406, "Not Acceptable", CategoryProtocolError, true},
	{407, "Proxy Authentication Required", CategoryAuthChallenge, true},
	{408, "Request Timeout", CategoryNetworkUnreachable, true},
	{410, "Gone", CategoryNumberInvalid, true},
	{412, "Conditional Request Failed", CategoryProtocolError, true},
	{413, "Request Entity Too Large", CategoryProtocolError, true},
	{414, "Request-URI Too Long", CategoryProtocolError, true},
	{415, "Unsupported Media Type", CategoryProtocolError, true},
	{416, "Unsupported URI Scheme", CategoryProtocolError, true},
	{417, "Unknown Resource-Priority", CategoryProtocolError, true},
	{420, "Bad Extension", CategoryProtocolError, true},
	{421, "Extension Required", CategoryProtocolError, true},
	{422, "Session Interval Too Small", CategoryProtocolError, true},
	{423, "Interval Too Brief", CategoryProtocolError, true},
	{424, "Bad Location Information", CategoryProtocolError, true},
	{425, "Bad Alert Message", CategoryProtocolError, true},
	{428, "Use Identity Header", CategorySecurityIdentity, true},
	{429, "Provide Referrer Identity", CategorySecurityIdentity, true},
	{430, "Flow Failed", CategoryNetworkUnreachable, true},
	{433, "Anonymity Disallowed", CategorySecurityIdentity, true},
	{436, "Bad Identity Info", CategorySecurityIdentity, true},
	{437, "Unsupported Credential", CategorySecurityIdentity, true},
	{438, "Invalid Identity Header", CategorySecurityIdentity, true},
	{439, "First Hop Lacks Outbound Support", CategoryProtocolError, true},
	{440, "Max-Breadth Exceeded", CategoryRouteNoRoute, true},
	{469, "Bad Info Package", CategoryProtocolError, true},
	{470, "Consent Needed", CategoryPolicyForbidden, true},
	{480, "Temporarily Unavailable", CategoryCalleeUnavailable, true},
	{481, "Call/Transaction Does Not Exist", CategoryProtocolError, true},
	{482, "Loop Detected", CategoryRouteNoRoute, true},
	{483, "Too Many Hops", CategoryRouteNoRoute, true},
	{484, "Address Incomplete", CategoryNumberInvalid, true},
	{485, "Ambiguous", CategoryNumberInvalid, true},
	{486, "Busy Here", CategoryCalleeBusy, true},
	{487, "Request Terminated", CategoryRequestCancelled, true},
	{488, "Not Acceptable Here", CategoryMediaCodec, true},
	{489, "Bad Event", CategoryProtocolError, true},
	{491, "Request Pending", CategoryProtocolError, true},
	{493, "Undecipherable", CategoryProtocolError, true},
	{494, "Security Agreement Required", CategoryAuthChallenge, true},
	{500, "Server Internal Error", CategoryServerError, true},
	{501, "Not Implemented", CategoryProtocolError, true},
	{502, "Bad Gateway", CategoryServerError, true},
	{503, "Service Unavailable", CategoryCapacityOverload, true},
	{504, "Server Time-out", CategoryNetworkUnreachable, true},
	{505, "Version Not Supported", CategoryProtocolError, true},
	{513, "Message Too Large", CategoryProtocolError, true},
	{555, "Push Notification Service Not Supported", CategoryProtocolError, true},
	{580, "Precondition Failure", CategoryMediaCodec, true},
	{600, "Busy Everywhere", CategoryCalleeBusy, true},
	{603, "Decline", CategoryCalleeDeclined, true},
	{604, "Does Not Exist Anywhere", CategoryNumberInvalid, true},
	{606, "Not Acceptable", CategoryMediaCodec, true},
	{607, "Unwanted", CategoryCalleeDeclined, true},
	{608, "Rejected", CategorySecurityIdentity, true},

	// Not registered, but sent by real servers (RFC 2543 leftovers, proxy-internal errors,
	// library-internal statuses).
	{110, "Push sent", CategoryOK, false},
	{409, "Conflict", CategoryProtocolError, false},
	{411, "Length Required", CategoryProtocolError, false},
	{473, "Filtered destination", CategoryPolicyForbidden, false},
	{476, "Unresolvable destination", CategoryNetworkUnreachable, false},
	{477, "Send failed", CategoryNetworkUnreachable, false},
	{478, "Unresolvable destination", CategoryNetworkUnreachable, false},
	{479, "Regretfully, we were not able to process the URI", CategoryProtocolError, false},
	{490, "Request Updated", CategoryProtocolError, false},
	{499, "Codec Mismatch", CategoryMediaCodec, false},
	{687, "Dialog Terminated", CategoryOK, false},
	{701, "No response from destination server", CategoryNetworkUnreachable, false},
	{702, "Unable to resolve destination server", CategoryNetworkUnreachable, false},
	{703, "Error sending message to destination server", CategoryNetworkUnreachable, false},
}

// lookupCode returns the table row of code.
func lookupCode(code int) (codeEntry, bool) {
	for _, e := range codeTable {
		if e.code == code {
			return e, true
		}
	}
	return codeEntry{}, false
}

// StandardPhrase returns the reason phrase the IANA registry gives for code, and false when
// code is not registered.
func StandardPhrase(code int) (string, bool) {
	e, ok := lookupCode(code)
	if !ok || !e.registered {
		return "", false
	}
	return e.phrase, true
}

// classNames holds "1xx".."9xx" so that Class never allocates.
var classNames = [...]string{"", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx", "7xx", "8xx", "9xx"}

// Class returns the class of a response code, "1xx" to "6xx" (and "7xx".."9xx" for codes that
// are outside SIP but may still be read off a broken wire), or "" for codes outside 100-999.
func Class(code int) string {
	if code < 100 || code > 999 {
		return ""
	}
	return classNames[code/100]
}
