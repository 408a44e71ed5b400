package ner

import (
	_ "embed"
	"encoding/binary"
)

// Embedding clusters: the words of GloVe's 100-dimensional vectors (from
// Wikipedia and Gigaword news text), split hierarchically by spherical
// k-means into embedFan[0] clusters, each into embedFan[1] and each into
// embedFan[2] (see internal/embgen). Words with near vectors share
// clusters, so a name the training data never showed still looks like the
// names it did.
//
// embed.bin, little-endian:
//
//	"SREMB1\0\0"
//	uint16 ×3    the fan-out of each level
//	uint16       b, the number of hash bits that pick a bucket
//	uint32 ×2^b+1 each bucket's first record (the last: the record count)
//	records      sorted by hash: uint32 the low half of the word's 64-bit
//	             FNV-1a hash, uint16 its cluster path
//
// A word's bucket is the top b bits of its hash; the lookup reads the
// embedded bytes as they are, so loading costs nothing.
//
//go:generate go run ./internal/embgen -out embed.bin

//go:embed embed.bin
var embedData []byte

var embedTable = parseEmbed(embedData)

type embedIndex struct {
	fan     [3]uint32
	bits    uint
	buckets []byte
	recs    []byte
}

const embedHeader = 16

func parseEmbed(b []byte) embedIndex {
	if len(b) < embedHeader || string(b[:8]) != "SREMB1\x00\x00" {
		panic("ner: embed.bin is not an embedding-cluster table")
	}
	var t embedIndex
	for i := range t.fan {
		t.fan[i] = uint32(binary.LittleEndian.Uint16(b[8+2*i:]))
	}
	t.bits = uint(binary.LittleEndian.Uint16(b[14:]))
	nb := (1 << t.bits) + 1
	t.buckets = b[embedHeader : embedHeader+4*nb]
	t.recs = b[embedHeader+4*nb:]
	if n := binary.LittleEndian.Uint32(t.buckets[4*(nb-1):]); int(n)*6 != len(t.recs) {
		panic("ner: embed.bin is truncated")
	}
	return t
}

// embedPath returns the cluster path of the lower-case word, plus one
// (0: not in the table).
func embedPath(lower string) uint32 { return embedTable.path(lower) }

func (t *embedIndex) path(lower string) uint32 { return t.pathOf(hStr(fnvOffset, lower)) }

// pathOf is path of the word whose hash is h, hStr(fnvOffset, lower).
func (t *embedIndex) pathOf(h uint64) uint32 {
	bk := h >> (64 - t.bits)
	lo := binary.LittleEndian.Uint32(t.buckets[4*bk:])
	hi := binary.LittleEndian.Uint32(t.buckets[4*bk+4:])
	key := uint32(h)
	for r := lo; r < hi; r++ {
		p := t.recs[6*r:]
		if binary.LittleEndian.Uint32(p) == key {
			return uint32(binary.LittleEndian.Uint16(p[4:])) + 1
		}
	}
	return 0
}

// embedAt returns the cluster at level lv (0 coarse, 2 finest) of a path
// from embedPath, plus one (0: none).
func embedAt(path uint32, lv int) uint32 { return embedTable.at(path, lv) }

func (t *embedIndex) at(path uint32, lv int) uint32 {
	if path == 0 {
		return 0
	}
	p := path - 1
	switch lv {
	case 0:
		p /= t.fan[1] * t.fan[2]
	case 1:
		p /= t.fan[2]
	}
	return p + 1
}

// Clusters returns the embedding clusters of a lower-case word at levels 1
// and 2 (plus one; 0: not in the table), finding the word once.
func Clusters(lower string) (lv1, lv2 uint32) {
	p := embedPath(lower)
	return embedAt(p, 1), embedAt(p, 2)
}
