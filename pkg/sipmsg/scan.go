package sipmsg

import "bytes"

// Small scanners over header values. They take a value slice and return indexes into it;
// none of them allocates or panics on any input.

func isLWS(c byte) bool { return charClass[c]&classLWS != 0 }

// Character classes, one table lookup instead of several comparisons in the inner loops.
const (
	classLWS      = 1 << iota // SP, HT, CR, LF
	classParamEnd             // what ends an unquoted parameter value: LWS, ';', ','
)

var charClass = func() (t [256]uint8) {
	for _, c := range " \t\r\n" {
		t[c] |= classLWS | classParamEnd
	}
	t[';'] |= classParamEnd
	t[','] |= classParamEnd
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipLWS returns the index of the first byte at or after i that is not linear white space
// (folded values keep their CR LF, so those count as white space too).
func skipLWS(v []byte, i int) int {
	for i < len(v) && isLWS(v[i]) {
		i++
	}
	return i
}

// trimLWS returns [s, e) with linear white space removed from both ends.
func trimLWS(v []byte, s, e int) (int, int) {
	for s < e && isLWS(v[s]) {
		s++
	}
	for e > s && isLWS(v[e-1]) {
		e--
	}
	return s, e
}

// skipToken returns the index after the run of token characters starting at i.
func skipToken(v []byte, i int) int {
	for i < len(v) && isToken[v[i]] {
		i++
	}
	return i
}

// skipQuoted expects v[i] == '"' and returns the index after the closing quote, honouring
// backslash escapes; ok is false when the string is not terminated.
func skipQuoted(v []byte, i int) (int, bool) {
	for i++; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return len(v), false
}

// nextComma returns the index of the first comma at or after i that is outside quoted
// strings and angle brackets, or len(v). ok is false on an unterminated quoted string.
func nextComma(v []byte, i int) (int, bool) {
	angle := false
	for i < len(v) {
		switch v[i] {
		case '"':
			var ok bool
			if i, ok = skipQuoted(v, i); !ok {
				return len(v), false
			}
			continue
		case '<':
			angle = true
		case '>':
			angle = false
		case ',':
			if !angle {
				return i, true
			}
		}
		i++
	}
	return len(v), true
}

// countValues counts the comma-separated values of a list header.
func countValues(v []byte) int {
	if bytes.IndexByte(v, ',') < 0 {
		// The common case: one value (v is trimmed, so non-empty means one).
		if len(v) > 0 {
			return 1
		}
		return 0
	}
	n := 0
	for i := 0; i <= len(v); {
		e, _ := nextComma(v, i)
		if s, e2 := trimLWS(v, i, e); s < e2 {
			n++
		}
		i = e + 1
	}
	return n
}

// parseUint reads decimal digits from v[i:]. It returns the value, the index after the
// digits and ok == false when there is no digit or the value does not fit below limit.
func parseUint(v []byte, i int, limit uint64) (n uint64, end int, ok bool) {
	start := i
	for i < len(v) && isDigit(v[i]) {
		n = n*10 + uint64(v[i]-'0')
		if n >= limit {
			for i < len(v) && isDigit(v[i]) {
				i++
			}
			return 0, i, false
		}
		i++
	}
	return n, i, i > start
}

// param is one "name [= value]" element of a parameter list, as indexes into the value.
// When the value is a quoted string, vs and ve exclude the quotes; without '=', vs == ve == -1.
type param struct {
	ns, ne, vs, ve int
}

// scanParam reads one parameter starting at i (LWS allowed before and around '=').
// It stops before the next ';' or ',' or at the end and returns the index there.
// ok is false for an empty name or an unterminated quoted value.
func scanParam(v []byte, i int) (p param, next int, ok bool) {
	i = skipLWS(v, i)
	p.ns = i
	i = skipToken(v, i)
	p.ne = i
	p.vs, p.ve = -1, -1
	if p.ne == p.ns {
		return p, i, false
	}
	i = skipLWS(v, i)
	if i < len(v) && v[i] == '=' {
		i = skipLWS(v, i+1)
		if i < len(v) && v[i] == '"' {
			e, closed := skipQuoted(v, i)
			p.vs, p.ve = i+1, e-1
			if !closed {
				p.ve = e
				return p, e, false
			}
			i = e
		} else {
			p.vs = i
			for i < len(v) && charClass[v[i]]&classParamEnd == 0 {
				i++
			}
			p.ve = i
		}
		i = skipLWS(v, i)
	}
	return p, i, true
}

// eqFoldSpan compares v[s:e] with a lower-case constant, ignoring ASCII case.
func eqFoldSpan(v []byte, s, e int, c string) bool {
	if s < 0 || e > len(v) || s > e {
		return false
	}
	return eqLower(v[s:e], c)
}
