package classify

import "strings"

// Real phrases carry typos ("Databse connection timeout", "Invalid Srict Routing", "Internal
// Serve Error", "forwading"): a word one letter off the word a rule names no longer matches it.
// A word of the phrase that is none of the rules' words but is one of them with a letter
// inside it dropped, or with two neighbouring letters swapped, and of exactly one of them, is
// read as that word, and the phrase is read again; that reading is taken when it is a rule's
// and the rule comes before the one that read the phrase as written (a keyword of another word
// of it, or the code's default). Other differences of one letter are more often other words
// than typos, and were measured so on the labelled phrases: a letter replaced turns words of
// other languages into the rules' ("angenommen" into "abgenommen", "alocat" into "blocat"), a
// letter too many or a last letter missing is another form of a word ("router" and "route",
// "pause" and "paused"). Dropping a letter from the middle of the longest word of each of
// about 6,650 labelled phrases the rules read right changed 736 readings; it changes 72 now.

// minSpellLen is the shortest rules' word a typo is read as: shorter words are one letter
// from too many others ("cause" from "clause").
const minSpellLen = 6

// maxSpellWords bounds how many words of one phrase are looked up.
const maxSpellWords = 16

// respelled returns the rules' word that w is a typo of, when there is exactly one and w is
// not a word the rules know: w lacks one of the word's inner letters, or has two of its
// neighbouring letters swapped. The candidates are made from w and looked up, about 27 per
// letter of w: a phrase is respelled only on a cache miss, and an index of the rules' words
// by their typos would cost every run its building.
func (v *vocabulary) respelled(w string) (string, bool) {
	if len(w) < minSpellLen-1 || len(w) > 32 || !isLowerLetters(w) || v.piece(w) {
		return "", false
	}
	var buf [33]byte
	found := ""
	ambiguous := false
	take := func(cand []byte) {
		if !v.words[string(cand)] {
			return
		}
		switch {
		case found == "":
			found = string(cand)
		case found != string(cand):
			ambiguous = true
		}
	}
	// A letter missing from inside w. A last letter missing is more often another form of
	// the word than a typo ("pause" and "paused"), and so is a first one.
	if len(w)+1 >= minSpellLen {
		for pos := 1; pos < len(w); pos++ {
			cand := buf[:len(w)+1]
			copy(cand, w[:pos])
			copy(cand[pos+1:], w[pos:])
			for ch := byte('a'); ch <= 'z'; ch++ {
				cand[pos] = ch
				take(cand)
			}
		}
	}
	// Two neighbouring letters swapped.
	if len(w) >= minSpellLen {
		for i := 0; i+1 < len(w); i++ {
			if w[i] == w[i+1] {
				continue
			}
			cand := buf[:len(w)]
			copy(cand, w)
			cand[i], cand[i+1] = cand[i+1], cand[i]
			take(cand)
		}
	}
	if ambiguous || found == "" {
		return "", false
	}
	return found, true
}

// wordPunctuation is what may stand around a word of a normalised phrase.
const wordPunctuation = ".,;:!?()[]\"'"

// respelledPhrase returns norm with its words one letter off a rules' word respelled, and
// whether any was.
func (c *Classifier) respelledPhrase(norm string) (string, bool) {
	c.vocab.once.Do(func() { c.vocab.build(c.rules) })
	words := strings.Split(norm, " ")
	if len(words) > maxSpellWords {
		return norm, false
	}
	changed := false
	for i, w := range words {
		// Punctuation around a word stays where it is: "disable," is "disable" and a comma.
		left := strings.TrimLeft(w, wordPunctuation)
		start := len(w) - len(left)
		end := start + len(strings.TrimRight(left, wordPunctuation))
		if fixed, ok := c.vocab.respelled(w[start:end]); ok {
			words[i], changed = w[:start]+fixed+w[end:], true
		}
	}
	if !changed {
		return norm, false
	}
	return strings.Join(words, " "), true
}
