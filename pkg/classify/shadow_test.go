package classify

import (
	"fmt"
	"strings"
	"testing"
)

// overlap is a keyword that an earlier rule reads as another category on some of its rule's
// codes, and the reason that reading is the right one.
type overlap struct {
	keyword string // normalised (lower case, without diacritics), without its "*"
	winner  string // id of the rule that decides
}

// acceptedOverlaps are the keywords of wide rules that an earlier wide rule reads otherwise on
// some codes, on purpose. Everything else a keyword of a built-in rule means, written on its
// own, is its rule's category on every code its rule names, or the reading of a rule made for
// a few codes (a rejection on 401 is a wrong password, a hang-up on 603 the callee's), or the
// code's own when the keyword is the code's standard phrase. A keyword that begins with a
// code's standard phrase is read on that code only by an exact phrase rule, since rules read
// what the phrase adds to the standard one ("not found in location" on 404).
var acceptedOverlaps = map[overlap]string{
	{"destination unavailable", "phrase.callee.unavailable"}:  "a destination that is unavailable is the callee on 4xx, the network on 5xx and 6xx",
	{"destino indisponivel", "phrase.callee.unavailable"}:     "as destination unavailable",
	{"destino no disponible", "phrase.callee.unavailable"}:    "as destination unavailable",
	{"destination indisponible", "phrase.callee.unavailable"}: "as destination unavailable",
	{"destination injoignable", "phrase.callee.unavailable"}:  "as destination unavailable",
	{"ziel nicht erreichbar", "phrase.callee.unavailable"}:    "as destination unavailable",
	{"irraggiungibile", "phrase.callee.unavailable"}:          "unreachable, said of the callee on 4xx",
	{"unknown domain", "phrase.network.nonexistent-host"}:     "a domain the dial plan does not know on 4xx is a name that does not resolve on 408 and 5xx",
	{"io exception", "phrase.server.exception"}:               "an exception on a 5xx is the server's failure before it is its socket's",
	{"missing", "phrase.protocol.missing"}:                    "something missing on a 4xx is the request's, on a 5xx the server's",
	{"a raccroche au nez", "phrase.request.cancelled"}:        "a hang-up is the caller's except on 600, 603 and 607",
	{"colgo la llamada", "phrase.request.cancelled"}:          "as a raccroché au nez",
	{"desligou na cara", "phrase.request.cancelled"}:          "as a raccroché au nez",
}

// fewCodes is how many registered codes a rule may name and still be a code's own reading.
const fewCodes = 8

// TestKeywordsNotShadowed writes every exact phrase and keyword of the built-in rules that
// decide by the phrase alone as a phrase of its own, on every registered code its rule names,
// and requires its rule's category. An earlier rule that reads a keyword as something else
// ("не отвечает", the callee's, in "сервер не отвечает", a server's) makes the keyword dead on
// those codes without any labelled phrase noticing.
func TestKeywordsNotShadowed(t *testing.T) {
	parsed, err := builtinRules()
	if err != nil {
		t.Fatal(err)
	}
	c := newTestClassifier(t)
	fewCoded := map[string]bool{}
	for _, pr := range parsed {
		n := 0
		for _, e := range codeTable {
			if !pr.codes.empty() && pr.codes.has(e.code) {
				n++
			}
		}
		if n > 0 && n <= fewCodes {
			fewCoded[pr.id] = true
		}
	}
	used := map[overlap]bool{}
	for _, pr := range parsed {
		if !pr.phraseOnly() || pr.standard != nil {
			continue
		}
		method := "INVITE"
		if len(pr.methods) > 0 {
			method = pr.methods[0]
		}
		texts := make([]string, 0, len(pr.phrases)+len(pr.keywords))
		texts = append(texts, pr.phrases...)
		for _, kw := range pr.keywords {
			texts = append(texts, kw.text)
		}
		for _, text := range texts {
			for _, e := range codeTable {
				if e.code < 300 || !pr.codes.empty() && !pr.codes.has(e.code) {
					continue
				}
				if pr.wideFor(e.code) && c.seen.ruledOut(e.code, pr.category) {
					continue // no labelled phrase of the code has the category (seen.go)
				}
				d := c.Classify(&Response{Code: e.code, Reason: text, Method: method})
				if d.Category == pr.category || fewCoded[d.Rule] || text == c.stdNorm[e.code] {
					continue
				}
				o := overlap{text, d.Rule}
				if _, ok := acceptedOverlaps[o]; ok {
					used[o] = true
					continue
				}
				t.Errorf("%d %q: keyword or phrase of %s (%s) reads as %s by %s", e.code, text, pr.id, pr.category, d.Category, d.Rule)
			}
		}
	}
	for o := range acceptedOverlaps {
		if !used[o] {
			t.Errorf("accepted overlap %q read by %s no longer happens: take it off the list", o.keyword, o.winner)
		}
	}
}

// TestKeywordsBesideAdvice writes every keyword of the built-in rules that decide by the phrase
// alone beside advice, labels and lead-ins that name no cause ("..., please try again later",
// "... (ref 12345)", "Call failed: ..."), on a few common codes, and requires the reading the
// keyword has alone: a rule for the advice or the lead-in must not come before the causes it
// is written beside. Keywords that say only that something failed, and the standard phrases,
// are left out: beside "try again later" they say no more than the advice does.
func TestKeywordsBesideAdvice(t *testing.T) {
	parsed, err := builtinRules()
	if err != nil {
		t.Fatal(err)
	}
	c := newTestClassifier(t)
	frames := []string{"%s, please try again later", "%s - try later", "%s (ref 12345)", "Error: %s", "Call failed: %s"}
	codes := []int{403, 404, 480, 486, 488, 500, 503, 603}
	for _, pr := range parsed {
		if !pr.phraseOnly() || pr.standard != nil || pr.id == "phrase.server.failed" {
			continue
		}
		for _, kw := range pr.keywords {
			for _, code := range codes {
				if !pr.codes.empty() && !pr.codes.has(code) || strings.HasPrefix(kw.text, c.stdNorm[code]) {
					continue
				}
				alone := c.Classify(&Response{Code: code, Reason: kw.text, Method: "INVITE"})
				if alone.Category != pr.category {
					continue
				}
				for _, frame := range frames {
					phrase := fmt.Sprintf(frame, kw.text)
					d := c.Classify(&Response{Code: code, Reason: phrase, Method: "INVITE"})
					if d.Category != alone.Category {
						t.Errorf("%d %q = %s (rule %s), alone %s (rule %s)", code, phrase, d.Category, d.Rule, alone.Category, alone.Rule)
					}
				}
			}
		}
	}
}
