// GET /events: the Server-Sent Events stream. A subscriber gets every event published after
// its stream opened (`id:` and a JSON `data:` line per event; no replay of older events) and a
// heartbeat comment whenever the stream was idle for the heartbeat interval.
package main

import (
	"context"
	"net"
	"net/http"
	"time"
)

var (
	subscribedComment = []byte(": subscribed\n\n") // first bytes of every stream: events flow from here
	heartbeatComment  = []byte(": heartbeat\n\n")
)

type connKey struct{}

// withConn is http.Server.ConnContext: it lets a handler reach its connection to set write
// deadlines (Go 1.19 has no http.ResponseController).
func withConn(ctx context.Context, conn net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, conn)
}

// serveEvents streams until the client leaves, the broker drops it as too slow, a write fails
// or times out, or the server shuts down. The request's goroutine is the only one the stream
// needs (the goroutine-leak defect's mailbox adds its own).
func (s *service) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodGet) {
		return
	}
	flusher, canFlush := w.(http.Flusher)
	conn, hasConn := r.Context().Value(connKey{}).(net.Conn)
	if !canFlush || !hasConn {
		writeError(w, http.StatusInternalServerError, "this server cannot stream")
		return
	}
	subscription := s.broker.Subscribe(r.Context())
	defer s.broker.Unsubscribe(subscription)

	header := w.Header()
	header.Set("Content-Type", "text/event-stream")
	header.Set("Cache-Control", "no-cache")
	// The connection ends with the stream: the last write deadline then also bounds the final
	// chunk, and no later request on this connection inherits it.
	header.Set("Connection", "close")
	// A failed write cancels the request's context (net/http does), which ends the loop below.
	send := func(frame []byte) {
		if s.config.streamWriteTimeout > 0 {
			_ = conn.SetWriteDeadline(time.Now().Add(s.config.streamWriteTimeout))
		}
		_, _ = w.Write(frame)
		flusher.Flush()
	}

	send(subscribedComment)
	heartbeat := time.NewTicker(s.config.heartbeat)
	defer heartbeat.Stop()
	for {
		select {
		case frame := <-subscription.Frames():
			send(frame)
			heartbeat.Reset(s.config.heartbeat)
		case <-heartbeat.C:
			send(heartbeatComment)
		case <-subscription.Dropped():
			return
		case <-s.stopping:
			return
		case <-r.Context().Done():
			return
		}
	}
}
