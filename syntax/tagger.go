package syntax

// Tagger feature templates.
const (
	tagBias uint32 = iota + 1
	tagForm
	tagSuffix1
	tagSuffix2
	tagSuffix3
	tagPrefix
	tagShape
	tagPrevForm
	tagNextForm
	tagPrev2Form
	tagNext2Form
	tagPrevTag
	tagPrevTags
	tagPrevTagForm
	tagNextSuffix
	tagPrevSuffix
	tagCluster1
	tagCluster2
	tagNextCluster
	tagPrevCluster
	tagFirstShape
	tagFormNextForm
	tagSuffix4
	tagPrevTagNextForm
)

// at returns the facts of word i of ws, none outside the sentence.
func at(ws []word, i int) word {
	if i < 0 || i >= len(ws) {
		return none
	}
	return ws[i]
}

// localTagFeatures appends the tagger's features of word w that read w
// alone: their weights are summed once per word form (Tree's word cache).
func localTagFeatures(w word, out []uint32) []uint32 {
	return append(out,
		mix(tagBias, 0, 0, 0),
		mix(tagForm, w.form, 0, 0),
		mix(tagSuffix1, w.suf1, 0, 0),
		mix(tagSuffix2, w.suf2, 0, 0),
		mix(tagSuffix3, w.suf3, 0, 0),
		mix(tagPrefix, w.pre1, 0, 0),
		mix(tagShape, w.shape, 0, 0),
		mix(tagCluster1, w.cl1, 0, 0),
		mix(tagCluster2, w.cl2, 0, 0),
		mix(tagSuffix4, w.suf4, 0, 0),
	)
}

// contextTagFeatures appends the tagger's features of word i that read
// its neighbours or the tags before it (tag index + 1; 0 before the
// sentence).
func contextTagFeatures(ws []word, i int, t1, t2 uint32, out []uint32) []uint32 {
	w, p, n := ws[i], at(ws, i-1), at(ws, i+1)
	p2, n2 := at(ws, i-2), at(ws, i+2)
	first := uint32(0)
	if i == 0 {
		first = 1
	}
	return append(out,
		mix(tagPrevForm, p.form, 0, 0),
		mix(tagNextForm, n.form, 0, 0),
		mix(tagPrev2Form, p2.form, 0, 0),
		mix(tagNext2Form, n2.form, 0, 0),
		mix(tagPrevTag, t1, 0, 0),
		mix(tagPrevTags, t1, t2, 0),
		mix(tagPrevTagForm, t1, w.form, 0),
		mix(tagNextSuffix, n.suf3, 0, 0),
		mix(tagPrevSuffix, p.suf3, 0, 0),
		mix(tagNextCluster, n.cl2, 0, 0),
		mix(tagPrevCluster, p.cl2, 0, 0),
		mix(tagFirstShape, first, w.shape, 0),
		mix(tagFormNextForm, w.form, n.form, 0),
		mix(tagPrevTagNextForm, t1, n.form, 0),
	)
}

// tagFeatures appends all the tagger's features of word i: what it
// trains on.
func tagFeatures(ws []word, i int, t1, t2 uint32, out []uint32) []uint32 {
	return contextTagFeatures(ws, i, t1, t2, localTagFeatures(ws[i], out))
}
