package classify

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sipscan/sipscan/internal/testenv"
)

// sharedPhrasesPath is where the shared phrase file is, present or not.
func sharedPhrasesPath(t *testing.T) string {
	t.Helper()
	return filepath.Join(testenv.RepoRoot(t), "..", "shared", "phrases", "phrases.tsv")
}

// notFittedFile holds composed phrases scored once, which the rules were not fitted to; the
// table leaves them out (seen.go).
const notFittedFile = "composed-headings.tsv"

// categoriesSeenTable derives the table of categories_seen.tsv from the labelled files.
func categoriesSeenTable(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no labelled files: %v", err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(f) == notFittedFile })
	files = append(files, sharedPhrasesPath(t))
	count := map[int]int{}
	cats := map[int]categorySet{}
	for _, f := range files {
		for _, r := range readPhrases(t, f) {
			count[r.code]++
			cats[r.code] |= categoryBit(r.category)
		}
	}
	codes := make([]int, 0, len(count))
	for code, n := range count {
		if n >= minSeenPhrases {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	var b strings.Builder
	b.WriteString("# code\tlabelled phrases\ttheir categories, in taxonomy order\n")
	b.WriteString("# Derived from testdata/*.tsv (but " + notFittedFile + ") and ../shared/phrases/phrases.tsv by TestCategoriesSeenTable\n")
	b.WriteString("# (-update rewrites it); see seen.go.\n")
	for _, code := range codes {
		var names []string
		for i := range categoryTable {
			if cats[code]&(1<<i) != 0 {
				names = append(names, string(categoryTable[i].Name))
			}
		}
		fmt.Fprintf(&b, "%d\t%d\t%s\n", code, count[code], strings.Join(names, " "))
	}
	return b.String()
}

// TestCategoriesSeenTable requires categories_seen.tsv to be what the labelled files say.
func TestCategoriesSeenTable(t *testing.T) {
	if _, err := os.Stat(sharedPhrasesPath(t)); err != nil {
		t.Skipf("the table is derived with the shared phrase file too, which is not available: %v", err)
	}
	want := categoriesSeenTable(t)
	if *update {
		if err := os.WriteFile("categories_seen.tsv", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if categoriesSeenFile != want {
		t.Errorf("categories_seen.tsv differs from the labelled files; run go test -run TestCategoriesSeenTable -update")
	}
}

func TestParseCategoriesSeen(t *testing.T) {
	seen, err := parseCategoriesSeen("# comment\n481\t77\tprotocol.error\n488\t317\tmedia.codec nat.private-address\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code int
		cat  Category
		want bool
	}{
		{481, CategoryProtocolError, false},
		{481, CategoryRouteNoRoute, true},
		{488, CategoryNATPrivateAddress, false},
		{488, CategoryNetworkUnreachable, true},
		{486, CategoryNetworkUnreachable, false}, // not in the table: nothing is ruled out
	}
	for _, tt := range tests {
		if got := seen.ruledOut(tt.code, tt.cat); got != tt.want {
			t.Errorf("ruledOut(%d, %s) = %v, want %v", tt.code, tt.cat, got, tt.want)
		}
	}
	for _, bad := range []string{"481\tprotocol.error\n", "x\t1\tok\n", "481\t77\tno.such\n"} {
		if _, err := parseCategoriesSeen(bad); err == nil {
			t.Errorf("parseCategoriesSeen(%q): no error", bad)
		}
	}
}

// TestUserRulesNotRuledOut: the categories a code rules out hold back the built-in wide rules
// only; a user's rule gives what it says.
func TestUserRulesNotRuledOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	rules := "rules:\n  - id: user.no-application\n    code: 481\n    keywords: [\"no application\"]\n    category: route.no-route\n"
	if err := os.WriteFile(path, []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	uc, err := New(Options{RulesFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if d := uc.Classify(&Response{Code: 481, Reason: "No Application Session", Method: "INVITE"}); d.Category != CategoryRouteNoRoute || d.Rule != "user.no-application" {
		t.Errorf("user rule: 481 %q = %s by %s, want route.no-route by user.no-application", "No Application Session", d.Category, d.Rule)
	}
}
