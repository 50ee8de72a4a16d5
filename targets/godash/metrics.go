// GET /metrics: Prometheus text exposition format 0.0.4, written by hand (no client library).
package main

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
)

func (s *service) serveMetrics(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodGet) {
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write([]byte(s.renderMetrics(procSelf)))
}

// renderMetrics writes every series. Process figures come from procDir; one that cannot be
// read (not Linux) is left out rather than reported as 0.
func (s *service) renderMetrics(procDir string) string {
	var out strings.Builder
	sample := func(name, kind, help string, value any) {
		fmt.Fprintf(&out, "# HELP %s %s\n# TYPE %s %s\n%s %v\n", name, help, name, kind, name, value)
	}

	sample("go_goroutines", "gauge", "Number of goroutines that currently exist.", runtime.NumGoroutine())
	var memory runtime.MemStats
	runtime.ReadMemStats(&memory)
	sample("go_memstats_heap_alloc_bytes", "gauge",
		"Number of heap bytes allocated and still in use.", memory.HeapAlloc)
	if threads, err := readThreads(procDir); err == nil {
		sample("go_threads", "gauge", "Number of OS threads of the process.", threads)
	}
	if fds, err := readOpenFDs(procDir); err == nil {
		sample("process_open_fds", "gauge", "Number of open file descriptors.", fds)
	}
	if rss, err := readResidentBytes(procDir); err == nil {
		sample("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", rss)
	}

	broker := s.broker.Stats()
	sample("godash_subscribers", "gauge", "SSE subscribers connected now.", broker.Subscribers)
	sample("godash_subscriber_queued_events", "gauge",
		"Events waiting in the SSE subscribers' buffers.", broker.QueuedFrames)
	sample("godash_events_published_total", "counter", "Events published since start.", broker.Published)
	sample("godash_subscribers_dropped_total", "counter",
		"SSE subscribers dropped for falling too far behind.", broker.Dropped)
	sample("godash_widgets", "gauge", "Widgets stored.", s.widgets.Len())

	out.WriteString("# HELP godash_requests_total HTTP requests answered, by route and status code.\n")
	out.WriteString("# TYPE godash_requests_total counter\n")
	// Label values are route patterns and status codes: nothing in them needs escaping.
	for _, series := range s.requests.snapshot() {
		fmt.Fprintf(&out, "godash_requests_total{path=\"%s\",code=\"%d\"} %d\n",
			series.route, series.code, series.count)
	}
	return out.String()
}
