// POST /api/events: publish a JSON payload to every SSE subscriber.
package main

import (
	"encoding/json"
	"net/http"
)

// publishResult is the answer to POST /api/events.
type publishResult struct {
	ID        uint64 `json:"id"`        // the event's ID, as subscribers see it
	Delivered int    `json:"delivered"` // subscribers that took it (slow ones are dropped)
}

// servePublish answers 202 once the event is in every subscriber's mailbox; the body may be
// any JSON value.
func (s *service) servePublish(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodPost) {
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	if !json.Valid(body) {
		writeError(w, http.StatusBadRequest, "the body is not valid JSON")
		return
	}
	event, delivered, err := s.broker.Publish("event", body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusAccepted, publishResult{ID: event.ID, Delivered: delivered})
}
