// The widget store: the dashboard's state, and the shared map of the map-race defect.
package main

import (
	"sort"
	"sync"
)

// Widget is one tile of the dashboard.
type Widget struct {
	ID              string  `json:"id"`
	Title           string  `json:"title"`
	Value           float64 `json:"value"`
	UpdatedUnixNano int64   `json:"updated_unix_nano"` // when it was last written
}

// widgetStore holds the widgets by ID. Every method may be called from any goroutine (the
// map-race implementation breaks exactly that promise).
type widgetStore interface {
	List() []Widget // every widget, sorted by ID; never nil, so it encodes as []
	Get(id string) (Widget, bool)
	Put(widget Widget) (created bool) // stores widget under widget.ID
	Len() int
}

// newWidgetStore returns the store the defect calls for.
func newWidgetStore(defect Defect) widgetStore {
	if defect == DefectMapRace {
		return &racyWidgets{byID: map[string]Widget{}}
	}
	return &lockedWidgets{byID: map[string]Widget{}}
}

// lockedWidgets is the correct store: one RWMutex around the map.
type lockedWidgets struct {
	mu   sync.RWMutex
	byID map[string]Widget
}

func (s *lockedWidgets) List() []Widget {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return sortedWidgets(s.byID)
}

func (s *lockedWidgets) Get(id string) (Widget, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	widget, ok := s.byID[id]
	return widget, ok
}

func (s *lockedWidgets) Put(widget Widget) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, existed := s.byID[widget.ID]
	s.byID[widget.ID] = widget
	return !existed
}

func (s *lockedWidgets) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byID)
}

// racyWidgets is the map-race defect: the same map with no lock, read and written by every
// request goroutine at once. Go's runtime notices overlapping writes and kills the process
// ("fatal error: concurrent map writes"); the race detector reports "WARNING: DATA RACE".
type racyWidgets struct {
	byID map[string]Widget
}

func (s *racyWidgets) List() []Widget { return sortedWidgets(s.byID) }

func (s *racyWidgets) Get(id string) (Widget, bool) {
	widget, ok := s.byID[id]
	return widget, ok
}

// Put only writes the map (len reads a counter the runtime does not guard), so colliding PUTs
// die as "concurrent map writes" rather than as a read against a write; a GET or list during a
// PUT can still die as "concurrent map read and map write".
func (s *racyWidgets) Put(widget Widget) bool {
	before := len(s.byID)
	s.byID[widget.ID] = widget
	return len(s.byID) > before
}

func (s *racyWidgets) Len() int { return len(s.byID) }

func sortedWidgets(byID map[string]Widget) []Widget {
	widgets := make([]Widget, 0, len(byID))
	for _, widget := range byID {
		widgets = append(widgets, widget)
	}
	sort.Slice(widgets, func(i, j int) bool { return widgets[i].ID < widgets[j].ID })
	return widgets
}
