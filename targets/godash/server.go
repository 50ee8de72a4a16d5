// run: listen, announce the address, serve until told to stop, then shut down gracefully.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"
)

const (
	exitServed = 0 // stopped by a signal, or -h
	exitFailed = 1 // could not listen, or serving failed
	exitUsage  = 2

	// shutdownTimeout bounds the wait for requests in flight after a stop signal; connections
	// still busy then are closed.
	shutdownTimeout = 5 * time.Second
)

// newHTTPServer serves svc with a deadline on every request read; writes have none server-wide
// because SSE streams are long (sse.go bounds each write instead).
func newHTTPServer(svc *service) *http.Server {
	server := &http.Server{
		Handler:           svc.routes(),
		ConnContext:       withConn,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	server.RegisterOnShutdown(svc.stop)
	return server
}

// run serves options until a signal arrives on stop and returns the exit code. The address
// line on stdout is what faultline and the tests wait for.
func run(options Options, stop <-chan os.Signal, stdout, stderr io.Writer) int {
	address := net.JoinHostPort(options.BindAddress, strconv.Itoa(options.Port))
	listener, err := net.Listen("tcp", address)
	if err != nil {
		fmt.Fprintf(stderr, "godash: cannot listen on %s: %v\n", address, err)
		return exitFailed
	}
	server := newHTTPServer(newService(configFromOptions(options)))
	fmt.Fprintf(stdout, "godash listening on %s\n", listener.Addr())

	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "godash: serving failed: %v\n", err)
		return exitFailed
	case signal := <-stop:
		fmt.Fprintf(stderr, "godash: stopping on signal %v\n", signal)
	}

	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := server.Shutdown(ctx); err != nil {
		fmt.Fprintf(stderr, "godash: requests still busy after %v, closing them: %v\n", shutdownTimeout, err)
		_ = server.Close()
	}
	<-served // http.ErrServerClosed, now that Shutdown or Close has returned
	fmt.Fprintln(stderr, "godash: stopped")
	return exitServed
}
