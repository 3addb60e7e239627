// Command gen writes the sample capture (see package sample) for go generate.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sipscan/sipscan/internal/sample"
	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

func main() {
	out := flag.String("o", "sample.pcapng", "capture file to write (.pcapng or .pcap)")
	flag.Parse()
	if err := capturetest.WriteFile(*out, sample.Packets()); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
