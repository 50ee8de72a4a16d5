// Each defect's observable behaviour next to the correct service's: goroutines left behind by
// SSE clients, a slow subscriber's backlog, and concurrent widget-map writes.
package main

import (
	"bufio"
	"math"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// waitFor polls condition until it holds or 5 s pass; it reports whether it held.
func waitFor(condition func() bool) bool {
	deadline := time.Now().Add(5 * time.Second)
	for !condition() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// goroutinesIn counts the goroutines whose stack includes function.
func goroutinesIn(function string) int {
	buffer := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buffer, true)
		if n < len(buffer) {
			return strings.Count(string(buffer[:n]), function)
		}
		buffer = make([]byte, 2*len(buffer))
	}
}

// openAndLeaveStreams opens count SSE streams, closes them, and waits until the service has
// seen every client leave.
func openAndLeaveStreams(t *testing.T, svc *service, url string, count int) {
	t.Helper()
	streams := make([]*sseStream, count)
	for i := range streams {
		streams[i] = openStream(t, url)
	}
	for _, stream := range streams {
		stream.close()
	}
	if !waitFor(func() bool { return svc.broker.Stats().Subscribers == 0 }) {
		t.Fatalf("%d subscribers still registered after their clients left", svc.broker.Stats().Subscribers)
	}
}

func TestGoroutineLeak_EachDepartedSubscriberLeavesAPumpBehind(t *testing.T) {
	svc, url := startService(t, testConfig(DefectGoroutineLeak))
	before := goroutinesIn("(*leakyMailbox).pump")
	const clients = 10
	openAndLeaveStreams(t, svc, url, clients)
	// The streams are gone; their pumps are still blocked on an inbox nobody closes.
	if leaked := goroutinesIn("(*leakyMailbox).pump") - before; leaked != clients {
		t.Fatalf("%d pump goroutines left behind, want %d", leaked, clients)
	}
}

func TestNone_StreamGoroutinesEndWithTheirClients(t *testing.T) {
	svc, url := startService(t, testConfig(DefectNone))
	openStream(t, url).close() // warms up the connection goroutines the baseline should hold
	waitFor(func() bool { return svc.broker.Stats().Subscribers == 0 })
	baseline := runtime.NumGoroutine()
	openAndLeaveStreams(t, svc, url, 10)
	if !waitFor(func() bool { return runtime.NumGoroutine() <= baseline }) {
		t.Fatalf("%d goroutines, %d before the streams opened", runtime.NumGoroutine(), baseline)
	}
}

// stallStream subscribes over a raw connection that then reads nothing more, the way a slow
// or stuck client behaves; its receive buffer is made tiny so the server's writes block soon.
func stallStream(t *testing.T, url string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() }) // runs before the server's cleanup, unblocking its writes
	if err := conn.(*net.TCPConn).SetReadBuffer(4096); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Write([]byte("GET /events HTTP/1.1\r\nHost: godash\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	reader := bufio.NewReader(conn)
	for {
		line, err := reader.ReadString('\n')
		if err != nil {
			t.Fatalf("no subscribed comment: %v", err)
		}
		if line == ": subscribed\n" {
			return
		}
	}
}

// publishLargeEvents publishes far more than the socket buffers on both sides can hold.
func publishLargeEvents(t *testing.T, svc *service) (events int) {
	t.Helper()
	payload := []byte(`"` + strings.Repeat("x", 128<<10) + `"`)
	events = 96 // 12 MiB; at most 4 MiB fit in the server's send buffer
	for i := 0; i < events; i++ {
		if _, _, err := svc.broker.Publish("event", payload); err != nil {
			t.Fatal(err)
		}
	}
	return events
}

func TestUnboundedBuffer_SlowSubscriberBacklogGrowsAndIsNeverDropped(t *testing.T) {
	svc, url := startService(t, testConfig(DefectUnboundedBuffer))
	stallStream(t, url)
	events := publishLargeEvents(t, svc)
	stats := svc.broker.Stats()
	if stats.Subscribers != 1 || stats.Dropped != 0 || stats.QueuedFrames < events/2 {
		t.Fatalf("after %d events: %+v; want the subscriber kept with at least %d queued", events, stats, events/2)
	}
}

func TestNone_SlowSubscriberIsDroppedAndItsStreamEnds(t *testing.T) {
	config := testConfig(DefectNone)
	config.subscriberBuffer = 4
	config.streamWriteTimeout = 200 * time.Millisecond
	svc, url := startService(t, config)
	stallStream(t, url)
	publishLargeEvents(t, svc)
	if stats := svc.broker.Stats(); stats.Subscribers != 0 || stats.Dropped != 1 || stats.QueuedFrames != 0 {
		t.Fatalf("%+v; want the slow subscriber dropped with nothing queued", stats)
	}
	// The handler was blocked writing to the stuck client; the write deadline ends it.
	streamEnded := func() bool {
		for _, series := range svc.requests.snapshot() {
			if series.route == "/events" {
				return true
			}
		}
		return false
	}
	if !waitFor(streamEnded) {
		t.Fatal("the dropped subscriber's stream never ended")
	}
}

// hammerWidgets has 8 goroutines write store at once, each perWriter times, for up to 3 s.
func hammerWidgets(store widgetStore, perWriter int) {
	deadline := time.Now().Add(3 * time.Second)
	var writers sync.WaitGroup
	for w := 0; w < 8; w++ {
		writers.Add(1)
		go func(w int) {
			defer writers.Done()
			for i := 0; i < perWriter && time.Now().Before(deadline); i++ {
				store.Put(Widget{ID: strconv.Itoa(w*1_000_000 + i%1000)})
			}
		}(w)
	}
	writers.Wait()
}

const hammerEnvironment = "GODASH_TEST_HAMMER_RACY_WIDGETS"

// The runtime's fatal error cannot be caught, so the racy store is written in a child process
// (this test binary again) and its death is what the test checks.
func TestMapRace_ConcurrentWidgetWritesKillTheProcess(t *testing.T) {
	if os.Getenv(hammerEnvironment) == "1" {
		hammerWidgets(newWidgetStore(DefectMapRace), math.MaxInt) // until the runtime kills it
		return
	}
	child := exec.Command(os.Args[0], "-test.run=^TestMapRace_ConcurrentWidgetWritesKillTheProcess$")
	child.Env = append(os.Environ(), hammerEnvironment+"=1")
	output, err := child.CombinedOutput()
	if err == nil || !strings.Contains(string(output), "fatal error: concurrent map writes") {
		t.Fatalf("child ended with %v; output:\n%.2000s", err, output)
	}
}

func TestNone_ConcurrentWidgetWritesAreSafe(t *testing.T) {
	store := newWidgetStore(DefectNone)
	hammerWidgets(store, 20_000)
	if store.Len() != 8*1000 {
		t.Fatalf("%d widgets, want %d", store.Len(), 8*1000)
	}
}
