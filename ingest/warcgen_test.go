package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
)

// warcRec is one record of a test WARC file.
type warcRec struct {
	typ, uri, date string
	extra          []string // more header lines
	block          string
	corrupt        bool   // damage the gzip member
	raw            string // a raw record text, written as is
}

// httpResp builds an HTTP response block.
func httpResp(status, contentType string, headers []string, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\n", status)
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	if !strings.Contains(strings.Join(headers, "\n"), "Transfer-Encoding") {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.WriteString(body)
	return b.String()
}

// buildWARC writes records as a WARC file, each record its own gzip member
// when gz is true, and returns it with each record's byte offset.
func buildWARC(recs []warcRec, gz bool) ([]byte, []int64) {
	var out bytes.Buffer
	var offs []int64
	for i, r := range recs {
		offs = append(offs, int64(out.Len()))
		var rec string
		if r.raw != "" {
			rec = r.raw
		} else {
			var b strings.Builder
			b.WriteString("WARC/1.1\r\n")
			fmt.Fprintf(&b, "WARC-Type: %s\r\n", r.typ)
			fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", i)
			date := r.date
			if date == "" {
				date = "2023-03-15T06:00:00Z"
			}
			fmt.Fprintf(&b, "WARC-Date: %s\r\n", date)
			if r.uri != "" {
				fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
			}
			switch r.typ {
			case "response", "request":
				fmt.Fprintf(&b, "Content-Type: application/http; msgtype=%s\r\n", r.typ)
			case "warcinfo":
				b.WriteString("Content-Type: application/warc-fields\r\n")
			default:
				b.WriteString("Content-Type: application/octet-stream\r\n")
			}
			for _, h := range r.extra {
				b.WriteString(h + "\r\n")
			}
			fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(r.block))
			b.WriteString(r.block)
			b.WriteString("\r\n\r\n")
			rec = b.String()
		}
		if !gz {
			out.WriteString(rec)
			continue
		}
		var m bytes.Buffer
		zw := gzip.NewWriter(&m)
		zw.Write([]byte(rec))
		zw.Close()
		mb := m.Bytes()
		if r.corrupt {
			for j := 20; j < len(mb)-8 && j < 60; j++ {
				mb[j] ^= 0x5a
			}
		}
		out.Write(mb)
	}
	return out.Bytes(), offs
}
