package pipeline

// Default returns the pipeline with every stage sitrep has, in order.
func Default() *Pipeline {
	return New()
}
