package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sitrep/pipeline"
)

// FuzzAPI sends arbitrary requests to the API and checks that none fails
// on the server's side, and that every error is the API's JSON error.
// The pipeline runs the text layer only, to keep each call cheap.
func FuzzAPI(f *testing.F) {
	for _, s := range []struct {
		method, target, ct, body string
	}{
		{"POST", "/v1/extract?published=2021-07-27", "text/plain", "BAGHDAD - Officials met on Monday."},
		{"POST", "/v1/extract", "application/json", `{"text": "x", "published": "2021-07-27T10:00:00Z"}`},
		{"POST", "/v1/articles", "application/json", `[{"text": "a"}, {"text": "b", "id": "b"}]`},
		{"POST", "/v1/articles", "application/json", `[{"text": "a"}, 3]`},
		{"GET", "/v1/events?actor=IRQ&root=19&from=2021-01-01&to=2021-12-31&limit=5&offset=1&format=csv", "", ""},
		{"GET", "/v1/events?place=%00&modality=future&format=acled", "", ""},
		{"GET", "/v1/search?q=%22open+phrase&limit=3", "", ""},
		{"GET", "/v1/search?q=a+OR+NOT+b*+NEAR(c)", "", ""},
		{"GET", "/v1/entities/%F0%9F%98%80/events?cameo=1", "", ""},
		{"GET", "/v1/articles/..%2F..%2Fetc", "", ""},
		{"DELETE", "/v1/stats", "", ""},
		{"GET", "/ui/main.js", "", ""},
		{"GET", "/ui/views/events.js", "", ""},
		{"GET", "/ui/views/../main.js", "", ""},
	} {
		f.Add(s.method, s.target, s.ct, []byte(s.body))
	}
	h := New(newStore(f), pipeline.New(), Options{MaxBody: 1 << 16, Timeout: 3 * time.Second})
	f.Fuzz(func(t *testing.T, method, target, ct string, body []byte) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		req, err := http.NewRequest(method, "http://sitrep.test"+target, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", ct)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("%s %s (%s) %q: %d %s", method, target, ct, body, w.Code, w.Body)
		}
		if w.Code >= 400 {
			var e struct {
				Error *Error `json:"error"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == nil || e.Error.Code == "" {
				t.Fatalf("%s %s: %d is not a JSON error: %s", method, target, w.Code, w.Body)
			}
		}
	})
}
