package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"

	"sitrep"
	"sitrep/corpus"
	"sitrep/ingest"
)

// item is one entry of a feed or sitemap, ingested when new.
type item struct {
	key    string          // its identity in the seen set: "id:GUID", "url:LINK" or "text:HASH"
	art    *sitrep.Article // the feed's article; nil for a sitemap URL or a feed item without text
	id     string          // the feed item's guid, for a fetched page
	link   string          // the page it links to
	title  string          // for a fetched page that names none
	date   string          // ISO date, for a fetched page that gives none, and for ordering
	outlet string          // for a fetched page that names none
	source string          // the child sitemap it came from; "" for the polled document
}

// fate is what became of one new item.
type fate int

const (
	fateStored    fate = iota // extracted and stored
	fateDuplicate             // its text was stored already
	fateFailed                // failed; tried again on a later poll, up to MaxTries
	fateGone                  // failed for good (page missing, not an article)
	fateWait                  // not tried: its host asked to wait, or the watcher stops
)

// process reads a 200 answer (a feed, a sitemap or a sitemap index) and
// ingests its new items. complete says that every item was dealt with, so
// that the answer's validators may be kept.
func (w *Watcher) process(ctx context.Context, f Feed, doc document, res *Result) (complete bool, err error) {
	var items []item
	full, complete := true, true
	var children map[string]Validators // of a sitemap index: child sitemap -> validators
	var sm *Sitemap
	if isSitemap(doc.body) {
		if sm, err = ParseSitemap(doc.body, w.opts.Limits.FeedItems); err != nil {
			return false, fmt.Errorf("%s: %w", f.URL, err)
		}
		if sm.Index {
			res.Kind, full = "sitemap index", false
			items, children, complete = w.indexItems(ctx, f, sm)
		} else {
			res.Kind = "sitemap"
			items = sitemapItems(sm.URLs, "")
		}
		sortByDate(items)
	} else {
		res.Kind = "feed"
		if items, err = w.feedItems(ctx, f, doc, res); err != nil {
			return false, err
		}
	}
	res.Items = len(items)
	pending := w.handle(ctx, f, items, full, res)
	if children != nil {
		w.keepChildren(f.URL, sm.Sitemaps, children, pending)
	}
	return complete && len(pending) == 0, nil
}

