package classify

// Category names why a response happened. The names are part of the user interface: they
// appear in rule files, CI policies and reports, so they never change.
type Category string

// Severity tells whether a category needs an operator's action.
type Severity string

const (
	// SeverityNormal marks an expected call outcome or protocol step: nothing to fix.
	SeverityNormal Severity = "normal"
	// SeverityFault marks something misconfigured, exhausted or broken that an operator can act on.
	SeverityFault Severity = "fault"
)

// The 20 diagnosis categories, in taxonomy order.
const (
	CategoryOK                 Category = "ok"
	CategoryAuthChallenge      Category = "auth.challenge"
	CategoryAuthCredentials    Category = "auth.credentials"
	CategoryPolicyForbidden    Category = "policy.forbidden"
	CategorySecurityIdentity   Category = "security.identity"
	CategoryBillingFunds       Category = "billing.funds"
	CategoryRouteNoRoute       Category = "route.no-route"
	CategoryNumberInvalid      Category = "number.invalid"
	CategoryCalleeBusy         Category = "callee.busy"
	CategoryCalleeDeclined     Category = "callee.declined"
	CategoryCalleeUnavailable  Category = "callee.unavailable"
	CategoryRequestCancelled   Category = "request.cancelled"
	CategoryMediaCodec         Category = "media.codec"
	CategoryNATPrivateAddress  Category = "nat.private-address"
	CategoryCapacityOverload   Category = "capacity.overload"
	CategoryCapacityRateLimit  Category = "capacity.rate-limit"
	CategoryBackendDatabase    Category = "backend.database"
	CategoryServerError        Category = "server.error"
	CategoryNetworkUnreachable Category = "network.unreachable"
	CategoryProtocolError      Category = "protocol.error"
)

// CategoryInfo describes a category for people: what it means and what usually fixes it.
type CategoryInfo struct {
	Name     Category `json:"category"`
	Severity Severity `json:"severity"`
	Meaning  string   `json:"meaning"`
	Fix      string   `json:"fix"`
}

// categoryTable is read-only after package initialisation.
var categoryTable = [...]CategoryInfo{
	{CategoryOK, SeverityNormal,
		"Provisional, successful or redirecting answer; the request did not fail.",
		"Nothing to do."},
	{CategoryAuthChallenge, SeverityNormal,
		"The server asks for digest credentials (first challenge or a stale nonce); the client is expected to retry with them.",
		"Nothing to do, unless the retry never succeeds (then see auth.credentials)."},
	{CategoryAuthCredentials, SeverityFault,
		"The credentials were refused: wrong password, unknown auth user or account, auth user not matching From, source IP not allowed.",
		"Correct username, password and realm on the device or trunk, or register the source IP with the provider."},
	{CategoryPolicyForbidden, SeverityFault,
		"The request was understood and refused by policy: account or trunk disabled, relaying denied, destination barred, permission or feature missing.",
		"Enable the account, permission or calling plan, whitelist the number, or use a route the account may use."},
	{CategorySecurityIdentity, SeverityFault,
		"The caller's identity is missing or could not be verified: STIR/SHAKEN Identity absent or invalid, anonymous caller refused, call analytics blocked the call.",
		"Sign calls with a valid certificate and attestation, present a valid caller ID, or dispute the block with the analytics provider."},
	{CategoryBillingFunds, SeverityFault,
		"The account has no money left: balance or prepaid credit exhausted, spending or cost limit reached.",
		"Top up the account or raise the credit or cost limit."},
	{CategoryRouteNoRoute, SeverityFault,
		"The provider or proxy found no way to the destination: no route, gateway or trunk for the number or domain, or a routing loop.",
		"Fix the dial plan, least-cost routing or trunk settings, add a route or gateway, or break the forwarding loop."},
	{CategoryNumberInvalid, SeverityNormal,
		"The dialled number or user does not exist or is malformed: unallocated, incomplete, ambiguous, changed or gone.",
		"Check the number and its normalisation (E.164); many of them at once point to a dial-plan fault."},
	{CategoryCalleeBusy, SeverityNormal,
		"The called party is busy.",
		"Nothing to do; the caller may try again later."},
	{CategoryCalleeDeclined, SeverityNormal,
		"The called party or its device rejected the call on purpose.",
		"Nothing to do."},
	{CategoryCalleeUnavailable, SeverityNormal,
		"The called party cannot be reached now: not registered, offline, do-not-disturb or no answer.",
		"Nothing to do; try again later or leave a voicemail."},
	{CategoryRequestCancelled, SeverityNormal,
		"The caller gave up before the call was answered, or it was answered on another device.",
		"Nothing to do."},
	{CategoryMediaCodec, SeverityFault,
		"The two sides could not agree on media: no common codec, SRTP or crypto mismatch, unsupported media profile, failed QoS precondition or bad SDP.",
		"Align the codec lists and SRTP settings of both sides, or enable transcoding."},
	{CategoryNATPrivateAddress, SeverityFault,
		"A signalling or media address cannot be used: private (RFC 1918) or 0.0.0.0 address in SDP or Contact, ICE or media connectivity failure, address family mismatch.",
		"Enable NAT traversal (public address in SDP, rport, media relay or ICE) and open the RTP ports in the firewall."},
	{CategoryCapacityOverload, SeverityFault,
		"There is no capacity left: server overloaded or in maintenance, channel, call or licence limit reached, no free circuit.",
		"Add capacity or licences, raise concurrent-call limits, fail over to another trunk and honour Retry-After."},
	{CategoryCapacityRateLimit, SeverityFault,
		"A rate limit was hit: calls per second, request rate or call quota.",
		"Slow the dialler down, ask the provider for a higher CPS limit, or spread the traffic."},
	{CategoryBackendDatabase, SeverityFault,
		"A back-end lookup of the provider failed: database, HSS/Diameter, number portability, caller name, routing or charging system.",
		"Provider side: check the database, AAA or charging service. Caller side: retry or open a ticket."},
	{CategoryServerError, SeverityFault,
		"A server or gateway on the path failed without saying why.",
		"Read the logs of the server that answered and escalate to its owner."},
	{CategoryNetworkUnreachable, SeverityFault,
		"The next hop did not answer or could not be reached: timeout, DNS failure, TCP or TLS connection or certificate failure.",
		"Check reachability, firewalls, DNS (A, SRV, NAPTR), TLS certificates and keep-alives."},
	{CategoryProtocolError, SeverityFault,
		"The request broke the protocol or needs something the peer does not support: malformed message, unsupported method, extension, scheme or body, dialog mismatch, glare or timer negotiation.",
		"Fix the SIP settings or firmware of the sending device; 422, 423 and 491 normally clear themselves on retry."},
}

// Categories returns the 20 categories in taxonomy order. The slice is a fresh copy.
func Categories() []CategoryInfo {
	out := make([]CategoryInfo, len(categoryTable))
	copy(out, categoryTable[:])
	return out
}

// Info returns the description of category c, and false when c is not a known category.
func Info(c Category) (CategoryInfo, bool) {
	for _, ci := range categoryTable {
		if ci.Name == c {
			return ci, true
		}
	}
	return CategoryInfo{}, false
}
