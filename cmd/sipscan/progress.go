package main

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sipscan/sipscan/pkg/capture"
)

// startProgress shows bytes read, rate and ETA on stderr while a large input is read, but only
// when stderr is a terminal and --quiet is off: scripts and CI logs get no carriage returns.
// It returns a function that stops the display and clears its line.
func startProgress(e *env, names []string, quiet bool, opts *capture.Options) (stop func()) {
	if quiet || !isTerminal(e.stderr) {
		return func() {}
	}
	var total int64
	for _, n := range names {
		if n == "-" {
			total = 0 // unknown size: show bytes and rate without ETA
			break
		}
		if st, err := os.Stat(n); err == nil {
			total += st.Size()
		}
	}
	read := new(atomic.Int64)
	opts.BytesRead = read
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(e.stderr, "\r\033[K")
				}
				return
			case now := <-tick.C:
				elapsed := now.Sub(start)
				if elapsed < time.Second {
					continue // small inputs finish without a flicker
				}
				fmt.Fprint(e.stderr, "\r\033[K"+progressLine(read.Load(), total, elapsed))
				shown = true
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// progressLine renders one progress line: bytes read, rate and, when the total is known, ETA.
func progressLine(read, total int64, elapsed time.Duration) string {
	rate := float64(read) / elapsed.Seconds()
	line := fmt.Sprintf("read %s at %s/s", humanBytes(float64(read)), humanBytes(rate))
	if total > 0 && read > 0 && read <= total {
		pct := 100 * float64(read) / float64(total)
		eta := time.Duration(float64(total-read) / rate * float64(time.Second)).Round(time.Second)
		line = fmt.Sprintf("read %s of %s (%.0f%%) at %s/s, ETA %s",
			humanBytes(float64(read)), humanBytes(float64(total)), pct, humanBytes(rate), eta)
	}
	return line
}

func humanBytes(n float64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%.0f B", n)
	}
	div, exp := float64(unit), 0
	for v := n / unit; v >= unit && exp < 4; v /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", n/div, "KMGTP"[exp])
}
