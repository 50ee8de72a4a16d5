// GET /api/widgets, GET and PUT /api/widgets/{id}: the dashboard's JSON API. A PUT is also
// pushed to every SSE subscriber as a "widget" event.
package main

import (
	"encoding/json"
	"net/http"
	"strings"
)

// widgetInput is the body of PUT /api/widgets/{id}.
type widgetInput struct {
	ID    string  `json:"id"` // optional; must equal the path's when given
	Title string  `json:"title"`
	Value float64 `json:"value"`
}

func (s *service) serveWidgetList(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodGet) {
		return
	}
	writeJSON(w, http.StatusOK, s.widgets.List())
}

func (s *service) serveWidget(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/api/widgets/")
	if id == "" || strings.Contains(id, "/") {
		serveNotFound(w, r)
		return
	}
	if !allowMethods(w, r, http.MethodGet, http.MethodPut) {
		return
	}
	if r.Method == http.MethodPut {
		s.putWidget(w, r, id)
		return
	}
	widget, ok := s.widgets.Get(id)
	if !ok {
		writeError(w, http.StatusNotFound, "no widget "+id)
		return
	}
	writeJSON(w, http.StatusOK, widget)
}

// putWidget answers 201 with the widget when it is new, 200 when it replaced one.
func (s *service) putWidget(w http.ResponseWriter, r *http.Request, id string) {
	var input widgetInput
	if !decodeBody(w, r, &input) {
		return
	}
	if input.ID != "" && input.ID != id {
		writeError(w, http.StatusBadRequest, "body id "+input.ID+" differs from the path's "+id)
		return
	}
	widget := Widget{ID: id, Title: input.Title, Value: input.Value, UpdatedUnixNano: s.config.now().UnixNano()}
	created := s.widgets.Put(widget)
	// A Widget always encodes: its float came from JSON, so it is never NaN or infinite.
	payload, _ := json.Marshal(widget)
	if _, _, err := s.broker.Publish("widget", payload); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, widget)
}
