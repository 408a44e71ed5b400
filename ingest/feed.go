package ingest

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"sitrep"
)

// ReadFeed reads an RSS (0.9x, 1.0, 2.0), Atom or JSON feed from r and
// yields one article per item, in feed order: text from the item's full
// content (content:encoded, Atom content) or else its description, markup
// turned into paragraphs; title with entities unescaped; URL from the
// item's link; published from the item's date (updated when it has none);
// outlet from the feed's title; ID from the guid or Atom id; Origin
// "NAME#item N" (N from 1). An item without text is yielded as an
// *InputError and reading goes on. A feed that does not parse is returned as
// an *InputError, as is a cancelled ctx's error; it returns nil when yield
// stops it.
func ReadFeed(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	fp := gofeed.NewParser()
	feed, err := parseFeed(fp, r)
	if err != nil {
		return &InputError{Name: name, Offset: -1, Reason: "feed: " + err.Error()}
	}
	base, _ := url.Parse(feed.Link)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	outlet := cleanInline(feed.Title)
	for i, it := range feed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if it == nil {
			continue
		}
		origin := fmt.Sprintf("%s#item %d", name, i+1)
		art, reason := feedItem(it, base, outlet, origin)
		if reason != "" {
			if !yield(sitrep.Article{}, &InputError{Name: origin, Offset: -1, Reason: reason}) {
				return nil
			}
			continue
		}
		if !yield(art, nil) {
			return nil
		}
	}
	return nil
}

// parseFeed runs gofeed, turning a panic into an error.
func parseFeed(fp *gofeed.Parser, r io.Reader) (feed *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			feed, err = nil, fmt.Errorf("parser panic: %v", p)
		}
	}()
	return fp.Parse(r)
}

// feedItem builds the article of one item, or says why there is none.
func feedItem(it *gofeed.Item, base *url.URL, outlet, origin string) (sitrep.Article, string) {
	art := sitrep.Article{
		ID:     strings.TrimSpace(it.GUID),
		Title:  cleanInline(it.Title),
		Outlet: outlet,
		Origin: origin,
	}
	content, desc := HTMLText(it.Content), HTMLText(it.Description)
	art.Text = content
	if len(desc) > len(content) {
		art.Text = desc
	}
	if strings.TrimSpace(art.Text) == "" {
		return art, "item has no text"
	}
	links := append([]string{it.Link}, it.Links...)
	for _, l := range links {
		if u := absURL(base, l); u != "" {
			art.URL = u
			break
		}
	}
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		names = append(names, it.DublinCoreExt.Creator...)
	}
	art.Byline = cleanByline(strings.Join(names, ", "))
	art.Published = itemDate(it.Published, it.PublishedParsed)
	if art.Published == "" {
		art.Published = itemDate(it.Updated, it.UpdatedParsed)
	}
	return art, ""
}

// itemDate normalizes an item's date string, falling back on gofeed's
// parse of it.
func itemDate(raw string, parsed *time.Time) string {
	if d := NormalizeDate(raw); d != "" {
		return d
	}
	if parsed != nil && !parsed.IsZero() {
		return formatDate(*parsed, true, true)
	}
	return ""
}
