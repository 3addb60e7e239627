// Package hugeheap asks the kernel to back sipscan's memory with transparent huge pages:
// importing the package asks for the program's zero-initialised data and the first 64 MiB of
// the heap; AdviseHeap asks for more.
//
// sipscan keeps its correlation tables, read-ahead chunks and batches, tens of megabytes, in
// the Go heap, and the Collector reaches into the tables at random; gopacket's layers package
// fills 7 MB of lookup tables in the program's data before main runs. With 4 KiB pages every
// first touch of a page is a fault (about 12 µs each in the virtual machines the benchmarks
// run on: some 14 thousand of them per run of the 1 GiB benchmark capture W1) and the
// tables' random reads miss the TLB. With 2 MiB pages both nearly vanish.
//
// Linux backs anonymous memory with huge pages either always, or only where a program asks
// with madvise(MADV_HUGEPAGE) (the default of many distributions), or never. In the second
// case:
//   - the package's init function asks for the mapping of the zero-initialised data. It must
//     run before the packages that fill tables there, and does: Go initialises packages in
//     import path order as far as their imports allow, and this package imports only the
//     standard library, so it comes before github.com/google/gopacket/layers, which waits
//     for package net;
//   - it then asks for the heap. The Go runtime does not, and the heap grows by new mappings
//     that do not inherit the advice, so the package makes the heap grow once, by a ballast
//     it then drops (a garbage collection frees it), and asks for that whole mapping. Done at
//     initialisation rather than in main, what the later packages allocate lands there too,
//     and the collection finds gopacket's tables not yet filled: a fresh process starts 5-7
//     ms sooner than with the same call at the start of main.
//
// Nothing is touched, so the resident size grows only as the program uses memory. A failure
// leaves the process as it was: without huge pages sipscan only runs slower.
package hugeheap
