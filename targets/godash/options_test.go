// Tests of the command line: defaults, every flag, and each usage error.
package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseOptions_DefaultsListenOnLoopbackWithoutDefect(t *testing.T) {
	options, err := parseOptions(nil, io.Discard)
	want := Options{BindAddress: "127.0.0.1", Port: 0, Defect: DefectNone,
		Heartbeat: defaultHeartbeat, SubscriberBuffer: defaultSubscriberBuffer}
	if err != nil || options != want {
		t.Fatalf("got %+v, %v; want %+v", options, err, want)
	}
}

func TestParseOptions_ReadsEveryFlag(t *testing.T) {
	args := []string{"-port", "8080", "--bind", "::1", "-defect", "unbounded-buffer",
		"-heartbeat", "250ms", "-subscriber-buffer", "16"}
	options, err := parseOptions(args, io.Discard)
	want := Options{BindAddress: "::1", Port: 8080, Defect: DefectUnboundedBuffer,
		Heartbeat: 250 * time.Millisecond, SubscriberBuffer: 16}
	if err != nil || options != want {
		t.Fatalf("got %+v, %v; want %+v", options, err, want)
	}
}

func TestParseOptions_AcceptsEveryDefectByName(t *testing.T) {
	for i, name := range defectNames {
		options, err := parseOptions([]string{"-defect", name}, io.Discard)
		if err != nil || options.Defect != Defect(i) || options.Defect.String() != name {
			t.Errorf("-defect %s: got %v, %v", name, options.Defect, err)
		}
	}
}

func TestParseOptions_RejectsBadValuesNamingTheFlag(t *testing.T) {
	cases := map[string][]string{
		"-defect":            {"-defect", "race"},
		"-port":              {"-port", "70000"},
		"-heartbeat":         {"-heartbeat", "0s"},
		"-subscriber-buffer": {"-subscriber-buffer", "0"},
		"unexpected":         {"extra"},
		"-nosuch":            {"-nosuch"},
	}
	for mention, args := range cases {
		var output strings.Builder
		if _, err := parseOptions(args, &output); err == nil || !strings.Contains(output.String(), mention) {
			t.Errorf("%v: error %v, output %q; want an error mentioning %s", args, err, output.String(), mention)
		}
	}
}

func TestParseOptions_HelpIsNotAnError(t *testing.T) {
	if _, err := parseOptions([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("got %v, want flag.ErrHelp", err)
	}
}
