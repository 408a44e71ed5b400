package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"sitrep"
)

// ReadFeed reads a feed from r with the default limits; see
// Reader.ReadFeed.
func ReadFeed(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	return (*Reader)(nil).ReadFeed(ctx, name, r, yield)
}

// ReadFeed reads an RSS (0.9x, 1.0, 2.0), Atom or JSON feed from r and
// yields one article per item, in feed order: text from the item's full
// content (content:encoded, Atom content) or else its description, markup
// turned into paragraphs; title with entities unescaped; URL from the
// item's link; published from the item's date (updated when it has none);
// outlet from the feed's title; ID from the guid or Atom id; Origin
// "NAME#item N" (N from 1). An item without text, or with text over
// Limits.ArticleBytes, is yielded as an *InputError and reading goes on.
//
// The feed is read within rd's limits, while it is read: a feed of more
// than Limits.RecordBytes is refused; of a feed of more than
// Limits.FeedItems items the first FeedItems are yielded and then the
// *InputError (wrapping a *sitrep.LimitError) that says the rest was
// skipped is returned. A feed that does not parse is returned as an
// *InputError, a cancelled ctx's error as is; it returns nil when yield
// stops it.
//
// The feed is decoded to UTF-8 before it is parsed: by its byte-order
// mark, else its XML declaration's encoding; a feed that declares none (or
// UTF-8) and is not UTF-8 is read as Windows-1252, with a warning to
// rd.Warn naming the feed and the first such byte.
func (rd *Reader) ReadFeed(ctx context.Context, name string, r io.Reader, yield func(sitrep.Article, error) bool) error {
	return rd.readFeed(ctx, name, r, "", yield)
}

// readFeed is ReadFeed for a feed whose Content-Type may name its charset,
// which then comes before the XML declaration's.
func (rd *Reader) readFeed(ctx context.Context, name string, r io.Reader, contentType string, yield func(sitrep.Article, error) bool) error {
	lim := rd.limits()
	yield = checkArticles(lim, yield)
	// trap keeps a read error (a limit gone over, here or below) that the
	// parser may report only as text
	trap := &errTrap{r: &capReader{r: r, max: lim.RecordBytes, limit: limitRecord}}
	br := rd.feedUTF8(name, bufio.NewReaderSize(trap, 64<<10), contentType)
	cut := newItemCutter(br, firstByte(br), lim.FeedItems)
	feed, err := parseFeed(gofeed.NewParser(), cut)
	if err != nil {
		var le *sitrep.LimitError
		if errors.As(trap.err, &le) || errors.As(err, &le) {
			le.Where = "feed"
			return overLimit(name, -1, le)
		}
		return &InputError{Name: name, Offset: -1, Reason: "feed: " + err.Error()}
	}
	base, _ := url.Parse(feed.Link)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	outlet := cleanInline(feed.Title)
	for i, it := range feed.Items[:min(len(feed.Items), lim.FeedItems)] {
		if err := ctx.Err(); err != nil {
			return err
		}
		if it == nil {
			continue
		}
		origin := fmt.Sprintf("%s#item %d", name, i+1)
		if ie := itemTooLarge(it, origin, lim.ArticleBytes); ie != nil {
			if !yield(sitrep.Article{}, ie) {
				return nil
			}
			continue
		}
		art, reason := feedItem(it, base, outlet, origin)
		art.Language = LanguageCode(feed.Language)
		if reason != "" {
			ie := &InputError{Name: origin, Offset: -1, Reason: reason}
			if reason == reasonNoText {
				ie.Err = &NoTextError{Item: art}
			}
			if !yield(sitrep.Article{}, ie) {
				return nil
			}
			continue
		}
		if !yield(art, nil) {
			return nil
		}
	}
	return feedRest(name, cut, lim)
}

// feedRest says what became of the feed past the items read: more items
// than the limit, or a read error past them.
func feedRest(name string, cut *itemCutter, lim sitrep.Limits) error {
	if cut.over() {
		ie := overLimit(name, -1, &sitrep.LimitError{Limit: limitItems, Max: int64(lim.FeedItems)})
		ie.Reason += fmt.Sprintf("; the items after item %d skipped", lim.FeedItems)
		return ie
	}
	if cut.err == nil {
		return nil
	}
	var le *sitrep.LimitError
	if errors.As(cut.err, &le) {
		le.Where = "feed"
		return overLimit(name, -1, le)
	}
	return &InputError{Name: name, Offset: -1, Reason: "feed: read: " + cut.err.Error()}
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

// itemTooLarge returns the *InputError for an item whose content or
// description holds more than max bytes of text, refused before its markup
// is parsed; nil otherwise.
func itemTooLarge(it *gofeed.Item, origin string, max int64) *InputError {
	for _, s := range []string{it.Content, it.Description} {
		if err := checkHTMLText(s, max); err != nil {
			return overLimit(origin, -1, err.(*sitrep.LimitError))
		}
	}
	return nil
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
	if strings.TrimSpace(art.Text) == "" {
		return art, reasonNoText
	}
	return art, ""
}

// reasonNoText is why a feed item gives no article: it holds no text.
const reasonNoText = "item has no text"

// NoTextError is the cause of the error a feed reader yields for an item
// that holds no text: Item is what the item does say (its link, id,
// title, date), so that a caller can fetch the linked page instead
// (sitrep watch --fetch-pages).
type NoTextError struct {
	Item sitrep.Article
}

func (e *NoTextError) Error() string { return reasonNoText }

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
