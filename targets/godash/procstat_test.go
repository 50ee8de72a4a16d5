// Tests of the /proc readers against a fake /proc/self tree in a temporary directory.
package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fakeProc(t *testing.T, status, statm string, fds int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("status", status)
	write("statm", statm)
	if err := os.Mkdir(filepath.Join(dir, "fd"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < fds; i++ {
		write(filepath.Join("fd", string(rune('0'+i))), "")
	}
	return dir
}

func TestProcStat_ReadsThreadsFDsAndResidentMemory(t *testing.T) {
	dir := fakeProc(t, "Name:\tgodash\nThreads:\t7\nVmRSS:\t100 kB\n", "2000 25 10 1 0 30 0\n", 3)
	if threads, err := readThreads(dir); err != nil || threads != 7 {
		t.Errorf("threads %d, %v; want 7", threads, err)
	}
	if fds, err := readOpenFDs(dir); err != nil || fds != 3 {
		t.Errorf("fds %d, %v; want 3", fds, err)
	}
	if rss, err := readResidentBytes(dir); err != nil || rss != 25*int64(os.Getpagesize()) {
		t.Errorf("rss %d, %v; want 25 pages", rss, err)
	}
}

func TestProcStat_MalformedFilesAreErrors(t *testing.T) {
	dir := fakeProc(t, "Name:\tgodash\n", "2000\n", 0)
	if _, err := readThreads(dir); err == nil {
		t.Error("status without Threads: gave no error")
	}
	if _, err := readResidentBytes(dir); err == nil {
		t.Error("statm with one field gave no error")
	}
	if _, err := readOpenFDs(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing fd directory gave no error")
	}
}

func TestMetrics_LeavesOutProcessSeriesItCannotRead(t *testing.T) {
	text := newService(testConfig(DefectNone)).renderMetrics(filepath.Join(t.TempDir(), "missing"))
	for _, name := range []string{"go_threads", "process_open_fds", "process_resident_memory_bytes"} {
		if strings.Contains(text, name) {
			t.Errorf("%s reported without a /proc to read it from", name)
		}
	}
	if !strings.Contains(text, "go_goroutines ") {
		t.Error("go_goroutines missing")
	}
}
