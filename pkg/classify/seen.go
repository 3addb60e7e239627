package classify

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// A keyword can name a cause in a sense the response code rules out: "hold connections" on a
// 488 is the media's connections, not a hop the network could not reach; "No Application
// Session" on a 481 is the dialog that does not exist, not a route. Among the labelled phrases
// of the package's files, a code with many of them carries only some categories: no 481 of 77
// is anything but a protocol error, no 488 of 317 the network. A built-in phrase rule does not
// move a response to a category that none of the labelled phrases of its code has, when the
// code has at least minSeenPhrases of them: the next rule reads the phrase, or the code's
// default decides. Only wide rules are held back: built-in rules that read the phrase alone,
// name no method and take the code as one of a whole class ("4xx"). A rule that names the code
// or the method was written for it; Reason headers, Warning codes, the request's context and
// the user's own rules are not held back either.
//
// categories_seen.tsv lists, for each such code, how many labelled phrases it has and their
// categories. It is derived from testdata/*.tsv and the shared phrase file, except
// testdata/composed-headings.tsv, phrases made hard on purpose that were scored once and that
// the rules were not fitted to: the odd pairings of code and cause they were made with would
// widen what a code has been seen with before any rule reads them. TestCategoriesSeenTable
// keeps it so (go test -run TestCategoriesSeenTable -update rewrites it after labelled phrases
// are added).

// minSeenPhrases is how many labelled phrases a code needs before the categories they lack
// are ruled out for it.
const minSeenPhrases = 30

//go:embed categories_seen.tsv
var categoriesSeenFile string

// categorySet is a set of categories, one bit per category in taxonomy order.
type categorySet uint32

func categoryBit(c Category) categorySet {
	for i := range categoryTable {
		if categoryTable[i].Name == c {
			return 1 << i
		}
	}
	return 0
}

// seenCategories maps a response code to the categories its labelled phrases have, for the
// codes with at least minSeenPhrases of them.
type seenCategories map[int]categorySet

// parseCategoriesSeen reads the table: lines of code, count and the categories separated by
// spaces, tab-separated; "#" starts a comment line.
func parseCategoriesSeen(text string) (seenCategories, error) {
	seen := seenCategories{}
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("categories_seen.tsv:%d: want 3 tab-separated fields, have %d", i+1, len(f))
		}
		code, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("categories_seen.tsv:%d: code %q: %w", i+1, f[0], err)
		}
		var set categorySet
		for _, name := range strings.Fields(f[2]) {
			bit := categoryBit(Category(name))
			if bit == 0 {
				return nil, fmt.Errorf("categories_seen.tsv:%d: unknown category %q", i+1, name)
			}
			set |= bit
		}
		seen[code] = set
	}
	return seen, nil
}

// wideFor reports whether r is a built-in rule that reads the phrase alone, names no method it
// is for and takes code as one of a whole class ("4xx"): one whose reading seenCategories may
// rule out.
func (r *rule) wideFor(code int) bool {
	return r.source == "builtin" && r.phraseOnly() && len(r.methods) == 0 && !r.codes.named(code)
}

// ruledOut reports whether cat is one that no labelled phrase of code has, for a code with
// enough of them to tell.
func (s seenCategories) ruledOut(code int, cat Category) bool {
	set, ok := s[code]
	return ok && set&categoryBit(cat) == 0
}
