package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"sitrep"
	"sitrep/pipeline"
)

// chromium returns the browser the UI tests drive, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	p := os.Getenv("SITREP_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no Chromium at %s (install Debian's chromium or set SITREP_CHROMIUM): %v", p, err)
	}
	return p
}

// screenshots returns the directory screenshots go to.
func screenshots(t *testing.T) string {
	dir := os.Getenv("SITREP_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// browser starts headless Chromium and returns a context for its tab.
// Dialogs (an alert would be an injection), uncaught exceptions and console
// errors (CSP violations among them) are collected in problems.
func browser(t *testing.T, exe string) (ctx context.Context, problems func() []string) {
	t.Helper()
	var mu sync.Mutex
	var probs []string
	dialogs := make(chan struct{}, 16)
	add := func(s string) { mu.Lock(); probs = append(probs, s); mu.Unlock() }
	listen := func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			add("dialog opened: " + ev.Message)
			select {
			case dialogs <- struct{}{}:
			default:
			}
		case *runtime.EventExceptionThrown:
			add("exception: " + ev.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				add("console: " + ev.Entry.Text + " " + ev.Entry.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				add("console.error called")
			}
		}
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	bctx, cancelB := chromedp.NewContext(actx, chromedp.WithListener(listen))
	t.Cleanup(func() { cancelB(); cancelA() })
	// The first call starts the browser; it must not carry a timeout.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	// Dismiss dialogs, so that a test that opens one fails instead of
	// hanging.
	go func() {
		for {
			select {
			case <-bctx.Done():
				return
			case <-dialogs:
				chromedp.Call(bctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}
	}()
	ctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(cancelT)
	return ctx, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), probs...) }
}

// show moves the page to a hash route and waits until the view is drawn.
func show(hash string) chromedp.Action[chromedp.Void] {
	h, _ := json.Marshal(hash)
	return chromedp.Steps(
		chromedp.Evaluate[chromedp.Void](`document.body.removeAttribute("data-ready"); location.hash = `+string(h)+`;`),
		chromedp.WaitReady(chromedp.CSS(`body[data-ready]`)),
	)
}

// unready clears the view's ready mark before an action that redraws it.
var unready = chromedp.Evaluate[chromedp.Void](`document.body.removeAttribute("data-ready")`)

var ready = chromedp.WaitReady(chromedp.CSS(`body[data-ready]`))

func shot(dir, name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		png, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name), png, 0o644)
	})
}

// count stores in n how many elements match sel.
func count(sel string, n *int) chromedp.Action[chromedp.Void] {
	return evalInto(`document.querySelectorAll(`+jsString(sel)+`).length`, n)
}

