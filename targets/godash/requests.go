// godash_requests_total{path,code}: answered requests counted by route and status code.
package main

import (
	"net/http"
	"sort"
	"sync"
)

type requestKey struct {
	route string // the route's pattern, e.g. /api/widgets/{id}, or "other"
	code  int    // HTTP status code
}

// requestCount is one series of godash_requests_total.
type requestCount struct {
	requestKey
	count uint64
}

type requestCounter struct {
	mu     sync.Mutex
	counts map[requestKey]uint64
}

func newRequestCounter() *requestCounter {
	return &requestCounter{counts: map[requestKey]uint64{}}
}

// counted wraps handler so each request is counted under route once it is answered (an SSE
// stream when it ends).
func (c *requestCounter) counted(route string, handler http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		recorder := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		handler.ServeHTTP(recorder, r)
		c.mu.Lock()
		c.counts[requestKey{route: route, code: recorder.code}]++
		c.mu.Unlock()
	})
}

// snapshot returns every series, sorted by route and code so /metrics is stable.
func (c *requestCounter) snapshot() []requestCount {
	c.mu.Lock()
	counts := make([]requestCount, 0, len(c.counts))
	for key, count := range c.counts {
		counts = append(counts, requestCount{requestKey: key, count: count})
	}
	c.mu.Unlock()
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].route != counts[j].route {
			return counts[i].route < counts[j].route
		}
		return counts[i].code < counts[j].code
	})
	return counts
}

// statusRecorder remembers the status code; it stays a Flusher so SSE streams still work.
type statusRecorder struct {
	http.ResponseWriter
	code        int // 200 until WriteHeader says otherwise, as net/http does
	wroteHeader bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.code = code
		r.wroteHeader = true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(body []byte) (int, error) {
	r.wroteHeader = true
	return r.ResponseWriter.Write(body)
}

func (r *statusRecorder) Flush() {
	if flusher, ok := r.ResponseWriter.(http.Flusher); ok {
		flusher.Flush()
	}
}
