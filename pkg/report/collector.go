package report

import (
	"bytes"
	"net/netip"
	"time"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// Config sets up a Collector. The zero value is usable: every zero limit takes its default
// and a nil Classifier is replaced by one with the built-in rules.
type Config struct {
	// Classifier diagnoses responses.
	Classifier *classify.Classifier
	// Filter selects what is listed and counted; see Filter.
	Filter Filter
	// OnMessage, when set, receives every SIP message that passes the filter, as it is added.
	// The record and its strings may be reused after the call returns: copy what you keep.
	OnMessage func(*MessageRecord)
	// OnCall, when set, receives every call that passes the filter when it is finished (final
	// response and linger time passed, BYE answered, evicted, or at Finish).
	OnCall func(*CallRecord)

	// MaxOpenTransactions bounds the transactions tracked at once (default 200000); beyond it
	// the least recently active one is dropped and counted.
	MaxOpenTransactions int
	// MaxOpenCalls bounds the calls tracked at once (default 100000); beyond it the least
	// recently active one is finished early and counted.
	MaxOpenCalls int
	// MaxOpenRegistrations bounds the registration attempts tracked at once (default 100000).
	MaxOpenRegistrations int
	// MaxItemised bounds the distinct methods, response rows (code, reason, diagnosis), peers,
	// users and addresses-of-record kept (default 10000 each). Methods and reason phrases
	// beyond it are counted as "(other methods)" and "(other reasons)", the rest in the
	// totals only; either way the Problems list says how often.
	MaxItemised int
	// TransactionTimeout is how long, in capture time, a transaction with a final response is
	// kept for retransmissions (default 32 s, 64*T1).
	TransactionTimeout time.Duration
	// PendingTimeout is how long a transaction, call or registration attempt without a final
	// response is kept after its last message (default 3 minutes, timer C).
	PendingTimeout time.Duration
	// CallLinger is how long a call with a final failure response, or a hung-up call, is kept
	// for a retried INVITE (authentication) or retransmissions before it is finished (default
	// 32 s).
	CallLinger time.Duration
	// CallIdleTimeout finishes answered calls without any message for this long (default 2
	// hours). Calls still waiting for a final response are finished after PendingTimeout.
	CallIdleTimeout time.Duration

	// Capture is passed to capture.ReadFiles by Analyze.
	Capture capture.Options
}

func (c Config) withDefaults() Config {
	if c.MaxOpenTransactions <= 0 {
		c.MaxOpenTransactions = 200000
	}
	if c.MaxOpenCalls <= 0 {
		c.MaxOpenCalls = 100000
	}
	if c.MaxOpenRegistrations <= 0 {
		c.MaxOpenRegistrations = 100000
	}
	if c.MaxItemised <= 0 {
		c.MaxItemised = 10000
	}
	if c.TransactionTimeout <= 0 {
		c.TransactionTimeout = 32 * time.Second
	}
	if c.PendingTimeout <= 0 {
		c.PendingTimeout = 3 * time.Minute
	}
	if c.CallLinger <= 0 {
		c.CallLinger = 32 * time.Second
	}
	if c.CallIdleTimeout <= 0 {
		c.CallIdleTimeout = 2 * time.Hour
	}
	return c
}

// Lists of the transaction table.
const (
	txPending   = 0 // no final response yet
	txCompleted = 1 // final response seen: kept for retransmissions
)

// Lists of the call table.
const (
	callPending     = 0 // no final response yet: finished after PendingTimeout without a message
	callEstablished = 1 // answered: finished after CallIdleTimeout without a message
	callEnded       = 2 // final failure or BYE answered: kept for retries and retransmissions
)

// maxResponseSigs bounds the distinct responses remembered per transaction for
// retransmission detection (forking may bring several 18x and 2xx with different To tags).
const maxResponseSigs = 8

// responseSig identifies one response of a transaction: its code mixed into the hash of its
// To tag (msgKeys.toTag), in one word, so that a transaction's signatures take one cache line.
type responseSig uint64

func sigOf(code int, toTag uint64) responseSig {
	return responseSig(toTag ^ uint64(code)*0x9e3779b97f4a7c15)
}

// txState is one transaction: top Via branch and CSeq method (or Call-ID, CSeq and From tag
// without an RFC 3261 branch).
type txState struct {
	method      string
	src, dst    netip.AddrPort // of the request
	reqTime     time.Time
	reqSeen     bool
	answered    bool // a response was seen: latency measured
	final       bool
	credentials bool
	cancelSent  bool
	initial     bool // dialog-creating INVITE (no To tag)
	ackSeen     bool
	prior       int // challenges before this request in its call or registration
	sigs        [maxResponseSigs]responseSig
	nsigs       int
	ruriUser    []byte // the Request-URI's user: in userBuf when it fits
	userBuf     [24]byte
}

func resetTx(t *txState) {
	*t = txState{}
}

// callState is one call, keyed by Call-ID and the From tag of its INVITE.
type callState struct {
	callID     []byte
	from, to   []byte
	src, dst   netip.AddrPort
	start      time.Time
	ringing    time.Time     // first 18x
	pdd, setup time.Duration // from the INVITE that got the first 18x / 2xx
	answered   time.Time
	bye        time.Time
	ended      time.Time
	cancel     bool
	challenges int
	finalCode  int
	reason     string
	category   classify.Category
	severity   classify.Severity
}

func resetCall(s *callState) {
	callID, from, to := s.callID[:0], s.from[:0], s.to[:0]
	*s = callState{callID: callID, from: from, to: to}
}

// regState is one registration attempt, keyed by address-of-record and Call-ID.
type regState struct {
	aor, callID []byte
	src, dst    netip.AddrPort
	start       time.Time
	challenges  int
	finalCode   int
	reason      string
	category    classify.Category
	severity    classify.Severity
}

func resetReg(s *regState) {
	aor, callID := s.aor[:0], s.callID[:0]
	*s = regState{aor: aor, callID: callID}
}

type methodAgg struct {
	count, retrans uint64
	latency        LatencySample
}

type responseKey struct {
	code     int
	reason   string
	category classify.Category
	severity classify.Severity
}

type responseAgg struct {
	count, retrans uint64
}

type outcomeKey struct {
	outcome  Outcome
	code     int
	reason   string
	category classify.Category
	severity classify.Severity
}

type peerKey struct {
	client, server netip.Addr
}

// Collector correlates SIP messages and accumulates the report. Add messages in capture time
// order (as capture.ReadFiles delivers them), then call Finish once. A Collector is not safe
// for concurrent use.
type Collector struct {
	cfg    Config
	cl     *classify.Classifier
	clErr  error
	flt    Filter
	noFilt bool

	strs     interner
	dv       deriver // Add's, and the parse workers' (one at a time, in capture order) while analyzeParallel runs
	mk       msgKeys // Add's keys
	warmSink uintptr // see warm
	resp     classify.Response
	rec      MessageRecord
	callRec  CallRecord

	// The capture's clock: the latest and the earliest time seen, as time.Time for the report
	// and on the tables' clock (clockOf) for the comparisons; started is set by the first
	// message. sweepClock is when the tables were last swept.
	now, first        time.Time
	clock, firstClock int64
	sweepClock        int64
	started           bool

	sipMessages, requests, responses, retrans, malformed uint64
	malformedKept                                        []MalformedMessage
	defective, orphans                                   uint64
	transports                                           [3]uint64

	methods      map[string]*methodAgg
	responsesAgg map[responseKey]*responseAgg
	methodsByID  []*methodAgg // by msgKeys.methodID
	shapes       []*shapeDiag // by msgKeys.shape

	txs   *lruTable[txState]
	calls *lruTable[callState]
	regs  *lruTable[regState]

	callTotals   CallSummary
	pdd, setup   LatencySample
	duration     LatencySample
	callOutcomes map[outcomeKey]uint64
	regTotals    RegistrationSummary
	regOutcomes  map[outcomeKey]uint64
	aors         map[string]*AORCount
	peers        map[peerKey]uint64
	users        map[string]uint64

	txEvicted, callsEvicted, regsEvicted, notItemised uint64
}

// NewCollector returns a Collector for cfg.
func NewCollector(cfg Config) *Collector {
	cfg = cfg.withDefaults()
	dv := newDeriver()
	c := &Collector{
		cfg:          cfg,
		dv:           dv,
		cl:           cfg.Classifier,
		flt:          cfg.Filter,
		noFilt:       cfg.Filter.empty(),
		methods:      make(map[string]*methodAgg),
		responsesAgg: make(map[responseKey]*responseAgg),
		txs:          newLRUTable(2, resetTx),
		calls:        newLRUTable(3, resetCall),
		regs:         newLRUTable(1, resetReg),
		callOutcomes: make(map[outcomeKey]uint64),
		regOutcomes:  make(map[outcomeKey]uint64),
		aors:         make(map[string]*AORCount),
		peers:        make(map[peerKey]uint64),
		users:        make(map[string]uint64),
	}
	if c.cl == nil {
		c.cl, c.clErr = classify.New(classify.Options{})
	}
	return c
}

// AddMalformed counts a SIP message the parser rejected, and keeps where the first
// MaxMalformedKept were for the report.
func (c *Collector) AddMalformed(m *capture.Message, err error) {
	c.advance(m.Time)
	c.sipMessages++
	c.malformed++
	if len(c.malformedKept) < MaxMalformedKept {
		why := "rejected by the parser"
		if err != nil {
			why = err.Error()
		}
		c.malformedKept = append(c.malformedKept, MalformedMessage{Time: m.Time, Input: m.Input,
			Frame: m.Frame, Src: m.Src, Dst: m.Dst, Transport: m.Transport.String(), Error: why})
	}
}

// Add correlates and counts one parsed message. msg is m.Data parsed; nothing of either is
// kept after Add returns.
func (c *Collector) Add(m *capture.Message, msg *sipmsg.Message) {
	c.mk.derive(&c.dv, msg)
	c.add(m, &c.mk)
}

// add is Add with the keys of the message derived (with c.dv): it reads mk and m, not the
// message's parse.
func (c *Collector) add(m *capture.Message, mk *msgKeys) {
	c.advance(m.Time)
	c.sipMessages++
	if int(m.Transport) < len(c.transports) {
		c.transports[m.Transport]++
	}
	if mk.defective {
		c.defective++
	}
	if mk.request {
		c.addRequest(m, mk)
	} else {
		c.addResponse(m, mk)
	}
}

// advance moves the capture clock and, about once a second of capture time, finishes what
// timed out. It compares readings of the tables' clock (clockOf), not time.Time values: the
// two order times alike within the clock's range, about 136 years either side of 1970.
func (c *Collector) advance(t time.Time) {
	k := clockOf(t)
	if !c.started {
		// The first message: the tables are empty, the next sweep a second from now.
		c.started = true
		c.first, c.firstClock = t, k
		c.now, c.clock, c.sweepClock = t, k, k
		return
	}
	if k < c.firstClock {
		c.first, c.firstClock = t, k
	}
	if k <= c.clock {
		return
	}
	c.now, c.clock = t, k
	if k-c.sweepClock >= int64(time.Second) {
		c.sweepClock = k
		c.sweep()
	}
}

// clockMaxSec bounds the Collector's clock to about 136 years either side of the Unix epoch,
// so that the difference of two readings never overflows.
const clockMaxSec = 1 << 32

// clockOf reads t on the clock the tables keep their entries' last activity by: nanoseconds
// since the Unix epoch, clamped to ±clockMaxSec seconds (pcap's 32-bit seconds reach 2106).
// The sweeps compare these numbers instead of time.Time values, which take three words and
// branch on the monotonic reading at every comparison.
func clockOf(t time.Time) int64 {
	sec := t.Unix()
	switch {
	case sec >= clockMaxSec:
		return clockMaxSec * 1e9
	case sec <= -clockMaxSec:
		return -clockMaxSec * 1e9
	}
	return sec*1e9 + int64(t.Nanosecond())
}

// sweep drops transactions and finishes calls and registrations that timed out by now.
func (c *Collector) sweep() {
	now := c.clock
	for e := c.txs.oldest(txCompleted); e != nil && now-e.last > int64(c.cfg.TransactionTimeout); e = c.txs.oldest(txCompleted) {
		c.txs.remove(e)
	}
	for e := c.txs.oldest(txPending); e != nil && now-e.last > int64(c.cfg.PendingTimeout); e = c.txs.oldest(txPending) {
		c.txs.remove(e)
	}
	for e := c.calls.oldest(callEnded); e != nil && now-e.last > int64(c.cfg.CallLinger); e = c.calls.oldest(callEnded) {
		c.finishCall(e)
	}
	for e := c.calls.oldest(callPending); e != nil && now-e.last > int64(c.cfg.PendingTimeout); e = c.calls.oldest(callPending) {
		c.finishCall(e)
	}
	for e := c.calls.oldest(callEstablished); e != nil && now-e.last > int64(c.cfg.CallIdleTimeout); e = c.calls.oldest(callEstablished) {
		c.finishCall(e)
	}
	for e := c.regs.oldest(0); e != nil && now-e.last > int64(c.cfg.PendingTimeout); e = c.regs.oldest(0) {
		c.finishReg(e)
	}
}

func (c *Collector) addRequest(m *capture.Message, mk *msgKeys) {
	retrans := false
	switch {
	case mk.method == "ACK":
		// An ACK for a non-2xx response shares the INVITE's branch and belongs to its
		// transaction; an ACK for a 2xx is a transaction of its own without responses.
		if e := c.txs.find(mk.txInvite); e != nil {
			retrans = e.val.ackSeen
			e.val.ackSeen = true
			c.txs.touch(e, e.list, c.clock)
			break
		}
		retrans = c.trackRequest(m, mk)
	default:
		retrans = c.trackRequest(m, mk)
	}
	if !retrans {
		c.correlateRequest(m, mk)
	}
	if !c.passMessage(m, mk, 0, "", "") {
		return
	}
	c.requests++
	ma := c.methodAggOf(mk)
	ma.count++
	if retrans {
		ma.retrans++
		c.retrans++
	}
	if c.cfg.OnMessage != nil {
		c.emit(m, mk, retrans, 0, "", "", "")
	}
}

// trackRequest finds or creates the request's transaction and reports whether the request is
// a retransmission: the same transaction seen again in the same direction.
func (c *Collector) trackRequest(m *capture.Message, mk *msgKeys) bool {
	if e := c.txs.find(mk.tx); e != nil {
		t := &e.val
		if t.reqSeen && t.src == m.Src && t.dst == m.Dst {
			c.txs.touch(e, e.list, c.clock)
			return true
		}
		if !t.reqSeen {
			t.reqSeen = true
			t.src, t.dst, t.reqTime = m.Src, m.Dst, m.Time
		}
		return false
	}
	if c.txs.n >= c.cfg.MaxOpenTransactions {
		c.evictTx()
	}
	list := txPending
	if mk.method == "ACK" {
		list = txCompleted // an ACK gets no response: keep it only for retransmissions
	}
	e := c.txs.add(mk.tx, list, c.clock)
	t := &e.val
	t.method = mk.method
	t.reqSeen = true
	t.src, t.dst, t.reqTime = m.Src, m.Dst, m.Time
	t.credentials = mk.credentials
	t.initial = mk.method == "INVITE" && !mk.hasToTag
	t.ruriUser = append(t.userBuf[:0], mk.requestUser()...)
	switch mk.method {
	case "INVITE":
		if ce := c.calls.find(mk.callFrom); ce != nil {
			t.prior = ce.val.challenges
			t.cancelSent = ce.val.cancel
		}
	case "REGISTER":
		if re := c.regs.find(mk.reg); re != nil {
			t.prior = re.val.challenges
		}
	}
	return false
}

func (c *Collector) evictTx() {
	e := c.txs.oldest(txCompleted)
	if e == nil {
		e = c.txs.oldest(txPending)
	}
	if e != nil {
		c.txs.remove(e)
		c.txEvicted++
	}
}

// correlateRequest updates calls and registrations for a request seen for the first time.
func (c *Collector) correlateRequest(m *capture.Message, mk *msgKeys) {
	switch mk.method {
	case "INVITE":
		if mk.hasToTag {
			if e := c.findCall(mk); e != nil {
				c.calls.touch(e, e.list, c.clock)
			}
			return
		}
		if e := c.calls.find(mk.callFrom); e != nil {
			// A retried INVITE (after a challenge or another retryable failure) continues the
			// call: the last final response decides.
			if e.val.answered.IsZero() {
				c.calls.touch(e, callPending, c.clock)
			} else {
				c.calls.touch(e, e.list, c.clock)
			}
			return
		}
		if c.calls.n >= c.cfg.MaxOpenCalls {
			c.evictCall()
		}
		e := c.calls.add(mk.callFrom, callPending, c.clock)
		s := &e.val
		s.callID = append(s.callID[:0], mk.callID...)
		s.from = append(s.from[:0], mk.fromURI...)
		s.to = append(s.to[:0], mk.toURI...)
		s.src, s.dst, s.start = m.Src, m.Dst, m.Time
	case "CANCEL":
		if e := c.txs.find(mk.txInvite); e != nil {
			e.val.cancelSent = true
		}
		if e := c.calls.find(mk.callFrom); e != nil {
			e.val.cancel = true
			c.calls.touch(e, e.list, c.clock)
		}
	case "BYE":
		if e := c.findCall(mk); e != nil {
			if e.val.bye.IsZero() {
				e.val.bye = m.Time
			}
			c.calls.touch(e, e.list, c.clock)
		}
	case "REGISTER":
		if e := c.regs.find(mk.reg); e != nil {
			c.regs.touch(e, 0, c.clock)
			return
		}
		c.newReg(m, mk)
	default:
		if e := c.findCall(mk); e != nil {
			c.calls.touch(e, e.list, c.clock)
		}
	}
}

func (c *Collector) newReg(m *capture.Message, mk *msgKeys) *entry[regState] {
	if c.regs.n >= c.cfg.MaxOpenRegistrations {
		if e := c.regs.oldest(0); e != nil {
			c.regsEvicted++
			c.finishReg(e)
		}
	}
	e := c.regs.add(mk.reg, 0, c.clock)
	s := &e.val
	s.aor = append(s.aor[:0], mk.toURI...)
	s.callID = append(s.callID[:0], mk.callID...)
	s.src, s.dst, s.start = m.Src, m.Dst, m.Time
	if !mk.request {
		s.src, s.dst = m.Dst, m.Src
	}
	return e
}

// evictCall makes room for a call: it finishes an ended call if there is one (nothing is
// lost), otherwise the least recently active open call, counted as evicted.
func (c *Collector) evictCall() {
	if e := c.calls.oldest(callEnded); e != nil {
		c.finishCall(e)
		return
	}
	e := c.calls.oldest(callPending)
	if o := c.calls.oldest(callEstablished); e == nil || (o != nil && o.last < e.last) {
		e = o
	}
	if e != nil {
		c.callsEvicted++
		c.finishCall(e)
	}
}

// findCall finds the call of an in-dialog message: by Call-ID and From tag (sent by the
// caller) or Call-ID and To tag (sent by the callee).
func (c *Collector) findCall(mk *msgKeys) *entry[callState] {
	if e := c.calls.find(mk.callFrom); e != nil {
		return e
	}
	if mk.hasToTag {
		return c.calls.find(mk.callTo)
	}
	return nil
}

func (c *Collector) addResponse(m *capture.Message, mk *msgKeys) {
	code := mk.code
	retrans := false
	var tx *txState
	if e := c.txs.find(mk.tx); e != nil {
		tx = &e.val
		sig := sigOf(code, mk.toTag)
		for i := 0; i < tx.nsigs; i++ {
			if tx.sigs[i] == sig {
				retrans = true
				break
			}
		}
		if !retrans && tx.nsigs < maxResponseSigs {
			tx.sigs[tx.nsigs] = sig
			tx.nsigs++
		}
		if !tx.answered && tx.reqSeen {
			tx.answered = true
			c.methodAggOf(mk).latency.Add(m.Time.Sub(tx.reqTime))
		}
		list := e.list
		if code >= 200 {
			tx.final = true
			list = txCompleted
		}
		c.txs.touch(e, list, c.clock)
	} else {
		c.orphans++
	}

	r := &c.resp
	r.Code = code
	r.Reason = mk.reason
	r.Method = mk.method
	r.Reasons = append(r.Reasons[:0], mk.reasons...)
	r.Warnings = append(r.Warnings[:0], mk.warnings...)
	r.StaleNonce = mk.stale
	r.CredentialsSent, r.CancelSent, r.PriorChallenges = false, false, 0
	if tx != nil {
		r.CredentialsSent, r.CancelSent, r.PriorChallenges = tx.credentials, tx.cancelSent, tx.prior
	}
	// The diagnosis and the response counters are cached per shape and transaction state:
	// the classifier answers the same for the same question.
	sc, si := c.shapeCache(mk.shape, r)
	var d classify.Diagnosis
	switch {
	case c.cl == nil:
	case sc != nil && sc.known[si]:
		d = sc.d[si]
	default:
		d = c.cl.Classify(r)
		if sc != nil {
			sc.d[si], sc.known[si] = d, true
		}
	}

	if !retrans {
		c.correlateResponse(m, mk, tx, code, r.Reason, d)
	}
	if !c.passMessage(m, mk, code, d.Category, d.Severity) {
		return
	}
	c.responses++
	var ra *responseAgg
	if sc != nil {
		ra = sc.agg[si]
	}
	if ra == nil {
		ra = c.responseAgg(responseKey{code: code, reason: r.Reason, category: d.Category, severity: d.Severity}, sc, si)
	}
	ra.count++
	if retrans {
		ra.retrans++
		c.retrans++
	}
	if !retrans && code >= 300 && d.Severity == classify.SeverityFault {
		c.countPeer(m, tx)
	}
	if c.cfg.OnMessage != nil {
		c.emit(m, mk, retrans, code, r.Reason, d.Category, d.Severity)
	}
}

// responseAgg returns the counters of k and remembers them in sc (when not nil) at si unless
// they are the folded ones.
func (c *Collector) responseAgg(k responseKey, sc *shapeDiag, si int) *responseAgg {
	if ra := c.responsesAgg[k]; ra != nil {
		if sc != nil {
			sc.agg[si] = ra
		}
		return ra
	}
	if len(c.responsesAgg) >= c.cfg.MaxItemised {
		// Hostile or broken traffic with endless distinct phrases: keep the code, fold the
		// phrase.
		c.notItemised++
		k.reason = otherReasons
		ra := c.responsesAgg[k]
		if ra == nil {
			ra = &responseAgg{}
			c.responsesAgg[k] = ra
		}
		return ra
	}
	ra := &responseAgg{}
	c.responsesAgg[k] = ra
	if sc != nil {
		sc.agg[si] = ra
	}
	return ra
}

// shapeDiag caches, for one response shape (see msgKeys.shape), the diagnosis and the
// response counters per transaction state: credentials sent, CANCEL sent and up to
// maxCachedPrior-1 earlier challenges.
type shapeDiag struct {
	known [4 * maxCachedPrior]bool
	d     [4 * maxCachedPrior]classify.Diagnosis
	agg   [4 * maxCachedPrior]*responseAgg
}

const maxCachedPrior = 4

// shapeCache returns the cache of shape and the index in it of the state in r, or nil when
// the shape or the state has no cache.
func (c *Collector) shapeCache(shape uint32, r *classify.Response) (*shapeDiag, int) {
	if shape == 0 || r.PriorChallenges < 0 || r.PriorChallenges >= maxCachedPrior {
		return nil, 0
	}
	for int(shape) >= len(c.shapes) {
		c.shapes = append(c.shapes, nil)
	}
	sc := c.shapes[shape]
	if sc == nil {
		sc = new(shapeDiag)
		c.shapes[shape] = sc
	}
	i := r.PriorChallenges << 2
	if r.CredentialsSent {
		i |= 1
	}
	if r.CancelSent {
		i |= 2
	}
	return sc, i
}

// methodAggOf returns the counters of the method of mk, remembered by its number.
func (c *Collector) methodAggOf(mk *msgKeys) *methodAgg {
	id := mk.methodID
	if id != 0 && int(id) < len(c.methodsByID) {
		if ma := c.methodsByID[id]; ma != nil {
			return ma
		}
	}
	ma, itemised := c.methodAgg(mk.method)
	if id != 0 && itemised {
		for int(id) >= len(c.methodsByID) {
			c.methodsByID = append(c.methodsByID, nil)
		}
		c.methodsByID[id] = ma
	}
	return ma
}

// methodAgg returns the counters of method. Past MaxItemised distinct methods, new ones are
// counted together as otherMethods.
func (c *Collector) methodAgg(method string) (ma *methodAgg, itemised bool) {
	ma = c.methods[method]
	if ma != nil {
		return ma, true
	}
	name := otherMethods
	if len(c.methods) < c.cfg.MaxItemised {
		name, itemised = method, true
	} else {
		c.notItemised++
		if ma = c.methods[name]; ma != nil {
			return ma, false
		}
	}
	ma = &methodAgg{}
	c.methods[name] = ma
	return ma, itemised
}

// Names under which distinct values beyond the MaxItemised limit are counted.
const (
	otherMethods = "(other methods)"
	otherReasons = "(other reasons)"
)

// countPeer counts a fault response against its client/server pair and Request-URI user.
func (c *Collector) countPeer(m *capture.Message, tx *txState) {
	k := peerKey{client: m.Dst.Addr(), server: m.Src.Addr()}
	if tx != nil {
		k = peerKey{client: tx.src.Addr(), server: tx.dst.Addr()}
	}
	if _, ok := c.peers[k]; ok || len(c.peers) < c.cfg.MaxItemised {
		c.peers[k]++
	} else {
		c.notItemised++
	}
	if tx == nil || len(tx.ruriUser) == 0 {
		return
	}
	if _, ok := c.users[string(tx.ruriUser)]; ok {
		c.users[string(tx.ruriUser)]++
	} else if len(c.users) < c.cfg.MaxItemised {
		c.users[c.strs.get(tx.ruriUser)]++
	} else {
		c.notItemised++
	}
}

// correlateResponse updates calls and registrations for a response seen for the first time.
func (c *Collector) correlateResponse(m *capture.Message, mk *msgKeys, tx *txState,
	code int, reason string, d classify.Diagnosis) {
	switch mk.method {
	case "INVITE":
		e := c.calls.find(mk.callFrom)
		if e == nil {
			return
		}
		s := &e.val
		if tx != nil && !tx.initial {
			c.calls.touch(e, e.list, c.clock) // re-INVITE: does not decide the outcome
			return
		}
		switch {
		case code >= 180 && code < 190:
			if s.ringing.IsZero() {
				s.ringing = m.Time
				s.pdd = m.Time.Sub(dialled(s, tx))
			}
			c.calls.touch(e, e.list, c.clock)
		case code >= 200 && code < 300:
			if s.answered.IsZero() {
				s.answered = m.Time
				s.setup = m.Time.Sub(dialled(s, tx))
				s.finalCode, s.reason, s.category, s.severity = code, reason, d.Category, d.Severity
			}
			c.calls.touch(e, callEstablished, c.clock)
		case code >= 300:
			if !s.answered.IsZero() {
				c.calls.touch(e, e.list, c.clock)
				return
			}
			s.finalCode, s.reason, s.category, s.severity = code, reason, d.Category, d.Severity
			s.ended = m.Time
			if code == 401 || code == 407 {
				// A challenge is normally followed by a retried INVITE, which may take a
				// person typing a password: wait as long as for a pending call.
				s.challenges++
				c.calls.touch(e, callPending, c.clock)
				return
			}
			c.calls.touch(e, callEnded, c.clock)
		default:
			c.calls.touch(e, e.list, c.clock)
		}
	case "BYE":
		if code < 200 {
			return
		}
		if e := c.findCall(mk); e != nil {
			if e.val.bye.IsZero() {
				e.val.bye = m.Time
			}
			if e.val.ended.IsZero() {
				e.val.ended = m.Time
			}
			c.calls.touch(e, callEnded, c.clock)
		}
	case "REGISTER":
		if code < 200 {
			return
		}
		e := c.regs.find(mk.reg)
		if e == nil {
			e = c.newReg(m, mk)
		}
		s := &e.val
		s.finalCode, s.reason, s.category, s.severity = code, reason, d.Category, d.Severity
		if code == 401 || code == 407 {
			s.challenges++
			c.regs.touch(e, 0, c.clock)
			return
		}
		c.finishReg(e)
	}
}

// finishCall summarises a call, hands it to OnCall and drops it.
func (c *Collector) finishCall(e *entry[callState]) {
	s := &e.val
	outcome := callOutcome(s)
	callID := s.callID
	if c.passCall(s, callID) {
		t := &c.callTotals
		t.Total++
		switch outcome {
		case OutcomeAnswered:
			t.Answered++
		case OutcomeCancelled:
			t.Cancelled++
		default:
			t.Failed++
			switch outcome {
			case OutcomeBusy:
				t.Busy++
			case OutcomeDeclined:
				t.Declined++
			case OutcomeNoAnswer:
				t.NoAnswer++
			case OutcomeNoResponse:
				t.NoResponse++
			}
			c.callOutcomes[outcomeKey{outcome, s.finalCode, s.reason, s.category, s.severity}]++
		}
		if !s.ringing.IsZero() {
			c.pdd.Add(s.pdd)
		}
		if !s.answered.IsZero() {
			c.setup.Add(s.setup)
			if !s.bye.IsZero() {
				c.duration.Add(s.bye.Sub(s.answered))
			}
		}
		if c.cfg.OnCall != nil {
			c.emitCall(s, callID, outcome)
		}
	}
	c.calls.remove(e)
}

// dialled returns when the INVITE answered by a response of call s was sent: the time of
// its transaction's first request, or the call's first INVITE when that is unknown. After an
// authentication challenge it is the retried INVITE, so that the time a person takes to type
// a password does not count as post-dial delay.
func dialled(s *callState, tx *txState) time.Time {
	if tx != nil && tx.reqSeen {
		return tx.reqTime
	}
	return s.start
}

// callOutcome decides how a call ended: any 2xx answers it; otherwise a CANCEL from the
// caller makes it cancelled; otherwise the last final response's category decides.
func callOutcome(s *callState) Outcome {
	switch {
	case !s.answered.IsZero():
		return OutcomeAnswered
	case s.cancel || s.category == classify.CategoryRequestCancelled:
		// The caller gave up, whatever the server answered to the INVITE afterwards (487,
		// or a 408 when the server was itself still waiting).
		return OutcomeCancelled
	case s.finalCode == 0:
		return OutcomeNoResponse
	case s.category == classify.CategoryCalleeBusy:
		return OutcomeBusy
	case s.category == classify.CategoryCalleeDeclined:
		return OutcomeDeclined
	case s.category == classify.CategoryCalleeUnavailable:
		return OutcomeNoAnswer
	}
	return OutcomeFailed
}

// finishReg summarises a registration attempt and drops it.
func (c *Collector) finishReg(e *entry[regState]) {
	s := &e.val
	aor, callID := s.aor, s.callID
	if c.passReg(s, callID) {
		succeeded := s.finalCode >= 200 && s.finalCode < 300
		c.regTotals.Total++
		a := c.aors[string(aor)]
		if a == nil && len(c.aors) < c.cfg.MaxItemised {
			a = &AORCount{AOR: string(aor)}
			c.aors[a.AOR] = a
		} else if a == nil {
			c.notItemised++
		}
		if a != nil {
			a.Attempts++
		}
		if succeeded {
			c.regTotals.Succeeded++
			if a != nil {
				a.Succeeded++
			}
		} else {
			c.regTotals.Failed++
			outcome := OutcomeFailed
			if s.finalCode == 0 {
				outcome = OutcomeNoResponse
			}
			c.regOutcomes[outcomeKey{outcome, s.finalCode, s.reason, s.category, s.severity}]++
			if a != nil {
				a.Failed++
				a.LastCode, a.LastReason, a.LastCategory = s.finalCode, s.reason, s.category
			}
		}
	}
	c.regs.remove(e)
}

func (c *Collector) passCall(s *callState, callID []byte) bool {
	return c.passDialog("INVITE", callID, s.src, s.dst, s.start, s.finalCode, s.category, s.severity)
}

func (c *Collector) passReg(s *regState, callID []byte) bool {
	return c.passDialog("REGISTER", callID, s.src, s.dst, s.start, s.finalCode, s.category, s.severity)
}

// passDialog applies the filter to a finished call (method INVITE) or registration (REGISTER):
// its Call-ID, addresses, start and final response.
func (c *Collector) passDialog(method string, callID []byte, src, dst netip.AddrPort, start time.Time,
	finalCode int, cat classify.Category, sev classify.Severity) bool {
	if c.noFilt {
		return true
	}
	f := &c.flt
	if len(f.Methods) > 0 && !f.matchMethod([]byte(method)) {
		return false
	}
	if !f.matchCallID(callID) || !f.matchHosts(src.Addr(), dst.Addr()) || !f.matchTime(start) {
		return false
	}
	if f.hasResponseFilter() && (finalCode == 0 || !f.matchDiagnosis(finalCode, cat, sev)) {
		return false
	}
	return true
}

// passMessage applies the filter to one message.
func (c *Collector) passMessage(m *capture.Message, mk *msgKeys,
	code int, cat classify.Category, sev classify.Severity) bool {
	if c.noFilt {
		return true
	}
	f := &c.flt
	if f.hasResponseFilter() && (mk.request || !f.matchDiagnosis(code, cat, sev)) {
		return false
	}
	return f.matchMethod(mk.rawMethod) && f.matchCallID(mk.callID) &&
		f.matchHosts(m.Src.Addr(), m.Dst.Addr()) && f.matchTime(m.Time)
}

// uriUser returns the user part of a SIP URI ("sip:alice@example.com;x" -> "alice"), or nil.
func uriUser(uri []byte) []byte {
	if i := bytes.IndexByte(uri, ':'); i >= 0 {
		uri = uri[i+1:]
	}
	at := bytes.IndexByte(uri, '@')
	if at < 0 {
		return nil
	}
	u := uri[:at]
	if i := bytes.IndexByte(u, ';'); i >= 0 { // user parameters (";phone-context=")
		u = u[:i]
	}
	if i := bytes.IndexByte(u, ':'); i >= 0 { // password
		u = u[:i]
	}
	return u
}
