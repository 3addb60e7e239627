package hugeheap

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"syscall"
	"testing"
	"unsafe"
)

// The package's init has run before the tests. What it advised carries the kernel's hg flag
// ("huge page advised"); so does what AdviseHeap adds.
func TestAdvisedDataAndHeap(t *testing.T) {
	if !madviseMode() {
		setting, err := os.ReadFile(thpSetting)
		t.Skipf("transparent huge pages are not in madvise mode here (%s: %q, %v)", thpSetting, bytes.TrimSpace(setting), err)
	}
	t.Run("init", func(t *testing.T) { checkAdvised(t, make([]byte, 1<<20)) })
	t.Run("AdviseHeap", func(t *testing.T) {
		const size = 16 << 20
		n, err := AdviseHeap(size)
		if err != nil {
			t.Fatal(err)
		}
		if n < size {
			t.Fatalf("AdviseHeap(%d) advised %d bytes, want at least the ballast's size", size, n)
		}
		checkAdvised(t, make([]byte, 1<<20))
	})
}

// checkAdvised checks the mappings of buf, a heap allocation, and of the zero-initialised
// data (advised), and of a mapping made apart (not advised).
func checkAdvised(t *testing.T, buf []byte) {
	t.Helper()
	other, err := syscall.Mmap(-1, 0, 1<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(other)
	for _, c := range []struct {
		what string
		addr uintptr
		hg   bool
	}{
		{"zero-initialised data", uintptr(unsafe.Pointer(&zeroData)), true},
		{"a heap allocation", uintptr(unsafe.Pointer(unsafe.SliceData(buf))), true},
		{"a mapping of its own", uintptr(unsafe.Pointer(unsafe.SliceData(other))), false},
	} {
		flags, err := vmFlags(c.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(flags, []byte(" hg")); got != c.hg {
			t.Errorf("mapping of %s has %q: hg %v, want %v", c.what, flags, got, c.hg)
		}
	}
}

func TestMappingOf(t *testing.T) {
	p := new([4096]byte)
	for _, addr := range []uintptr{uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&zeroData))} {
		lo, hi, err := mappingOf(addr)
		if err != nil {
			t.Fatal(err)
		}
		if !(lo <= addr && addr < hi) || lo%4096 != 0 || hi%4096 != 0 {
			t.Errorf("mappingOf(%#x) = %#x-%#x", addr, lo, hi)
		}
	}
	if _, _, err := mappingOf(0); err == nil {
		t.Error("mappingOf(0) found a mapping")
	}
}

func TestParseRange(t *testing.T) {
	for _, c := range []struct {
		line   string
		lo, hi uintptr
		ok     bool
	}{
		{"00400000-0099b000 r-xp 00000000 fd:01 123 /usr/bin/x", 0x400000, 0x99b000, true},
		{"d2ea1400000-d2ea4800000 rw-p 00000000 00:00 0", 0xd2ea1400000, 0xd2ea4800000, true},
		{"7ffd1000-7ffd2000 rw-p 00000000 00:00 0 [stack]", 0x7ffd1000, 0x7ffd2000, true},
		{"Rss:                 100 kB", 0, 0, false},
		{"VmFlags: rd wr mr mw me ac", 0, 0, false},
		{"2000-1000 rw-p", 0, 0, false},
		{"", 0, 0, false},
	} {
		lo, hi, ok := parseRange([]byte(c.line))
		if lo != c.lo || hi != c.hi || ok != c.ok {
			t.Errorf("parseRange(%q) = %#x, %#x, %v; want %#x, %#x, %v", c.line, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
}

// vmFlags returns the VmFlags line of the mapping in /proc/self/smaps that holds addr.
func vmFlags(addr uintptr) ([]byte, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Bytes()
		if lo, hi, ok := parseRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in && bytes.HasPrefix(line, []byte("VmFlags:")) {
			return append([]byte(nil), line...), nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("no mapping in /proc/self/smaps holds %#x", addr)
}
