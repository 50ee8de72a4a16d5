// End-to-end tests of the service over real HTTP on 127.0.0.1: the JSON API, SSE delivery,
// the metrics text, pprof, and start-up/shutdown through run(). Defects: defects_test.go.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testTime is the fake clock's only reading: every stamp in a test is this instant.
var testTime = time.Unix(1_700_000_000, 123)

// testClient bounds every request and every stream read in the tests.
var testClient = &http.Client{Timeout: 10 * time.Second}

func testConfig(defect Defect) serviceConfig {
	return serviceConfig{
		defect:             defect,
		heartbeat:          time.Hour, // tests that want heartbeats set their own
		subscriberBuffer:   defaultSubscriberBuffer,
		streamWriteTimeout: streamWriteTimeout,
		now:                func() time.Time { return testTime },
	}
}

// startService serves config on 127.0.0.1 with the same http.Server settings as godash.
func startService(t *testing.T, config serviceConfig) (*service, string) {
	t.Helper()
	svc := newService(config)
	server := httptest.NewUnstartedServer(nil)
	server.Config = newHTTPServer(svc)
	server.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Config.Shutdown(ctx) // ends the streams, which httptest's Close would wait for
		server.Close()
	})
	return svc, server.URL
}

func doRequest(t *testing.T, method, url, body string) (int, http.Header, string) {
	t.Helper()
	request, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	response, err := testClient.Do(request)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer response.Body.Close()
	data, err := io.ReadAll(response.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, url, err)
	}
	return response.StatusCode, response.Header, string(data)
}

func TestWidgetAPI_PutCreatesThenReplacesAndListsSortedByID(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))

	status, _, body := doRequest(t, "PUT", url+"/api/widgets/rps", `{"title":"Requests","value":10}`)
	if status != http.StatusCreated {
		t.Fatalf("first PUT: status %d, body %s", status, body)
	}
	var created Widget
	if err := json.Unmarshal([]byte(body), &created); err != nil {
		t.Fatal(err)
	}
	want := Widget{ID: "rps", Title: "Requests", Value: 10, UpdatedUnixNano: testTime.UnixNano()}
	if created != want {
		t.Fatalf("first PUT answered %+v, want %+v", created, want)
	}
	status, _, body = doRequest(t, "PUT", url+"/api/widgets/rps", `{"id":"rps","title":"Requests","value":12.5}`)
	if status != http.StatusOK {
		t.Fatalf("second PUT: status %d, body %s", status, body)
	}
	doRequest(t, "PUT", url+"/api/widgets/cpu", `{"title":"CPU","value":0.5}`)

	status, header, body := doRequest(t, "GET", url+"/api/widgets/rps", "")
	if status != http.StatusOK || header.Get("Content-Type") != "application/json" ||
		!strings.Contains(body, `"value":12.5`) {
		t.Fatalf("GET rps: status %d, type %q, body %s", status, header.Get("Content-Type"), body)
	}
	_, _, body = doRequest(t, "GET", url+"/api/widgets", "")
	var listed []Widget
	if err := json.Unmarshal([]byte(body), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 2 || listed[0].ID != "cpu" || listed[1].ID != "rps" {
		t.Fatalf("list = %s, want cpu then rps", body)
	}
}

func TestWidgetAPI_EmptyListIsAnEmptyArray(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	if status, _, body := doRequest(t, "GET", url+"/api/widgets", ""); status != 200 || body != "[]\n" {
		t.Fatalf("status %d, body %q; want 200, []", status, body)
	}
}

func TestWidgetAPI_RejectsBadRequestsWithTheirStatus(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	tooLarge := `{"title":"` + strings.Repeat("x", maxBodyBytes) + `"}`
	cases := []struct {
		name, method, path, body string
		status                   int
	}{
		{"not JSON", "PUT", "/api/widgets/a", `{"title":`, 400},
		{"unknown field", "PUT", "/api/widgets/a", `{"titel":"x"}`, 400},
		{"data after the object", "PUT", "/api/widgets/a", `{"title":"x"} {}`, 400},
		{"id differs from the path", "PUT", "/api/widgets/a", `{"id":"b"}`, 400},
		{"body too large", "PUT", "/api/widgets/a", tooLarge, 413},
		{"no such widget", "GET", "/api/widgets/missing", "", 404},
		{"empty id", "GET", "/api/widgets/", "", 404},
		{"nested path", "GET", "/api/widgets/a/b", "", 404},
		{"unknown path", "GET", "/nope", "", 404},
		{"DELETE a widget", "DELETE", "/api/widgets/a", "", 405},
		{"POST the list", "POST", "/api/widgets", "{}", 405},
	}
	for _, c := range cases {
		status, header, body := doRequest(t, c.method, url+c.path, c.body)
		if status != c.status || !strings.Contains(body, `"error":`) {
			t.Errorf("%s: status %d, body %.80s; want %d and an error", c.name, status, body, c.status)
		}
		if status == 405 && header.Get("Allow") == "" {
			t.Errorf("%s: 405 without an Allow header", c.name)
		}
	}
	if status, _, _ := doRequest(t, "GET", url+"/api/widgets/a", ""); status != 404 {
		t.Errorf("a rejected PUT stored a widget: GET answered %d", status)
	}
}

