// Command gen writes capturetest's sample captures into a directory, for go generate:
//
//	//go:generate go run github.com/sipscan/sipscan/pkg/capture/capturetest/gen -dir .
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

func main() {
	dir := flag.String("dir", ".", "directory to write the captures into")
	flag.Parse()
	for _, s := range capturetest.Samples() {
		if err := capturetest.WriteFile(filepath.Join(*dir, s.Name), s.Packets); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
