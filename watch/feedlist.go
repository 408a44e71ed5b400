package watch

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// ReadFeedList reads a list of feeds, one a line: a URL, optionally
// followed by its interval ("https://example.org/rss.xml 5m"). Blank lines
// and lines starting with # are skipped. name names the list in errors.
func ReadFeedList(r io.Reader, name string) ([]Feed, error) {
	var feeds []Feed
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f, err := parseFeedLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		feeds = append(feeds, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return feeds, nil
}

// parseFeedLine reads "URL [INTERVAL]".
func parseFeedLine(line string) (Feed, error) {
	fields := strings.Fields(line)
	if len(fields) > 2 {
		return Feed{}, fmt.Errorf("want URL [INTERVAL], got %q", line)
	}
	f := Feed{URL: fields[0]}
	if !webURL(f.URL) {
		return Feed{}, fmt.Errorf("%q is not an http(s) URL", f.URL)
	}
	if len(fields) == 2 {
		d, err := time.ParseDuration(fields[1])
		if err != nil || d < time.Second {
			return Feed{}, fmt.Errorf("interval %q: want a duration of at least 1s, such as 5m or 1h", fields[1])
		}
		f.Interval = d
	}
	return f, nil
}
