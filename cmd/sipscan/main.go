// Command sipscan reads SIP traffic from packet captures or a live interface and tells, for
// every response, what it means and why a call or registration failed.
//
// This package only parses flags and wires the pipeline stages in pkg/ together; one file per
// subcommand.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	// Asks for huge pages for the heap and data before gopacket fills its tables; see the
	// package's documentation.
	_ "github.com/sipscan/sipscan/internal/hugeheap"
)

// Exit codes, as fixed by the output contract.
const (
	exitOK        = 0
	exitViolation = 1 // `check` found a violation
	exitUsage     = 2 // usage error, or no input could be read
)

// exitError carries an exit code through cobra's error return.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErrorf makes an error that exits with the usage code.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line and returns the process exit code. It is the entry point of
// the end-to-end tests too.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCommand(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.code != exitViolation {
			fmt.Fprintf(stderr, "sipscan: %v\n", ee.err)
		}
		return ee.code
	}
	// Anything cobra rejects (unknown flag, bad value) is a usage error.
	fmt.Fprintf(stderr, "sipscan: %v\n", err)
	return exitUsage
}

// env is what the commands read and write, so tests can run them in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}