func TestHealth_AnswersOK(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	if status, _, body := doRequest(t, "GET", url+"/health", ""); status != 200 || body != "ok" {
		t.Fatalf("status %d, body %q; want 200, ok", status, body)
	}
}

// sseMessage is one blank-line-terminated block of an SSE stream.
type sseMessage struct {
	id, data string
	comments []string
}

type sseStream struct {
	response *http.Response
	reader   *bufio.Reader
}

// openStream subscribes to /events and returns once the server has registered the subscriber
// (its first block is the ": subscribed" comment).
func openStream(t *testing.T, url string) *sseStream {
	t.Helper()
	response, err := testClient.Get(url + "/events")
	if err != nil {
		t.Fatal(err)
	}
	stream := &sseStream{response: response, reader: bufio.NewReader(response.Body)}
	t.Cleanup(stream.close)
	if response.StatusCode != 200 || response.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET /events: status %d, type %q", response.StatusCode, response.Header.Get("Content-Type"))
	}
	if first := stream.next(t); len(first.comments) != 1 || first.comments[0] != "subscribed" {
		t.Fatalf("first block %+v, want the subscribed comment", first)
	}
	return stream
}

func (s *sseStream) close() { s.response.Body.Close() }

func (s *sseStream) next(t *testing.T) sseMessage {
	t.Helper()
	var message sseMessage
	for {
		line, err := s.reader.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the stream: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			return message
		case strings.HasPrefix(line, ": "):
			message.comments = append(message.comments, strings.TrimPrefix(line, ": "))
		case strings.HasPrefix(line, "id: "):
			message.id = strings.TrimPrefix(line, "id: ")
		case strings.HasPrefix(line, "data: "):
			message.data = strings.TrimPrefix(line, "data: ")
		default:
			t.Fatalf("unexpected stream line %q", line)
		}
	}
}

func (s *sseStream) nextEvent(t *testing.T) Event {
	t.Helper()
	message := s.next(t)
	var event Event
	if err := json.Unmarshal([]byte(message.data), &event); err != nil {
		t.Fatalf("block %+v: %v", message, err)
	}
	if message.id != strconv.FormatUint(event.ID, 10) {
		t.Fatalf("id: line %q differs from the data's id %d", message.id, event.ID)
	}
	return event
}

func TestEvents_EverySubscriberReceivesEveryEventInOrder(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	streams := []*sseStream{openStream(t, url), openStream(t, url), openStream(t, url)}

	const events = 5
	for i := 1; i <= events; i++ {
		status, _, body := doRequest(t, "POST", url+"/api/events", fmt.Sprintf(`{ "n": %d }`, i))
		want := fmt.Sprintf(`{"id":%d,"delivered":3}`+"\n", i)
		if status != http.StatusAccepted || body != want {
			t.Fatalf("publish %d: status %d, body %q; want 202, %q", i, status, body, want)
		}
	}
	for s, stream := range streams {
		for i := 1; i <= events; i++ {
			event := stream.nextEvent(t)
			if event.ID != uint64(i) || event.Kind != "event" || string(event.Payload) != fmt.Sprintf(`{"n":%d}`, i) ||
				event.PublishedUnixNano != testTime.UnixNano() {
				t.Fatalf("subscriber %d, event %d: got %+v (payload %s)", s, i, event, event.Payload)
			}
		}
	}
}

func TestEvents_WidgetPutIsPushedToSubscribers(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	stream := openStream(t, url)
	doRequest(t, "PUT", url+"/api/widgets/cpu", `{"title":"CPU","value":0.25}`)
	event := stream.nextEvent(t)
	var widget Widget
	if err := json.Unmarshal(event.Payload, &widget); err != nil {
		t.Fatal(err)
	}
	if event.Kind != "widget" || widget.ID != "cpu" || widget.Value != 0.25 {
		t.Fatalf("got %+v with payload %s, want the cpu widget", event, event.Payload)
	}
}

func TestEvents_IdleStreamGetsHeartbeats(t *testing.T) {
	config := testConfig(DefectNone)
	config.heartbeat = 20 * time.Millisecond
	_, url := startService(t, config)
	stream := openStream(t, url)
	for i := 0; i < 2; i++ {
		if message := stream.next(t); len(message.comments) != 1 || message.comments[0] != "heartbeat" {
			t.Fatalf("block %d: %+v, want a heartbeat comment", i, message)
		}
	}
}

func TestPublish_RejectsInvalidJSONAndOtherMethods(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	if status, _, _ := doRequest(t, "POST", url+"/api/events", `{"a":`); status != 400 {
		t.Errorf("invalid JSON: status %d, want 400", status)
	}
	if status, header, _ := doRequest(t, "GET", url+"/api/events", ""); status != 405 || header.Get("Allow") != "POST" {
		t.Errorf("GET: status %d, Allow %q; want 405, POST", status, header.Get("Allow"))
	}
	// The rejected body consumed no event ID.
	if _, _, body := doRequest(t, "POST", url+"/api/events", `[1]`); body != `{"id":1,"delivered":0}`+"\n" {
		t.Errorf("first valid publish answered %q, want id 1", body)
	}
}