// feedItems reads the items of a feed with the ingest feed reader. With
// FetchPages, items without text are kept for their links.
func (w *Watcher) feedItems(ctx context.Context, f Feed, doc document, res *Result) ([]item, error) {
	var items []item
	err := w.reader.ReadFeed(ctx, f.URL, bytes.NewReader(doc.body), func(a sitrep.Article, err error) bool {
		if err != nil {
			var nt *ingest.NoTextError
			if w.opts.FetchPages && errors.As(err, &nt) {
				if it, ok := linkedItem(nt.Item); ok {
					items = append(items, it)
					return true
				}
			}
			res.Unreadable++
			w.log.Info("watch: item skipped", "feed", f.URL, "err", err)
			return true
		}
		items = append(items, item{key: articleKey(a), art: &a, link: a.URL, date: a.Published})
		return true
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var le *sitrep.LimitError
		if !errors.As(err, &le) || len(items) == 0 {
			return nil, err // an *ingest.InputError naming the feed
		}
		w.log.Warn("watch: feed over a limit", "feed", f.URL, "err", err)
	}
	return items, nil
}

// articleKey is an article's identity in the seen set: its guid, else its
// link, else the hash of its text.
func articleKey(a sitrep.Article) string {
	switch {
	case a.ID != "":
		return "id:" + a.ID
	case a.URL != "":
		return "url:" + a.URL
	}
	return "text:" + corpus.Hash(a)
}

// linkedItem returns a feed item that holds no text as a link to fetch,
// with its guid, title and date; false when it has no link either.
func linkedItem(a sitrep.Article) (item, bool) {
	if a.URL == "" {
		return item{}, false
	}
	key := "url:" + a.URL
	if a.ID != "" {
		key = "id:" + a.ID
	}
	return item{key: key, id: a.ID, link: a.URL, title: a.Title, date: a.Published, outlet: a.Outlet}, true
}

// sitemapItems turns sitemap URLs into items, keyed by URL, dated by their
// news publication date or else their lastmod.
func sitemapItems(urls []SitemapURL, source string) []item {
	out := make([]item, 0, len(urls))
	for _, u := range urls {
		date := ingest.NormalizeDate(u.Published)
		if date == "" {
			date = ingest.NormalizeDate(u.Lastmod)
		}
		out = append(out, item{key: "url:" + u.Loc, link: u.Loc, title: u.Title, date: date, source: source})
	}
	return out
}

// indexItems fetches the child sitemaps of an index that changed (a new
// lastmod, or none given), the most recent first and at most MaxSitemaps,
// each conditionally on its last validators, and returns their items and
// the validators to keep for each child fetched. complete is false when a
// child failed or was left for a later poll.
func (w *Watcher) indexItems(ctx context.Context, f Feed, sm *Sitemap) (items []item, children map[string]Validators, complete bool) {
	w.mu.Lock()
	prev := map[string]Validators{}
	for k, v := range w.state.feed(f.URL).Sitemaps {
		prev[k] = *v
	}
	w.mu.Unlock()
	kids := append([]SitemapURL(nil), sm.Sitemaps...)
	sort.SliceStable(kids, func(i, j int) bool {
		return ingest.NormalizeDate(kids[i].Lastmod) > ingest.NormalizeDate(kids[j].Lastmod)
	})
	children, complete = map[string]Validators{}, true
	fetched := 0
	for _, k := range kids {
		p, had := prev[k.Loc]
		if had && k.Lastmod != "" && p.Lastmod == k.Lastmod {
			continue // unchanged since it was last read
		}
		if fetched >= w.opts.MaxSitemaps || ctx.Err() != nil {
			complete = false
			continue
		}
		fetched++
		got, ok := w.childItems(ctx, f, k, p)
		if !ok {
			complete = false
			continue
		}
		items = append(items, got.items...)
		children[k.Loc] = got.validators
	}
	return items, children, complete
}

// child is what one child sitemap gave.
type child struct {
	items      []item
	validators Validators
}

// childItems fetches one child sitemap of an index, conditionally on its
// last validators p; ok is false when it failed (logged).
func (w *Watcher) childItems(ctx context.Context, f Feed, k SitemapURL, p Validators) (child, bool) {
	doc, err := fetchDocument(ctx, w.client, k.Loc, Validators{ETag: p.ETag, LastModified: p.LastModified}, w.opts.Limits)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Warn("watch: child sitemap failed", "feed", f.URL, "sitemap", k.Loc, "err", err)
		}
		return child{}, false
	}
	if doc.status == 304 {
		return child{validators: Validators{ETag: p.ETag, LastModified: p.LastModified, Lastmod: k.Lastmod}}, true
	}
	v := Validators{ETag: doc.etag, LastModified: doc.lastModified, Lastmod: k.Lastmod}
	sm, err := ParseSitemap(doc.body, w.opts.Limits.FeedItems)
	if err != nil {
		w.log.Warn("watch: child sitemap unreadable", "feed", f.URL, "sitemap", k.Loc, "err", err)
		return child{}, false
	}
	if sm.Index {
		w.log.Warn("watch: sitemap index inside a sitemap index, ignored", "feed", f.URL, "sitemap", k.Loc)
		return child{validators: v}, true
	}
	return child{items: sitemapItems(sm.URLs, k.Loc), validators: v}, true
}

// keepChildren records the validators of the child sitemaps fetched whose
// items were all dealt with, and forgets those of the others, so that
// they are read again on the next poll, and those of the children the
// index no longer lists.
func (w *Watcher) keepChildren(feedURL string, listed []SitemapURL, children map[string]Validators, pending map[string]int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fs := w.state.feed(feedURL)
	if fs.Sitemaps == nil {
		fs.Sitemaps = map[string]*Validators{}
	}
	in := make(map[string]bool, len(listed))
	for _, k := range listed {
		in[k.Loc] = true
	}
	for loc := range fs.Sitemaps {
		if !in[loc] {
			delete(fs.Sitemaps, loc)
		}
	}
	for loc, v := range children {
		if pending[loc] > 0 {
			delete(fs.Sitemaps, loc)
			continue
		}
		fs.Sitemaps[loc] = &v
	}
}

// handle ingests the items not dealt with before, in order, and returns
// the number of items still pending by source. full says the items are the
// whole feed: those absent are marked absent.
func (w *Watcher) handle(ctx context.Context, f Feed, items []item, full bool, res *Result) map[string]int {
	now := w.opts.Clock.Now()
	var todo []item
	w.mu.Lock()
	fs := w.state.feed(f.URL)
	if full {
		fs.clearInFeed()
	}
	keys := map[string]bool{}
	for _, it := range items {
		if keys[it.key] {
			continue
		}
		keys[it.key] = true
		done := fs.done(it.key)
		fs.see(it.key, now, full)
		if !done {
			todo = append(todo, it)
		}
	}
	w.mu.Unlock()

	pending := map[string]int{}
	pages := 0
	for _, it := range todo {
		res.New++
		needPage := it.art == nil || (w.opts.FetchPages && it.link != "")
		if (needPage && pages >= w.opts.MaxPages) || ctx.Err() != nil {
			res.Deferred++
			pending[it.source]++
			continue
		}
		if needPage {
			pages++
		}
		fa, err := w.ingestItem(ctx, it, needPage)
		if w.record(f.URL, it, fa, err, res) {
			pending[it.source]++
		}
	}
	return pending
}

