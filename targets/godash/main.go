// godash: a real-time dashboard backend (JSON API, Server-Sent Events, Prometheus metrics,
// pprof) with switchable defects, for faultline. Standard library only. See README.md.
package main

import (
	"errors"
	"flag"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	options, err := parseOptions(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(exitServed)
	}
	if err != nil {
		os.Exit(exitUsage)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	os.Exit(run(options, stop, os.Stdout, os.Stderr))
}