// evalInto evaluates expr into *v.
func evalInto[T any](expr string, v *T) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		r, err := chromedp.Evaluate[T](expr)(ctx, t)
		*v = r
		return err
	})
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBrowser drives the web UI in headless Chromium over a server on a
// loopback port holding the reference article.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	ref, err := os.ReadFile(refArticle)
	if err != nil {
		t.Skipf("no reference article: %v", err)
	}
	dir := screenshots(t)
	const token = "browser-test-token"
	// The UI works behind every guard: a Host check, same-origin writes.
	srv := httptest.NewServer(New(newStore(t), pipeline.Default(), Options{Token: token, AllowedHosts: []string{"127.0.0.1"}}))
	defer srv.Close()

	// Ingest through the API.
	put := func(a map[string]string) putResult {
		body, _ := json.Marshal(a)
		req, _ := http.NewRequest("POST", srv.URL+"/v1/articles", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var pr putResult
		if err := json.NewDecoder(res.Body).Decode(&pr); err != nil || res.StatusCode != 201 {
			t.Fatalf("POST /v1/articles: %d %v", res.StatusCode, err)
		}
		return pr
	}
	refID := put(map[string]string{"title": "US to end combat mission in Iraq", "published": "2021-07-27", "outlet": "reference", "text": string(ref)}).ID
	evilID := put(map[string]string{"title": `Hostile <b>title</b> "><img src=x onerror=alert(2)>`, "published": "2024-05-06", "text": hostile}).ID
	getJSON := func(path string, v any) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	var doc sitrep.Document
	getJSON("/v1/articles/"+refID, &doc)
	places := map[string]bool{}
	for _, p := range doc.Places {
		places[p.ID] = true
	}
	placed := 0
	for _, e := range doc.Events {
		if e.Place != nil && places[*e.Place] {
			placed++
		}
	}

	ctx, problems := browser(t, exe)
	var najaf []string
	var nEvRows, nMarkers, nTime, nQty, nQuote, nEvent, nEnt int
	var text string
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		ready,
		show("#/articles/"+url.PathEscape(refID)),
		chromedp.WaitVisible(chromedp.CSS(`#doc-map svg.map`)),
		evalInto(`Array.from(document.querySelectorAll("#doc-text mark.ent.place")).filter(m => m.textContent.startsWith("Najaf")).map(m => m.title)`, &najaf),
		evalInto(`document.getElementById("doc-text").textContent`, &text),
		count(`#doc-text mark.ent`, &nEnt),
		count(`#doc-text mark.time`, &nTime),
		count(`#doc-text mark.qty`, &nQty),
		count(`#doc-text mark.quote`, &nQuote),
		count(`#doc-text mark.event`, &nEvent),
		count(`#events-table tbody tr.event-row`, &nEvRows),
		count(`#doc-map svg.map circle.marker`, &nMarkers),
		shot(dir, "article.png"),
	)
	if err != nil {
		t.Fatalf("article view: %v", err)
	}
	if len(najaf) == 0 {
		t.Errorf("no place highlighted as \"Najaf…\" in the article view")
	} else if !strings.Contains(najaf[0], "Najaf") || !strings.Contains(najaf[0], "IQ") {
		t.Errorf("Najaf's tooltip %q", najaf[0])
	}
	if text != doc.Text {
		t.Errorf("the article view's text differs from the document's")
	}
	if nEnt == 0 || nTime == 0 || nQty == 0 || nQuote == 0 || nEvent == 0 {
		t.Errorf("highlights: %d entities, %d times, %d quantities, %d quotes, %d events", nEnt, nTime, nQty, nQuote, nEvent)
	}
	if nEvRows != len(doc.Events) {
		t.Errorf("events table: %d rows, want %d", nEvRows, len(doc.Events))
	}
	if placed == 0 || nMarkers != placed {
		t.Errorf("map: %d markers, want %d placed events", nMarkers, placed)
	}
	// Every highlighted mention shows text from the mention, at code-point
	// offsets.
	var bad []string
	chromedp.Do(ctx, evalInto(`(() => {
		const bad = [];
		for (const m of document.querySelectorAll("#doc-text mark")) {
			if (m.dataset.kind !== "ent") continue;
			if (!m.closest("mark") || m.textContent.length === 0) bad.push(m.textContent);
		}
		return bad;
	})()`, &bad))
	if len(bad) > 0 {
		t.Errorf("empty entity marks: %q", bad)
	}
	var mentionTexts []string
	chromedp.Do(ctx, evalInto(`Array.from(document.querySelectorAll("#doc-text mark.ent")).map(m => m.dataset.id + "\t" + m.textContent)`, &mentionTexts))
	ents := map[string]sitrep.Entity{}
	for _, e := range doc.Entities {
		ents[e.ID] = e
	}
	for _, mt := range mentionTexts {
		id, txt, _ := strings.Cut(mt, "\t")
		ok := false
		for _, m := range ents[id].Mentions {
			ok = ok || strings.Contains(m.Text, txt)
		}
		if !ok {
			t.Errorf("mark %q of %s is in none of its mentions", txt, id)
		}
	}

	// Events page: table, timeline, map.
	var all eventPage
	getJSON("/v1/events?limit=1000", &all)
	withLatLon := 0
	for _, e := range all.Events {
		if e.Lat != nil && e.Lon != nil {
			withLatLon++
		}
	}
	var rows, bars, marks int
	err = chromedp.Do(ctx,
		show("#/events"),
		count(`#events-table tbody tr.event-row`, &rows),
		count(`svg.timeline rect.bar`, &bars),
		count(`svg.map circle.marker`, &marks),
		shot(dir, "events.png"),
	)
	if err != nil {
		t.Fatalf("events view: %v", err)
	}
	if rows != len(all.Events) || bars == 0 || marks != withLatLon {
		t.Errorf("events view: %d rows (want %d), %d bars, %d markers (want %d)", rows, len(all.Events), bars, marks, withLatLon)
	}
	// Filter by actor through the form.
	var irq eventPage
	getJSON("/v1/events?actor=IRQ&limit=1000", &irq)
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#event-filters input[name=actor]`), "IRQ"),
		unready,
		chromedp.Click(chromedp.CSS(`#event-filters button[type=submit]`)),
		ready,
		count(`#events-table tbody tr.event-row`, &rows),
	)
	if err != nil {
		t.Fatalf("filter: %v", err)
	}
	if len(irq.Events) == 0 || rows != len(irq.Events) {
		t.Errorf("actor filter: %d rows, want %d", rows, len(irq.Events))
	}
	// Entity page.
	var ent eventPage
	getJSON("/v1/entities/IRQGOV/events?limit=1000", &ent)
	var heading string
	err = chromedp.Do(ctx,
		show("#/entities/IRQGOV"),
		textOf(`h1`, &heading),
		count(`#events-table tbody tr.event-row`, &rows),
		shot(dir, "entity.png"),
	)
	if err != nil {
		t.Fatalf("entity view: %v", err)
	}
	if !strings.Contains(heading, "IRQGOV") || rows != len(ent.Events) {
		t.Errorf("entity page %q: %d rows, want %d", heading, rows, len(ent.Events))
	}
	// Search box.
	var hits int
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#search-q`), "Najaf"),
		unready,
		chromedp.Click(chromedp.CSS(`#search-form button`)),
		ready,
		count(`#search-hits li`, &hits),
		shot(dir, "search.png"),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if hits != 1 {
		t.Errorf("search Najaf: %d hits, want 1", hits)
	}

	// The hostile article: its markup stays text.
	var imgs, scripts, bolds int
	var h1, evilText string
	err = chromedp.Do(ctx,
		show("#/articles/"+url.PathEscape(evilID)),
		count(`#main img`, &imgs),
		count(`#main script`, &scripts),
		count(`#main b`, &bolds),
		textOf(`h1`, &h1),
		evalInto(`document.getElementById("doc-text").textContent`, &evilText),
		shot(dir, "hostile.png"),
	)
	if err != nil {
		t.Fatalf("hostile article: %v", err)
	}
	if imgs+scripts+bolds != 0 || !strings.Contains(h1, "<b>title</b>") || evilText != hostile {
		t.Errorf("markup in an article was not kept as text: %d img, %d script, %d b; h1 %q", imgs, scripts, bolds, h1)
	}

	// Reading an article without storing it.
	var outMarks int
	err = chromedp.Do(ctx,
		show("#/extract"),
		chromedp.SetValue(chromedp.CSS(`#extract-text`), "NAJAF, Iraq - Gunmen attacked a police checkpoint in Najaf on Sunday, killing two officers, police said."),
		chromedp.Click(chromedp.CSS(`#main form button[type=submit]`)),
		chromedp.WaitReady(chromedp.CSS(`#extract-out[data-ready]`)),
		count(`#extract-out mark.ent`, &outMarks),
		shot(dir, "extract.png"),
	)
	if err != nil {
		t.Fatalf("extract view: %v", err)
	}
	if outMarks == 0 {
		t.Errorf("extract view: no highlighted entities")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser problems:\n%s", strings.Join(p, "\n"))
	}
}

// textOf stores the text of the first element matching sel.
func textOf(sel string, v *string) chromedp.Action[chromedp.Void] {
	return evalInto(`document.querySelector(`+jsString(sel)+`).textContent`, v)
}
