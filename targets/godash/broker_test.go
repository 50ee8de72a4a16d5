// Unit tests of the broker and its three mailbox kinds, without HTTP.
package main

import (
	"context"
	"strconv"
	"testing"
	"time"
)

func testBroker(defect Defect, capacity int) *Broker {
	return newBroker(newMailboxMaker(defect, capacity), func() time.Time { return testTime })
}

func TestBroker_StampsEventsWithIncreasingIDsAndTheClock(t *testing.T) {
	broker := testBroker(DefectNone, 4)
	subscription := broker.Subscribe(context.Background())
	for want := uint64(1); want <= 3; want++ {
		event, delivered, err := broker.Publish("event", []byte(`{"a": 1}`))
		if err != nil || event.ID != want || delivered != 1 || event.PublishedUnixNano != testTime.UnixNano() {
			t.Fatalf("publish %d: %+v, delivered %d, %v", want, event, delivered, err)
		}
	}
	frame := string(<-subscription.Frames())
	want := "id: 1\ndata: {\"id\":1,\"kind\":\"event\",\"published_unix_nano\":1700000000000000123,\"payload\":{\"a\":1}}\n\n"
	if frame != want {
		t.Fatalf("frame %q, want %q", frame, want)
	}
}

func TestBroker_InvalidPayloadConsumesNoID(t *testing.T) {
	broker := testBroker(DefectNone, 4)
	if _, _, err := broker.Publish("event", []byte(`{`)); err == nil {
		t.Fatal("an invalid payload was published")
	}
	if event, _, _ := broker.Publish("event", []byte(`1`)); event.ID != 1 {
		t.Fatalf("next event has ID %d, want 1", event.ID)
	}
}

func TestBroker_DropsASubscriberWhoseBoundedMailboxIsFull(t *testing.T) {
	for _, defect := range []Defect{DefectNone, DefectMapRace, DefectGoroutineLeak} {
		broker := testBroker(defect, 2)
		subscription := broker.Subscribe(context.Background())
		var delivered []int
		for i := 0; i < 4; i++ {
			_, n, _ := broker.Publish("event", []byte(`1`))
			delivered = append(delivered, n)
		}
		// The leaky mailbox's pump may hold one more frame in hand than the inbox holds.
		if delivered[0] != 1 || delivered[1] != 1 || delivered[3] != 0 {
			t.Errorf("%v: delivered %v, want the subscriber dropped once 2 frames wait", defect, delivered)
		}
		select {
		case <-subscription.Dropped():
		default:
			t.Errorf("%v: Dropped() not closed", defect)
		}
		if stats := broker.Stats(); stats.Subscribers != 0 || stats.Dropped != 1 || stats.Published != 4 {
			t.Errorf("%v: %+v", defect, stats)
		}
	}
}

func TestBroker_UnsubscribeAfterADropIsHarmless(t *testing.T) {
	broker := testBroker(DefectNone, 1)
	subscription := broker.Subscribe(context.Background())
	broker.Publish("event", []byte(`1`))
	broker.Publish("event", []byte(`2`))
	broker.Unsubscribe(subscription)
	if stats := broker.Stats(); stats.Subscribers != 0 || stats.Dropped != 1 {
		t.Fatalf("%+v", stats)
	}
}

func TestUnboundedMailbox_NeverRefusesAndDeliversInOrder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	broker := testBroker(DefectUnboundedBuffer, 1) // the capacity does not bound this kind
	subscription := broker.Subscribe(ctx)
	const events = 1000
	for i := 0; i < events; i++ {
		if _, delivered, _ := broker.Publish("event", []byte(`1`)); delivered != 1 {
			t.Fatalf("event %d refused", i)
		}
	}
	if queued := broker.Stats().QueuedFrames; queued < events-1 {
		t.Fatalf("%d frames queued, want at least %d", queued, events-1)
	}
	for want := 1; want <= events; want++ {
		frame := string(<-subscription.Frames())
		if prefix := "id: " + strconv.Itoa(want) + "\n"; frame[:len(prefix)] != prefix {
			t.Fatalf("frame %d is %.20q", want, frame)
		}
	}
}

func TestUnboundedMailbox_PumpEndsWithTheStream(t *testing.T) {
	pumps := func() int { return goroutinesIn("(*unboundedMailbox).pump") }
	// Earlier tests' pumps end with their streams too, just not necessarily yet.
	if !waitFor(func() bool { return pumps() == 0 }) {
		t.Fatalf("%d pumps of earlier tests still running", pumps())
	}
	ctx, cancel := context.WithCancel(context.Background())
	testBroker(DefectUnboundedBuffer, 1).Subscribe(ctx)
	if pumps() != 1 {
		t.Fatal("no pump goroutine started")
	}
	cancel()
	if !waitFor(func() bool { return pumps() == 0 }) {
		t.Fatal("the pump outlived its stream's context")
	}
}
