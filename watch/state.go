package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// stateVersion is the version of the state file's format.
const stateVersion = 1

// State is what the watcher remembers between polls and across restarts:
// one FeedState per feed URL. It is saved as JSON.
type State struct {
	Version int                   `json:"version"`
	Feeds   map[string]*FeedState `json:"feeds"`
}

// FeedState is what the watcher remembers of one feed.
type FeedState struct {
	// ETag and LastModified are the validators of the last 200 answer
	// whose items were all dealt with, sent back as If-None-Match and
	// If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// LastPoll is when the feed was last polled, NextPoll when it is due.
	LastPoll time.Time `json:"last_poll,omitzero"`
	NextPoll time.Time `json:"next_poll,omitzero"`
	// Failures counts the polls that failed in a row (it sets the
	// back-off); LastError is the last one's error.
	Failures  int    `json:"failures,omitempty"`
	LastError string `json:"last_error,omitempty"`
	// Seen holds the items seen, by key ("id:GUID" or "url:LINK").
	Seen map[string]*Seen `json:"seen,omitempty"`
	// Sitemaps holds, for a sitemap index, the validators of its child
	// sitemaps, by URL.
	Sitemaps map[string]*Validators `json:"sitemaps,omitempty"`
}

// Seen is one item of a feed as the watcher saw it.
type Seen struct {
	// First and Last are when the item was first and last seen in the
	// feed.
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
	// InFeed says the item was in the feed's last full answer; such an
	// item is never dropped, however old.
	InFeed bool `json:"in_feed,omitempty"`
	// Pending says the item is still to be ingested: it is new, was left
	// for a later poll, or failed fewer than Options.MaxTries times (Tries
	// counts the failures). An item ingested, found stored already, or
	// given up on is not pending.
	Pending bool `json:"pending,omitempty"`
	Tries   int  `json:"tries,omitempty"`
}

// Validators are the HTTP cache validators of one document, and for a
// child sitemap the lastmod its index gave it.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Lastmod      string `json:"lastmod,omitempty"`
}

// newState returns an empty state.
func newState() *State {
	return &State{Version: stateVersion, Feeds: map[string]*FeedState{}}
}

// LoadState reads the state file at path; a file that does not exist is an
// empty state. A file that cannot be read or parsed is an error: the
// watcher refuses to start rather than forget what it ingested.
func LoadState(path string) (*State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("watch state %s: %w", path, err)
	}
	st := newState()
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("watch state %s: %w (move it away to start afresh)", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("watch state %s: version %d, want %d", path, st.Version, stateVersion)
	}
	if st.Feeds == nil {
		st.Feeds = map[string]*FeedState{}
	}
	return st, nil
}

// Save writes the state to path atomically: to a temporary file in the
// same directory, synced, then renamed over path, so that a crash leaves
// either the old state or the new one.
func (s *State) Save(path string) error {
	data, err := marshalState(s)
	if err != nil {
		return fmt.Errorf("watch state %s: %w", path, err)
	}
	return writeAtomic(path, data)
}

// marshalState encodes the state as JSON.
func marshalState(s *State) ([]byte, error) { return json.Marshal(s) }

// writeAtomic writes data to path through a temporary file and a rename.
func writeAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, base+".tmp*")
	if err != nil {
		return fmt.Errorf("watch state %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("watch state %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("watch state %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("watch state %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("watch state %s: %w", path, err)
	}
	return nil
}

// feed returns the state of the feed at url, made when missing.
func (s *State) feed(url string) *FeedState {
	f := s.Feeds[url]
	if f == nil {
		f = &FeedState{}
		s.Feeds[url] = f
	}
	if f.Seen == nil {
		f.Seen = map[string]*Seen{}
	}
	return f
}

// done reports whether the item with key needs nothing more: it was
// ingested, found stored, or given up on.
func (f *FeedState) done(key string) bool {
	s := f.Seen[key]
	return s != nil && !s.Pending
}

// see notes that the item with key is in the answer read at now (in the
// feed, when the answer is the whole feed), and returns its entry. Times
// are kept to the second, to keep the state file small.
func (f *FeedState) see(key string, now time.Time, inFeed bool) *Seen {
	now = now.UTC().Truncate(time.Second)
	s := f.Seen[key]
	if s == nil {
		s = &Seen{First: now, Pending: true}
		f.Seen[key] = s
	}
	s.Last = now
	s.InFeed = s.InFeed || inFeed
	return s
}

// clearInFeed marks every item as absent from the feed, before the items
// of a new full answer are marked present.
func (f *FeedState) clearInFeed() {
	for _, s := range f.Seen {
		s.InFeed = false
	}
}

// prune bounds the seen set: entries not in the feed and last seen before
// now-maxAge are dropped, then the oldest of those not in the feed (by
// last seen) until at most maxSeen remain. Entries in the feed are kept: they
// are at most the items of one answer (Limits.FeedItems), and dropping
// them would make them new again.
func (f *FeedState) prune(now time.Time, maxAge time.Duration, maxSeen int) {
	var old []string
	inFeed := 0
	for k, s := range f.Seen {
		switch {
		case s.InFeed:
			inFeed++
		case now.Sub(s.Last) > maxAge:
			delete(f.Seen, k)
		default:
			old = append(old, k)
		}
	}
	extra := len(f.Seen) - max(maxSeen, inFeed)
	if extra <= 0 {
		return
	}
	sort.Slice(old, func(i, j int) bool {
		a, b := f.Seen[old[i]], f.Seen[old[j]]
		if !a.Last.Equal(b.Last) {
			return a.Last.Before(b.Last)
		}
		return old[i] < old[j]
	})
	for _, k := range old[:min(extra, len(old))] {
		delete(f.Seen, k)
	}
}
