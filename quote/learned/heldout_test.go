package learned_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"sitrep/entity"
	"sitrep/eval"
	"sitrep/pipeline"
	"sitrep/place"
	"sitrep/quantity"
	"sitrep/quote/learned"
	"sitrep/when"
)

// polnear returns the folder of a PolNeAR split, skipping the test when
// ../shared is absent.
func polnear(t *testing.T, split string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval", "polnear", split)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no PolNeAR %s split: %v", split, err)
	}
	return dir
}

// beforeQuote is the pipeline the quote stage reads after.
func beforeQuote() *pipeline.Pipeline {
	return pipeline.New(entity.Stage{}, when.Stage{}, quantity.Stage{}, place.Stage{})
}

// TestHeldOutFloor scores the embedded model on the first 30 articles of
// PolNeAR dev (held out from training): content+speaker precision,
// recall and F1 may only rise above these floors.
func TestHeldOutFloor(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	ctx := context.Background()
	docs, err := eval.LoadPolNeAR(ctx, beforeQuote(), polnear(t, "dev"), 30)
	if err != nil {
		t.Fatal(err)
	}
	m, err := learned.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	s, err := eval.ScorePolNeAR(ctx, docs, m.Find)
	if err != nil {
		t.Fatal(err)
	}
	p, r, f := s.PRF()
	t.Logf("PolNeAR dev, 30 articles: %s", s)
	const floorP, floorR, floorF = 0.74, 0.62, 0.68
	if p < floorP || r < floorR || f < floorF {
		t.Errorf("P %.3f R %.3f F1 %.3f, floors %.2f %.2f %.2f", p, r, f, floorP, floorR, floorF)
	}
}

// TestTrainingIsReproducible trains twice on a slice of PolNeAR train and
// compares the files byte for byte.
func TestTrainingIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	docs, err := eval.LoadPolNeAR(context.Background(), beforeQuote(), polnear(t, "train"), 40)
	if err != nil {
		t.Fatal(err)
	}
	td := make([]learned.TrainDoc, len(docs))
	for i, d := range docs {
		td[i] = learned.TrainDoc{A: d.A, Gold: d.Gold}
	}
	opts := learned.DefaultTrainOptions()
	opts.Epochs = 3
	var files [2]bytes.Buffer
	for i := range files {
		m, _, err := learned.Train(td, opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := learned.WriteModel(&files[i], m); err != nil {
			t.Fatal(err)
		}
	}
	if files[0].Len() == 0 || !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Error("training twice gave different files")
	}
}
