package hugeheap

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
	"unsafe"
)

const (
	thpSetting   = "/sys/kernel/mm/transparent_hugepage/enabled"
	madvHugePage = 14 // MADV_HUGEPAGE, Linux 2.6.38

	// initHeap is how much of the heap the package's init asks for: more than a run of
	// report or check takes on the benchmark captures, so that all their tables and buffers
	// land there.
	initHeap = 64 << 20
)

// zeroData is a variable in the program's zero-initialised data, to find its mapping by.
var zeroData [8]byte

func init() {
	// Errors are dropped on purpose: see the package documentation.
	if madviseMode() {
		_ = adviseMapping(uintptr(unsafe.Pointer(&zeroData)))
		_, _ = adviseHeap(initHeap)
	}
}

// AdviseHeap asks for more of the heap than the package's init did: it makes the Go heap
// grow by at least size bytes, by a ballast it drops at once, and asks for huge pages for the
// mapping that holds the new part, where what the program allocates afterwards, up to about
// size bytes, is placed. It returns the number of bytes advised: 0, with a nil error, when the
// system's setting makes the advice pointless (huge pages always used, or never). It runs a
// garbage collection.
func AdviseHeap(size int) (int, error) {
	if !madviseMode() {
		return 0, nil
	}
	return adviseHeap(size)
}

// madviseMode reports whether the kernel uses huge pages where they are asked for, and only
// there.
func madviseMode() bool {
	setting, err := os.ReadFile(thpSetting)
	return err == nil && bytes.Contains(setting, []byte("[madvise]"))
}

// adviseHeap is AdviseHeap whatever the system's setting.
func adviseHeap(size int) (int, error) {
	// The collector is held off while the ballast is live: the allocation would start a
	// cycle otherwise, marking all of the program's data (megabytes of gopacket's tables
	// with pointers) for an object that is about to go.
	gcPercent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(gcPercent)
	// A fresh large allocation comes straight from a new mapping, already zero: making it
	// costs no page faults.
	ballast := make([]byte, size)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(ballast)))
	lo, hi, err := mappingOf(addr)
	runtime.KeepAlive(ballast)
	if err != nil {
		return 0, err
	}
	if err := madviseHuge(lo, hi); err != nil {
		return 0, err
	}
	// Free the ballast now, so that the allocations that follow reuse its pages rather than
	// grow the heap past it.
	ballast = nil
	// The percentage is restored before the collection (the deferred call is for the error
	// returns): forced with the collector off, the collection took longer, and a fresh
	// process started 2-5 ms later.
	debug.SetGCPercent(gcPercent)
	runtime.GC()
	return int(hi - lo), nil
}

// adviseMapping advises the whole mapping that holds addr.
func adviseMapping(addr uintptr) error {
	lo, hi, err := mappingOf(addr)
	if err != nil {
		return err
	}
	return madviseHuge(lo, hi)
}

func madviseHuge(lo, hi uintptr) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, madvHugePage); errno != 0 {
		return fmt.Errorf("madvise %#x-%#x: %w", lo, hi, errno)
	}
	return nil
}

// mappingOf returns the bounds of the mapping of the process's address space that holds
// addr, from /proc/self/maps.
func mappingOf(addr uintptr) (lo, hi uintptr, err error) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0, 0, fmt.Errorf("find a mapping: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if lo, hi, ok := parseRange(sc.Bytes()); ok && lo <= addr && addr < hi {
			return lo, hi, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, fmt.Errorf("read /proc/self/maps: %w", err)
	}
	return 0, 0, fmt.Errorf("no mapping of /proc/self/maps holds the address %#x", addr)
}

// parseRange reads the address range that starts a line of /proc/self/maps or smaps:
// "start-end perms offset dev inode path", addresses in hex.
func parseRange(line []byte) (lo, hi uintptr, ok bool) {
	r, _, _ := bytes.Cut(line, []byte(" "))
	a, b, ok := bytes.Cut(r, []byte("-"))
	if !ok {
		return 0, 0, false
	}
	start, err1 := strconv.ParseUint(string(a), 16, 64)
	end, err2 := strconv.ParseUint(string(b), 16, 64)
	if err1 != nil || err2 != nil || start >= end {
		return 0, 0, false
	}
	return uintptr(start), uintptr(end), true
}