// record counts an item's fate and notes it in the seen set; it reports
// whether the item is still pending.
func (w *Watcher) record(feedURL string, it item, fa fate, err error, res *Result) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	fs := w.state.feed(feedURL)
	s := fs.Seen[it.key] // made by handle
	if s == nil {
		s = fs.see(it.key, w.opts.Clock.Now(), false)
	}
	switch fa {
	case fateStored, fateDuplicate:
		if fa == fateStored {
			res.Ingested++
		} else {
			res.Duplicates++
		}
		s.Pending, s.Tries = false, 0
		return false
	case fateWait:
		res.Deferred++
		return true
	case fateGone:
		res.Unreadable++
		s.Pending = false
		w.log.Warn("watch: item skipped", "feed", feedURL, "item", itemName(it), "err", err)
		return false
	}
	res.Failed++
	s.Tries++
	if s.Tries >= w.opts.MaxTries {
		s.Pending = false
		w.log.Warn("watch: item failed, given up", "feed", feedURL, "item", itemName(it), "tries", s.Tries, "err", err)
		return false
	}
	w.log.Warn("watch: item failed, to be tried again", "feed", feedURL, "item", itemName(it), "tries", s.Tries, "err", err)
	return true
}

// itemName names an item in logs: its link, else its key.
func itemName(it item) string {
	if it.link != "" {
		return it.link
	}
	return it.key
}

// ingestItem ingests one new item: the feed's article, or with needPage
// the page it links to (the feed's article when the page cannot be read
// and the feed has text).
func (w *Watcher) ingestItem(ctx context.Context, it item, needPage bool) (fate, error) {
	var art sitrep.Article
	if it.art != nil {
		art = *it.art
	}
	if needPage {
		page, fa, err := w.fetchPage(ctx, it.link)
		switch {
		case err == nil:
			art = mergePage(page, it)
		case it.art == nil || fa == fateWait:
			return fa, err
		default:
			w.log.Debug("watch: page unreadable, the feed's text ingested", "page", it.link, "err", err)
		}
	}
	out, _, err := w.ing.Process(ctx, art)
	switch {
	case out == corpus.Stored:
		return fateStored, nil
	case out == corpus.Duplicate:
		return fateDuplicate, nil
	case out == corpus.OtherLanguage:
		w.log.Info("watch: stored, not extracted: its language is not read", "item", art.Origin, "err", err)
		return fateStored, nil
	case ctx.Err() != nil:
		return fateWait, ctx.Err()
	}
	return fateFailed, err
}

// fetchPage fetches and reads one page with the ingest reader (the same
// path, limits and guards as `sitrep ingest URL`), and says how a failure
// counts: fateWait when the host asked to wait, fateFailed when it may
// work later (no answer, 5xx, 429), fateGone otherwise.
func (w *Watcher) fetchPage(ctx context.Context, link string) (sitrep.Article, fate, error) {
	ex := &exchange{}
	var art sitrep.Article
	var got bool
	var perr error
	err := w.reader.Read(withExchange(ctx, ex), []string{link}, func(a sitrep.Article, err error) bool {
		if err != nil {
			if perr == nil {
				perr = err
			}
			return true
		}
		art, got = a, true
		return false
	})
	switch {
	case ctx.Err() != nil:
		return art, fateWait, ctx.Err()
	case got:
		return art, 0, nil
	case err != nil:
		perr = err
	case perr == nil:
		perr = fmt.Errorf("%s: no article", link)
	}
	var pe *PausedError
	switch {
	case errors.As(ex.err, &pe):
		return art, fateWait, perr
	case ex.status == 0 || transient(ex.status):
		return art, fateFailed, perr
	}
	return art, fateGone, perr
}

// mergePage fills what a fetched page's article lacks from the item.
func mergePage(page sitrep.Article, it item) sitrep.Article {
	fill := func(dst *string, vals ...string) {
		for _, v := range vals {
			if *dst == "" {
				*dst = v
			}
		}
	}
	var a sitrep.Article
	if it.art != nil {
		a = *it.art
	}
	fill(&page.ID, a.ID, it.id)
	fill(&page.Title, a.Title, it.title)
	fill(&page.Published, a.Published, it.date)
	fill(&page.Outlet, a.Outlet, it.outlet)
	fill(&page.Byline, a.Byline)
	fill(&page.URL, it.link)
	return page
}
