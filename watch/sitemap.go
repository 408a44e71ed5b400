package watch

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Sitemap is a parsed sitemap: either a <urlset> (URLs) or a
// <sitemapindex> (Sitemaps, the child sitemaps).
type Sitemap struct {
	Index    bool
	URLs     []SitemapURL
	Sitemaps []SitemapURL
}

// SitemapURL is one <url> or <sitemap> entry. Title and Published come
// from a Google News sitemap's <news:news> (news:title,
// news:publication_date); Lastmod from <lastmod>.
type SitemapURL struct {
	Loc       string
	Lastmod   string
	Published string
	Title     string
}

// errNotSitemap says a document's root element is not a sitemap's.
var errNotSitemap = errors.New("not a sitemap (root element is not urlset or sitemapindex)")

// maxSitemapDepth bounds the element nesting a sitemap may have.
const maxSitemapDepth = 32

// isSitemap reports whether the document's first element is <urlset> or
// <sitemapindex> (in any namespace).
func isSitemap(body []byte) bool {
	name, _ := rootElement(body)
	return name == "urlset" || name == "sitemapindex"
}

// rootElement returns the local name of the document's first element,
// looking at no more than its first 64 KiB.
func rootElement(body []byte) (string, error) {
	head := body[:min(len(body), 64<<10)]
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

// ParseSitemap reads a sitemap (sitemaps.org 0.9, with the Google News
// extension) from body, keeping at most max entries. Only absolute http
// and https locations are kept. A document whose root is neither urlset
// nor sitemapindex, or that is not well-formed XML up to its last entry,
// is an error.
func ParseSitemap(body []byte, max int) (*Sitemap, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	p := &sitemapParser{sm: &Sitemap{}, max: max}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if p.root == "" {
				return nil, fmt.Errorf("sitemap: %w", err)
			}
			if p.entries() == 0 {
				return nil, fmt.Errorf("sitemap: %w", err)
			}
			break // keep the entries read before the damage
		}
		if err := p.token(tok); err != nil {
			return nil, err
		}
		if p.full {
			break
		}
	}
	if p.root == "" {
		return nil, errNotSitemap
	}
	return p.sm, nil
}

// sitemapParser builds a Sitemap from the XML tokens.
type sitemapParser struct {
	sm    *Sitemap
	max   int
	root  string
	path  []string    // local names of the open elements
	entry *SitemapURL // the <url> or <sitemap> being read
	text  strings.Builder
	full  bool
}

// entries counts the entries kept.
func (p *sitemapParser) entries() int { return len(p.sm.URLs) + len(p.sm.Sitemaps) }

// token takes one token.
func (p *sitemapParser) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return p.start(t.Name.Local)
	case xml.EndElement:
		p.end()
	case xml.CharData:
		if p.entry != nil && p.text.Len() < 4096 {
			p.text.Write(t)
		}
	}
	return nil
}

// start opens an element.
func (p *sitemapParser) start(name string) error {
	if p.root == "" {
		if name != "urlset" && name != "sitemapindex" {
			return errNotSitemap
		}
		p.root = name
		p.sm.Index = name == "sitemapindex"
	}
	if len(p.path) >= maxSitemapDepth {
		return fmt.Errorf("sitemap: elements nested more than %d deep", maxSitemapDepth)
	}
	p.path = append(p.path, name)
	if len(p.path) == 2 && (name == "url" || name == "sitemap") {
		p.entry = &SitemapURL{}
	}
	p.text.Reset()
	return nil
}

// end closes the innermost element, keeping its text in the entry.
func (p *sitemapParser) end() {
	if len(p.path) == 0 {
		return
	}
	name := p.path[len(p.path)-1]
	p.path = p.path[:len(p.path)-1]
	if p.entry == nil {
		return
	}
	val := strings.TrimSpace(p.text.String())
	p.text.Reset()
	switch {
	case len(p.path) == 1: // the entry itself ends
		p.keep()
	case name == "loc" && len(p.path) == 2:
		p.entry.Loc = val
	case name == "lastmod" && len(p.path) == 2:
		p.entry.Lastmod = val
	case name == "publication_date":
		p.entry.Published = val
	case name == "title" && len(p.path) >= 3:
		p.entry.Title = val
	}
}

// keep adds the finished entry when its location is an absolute web
// address.
func (p *sitemapParser) keep() {
	e := *p.entry
	p.entry = nil
	if !webURL(e.Loc) {
		return
	}
	if p.sm.Index {
		p.sm.Sitemaps = append(p.sm.Sitemaps, e)
	} else {
		p.sm.URLs = append(p.sm.URLs, e)
	}
	if p.entries() >= p.max {
		p.full = true
	}
}

// webURL reports whether s is an absolute http or https URL with a host.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