// metricLine is a sample line of the text format: name, optional labels, value.
var metricLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_]+="[^"\\\n]*"(?:,[a-zA-Z_]+="[^"\\\n]*")*\})? (\S+)$`)

// scrapeMetrics checks the exposition format line by line and returns each series' value by
// its name and labels as written.
func scrapeMetrics(t *testing.T, url string) map[string]float64 {
	t.Helper()
	status, header, body := doRequest(t, "GET", url+"/metrics", "")
	if status != 200 || header.Get("Content-Type") != "text/plain; version=0.0.4; charset=utf-8" {
		t.Fatalf("status %d, type %q", status, header.Get("Content-Type"))
	}
	series := map[string]float64{}
	typed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		if fields := strings.Fields(line); strings.HasPrefix(line, "# TYPE ") {
			if len(fields) != 4 || (fields[3] != "gauge" && fields[3] != "counter") {
				t.Fatalf("bad TYPE line %q", line)
			}
			typed[fields[2]] = true
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		match := metricLine.FindStringSubmatch(line)
		if match == nil {
			t.Fatalf("not a sample line of format 0.0.4: %q", line)
		}
		if !typed[match[1]] {
			t.Fatalf("sample %q before its TYPE line", line)
		}
		value, err := strconv.ParseFloat(match[3], 64)
		if err != nil {
			t.Fatalf("sample %q: %v", line, err)
		}
		series[match[1]+match[2]] = value
	}
	return series
}

func TestMetrics_ExposesEveryRequiredSeriesInTextFormat(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	openStream(t, url)
	doRequest(t, "GET", url+"/health", "")
	doRequest(t, "GET", url+"/health", "")
	doRequest(t, "GET", url+"/api/widgets/none", "")

	series := scrapeMetrics(t, url)
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "go_threads",
		"process_open_fds", "process_resident_memory_bytes"} {
		if series[name] <= 0 {
			t.Errorf("%s = %v, want a positive value", name, series[name])
		}
	}
	expected := map[string]float64{
		"godash_subscribers": 1,
		`godash_requests_total{path="/health",code="200"}`:           2,
		`godash_requests_total{path="/api/widgets/{id}",code="404"}`: 1,
	}
	for name, want := range expected {
		if got, ok := series[name]; !ok || got != want {
			t.Errorf("%s = %v (present: %v), want %v", name, got, ok, want)
		}
	}
}

func TestPprof_ServesTheIndexAndProfiles(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/goroutine?debug=1", "/debug/pprof/cmdline"} {
		if status, _, _ := doRequest(t, "GET", url+path, ""); status != 200 {
			t.Errorf("GET %s: status %d, want 200", path, status)
		}
	}
}

// lineWriter hands each write (fmt.Fprintf writes a line at once) to a channel.
type lineWriter chan string

func (w lineWriter) Write(data []byte) (int, error) {
	w <- string(data)
	return len(data), nil
}

func TestRun_AnnouncesTheAddressAndStopsOnSIGTERMWithAStreamOpen(t *testing.T) {
	stdout := make(lineWriter, 1)
	stop := make(chan os.Signal, 1)
	exited := make(chan int, 1)
	options := Options{BindAddress: "127.0.0.1", Port: 0, Heartbeat: time.Hour, SubscriberBuffer: 4}
	go func() { exited <- run(options, stop, stdout, io.Discard) }()

	var announced string
	select {
	case announced = <-stdout:
	case <-time.After(10 * time.Second):
		t.Fatal("no address line within 10 s")
	}
	match := regexp.MustCompile(`^godash listening on (127\.0\.0\.1:[1-9][0-9]*)\n$`).FindStringSubmatch(announced)
	if match == nil {
		t.Fatalf("announced %q", announced)
	}
	stream := openStream(t, "http://"+match[1])

	stop <- syscall.SIGTERM
	select {
	case code := <-exited:
		if code != exitServed {
			t.Fatalf("exit code %d, want %d", code, exitServed)
		}
	case <-time.After(shutdownTimeout - time.Second):
		t.Fatal("the open stream held up the shutdown")
	}
	if _, err := stream.reader.ReadString('\n'); err != io.EOF {
		t.Fatalf("the stream did not end cleanly: %v", err)
	}
}

func TestRun_FailsWhenThePortIsTaken(t *testing.T) {
	_, url := startService(t, testConfig(DefectNone))
	port, err := strconv.Atoi(url[strings.LastIndex(url, ":")+1:])
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	options := Options{BindAddress: "127.0.0.1", Port: port, Heartbeat: time.Hour, SubscriberBuffer: 4}
	if code := run(options, nil, io.Discard, &stderr); code != exitFailed {
		t.Fatalf("exit code %d, want %d", code, exitFailed)
	}
	if !strings.Contains(stderr.String(), "cannot listen on 127.0.0.1:"+strconv.Itoa(port)) {
		t.Fatalf("stderr %q does not name the address", stderr.String())
	}
}
