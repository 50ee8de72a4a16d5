// The service: godash's parts (widget store, broker, request counts) chosen once from the
// configuration, and the routes that expose them.
package main

import (
	"net/http"
	"net/http/pprof"
	"time"
)

// serviceConfig is everything a service is built from; tests build it directly.
type serviceConfig struct {
	defect             Defect
	heartbeat          time.Duration    // between heartbeat comments on an idle SSE stream
	subscriberBuffer   int              // frames per subscriber mailbox (all kinds but unbounded)
	streamWriteTimeout time.Duration    // per SSE write; 0 lets a write block forever
	now                func() time.Time // the clock stamping widgets and events
}

// streamWriteTimeout ends a stream whose client stopped reading, so a stuck client costs a
// bounded amount of time and memory.
const streamWriteTimeout = 10 * time.Second

// configFromOptions turns the command line into a serviceConfig.
func configFromOptions(options Options) serviceConfig {
	config := serviceConfig{
		defect:             options.Defect,
		heartbeat:          options.Heartbeat,
		subscriberBuffer:   options.SubscriberBuffer,
		streamWriteTimeout: streamWriteTimeout,
		now:                time.Now,
	}
	// Part of the unbounded-buffer defect: a slow client is never disconnected either.
	if options.Defect == DefectUnboundedBuffer {
		config.streamWriteTimeout = 0
	}
	return config
}

type service struct {
	config   serviceConfig
	widgets  widgetStore
	broker   *Broker
	requests *requestCounter
	stopping chan struct{} // closed when shutdown starts; ends every SSE stream
}

func newService(config serviceConfig) *service {
	return &service{
		config:   config,
		widgets:  newWidgetStore(config.defect),
		broker:   newBroker(newMailboxMaker(config.defect, config.subscriberBuffer), config.now),
		requests: newRequestCounter(),
		stopping: make(chan struct{}),
	}
}

// stop ends every SSE stream (http.Server.Shutdown waits for handlers, and streams never end
// by themselves). Call it once.
func (s *service) stop() { close(s.stopping) }

// routes returns the handler for every endpoint. Each route is counted in
// godash_requests_total under its pattern, so the label has a fixed set of values.
func (s *service) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern, label string, handler http.HandlerFunc) {
		mux.Handle(pattern, s.requests.counted(label, handler))
	}
	handle("/api/widgets", "/api/widgets", s.serveWidgetList)
	handle("/api/widgets/", "/api/widgets/{id}", s.serveWidget)
	handle("/api/events", "/api/events", s.servePublish)
	handle("/events", "/events", s.serveEvents)
	handle("/health", "/health", s.serveHealth)
	handle("/metrics", "/metrics", s.serveMetrics)
	handle("/debug/pprof/", "/debug/pprof/", pprof.Index) // also serves the named profiles
	handle("/debug/pprof/cmdline", "/debug/pprof/cmdline", pprof.Cmdline)
	handle("/debug/pprof/profile", "/debug/pprof/profile", pprof.Profile)
	handle("/debug/pprof/symbol", "/debug/pprof/symbol", pprof.Symbol)
	handle("/debug/pprof/trace", "/debug/pprof/trace", pprof.Trace)
	handle("/", "other", serveNotFound)
	return mux
}

func (s *service) serveHealth(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodGet) {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok"))
}

func serveNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "no such path: "+r.URL.Path)
}
