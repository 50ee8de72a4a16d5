// Mailboxes hold the SSE frames published to one subscriber until its stream writer sends
// them. There is one kind for the correct service and one for each streaming defect.
package main

import (
	"context"
	"sync"
)

// mailbox is one subscriber's queue between the broker and its stream writer.
type mailbox interface {
	// put is called by the broker with its lock held, so it never blocks. false means the
	// subscriber is too far behind and the broker drops it.
	put(frame []byte) bool
	// out yields the frames in publish order to the stream writer.
	out() <-chan []byte
	// queued is the number of frames waiting, for /metrics.
	queued() int
}

// mailboxMaker makes the mailbox of a new subscriber whose stream lives as long as ctx.
type mailboxMaker func(ctx context.Context) mailbox

// newMailboxMaker picks the mailbox kind once for the whole process. capacity is in frames and
// bounds every kind but the unbounded-buffer defect's.
func newMailboxMaker(defect Defect, capacity int) mailboxMaker {
	switch defect {
	case DefectGoroutineLeak:
		return func(context.Context) mailbox { return newLeakyMailbox(capacity) }
	case DefectUnboundedBuffer:
		return func(ctx context.Context) mailbox { return newUnboundedMailbox(ctx) }
	default:
		return func(context.Context) mailbox { return &boundedMailbox{frames: make(chan []byte, capacity)} }
	}
}

// boundedMailbox is the correct one: a buffered channel the stream writer reads directly, so
// no goroutine exists besides the request's own. When it is full the subscriber is dropped
// (its stream ends and the client reconnects) rather than silently losing the oldest events:
// a dashboard that misses updates without knowing it shows wrong numbers.
type boundedMailbox struct {
	frames chan []byte
}

func (m *boundedMailbox) put(frame []byte) bool {
	select {
	case m.frames <- frame:
		return true
	default:
		return false
	}
}

func (m *boundedMailbox) out() <-chan []byte { return m.frames }
func (m *boundedMailbox) queued() int        { return len(m.frames) }

// leakyMailbox is the goroutine-leak defect: a pump goroutine per subscriber moves frames from
// inbox to the writer, but nothing ever closes inbox when the client leaves, so the pump stays
// blocked on it (or on a send nobody receives) for the rest of the process.
type leakyMailbox struct {
	inbox  chan []byte // bounded like boundedMailbox's
	frames chan []byte // unbuffered: the pump hands each frame to the writer
}

func newLeakyMailbox(capacity int) *leakyMailbox {
	m := &leakyMailbox{inbox: make(chan []byte, capacity), frames: make(chan []byte)}
	go m.pump()
	return m
}

func (m *leakyMailbox) pump() {
	for frame := range m.inbox {
		m.frames <- frame
	}
}

func (m *leakyMailbox) put(frame []byte) bool {
	select {
	case m.inbox <- frame:
		return true
	default:
		return false
	}
}

func (m *leakyMailbox) out() <-chan []byte { return m.frames }
func (m *leakyMailbox) queued() int        { return len(m.inbox) }

// unboundedMailbox is the unbounded-buffer defect: it never refuses a frame, so while a slow
// client's writes block, its backlog (and the heap) grows with every event published. Its pump
// does end with the stream; only memory is lost, and only while the client stays connected.
type unboundedMailbox struct {
	mu      sync.Mutex
	backlog [][]byte
	wake    chan struct{} // capacity 1: at least one frame arrived since the pump last looked
	frames  chan []byte   // unbuffered: the pump hands each frame to the writer
}

func newUnboundedMailbox(ctx context.Context) *unboundedMailbox {
	m := &unboundedMailbox{wake: make(chan struct{}, 1), frames: make(chan []byte)}
	go m.pump(ctx)
	return m
}

func (m *unboundedMailbox) put(frame []byte) bool {
	m.mu.Lock()
	m.backlog = append(m.backlog, frame)
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
	return true
}

// pump runs until ctx ends (the client left or the stream ended).
func (m *unboundedMailbox) pump(ctx context.Context) {
	for {
		frame, ok := m.take()
		if !ok {
			select {
			case <-m.wake:
				continue
			case <-ctx.Done():
				return
			}
		}
		select {
		case m.frames <- frame:
		case <-ctx.Done():
			return
		}
	}
}

// take removes the oldest frame, if any.
func (m *unboundedMailbox) take() ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.backlog) == 0 {
		return nil, false
	}
	frame := m.backlog[0]
	m.backlog[0] = nil // so the sent frame can be collected before the array is
	m.backlog = m.backlog[1:]
	return frame, true
}

func (m *unboundedMailbox) out() <-chan []byte { return m.frames }

func (m *unboundedMailbox) queued() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.backlog)
}
