package report

import (
	"bytes"
	"hash/maphash"
	"math/bits"

	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// msgKeys holds what the Collector derives from one message alone: the keys it looks up in
// its transaction, call and registration tables, hashed with the tables' seed, the hash of
// the To tag, the interned method and reason strings and what the classifier is asked about
// a response, with numbers for the method and the response's shape under which the
// Collector caches its counters and diagnoses. derive computes them. The parallel pipeline
// derives them on the parse workers and passes them with the message, so that the
// Collector's goroutine, the bottleneck, only probes its tables; Add derives them itself.
// Either way the Collector sees the same values.
type msgKeys struct {
	// tx is the message's transaction: top Via branch (or From tag), Call-ID, CSeq number
	// and the method (the request's, or the CSeq method of a response).
	tx tableKey
	// txInvite is the transaction of the INVITE that an ACK or a CANCEL refers to (only for
	// those two requests).
	txInvite tableKey
	// callFrom and callTo are the call keys by Call-ID with the From tag and with the To tag,
	// only where the Collector looks calls up: callFrom for requests other than REGISTER and
	// for responses to INVITE and BYE, callTo (with a To tag) for those requests but CANCEL
	// and for responses to BYE.
	callFrom, callTo tableKey
	// reg is the registration key, address-of-record and Call-ID (only for REGISTER requests
	// and responses).
	reg tableKey
	// toTag is the hash of the To tag (responses only).
	toTag uint64

	// What the Collector reads of the message itself, so that it does not touch the parse
	// (written on another core) for them: whether it is a request, has defects, has a To
	// tag; a response's code; for requests, whether they carry credentials
	// (carriesCredentials).
	request, defective, hasToTag bool
	credentials                  bool
	code                         int

	// method is the request's method or a response's CSeq method, interned, and methodID its
	// number (0 when the deriver does not keep it).
	method   string
	methodID uint32

	// What the Collector and deriveShared read of the message besides: slices of the
	// message's bytes (not of its parse), valid as long as those bytes are. The parse itself
	// can then be reused for the next message: the parse workers keep one each, which stays
	// in their cache, where a parse per message in flight would have to be fetched back from
	// the other core for every one written.
	rawMethod, rawReason []byte // the method (or CSeq method) and the reason phrase as written
	rawReasons           []sipmsg.ReasonValue
	callID               []byte
	fromURI              []byte // INVITE requests only
	toURI                []byte // INVITE and REGISTER requests, REGISTER responses
	// The Request-URI's user (requests only), copied into ruriUserBuf when it fits, so that
	// the Collector reads it with the rest of mk instead of from the message bytes, which
	// the core that parsed them holds; ruriUserLong when it is longer. See requestUser.
	ruriUserBuf  [24]byte
	ruriUserLen  uint8
	ruriUserLong []byte
	cseq         uint32

	// For responses: the reason phrase, the Reason headers (strings interned) and the
	// Warning codes, stale is a 401/407 whose challenge says stale=true, and shape numbers the
	// combination of code, reason phrase, method, Reason and Warning that the classifier's
	// answer depends on besides the transaction (0 with more than one Reason or Warning, or
	// past maxShapes).
	reason   string
	reasons  []classify.ReasonCause
	warnings []int
	stale    bool
	shape    uint32
}

// deriver holds what derive needs beyond one message: the tables' hash seed, and the strings
// and numbers handed out so far. One goroutine at a time uses it.
type deriver struct {
	seed   maphash.Seed
	strs   map[string]internedString
	shapes map[respShape]uint32

	// Direct-mapped caches in front of the maps: a capture repeats a few reason phrases and
	// response shapes millions of times, and a hit costs a short comparison instead of
	// hashing the key. A slot holds the last string or shape that fell on it.
	recentStrs   [64]internedString
	recentShapes [64]recentShape
}

// recentShape is a slot of deriver.recentShapes; id 0 is an empty slot.
type recentShape struct {
	k  respShape
	id uint32
}

// internedString is a string a deriver keeps and its number.
type internedString struct {
	s  string
	id uint32
}

// respShape is what a response's diagnosis depends on besides its transaction's state:
// classify.Classify's cache key without the credentials, CANCEL and challenges, with the
// strings by their numbers.
type respShape struct {
	code, cause, warning  int32
	reason, method        uint32
	causeProto, causeText uint32
	nReasons, nWarnings   uint8
	stale                 bool
}

// maxShapes bounds the response shapes a deriver numbers; beyond it, shapes get 0 and the
// Collector takes its slower path. Strings are kept within the interner's bounds.
const maxShapes = 1 << 12

func newDeriver() deriver {
	return deriver{seed: maphash.MakeSeed()}
}

// intern returns one shared string per distinct byte sequence, so that methods and reason
// phrases seen again and again are allocated once, and its number: 1 for the empty string,
// 2 and up for commonMethods, then the others; 0 for a string not kept (longer than
// maxInternedLen, or past maxInterned distinct ones).
func (dv *deriver) intern(b []byte) (string, uint32) {
	if len(b) == 0 {
		return "", 1
	}
	slot := &dv.recentStrs[(len(b)+int(b[0])*7+int(b[len(b)-1])*31)%len(dv.recentStrs)]
	if slot.id != 0 && slot.s == string(b) {
		return slot.s, slot.id
	}
	if v, ok := dv.strs[string(b)]; ok {
		*slot = v
		return v.s, v.id
	}
	s := string(b)
	if len(b) > maxInternedLen || len(dv.strs) >= maxInterned {
		return s, 0
	}
	if dv.strs == nil {
		dv.strs = make(map[string]internedString)
	}
	id := uint32(len(dv.strs) + 2 + len(commonMethods))
	dv.strs[s] = internedString{s, id}
	*slot = internedString{s, id}
	return s, id
}

// internMethod is intern for the usual methods without a map lookup. The comparisons are
// with constants, which the compiler turns into a length check and a load or two.
func (dv *deriver) internMethod(b []byte) (string, uint32) {
	switch string(b) {
	case "INVITE":
		return commonMethods[0], 2
	case "ACK":
		return commonMethods[1], 3
	case "BYE":
		return commonMethods[2], 4
	case "CANCEL":
		return commonMethods[3], 5
	case "REGISTER":
		return commonMethods[4], 6
	case "OPTIONS":
		return commonMethods[5], 7
	}
	return dv.intern(b)
}

// commonMethods are numbered 2 and up in this order; internMethod's cases follow it.
var commonMethods = [...]string{"INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS"}

// tableKey is one key of a msgKeys: two independent 64-bit hashes of what identifies the
// entry. The tables index entries by hash and tell them apart by hash and check together,
// without keeping or comparing the key bytes: a lookup then touches the index cell and, on a
// hit, the entry it returns, and the parse workers hash the pieces of the keys where they
// lie in the message instead of copying them into a key first. Two different keys are
// taken for the same with a probability of about 2^-128 per pair, far below that of a
// corrupted packet passing its checksums. The zero tableKey is no key (check is never 0).
type tableKey struct {
	hash, check uint64
}

// present reports whether k is a key.
func (k tableKey) present() bool { return k.check != 0 }

// Kinds of keys, hashed first so that keys of different kinds never share their pieces'
// hashes.
const (
	kindTxBranch uint64 = iota + 1 // top Via branch, Call-ID, CSeq number, method
	kindTxTag                      // From tag, Call-ID, CSeq number, method
	kindCall                       // Call-ID, From or To tag
	kindReg                        // address-of-record, Call-ID
)

// keyHasher combines the hashes of a key's pieces (each hashed with maphash, so random
// under the tables' seed) into a tableKey, along two different mixing paths.
type keyHasher struct{ h, c uint64 }

func newKeyHasher(kind uint64) keyHasher {
	var k keyHasher
	k.add(kind)
	return k
}

// add mixes x, the hash of the next piece (or a number), into k.
func (k *keyHasher) add(x uint64) {
	k.h = bits.RotateLeft64((k.h^x)*0x9e3779b97f4a7c15, 29)
	k.c = bits.RotateLeft64(k.c+x*0xc2b2ae3d27d4eb4f, 31) * 0x165667b19e3779f9
}

// key finishes k.
func (k *keyHasher) key() tableKey {
	return tableKey{hash: fmix64(k.h), check: fmix64(k.c) | 1}
}

// fmix64 is MurmurHash3's finaliser: every bit of x affects every bit of the result.
func fmix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// derive computes the keys of msg, a parsed message.
func (mk *msgKeys) derive(dv *deriver, msg *sipmsg.Message) {
	mk.deriveOwn(dv.seed, msg)
	mk.deriveShared(dv)
}

// deriveOwn computes what depends on msg and the tables' seed alone: everything but the
// interned strings and their numbers and the shape. It decodes msg's headers, so that what
// reads msg afterwards only reads it. Any number of goroutines may run it at once, on
// different messages.
func (mk *msgKeys) deriveOwn(seed maphash.Seed, msg *sipmsg.Message) {
	request := msg.IsRequest()
	toTag := msg.ToTag()
	mk.request, mk.defective, mk.hasToTag = request, msg.Defects() != 0, len(toTag) > 0
	mk.code = msg.StatusCode()
	mk.credentials = request && carriesCredentials(msg)
	seq, method := msg.CSeq()
	if request {
		method = msg.Method()
	}
	callID, fromTag := msg.CallID(), msg.FromTag()
	mk.rawMethod, mk.callID, mk.cseq = method, callID, seq
	mk.fromURI, mk.toURI, mk.ruriUserLen, mk.ruriUserLong = nil, nil, 0, nil
	invite, register := string(method) == "INVITE", string(method) == "REGISTER"
	switch {
	case request && invite:
		mk.fromURI, mk.toURI = msg.FromURI(), msg.ToURI()
	case register:
		mk.toURI = msg.ToURI()
	}
	if request {
		if u := uriUser(msg.RequestURI()); len(u) <= len(mk.ruriUserBuf) {
			mk.ruriUserLen = uint8(copy(mk.ruriUserBuf[:], u))
		} else {
			mk.ruriUserLong = u
		}
	}

	// The pieces are hashed once each, where they lie in the message.
	callIDHash := maphash.Bytes(seed, callID)
	fromTagHash := maphash.Bytes(seed, fromTag)
	txKind, txID := kindTxTag, fromTagHash
	if branch := msg.ViaBranch(); bytes.HasPrefix(branch, []byte(branchCookie)) {
		txKind, txID = kindTxBranch, maphash.Bytes(seed, branch)
	}
	tx := newKeyHasher(txKind)
	tx.add(txID)
	tx.add(callIDHash)
	tx.add(uint64(seq))
	txInvite := tx // the INVITE's transaction differs in the method alone
	tx.add(maphash.Bytes(seed, method))
	mk.tx = tx.key()
	mk.txInvite = tableKey{}
	if request && (string(method) == "ACK" || string(method) == "CANCEL") {
		txInvite.add(maphash.Bytes(seed, []byte("INVITE")))
		mk.txInvite = txInvite.key()
	}

	// The call keys only for what looks calls up: requests other than REGISTER (with the To
	// tag for in-dialog requests, which findCall tries both ways), and responses to INVITE
	// and BYE.
	mk.callFrom, mk.callTo, mk.reg = tableKey{}, tableKey{}, tableKey{}
	var toTagHash uint64
	if len(toTag) > 0 {
		toTagHash = maphash.Bytes(seed, toTag)
	}
	switch {
	case register:
		k := newKeyHasher(kindReg)
		k.add(maphash.Bytes(seed, mk.toURI))
		k.add(callIDHash)
		mk.reg = k.key()
	case request || invite || string(method) == "BYE":
		k := newKeyHasher(kindCall)
		k.add(callIDHash)
		callTo := k
		k.add(fromTagHash)
		mk.callFrom = k.key()
		if len(toTag) > 0 && (request && string(method) != "CANCEL" || string(method) == "BYE") {
			callTo.add(toTagHash)
			mk.callTo = callTo.key()
		}
	}
	mk.toTag = 0

	mk.warnings, mk.stale = mk.warnings[:0], false
	mk.rawReason, mk.rawReasons = nil, mk.rawReasons[:0]
	if request {
		return
	}
	mk.rawReason = msg.ReasonPhrase()
	for i, n := 0, msg.NumReasons(); i < n; i++ {
		mk.rawReasons = append(mk.rawReasons, msg.Reason(i))
	}
	mk.toTag = toTagHash
	for i, n := 0, msg.NumWarnings(); i < n; i++ {
		mk.warnings = append(mk.warnings, msg.Warning(i).Code)
	}
	if code := mk.code; code == 401 || code == 407 {
		_, stale, ok := msg.Challenge()
		mk.stale = ok && stale
	}
}

// requestUser returns the Request-URI's user of a request.
func (mk *msgKeys) requestUser() []byte {
	if mk.ruriUserLong != nil {
		return mk.ruriUserLong
	}
	return mk.ruriUserBuf[:mk.ruriUserLen]
}

// deriveShared completes what deriveOwn computed with what needs dv's strings and numbers:
// the interned method and reason strings and the shape. The numbers depend on the order of
// the messages, so one goroutine runs it for every message, in capture order. It reads the
// message's bytes through mk only, not its parse.
func (mk *msgKeys) deriveShared(dv *deriver) {
	mk.method, mk.methodID = dv.internMethod(mk.rawMethod)
	mk.reason, mk.reasons, mk.shape = "", mk.reasons[:0], 0
	if mk.request {
		return
	}
	code := mk.code
	var reasonID uint32
	mk.reason, reasonID = dv.intern(mk.rawReason)
	k := respShape{code: int32(code), reason: reasonID, method: mk.methodID,
		nReasons: uint8(min(len(mk.rawReasons), 2)), nWarnings: uint8(min(len(mk.warnings), 2))}
	cacheable := reasonID != 0 && mk.methodID != 0 && k.nReasons < 2 && k.nWarnings < 2 && int(int32(code)) == code
	for i := range mk.rawReasons {
		rv := &mk.rawReasons[i]
		proto, protoID := dv.intern(rv.Protocol)
		text, textID := dv.intern(rv.Text)
		mk.reasons = append(mk.reasons, classify.ReasonCause{Protocol: proto, Cause: rv.Cause, Text: text})
		k.causeProto, k.cause, k.causeText = protoID, int32(rv.Cause), textID
		cacheable = cacheable && protoID != 0 && textID != 0 && int(int32(rv.Cause)) == rv.Cause
	}
	for _, w := range mk.warnings {
		k.warning = int32(w)
		cacheable = cacheable && int(int32(w)) == w
	}
	k.stale = mk.stale
	if cacheable {
		mk.shape = dv.shape(k)
	}
}

// shape returns the number of the response shape k, 0 past maxShapes. Responses with more
// than one Reason or Warning, whose diagnoses the classifier does not cache either, and
// responses with strings the deriver does not keep have no shape.
func (dv *deriver) shape(k respShape) uint32 {
	slot := &dv.recentShapes[(uint32(k.code)*31+k.reason*7+k.method+uint32(k.warning))%uint32(len(dv.recentShapes))]
	if slot.id != 0 && slot.k == k {
		return slot.id
	}
	if id, ok := dv.shapes[k]; ok {
		*slot = recentShape{k, id}
		return id
	}
	if len(dv.shapes) >= maxShapes {
		return 0
	}
	if dv.shapes == nil {
		dv.shapes = make(map[respShape]uint32)
	}
	id := uint32(len(dv.shapes) + 1)
	dv.shapes[k] = id
	*slot = recentShape{k, id}
	return id
}

const branchCookie = "z9hG4bK"
