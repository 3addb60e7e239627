package report

import (
	"bytes"
	"hash/maphash"
	"strconv"

	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// msgKeys holds what the Collector derives from one message alone: the keys it looks up in
// its transaction, call and registration tables, hashed with the tables' seed, and the hash
// of the To tag. derive computes them. The parallel pipeline derives them on the parse
// goroutine and passes them with the message, so that the Collector's goroutine, the
// bottleneck, only probes its tables; Add derives them itself. Either way the Collector sees
// the same keys.
type msgKeys struct {
	buf []byte // the key bytes; the keys below are ranges of it
	// tx is the message's transaction: top Via branch (or From tag), Call-ID, CSeq number
	// and the method (the request's, or the CSeq method of a response).
	tx tableKey
	// txInvite is the transaction of the INVITE that an ACK or a CANCEL refers to (only for
	// those two requests).
	txInvite tableKey
	// callFrom and callTo are the call keys by Call-ID with the From tag and with the To tag;
	// callTo only when the message has a To tag. Not for REGISTER.
	callFrom, callTo tableKey
	// reg is the registration key, address-of-record and Call-ID (only for REGISTER requests
	// and responses).
	reg tableKey
	// toTag is hashTag of the To tag (responses only).
	toTag uint64
}

// tableKey is one key of a msgKeys: the range of its bytes in buf and its hash.
type tableKey struct {
	off, end int32
	hash     uint64
}

// key returns the bytes of k.
func (mk *msgKeys) key(k tableKey) []byte { return mk.buf[k.off:k.end] }

// derive computes the keys of msg, a parsed message, with the tables' seed.
func (mk *msgKeys) derive(seed maphash.Seed, msg *sipmsg.Message) {
	request := msg.IsRequest()
	var method []byte
	if request {
		method = msg.Method()
	} else {
		_, method = msg.CSeq()
	}
	callID := msg.CallID()
	b := mk.buf[:0]

	off := len(b)
	b = appendTxKey(b, msg, method)
	mk.tx = markKey(seed, b, off)
	mk.txInvite = tableKey{}
	if request && (string(method) == "ACK" || string(method) == "CANCEL") {
		off = len(b)
		b = appendTxKey(b, msg, []byte("INVITE"))
		mk.txInvite = markKey(seed, b, off)
	}

	mk.callFrom, mk.callTo, mk.reg = tableKey{}, tableKey{}, tableKey{}
	if string(method) == "REGISTER" {
		off = len(b)
		b = append(b, msg.ToURI()...)
		b = append(b, 0)
		b = append(b, callID...)
		mk.reg = markKey(seed, b, off)
	} else {
		off = len(b)
		b = append(b, callID...)
		b = append(b, 0)
		b = append(b, msg.FromTag()...)
		mk.callFrom = markKey(seed, b, off)
		if tag := msg.ToTag(); len(tag) > 0 {
			off = len(b)
			b = append(b, callID...)
			b = append(b, 0)
			b = append(b, tag...)
			mk.callTo = markKey(seed, b, off)
		}
	}
	mk.toTag = 0
	if !request {
		mk.toTag = hashTag(msg.ToTag())
	}
	mk.buf = b
}

// markKey returns the key from off to the end of b.
func markKey(seed maphash.Seed, b []byte, off int) tableKey {
	return tableKey{off: int32(off), end: int32(len(b)), hash: maphash.Bytes(seed, b[off:])}
}

const branchCookie = "z9hG4bK"

// appendTxKey appends the transaction key of msg with method to b: top Via branch and method,
// or, without an RFC 3261 branch, From tag and method. Call-ID and CSeq number are part of
// both: they are the same in every message of a transaction, and they keep apart the
// transactions of devices that reuse one branch for everything.
func appendTxKey(b []byte, msg *sipmsg.Message, method []byte) []byte {
	branch := msg.Via().Branch
	seq, _ := msg.CSeq()
	if bytes.HasPrefix(branch, []byte(branchCookie)) {
		b = append(b, 'B')
		b = append(b, branch...)
	} else {
		b = append(b, 'C')
		b = append(b, msg.FromTag()...)
	}
	b = append(b, 0)
	b = append(b, msg.CallID()...)
	b = append(b, 0)
	b = strconv.AppendUint(b, uint64(seq), 10)
	b = append(b, 0)
	b = append(b, method...)
	return b
}
