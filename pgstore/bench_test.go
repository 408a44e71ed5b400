package pgstore

import (
	"context"
	"fmt"
	"testing"

	"sitrep"
	"sitrep/pipeline"
	"sitrep/storetest"
)

// BenchmarkPut stores extracted articles (storetest.Corpus) one after the
// other, or from 4 goroutines; it needs SITREP_TEST_POSTGRES. MB/s counts
// article text.
func BenchmarkPut(b *testing.B) {
	testURL(b)
	ctx := context.Background()
	p := pipeline.Default()
	as := storetest.Corpus(500, 3)
	docs := make([]*sitrep.Document, len(as))
	size := 0
	for i, a := range as {
		d, err := p.Extract(ctx, a)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
		size += len(d.Text)
	}
	for _, par := range []int{1, 4} {
		b.Run(fmt.Sprintf("goroutines=%d", par), func(b *testing.B) {
			b.SetBytes(int64(size / len(docs)))
			var st *Store
			n := 0
			open := func() {
				if st != nil {
					st.Close()
				}
				var err error
				if st, err = Open(ctx, freshSchema(b)+fmt.Sprintf("&pool_max_conns=%d", par+1)); err != nil {
					b.Fatal(err)
				}
				n = 0
			}
			b.StopTimer()
			open()
			b.StartTimer()
			sem := make(chan struct{}, par)
			errs := make(chan error, par)
			for i := 0; i < b.N; i++ {
				if n == len(docs) { // every document stored: start afresh
					b.StopTimer()
					for range par {
						sem <- struct{}{}
					}
					for range par {
						<-sem
					}
					open()
					b.StartTimer()
				}
				d := docs[n]
				n++
				sem <- struct{}{}
				go func() {
					defer func() { <-sem }()
					if _, err := st.Put(ctx, d); err != nil {
						select {
						case errs <- err:
						default:
						}
					}
				}()
			}
			for range par {
				sem <- struct{}{}
			}
			b.StopTimer()
			st.Close()
			select {
			case err := <-errs:
				b.Fatal(err)
			default:
			}
		})
	}
}
