package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// ui holds the web UI: index.html, app.css, the basemap world.json and
// the script as ES modules (main.js, the entry point, and the modules it
// imports, views/*.js among them), served as they are (no build step).
// Files in subfolders are served under their path (/ui/views/events.js);
// .js files are served as text/javascript, which module scripts need.
//
//go:embed ui
var ui embed.FS

// asset is one embedded file with its ETag.
type asset struct {
	data []byte
	etag string
	ct   string
}

var assets = sync.OnceValue(func() map[string]asset {
	m := map[string]asset{}
	fs.WalkDir(ui, "ui", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := ui.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := mime.TypeByExtension(path.Ext(p))
		switch path.Ext(p) {
		case ".js":
			ct = "text/javascript; charset=utf-8"
		case ".json":
			ct = "application/json; charset=utf-8"
		case "":
			ct = "text/plain; charset=utf-8"
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		m[strings.TrimPrefix(p, "ui/")] = asset{data: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ct: ct}
		return nil
	})
	return m
})

func serveAsset(w http.ResponseWriter, r *http.Request, name string) bool {
	a, ok := assets()[name]
	if !ok {
		return false
	}
	h := w.Header()
	h.Set("Content-Type", a.ct)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.data))
	return true
}

// uiIndex serves the single page of the UI; its views are hash routes
// (#/articles/ID, #/events, #/entities/NAME, #/search?q=, #/extract).
func uiIndex() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveAsset(w, r, "index.html")
	})
}

// uiFiles serves the UI's other files under /ui/; anything else is a JSON
// 404.
func (s *server) uiFiles() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/ui/")
		if !serveAsset(w, r, name) {
			s.writeError(w, r, errorf(CodeNotFound, "no such file: %s", r.URL.Path))
		}
	})
}
