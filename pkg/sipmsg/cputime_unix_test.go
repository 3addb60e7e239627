//go:build unix

package sipmsg

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) the process has used so far. Benchmarks
// report it per operation because on a shared, loaded machine wall-clock ns/op also counts
// the time other processes held the CPU.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
