package lang

import "sort"

// script is a writing system, as far as language identification needs:
// letters of one script can only be text of the languages that write it.
type script uint8

// The scripts told apart. scriptOther holds every letter of a script not
// listed; scriptKana is Hiragana and Katakana, and a text with enough kana
// among its Han letters counts as kana (Japanese), see primaryScript.
const (
	scriptOther script = iota
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptArmenian
	scriptHebrew
	scriptArabic
	scriptThaana
	scriptDevanagari
	scriptBengali
	scriptGurmukhi
	scriptGujarati
	scriptOriya
	scriptTamil
	scriptTelugu
	scriptKannada
	scriptMalayalam
	scriptSinhala
	scriptThai
	scriptLao
	scriptMyanmar
	scriptGeorgian
	scriptHangul
	scriptEthiopic
	scriptKhmer
	scriptHan
	scriptKana
	numScripts
)

// scriptNames are the ISO 15924 codes of the scripts ("Jpan" for kana
// with Han, "Zyyy" for the others).
var scriptNames = [numScripts]string{
	"Zyyy", "Latn", "Cyrl", "Grek", "Armn", "Hebr", "Arab", "Thaa", "Deva", "Beng", "Guru",
	"Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Thai", "Laoo", "Mymr", "Geor",
	"Hang", "Ethi", "Khmr", "Hani", "Jpan",
}

// String returns the script's ISO 15924 code.
func (s script) String() string { return scriptNames[s] }

// mainScript returns the main script of text (see primaryScript).
func mainScript(text string) script {
	var c scriptCounts
	for _, r := range text {
		if f, letter := foldRune(r); letter {
			c[scriptOf(f)]++
		}
	}
	s, _ := c.primaryScript()
	return s
}

// scriptRange is a block of code points of one script.
type scriptRange struct {
	lo, hi rune
	s      script
}

// scriptRanges lists the non-ASCII blocks of the scripts, sorted by lo.
var scriptRanges = []scriptRange{
	{0x00C0, 0x024F, scriptLatin},
	{0x0250, 0x02AF, scriptLatin}, // IPA extensions
	{0x0370, 0x03FF, scriptGreek},
	{0x0400, 0x052F, scriptCyrillic},
	{0x0530, 0x058F, scriptArmenian},
	{0x0590, 0x05FF, scriptHebrew},
	{0x0600, 0x06FF, scriptArabic},
	{0x0750, 0x077F, scriptArabic},
	{0x0780, 0x07BF, scriptThaana},
	{0x08A0, 0x08FF, scriptArabic},
	{0x0900, 0x097F, scriptDevanagari},
	{0x0980, 0x09FF, scriptBengali},
	{0x0A00, 0x0A7F, scriptGurmukhi},
	{0x0A80, 0x0AFF, scriptGujarati},
	{0x0B00, 0x0B7F, scriptOriya},
	{0x0B80, 0x0BFF, scriptTamil},
	{0x0C00, 0x0C7F, scriptTelugu},
	{0x0C80, 0x0CFF, scriptKannada},
	{0x0D00, 0x0D7F, scriptMalayalam},
	{0x0D80, 0x0DFF, scriptSinhala},
	{0x0E00, 0x0E7F, scriptThai},
	{0x0E80, 0x0EFF, scriptLao},
	{0x1000, 0x109F, scriptMyanmar},
	{0x10A0, 0x10FF, scriptGeorgian},
	{0x1100, 0x11FF, scriptHangul},
	{0x1200, 0x139F, scriptEthiopic},
	{0x1780, 0x17FF, scriptKhmer},
	{0x1C80, 0x1C8F, scriptCyrillic},
	{0x1C90, 0x1CBF, scriptGeorgian},
	{0x1E00, 0x1EFF, scriptLatin},
	{0x1F00, 0x1FFF, scriptGreek},
	{0x2C60, 0x2C7F, scriptLatin},
	{0x2D00, 0x2D2F, scriptGeorgian},
	{0x2DE0, 0x2DFF, scriptCyrillic},
	{0x2E80, 0x2FDF, scriptHan},
	{0x3005, 0x3007, scriptHan},
	{0x3040, 0x30FF, scriptKana},
	{0x3130, 0x318F, scriptHangul},
	{0x31F0, 0x31FF, scriptKana},
	{0x3400, 0x4DBF, scriptHan},
	{0x4E00, 0x9FFF, scriptHan},
	{0xA640, 0xA69F, scriptCyrillic},
	{0xA720, 0xA7FF, scriptLatin},
	{0xAB30, 0xAB6F, scriptLatin},
	{0xAC00, 0xD7AF, scriptHangul},
	{0xF900, 0xFAFF, scriptHan},
	{0xFB1D, 0xFB4F, scriptHebrew},
	{0xFB50, 0xFDFF, scriptArabic},
	{0xFE70, 0xFEFF, scriptArabic},
	{0xFF21, 0xFF5A, scriptLatin}, // full-width Latin
	{0xFF66, 0xFF9F, scriptKana},
	{0xFFA0, 0xFFDC, scriptHangul},
	{0x20000, 0x3134F, scriptHan},
}

// scriptOf returns the script of the letter or mark r.
func scriptOf(r rune) script {
	if r < 0x80 {
		return scriptLatin
	}
	i := sort.Search(len(scriptRanges), func(i int) bool { return scriptRanges[i].hi >= r })
	if i < len(scriptRanges) && scriptRanges[i].lo <= r {
		return scriptRanges[i].s
	}
	return scriptOther
}

// merged returns the counts with Han letters counted as kana when kana
// make at least a tenth of both.
func (c *scriptCounts) merged() scriptCounts {
	counts := *c
	if k := counts[scriptKana]; k > 0 && k*10 >= k+counts[scriptHan] {
		counts[scriptKana] += counts[scriptHan]
		counts[scriptHan] = 0
	}
	return counts
}

// cjkWeight is how many letters a Han, kana or Hangul letter counts as
// in primaryScript.
const cjkWeight = 3

// scriptCounts counts the letters of a text by script.
type scriptCounts [numScripts]int

// primaryScript returns the script most of the counted letters are in and
// its share of them (0 when there are none). Han letters count as kana when
// kana make at least a tenth of the Han and kana letters together: Japanese
// mixes both, Chinese has no kana.
func (c *scriptCounts) primaryScript() (script, float64) {
	counts := c.merged()
	// A Han, kana or Hangul letter says as much as a word of two or three
	// Latin letters: weigh them so that the Latin names and commands in a
	// Chinese, Japanese or Korean text do not outvote it.
	for _, s := range []script{scriptHan, scriptKana, scriptHangul} {
		counts[s] *= cjkWeight
	}
	best, total := scriptOther, 0
	for s, n := range counts {
		total += n
		if n > counts[best] {
			best = script(s)
		}
	}
	if total == 0 {
		return scriptOther, 0
	}
	return best, float64(counts[best]) / float64(total)
}
