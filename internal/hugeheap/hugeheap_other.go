//go:build !linux

package hugeheap

// AdviseHeap does nothing where Linux's transparent huge pages are not to be had.
func AdviseHeap(size int) (int, error) { return 0, nil }
