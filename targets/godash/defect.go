// The deliberate defects godash can be started with (-defect), so faultline's scenarios have
// something real to find. Parsed once at start-up; the service picks its parts by it.
package main

import (
	"fmt"
	"strings"
)

// Defect is one switchable failure of the service.
type Defect int

const (
	// DefectNone is the correct service: locked widget map, streams that end with their client,
	// bounded per-subscriber buffers.
	DefectNone Defect = iota
	// DefectMapRace writes the widget map from request goroutines without a lock.
	DefectMapRace
	// DefectGoroutineLeak leaves one goroutine per SSE subscriber blocked forever after the
	// client leaves.
	DefectGoroutineLeak
	// DefectUnboundedBuffer queues every event for a slow SSE subscriber instead of dropping it.
	DefectUnboundedBuffer
)

// defectNames is indexed by Defect.
var defectNames = [...]string{"none", "map-race", "goroutine-leak", "unbounded-buffer"}

func (d Defect) String() string { return defectNames[d] }

// parseDefect returns the Defect called name, or an error listing the accepted names.
func parseDefect(name string) (Defect, error) {
	for i, candidate := range defectNames {
		if candidate == name {
			return Defect(i), nil
		}
	}
	return DefectNone, fmt.Errorf("unknown defect %q (expected one of %s)", name,
		strings.Join(defectNames[:], ", "))
}
