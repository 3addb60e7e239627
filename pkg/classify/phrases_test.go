package classify

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sipscan/sipscan/internal/testenv"
)

// phraseRow is one row of a phrases.tsv file: code, reason phrase, category, source.
type phraseRow struct {
	line     int
	code     int
	phrase   string
	category Category
	method   string // the method the response answers: the fifth column, INVITE when absent
}

func readPhrases(t testing.TB, path string) []phraseRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var rows []phraseRow
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 || strings.TrimSpace(text) == "" {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 3 {
			t.Fatalf("%s:%d: want at least 3 tab-separated columns", path, line)
		}
		code, err := strconv.Atoi(cols[0])
		if err != nil {
			t.Fatalf("%s:%d: code %q: %v", path, line, cols[0], err)
		}
		method := "INVITE"
		if len(cols) >= 5 && cols[4] != "" {
			method = cols[4]
		}
		rows = append(rows, phraseRow{line: line, code: code, phrase: cols[1], category: Category(cols[2]), method: method})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return rows
}

func checkPhraseRows(t *testing.T, path string) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := readPhrases(t, path)
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", path)
	}
	for _, row := range rows {
		d := c.Classify(&Response{Code: row.code, Reason: row.phrase, Method: row.method})
		if d.Category != row.category {
			t.Errorf("%s:%d: %d %q = %s (rule %s), want %s", filepath.Base(path), row.line, row.code, row.phrase, d.Category, d.Rule, row.category)
		}
	}
}

// TestSharedPhrases requires the category of every row of the shared phrase research file.
func TestSharedPhrases(t *testing.T) {
	path := filepath.Join(testenv.RepoRoot(t), "..", "shared", "phrases", "phrases.tsv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared phrase file not available: %v", err)
	}
	checkPhraseRows(t, path)
}

// TestPackagePhrases checks the rows kept in the package's own testdata, so that a fresh
// machine without the shared files still tests the rules against real phrases.
func TestPackagePhrases(t *testing.T) {
	checkPhraseRows(t, filepath.Join("testdata", "phrases.tsv"))
}
