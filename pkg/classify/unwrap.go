package classify

import "strings"

// Vendors wrap a phrase in words that name no cause: a label before it ("[Vendor] Try again
// later", "[sbc-2] No transport") or a clause after it ("Unsupported Media (after 32 s)",
// "Retry Later (X-Reason: 1234)"). The whole then no longer equals the phrase a rule names,
// and a keyword of the phrase may outvote the reading the phrase has on its own. A bracketed
// label or clause that no rule reads, written alone, adds nothing to the reading: the phrase is
// read without it. One that names a cause stays ("Rejected (no credit)", "Busy (cause 17)",
// "[SPAM] Declined"), since what it names may be the reason the response was sent.

// unwrapped returns r's phrase without the leading bracketed label and the trailing clause in
// brackets that the rules read nothing in, or the phrase itself when it has neither. A label
// before the phrase is dropped; a clause after it only while what is left is more than the
// code's standard phrase as written ("Forbidden (Device not preallocated)": the clause is all
// the phrase says, and the rules read it as the detail). trailing reports whether a clause was
// dropped.
func (c *Classifier) unwrapped(r *Response) (phrase string, trailing bool) {
	phrase = strings.TrimSpace(r.Reason)
	std, _ := StandardPhrase(r.Code)
	// Each label or clause is read by all the rules; a phrase made of many of them stops being
	// unwrapped after maxWrappers.
	for range maxWrappers {
		if core, label, ok := leadingLabel(phrase); ok && !c.readsClause(r, label) {
			phrase = core
			continue
		}
		core, clause, ok := trailingClause(phrase)
		if !ok || strings.EqualFold(core, std) || c.readsClause(r, clause) {
			break
		}
		phrase, trailing = core, true
	}
	return phrase, trailing
}

// maxWrappers is how many labels and clauses unwrapped takes off one phrase at most.
const maxWrappers = 4

// leadingLabel splits "[label] rest" into rest and label.
func leadingLabel(phrase string) (core, label string, ok bool) {
	if !strings.HasPrefix(phrase, "[") {
		return "", "", false
	}
	end := strings.IndexByte(phrase, ']')
	if end < 0 {
		return "", "", false
	}
	core = strings.TrimSpace(phrase[end+1:])
	if !hasLetter(core) {
		return "", "", false
	}
	return core, phrase[1:end], true
}

// trailingClause splits "rest (clause)" or "rest [clause]" into rest and clause; brackets
// inside the clause are matched, so "Busy (line (2))" gives "Busy" and "line (2)".
func trailingClause(phrase string) (core, clause string, ok bool) {
	var open, close byte
	switch {
	case strings.HasSuffix(phrase, ")"):
		open, close = '(', ')'
	case strings.HasSuffix(phrase, "]"):
		open, close = '[', ']'
	default:
		return "", "", false
	}
	depth := 0
	for i := len(phrase) - 1; i >= 0; i-- {
		switch phrase[i] {
		case close:
			depth++
		case open:
			depth--
			if depth == 0 {
				core = strings.TrimRight(phrase[:i], " ")
				if !hasLetter(core) {
					return "", "", false
				}
				return core, phrase[i+1 : len(phrase)-1], true
			}
		}
	}
	return "", "", false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 {
			return true
		}
	}
	return false
}

// readsClause reports whether a rule that reads phrases reads clause, written alone as r's
// phrase (in a category r's code does not rule out, see seen.go), or it names a Q.850 cause.
func (c *Classifier) readsClause(r *Response, clause string) bool {
	norm := Normalize(r.Code, clause)
	if norm == "" {
		return false
	}
	if _, ok := phraseCause(norm); ok {
		return true
	}
	pt := c.newPhraseText(r.Code, norm)
	for i := range c.rules {
		ru := &c.rules[i]
		if len(ru.phrases) == 0 && len(ru.keywords) == 0 && ru.re == nil {
			continue
		}
		if cat, ok := c.match(ru, r, &pt); ok && !(ru.wideFor(r.Code) && c.seen.ruledOut(r.Code, cat)) {
			return true
		}
	}
	return false
}
