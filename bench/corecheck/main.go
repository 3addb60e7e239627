// Command corecheck measures how many cores the machine gives a process right now: it times a
// fixed amount of arithmetic on one goroutine, then the same amount on each of GOMAXPROCS
// goroutines at once, and prints the ratio (GOMAXPROCS when every core runs at full speed).
// bench/run.sh prints it beside the timings, because a virtual machine's cores can slow down
// for seconds at a time, which changes a parallel program's wall time and not its result.
//
//	go run ./bench/corecheck          # one line: cores delivered, and the times it came from
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"
)

// spin does n rounds of a multiply-xorshift step that the compiler cannot fold away, and
// returns its state so that the work is used.
func spin(n int) uint64 {
	x := uint64(1)
	for range n {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 17
	}
	return x
}

// timeSpin runs spin(n) on each of g goroutines at once and returns the wall time.
func timeSpin(g, n int) (time.Duration, uint64) {
	sums := make([]uint64, g)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range g {
		wg.Go(func() { sums[i] = spin(n) })
	}
	wg.Wait()
	var all uint64
	for _, s := range sums {
		all ^= s
	}
	return time.Since(start), all
}

func main() {
	rounds := flag.Int("n", 50_000_000, "rounds of arithmetic per goroutine and trial (about 0.1 s)")
	trials := flag.Int("trials", 5, "trials of each kind; the median is used")
	flag.Parse()
	if *rounds <= 0 || *trials <= 0 {
		fmt.Fprintln(os.Stderr, "corecheck: -n and -trials must be positive")
		os.Exit(2)
	}
	procs := runtime.GOMAXPROCS(0)
	var one, all []time.Duration
	var sink uint64
	for range *trials {
		d, s := timeSpin(1, *rounds)
		one = append(one, d)
		sink ^= s
		d, s = timeSpin(procs, *rounds)
		all = append(all, d)
		sink ^= s
	}
	slices.Sort(one)
	slices.Sort(all)
	t1, tn := one[len(one)/2], all[len(all)/2]
	// sink keeps the work observable; it is printed only in the unlikely case it is zero.
	if sink == 0 {
		fmt.Fprintln(os.Stderr, "corecheck: zero checksum")
	}
	fmt.Printf("%.2f cores of %d (one goroutine %.0f ms, %d at once %.0f ms, medians of %d, slowest of %d at once %.0f ms)\n",
		float64(procs)*t1.Seconds()/tn.Seconds(), procs, ms(t1), procs, ms(tn), *trials, procs, ms(all[len(all)-1]))
}

func ms(d time.Duration) float64 { return d.Seconds() * 1000 }
