package server

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sitrep/pipeline"
)

// TestSlowBodyLosesItsPlace: a client that sends an extraction's headers
// and then stalls holds its admission only until BodyTimeout; the next
// extraction is admitted after that, and a body declared larger than
// MaxBody is refused before it takes a place.
func TestSlowBodyLosesItsPlace(t *testing.T) {
	s := newServer(newStore(t), pipeline.Default(), Options{SmallWorkers: 1, BodyTimeout: 200 * time.Millisecond, MaxBody: 1 << 20})
	ts := httptest.NewServer(s.handler())
	defer ts.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/extract HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", strings.TrimPrefix(ts.URL, "http://"))
	deadline := time.Now().Add(5 * time.Second)
	for s.small.busy() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if s.small.busy() != 1 {
		t.Fatalf("the stalled extraction holds %d places, want 1", s.small.busy())
	}
	start := time.Now()
	for s.small.busy() != 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if s.small.busy() != 0 {
		t.Fatalf("the stalled extraction still holds its place after %v", time.Since(start))
	}
	res, err := http.Post(ts.URL+"/v1/extract", "application/json", strings.NewReader(`{"text": "BAGHDAD - Officials met on Monday."}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("the next extraction: %d, want 200", res.StatusCode)
	}
	// a body declared larger than MaxBody, never sent
	big, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer big.Close()
	fmt.Fprintf(big, "POST /v1/extract HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", strings.TrimPrefix(ts.URL, "http://"), 2<<20)
	big.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := bufio.NewReader(big).ReadString('\n')
	if err != nil || !strings.Contains(line, "413") {
		t.Errorf("a body declared larger than MaxBody: %q %v, want 413 at once", line, err)
	}
	if s.small.busy()+s.heavy.busy() != 0 {
		t.Errorf("the refused request holds a place")
	}
}
