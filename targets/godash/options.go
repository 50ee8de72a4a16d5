// godash's command line, parsed once into typed values (the defect enum, durations).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"
)

// Options are the command-line settings of one godash process.
type Options struct {
	BindAddress      string        // IP address to listen on
	Port             int           // TCP port; 0 lets the kernel pick one
	Defect           Defect        // the deliberate failure to run with
	Heartbeat        time.Duration // between two heartbeat comments on an idle SSE stream
	SubscriberBuffer int           // events held per SSE subscriber before it counts as too slow
}

const (
	defaultHeartbeat        = 5 * time.Second
	defaultSubscriberBuffer = 256 // events; about a minute of a busy dashboard
)

// parseOptions parses args (without the program name). Usage and errors go to output; -h
// returns flag.ErrHelp.
func parseOptions(args []string, output io.Writer) (Options, error) {
	flags := flag.NewFlagSet("godash", flag.ContinueOnError)
	flags.SetOutput(output)
	var options Options
	var defect string
	flags.StringVar(&options.BindAddress, "bind", "127.0.0.1", "IP `address` to listen on")
	flags.IntVar(&options.Port, "port", 0, "TCP `port` to listen on; 0 lets the kernel pick one")
	flags.StringVar(&defect, "defect", "none",
		"deliberate `defect`: none, map-race, goroutine-leak or unbounded-buffer")
	flags.DurationVar(&options.Heartbeat, "heartbeat", defaultHeartbeat,
		"`interval` between heartbeat comments on SSE streams")
	flags.IntVar(&options.SubscriberBuffer, "subscriber-buffer", defaultSubscriberBuffer,
		"`events` queued per SSE subscriber before it is dropped as too slow")
	if err := flags.Parse(args); err != nil {
		return Options{}, err
	}

	// flag has already reported its own errors; these are reported here, in the same style.
	fail := func(err error) (Options, error) {
		fmt.Fprintf(output, "godash: %v\n", err)
		return Options{}, err
	}
	if flags.NArg() > 0 {
		return fail(fmt.Errorf("unexpected argument %q", flags.Arg(0)))
	}
	if options.Port < 0 || options.Port > 65535 {
		return fail(fmt.Errorf("-port %d is outside 0-65535", options.Port))
	}
	if options.Heartbeat <= 0 {
		return fail(errors.New("-heartbeat must be positive"))
	}
	if options.SubscriberBuffer < 1 {
		return fail(errors.New("-subscriber-buffer must be at least 1"))
	}
	var err error
	if options.Defect, err = parseDefect(defect); err != nil {
		return fail(fmt.Errorf("-defect: %v", err))
	}
	return options, nil
}
