// Figures about the process from /proc/<pid> (Linux), for /metrics. The directory is a
// parameter so tests can point it at a fake tree.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// procSelf is the real process's directory.
const procSelf = "/proc/self"

// readThreads returns the OS threads of the process (the Threads: line of status).
func readThreads(procDir string) (int, error) {
	file, err := os.Open(filepath.Join(procDir, "status"))
	if err != nil {
		return 0, err
	}
	defer file.Close()
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.HasPrefix(line, "Threads:") {
			return strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Threads:")))
		}
	}
	if err := scanner.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%s/status has no Threads: line", procDir)
}

// readOpenFDs returns the open file descriptors (entries of fd/, counting the one used to
// list them, as every Prometheus client does).
func readOpenFDs(procDir string) (int, error) {
	entries, err := os.ReadDir(filepath.Join(procDir, "fd"))
	if err != nil {
		return 0, err
	}
	return len(entries), nil
}

// readResidentBytes returns the resident set size (statm's second field, in pages).
func readResidentBytes(procDir string) (int64, error) {
	statm, err := os.ReadFile(filepath.Join(procDir, "statm"))
	if err != nil {
		return 0, err
	}
	fields := strings.Fields(string(statm))
	if len(fields) < 2 {
		return 0, fmt.Errorf("%s/statm has %d fields, expected at least 2", procDir, len(fields))
	}
	pages, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s/statm: %w", procDir, err)
	}
	return pages * int64(os.Getpagesize()), nil
}
