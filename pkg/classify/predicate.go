package classify

import (
	"strings"
	"unicode/utf8"
)

// Phrases say that something is in a state with or without a verb, and with either of two
// words for it: "Gateway unavailable", "Gateway is unavailable", "Gateway not available",
// "Gateway is currently not available", "Call rejected", "Call was rejected". Rules name the
// state in one form, mostly the short one, and a keyword does not reach the others. A phrase
// that has one of the longer forms is read again with the short one in its place ("gateway
// is not available" as "gateway unavailable", "call was rejected" as "call rejected"), and
// without the number of the trunk or gateway it names ("trunk 3 down" as "trunk down"); that
// reading is taken when it is a rule's and the rule comes before the one that read the phrase
// as written, as with typos (spell.go).

// predicateForm is a longer way to say a state and the short form rules name.
type predicateForm struct{ long, short string }

// predicateForms are the longer forms of a state that are not an auxiliary and a participle
// (those are in auxiliaries), as Normalize leaves them: lower case, one space between words.
// Longer forms come before the shorter forms they contain: the first that matches at a
// position is used.
var predicateForms = []predicateForm{
	{"is currently not available", "unavailable"},
	{"are currently not available", "unavailable"},
	{"is temporarily not available", "unavailable"},
	{"not available", "unavailable"},
	{"is currently unavailable", "unavailable"},
	{"are currently unavailable", "unavailable"},
	{"is unavailable", "unavailable"},
	{"are unavailable", "unavailable"},
	{"not reachable", "unreachable"},
	{"is unreachable", "unreachable"},
	{"are unreachable", "unreachable"},
	{"is currently down", "down"},
	{"is down", "down"},
	{"are down", "down"},
	{"went down", "down"},
	{"is offline", "offline"},
	{"are offline", "offline"},
	{"went offline", "offline"},
	{"could not be found", "not found"},
	{"cannot be found", "not found"},
	{"can't be found", "not found"},
}

// auxiliaries are the verbs a state's participle may follow ("call was rejected", "limit has
// been exceeded", "account has been suspended", "service is not supported"); the short form
// leaves them out. They are dropped only before "not" or a word ending in "ed", and never at
// the phrase's start; what follows is read again ("is not available" is "not available", and
// so "unavailable").
var auxiliaries = []string{"has been ", "have been ", "had been ", "was ", "were ", "is ", "are ", "has ", "have "}

// shortPredicates returns norm with every longer form of a state replaced by its short form,
// and whether there was one. A form is replaced only as whole words.
func shortPredicates(norm string) (string, bool) {
	if !strings.Contains(norm, " ") {
		return norm, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(norm); {
		if i == 0 || norm[i-1] == ' ' {
			short, n, ok := "", 0, false
			if f, found := predicateAt(norm, i); found {
				short, n, ok = f.short, len(f.long), true
			} else if i > 0 {
				if aux := auxiliaryAt(norm, i); aux != "" {
					short, n, ok = "", len(aux), true
				} else if num := numberAfterNoun(norm, i); num > 0 {
					short, n, ok = "", num, true
				}
			}
			if ok {
				if !changed {
					b.Grow(len(norm))
					b.WriteString(norm[:i])
					changed = true
				}
				b.WriteString(short)
				i += n
				continue
			}
		}
		if changed {
			b.WriteByte(norm[i])
		}
		i++
	}
	if !changed {
		return norm, false
	}
	return b.String(), true
}

// predicateAt returns the longer form that starts at norm[i] and ends at a word's end.
func predicateAt(norm string, i int) (predicateForm, bool) {
	for _, f := range predicateForms {
		if !strings.HasPrefix(norm[i:], f.long) {
			continue
		}
		if !startsWord(norm[i+len(f.long):]) {
			return f, true
		}
	}
	return predicateForm{}, false
}

// startsWord reports whether s begins with a character a word goes on with (isWordRune).
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && isWordRune(r)
}

// auxiliaryAt returns the auxiliary (with its space) that starts at norm[i] and comes before
// "not" or a word ending in "ed", or "".
func auxiliaryAt(norm string, i int) string {
	for _, aux := range auxiliaries {
		if !strings.HasPrefix(norm[i:], aux) {
			continue
		}
		rest := norm[i+len(aux):]
		w := rest
		if j := strings.IndexFunc(rest, func(r rune) bool { return !isWordRune(r) }); j >= 0 {
			w = rest[:j]
		}
		if w == "not" || len(w) > 4 && strings.HasSuffix(w, "ed") {
			return aux
		}
		return ""
	}
	return ""
}

// numberedNouns are the things of a provider's set-up that phrases number ("Trunk 3 down",
// "Gateway 2 unreachable"); the number names which one, not what happened to it.
var numberedNouns = map[string]bool{
	"trunk": true, "trunks": true, "gateway": true, "gw": true, "route": true, "carrier": true, "server": true, "peer": true,
	"port": true, "node": true, "host": true, "proxy": true, "sbc": true, "pbx": true, "channel": true, "line": true,
	"queue": true, "group": true, "link": true, "span": true, "circuit": true, "instance": true, "cluster": true,
	"partition": true, "tenant": true, "zone": true, "region": true, "shard": true, "worker": true,
}

// numberAfterNoun returns the length of the number (with its space) that starts at norm[i]
// when it follows one of numberedNouns and a word follows it ("trunk 3 down"), or 0. A number
// at the end ("no route to trunk 3") already ends the phrase's words.
func numberAfterNoun(norm string, i int) int {
	j := i
	if j < len(norm) && norm[j] == '#' {
		j++
	}
	k := j
	for k < len(norm) && norm[k] >= '0' && norm[k] <= '9' {
		k++
	}
	if k == j || k-j > 6 || k+1 >= len(norm) || norm[k] != ' ' || !startsWord(norm[k+1:]) {
		return 0
	}
	prev := strings.TrimSuffix(norm[:i], " ")
	if p := strings.LastIndexByte(prev, ' '); p >= 0 {
		prev = prev[p+1:]
	}
	if !numberedNouns[prev] {
		return 0
	}
	return k + 1 - i
}
