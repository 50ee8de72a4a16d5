// The broker fans every published event out to every SSE subscriber, each through its own
// mailbox, and counts what happened for /metrics.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// Event is what a subscriber receives, as the JSON of an SSE `data:` line.
type Event struct {
	ID                uint64          `json:"id"`                  // 1, 2, ... in publish order; also the SSE `id:`
	Kind              string          `json:"kind"`                // "event" (POST /api/events) or "widget" (PUT)
	PublishedUnixNano int64           `json:"published_unix_nano"` // so clients can measure delivery latency
	Payload           json.RawMessage `json:"payload"`
}

// Subscription is one SSE client's place in the broker.
type Subscription struct {
	mailbox mailbox
	dropped chan struct{} // closed when the broker drops the subscriber for being too slow
}

// Frames yields the encoded SSE frames for this subscriber, in publish order.
func (s *Subscription) Frames() <-chan []byte { return s.mailbox.out() }

// Dropped is closed when the subscriber fell too far behind and will get no more events.
func (s *Subscription) Dropped() <-chan struct{} { return s.dropped }

// BrokerStats is a snapshot for /metrics.
type BrokerStats struct {
	Subscribers  int    // subscribed now
	Published    uint64 // events published since start
	Dropped      uint64 // subscribers dropped for being too slow since start
	QueuedFrames int    // frames waiting in all mailboxes
}

// Broker is safe for use from any goroutine.
type Broker struct {
	now        func() time.Time
	newMailbox mailboxMaker

	mu          sync.Mutex
	subscribers map[*Subscription]struct{}
	lastID      uint64
	dropped     uint64
}

func newBroker(newMailbox mailboxMaker, now func() time.Time) *Broker {
	return &Broker{now: now, newMailbox: newMailbox, subscribers: map[*Subscription]struct{}{}}
}

// Subscribe registers a subscriber whose stream lives as long as ctx; it receives every event
// published from now on.
func (b *Broker) Subscribe(ctx context.Context) *Subscription {
	subscription := &Subscription{mailbox: b.newMailbox(ctx), dropped: make(chan struct{})}
	b.mu.Lock()
	b.subscribers[subscription] = struct{}{}
	b.mu.Unlock()
	return subscription
}

// Unsubscribe removes the subscriber; it is a no-op when the broker has already dropped it.
func (b *Broker) Unsubscribe(subscription *Subscription) {
	b.mu.Lock()
	delete(b.subscribers, subscription)
	b.mu.Unlock()
}

// Publish stamps payload (valid JSON) with the next ID and the time, and offers it to every
// subscriber. It returns the event and how many subscribers took it.
func (b *Broker) Publish(kind string, payload json.RawMessage) (Event, int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	// Under the lock, so IDs, publish times and every mailbox's order all agree.
	event := Event{ID: b.lastID + 1, Kind: kind, PublishedUnixNano: b.now().UnixNano(), Payload: payload}
	data, err := json.Marshal(event) // compacts the payload: an SSE data line holds no newline
	if err != nil {
		return Event{}, 0, fmt.Errorf("payload is not valid JSON: %w", err)
	}
	b.lastID = event.ID
	frame := []byte(fmt.Sprintf("id: %d\ndata: %s\n\n", event.ID, data))
	delivered := 0
	for subscription := range b.subscribers {
		if subscription.mailbox.put(frame) {
			delivered++
			continue
		}
		delete(b.subscribers, subscription)
		close(subscription.dropped)
		b.dropped++
	}
	return event, delivered, nil
}

// Stats returns the broker's counters now.
func (b *Broker) Stats() BrokerStats {
	b.mu.Lock()
	defer b.mu.Unlock()
	stats := BrokerStats{Subscribers: len(b.subscribers), Published: b.lastID, Dropped: b.dropped}
	for subscription := range b.subscribers {
		stats.QueuedFrames += subscription.mailbox.queued()
	}
	return stats
}
