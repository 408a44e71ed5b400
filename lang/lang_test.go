package lang

import (
	"bytes"
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep/lang/model"
)

// detector returns the embedded model's detector or stops the test.
func detector(t testing.TB) *Detector {
	t.Helper()
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// newsLike are sentences in the style of news reports (written for this
// test, not from the training data), one per language.
var newsLike = []struct{ code, text string }{
	{"en", "Thousands of protesters marched through the capital on Saturday, demanding the resignation of the prime minister after weeks of unrest."},
	{"fr", "Les manifestants se sont rassemblés samedi devant le parlement pour exiger la démission du gouvernement, a indiqué la police."},
	{"de", "Das Parlament hat am Donnerstag ein neues Gesetz beschlossen, nachdem die Regierung wochenlang mit der Opposition verhandelt hatte."},
	{"es", "El presidente anunció el martes un nuevo plan económico para reducir la inflación, según informaron fuentes del gobierno."},
	{"it", "Il governo ha approvato ieri sera il decreto sulle pensioni, mentre i sindacati annunciano uno sciopero generale per la prossima settimana."},
	{"pt", "O governo anunciou nesta segunda-feira que vai aumentar o salário mínimo, depois de semanas de negociações com os sindicatos."},
	{"nl", "De regering heeft dinsdag aangekondigd dat de belastingen volgend jaar omlaag gaan, maar de oppositie noemt het plan onbetaalbaar."},
	{"ru", "В субботу тысячи людей вышли на улицы столицы, требуя отставки правительства после нескольких недель протестов."},
	{"uk", "У суботу тисячі людей вийшли на вулиці столиці, вимагаючи відставки уряду після кількох тижнів протестів."},
	{"pl", "W sobotę tysiące ludzi wyszły na ulice stolicy, domagając się dymisji rządu po kilku tygodniach protestów."},
	{"tr", "Cumartesi günü binlerce kişi başkentin sokaklarına dökülerek hükümetin istifasını talep etti."},
	{"sv", "Regeringen meddelade på tisdagen att skatterna ska sänkas nästa år, men oppositionen kallar förslaget orealistiskt."},
	{"ro", "Guvernul a anunțat marți că taxele vor fi reduse anul viitor, însă opoziția spune că planul nu poate fi finanțat."},
	{"cs", "Vláda v úterý oznámila, že příští rok sníží daně, opozice však plán označila za nefinancovatelný."},
	{"hu", "A kormány kedden bejelentette, hogy jövőre csökkenti az adókat, az ellenzék szerint azonban a terv finanszírozhatatlan."},
	{"id", "Pemerintah mengumumkan pada hari Selasa bahwa pajak akan diturunkan tahun depan, tetapi pihak oposisi menyebut rencana itu tidak realistis."},
	{"vi", "Chính phủ hôm thứ Ba thông báo sẽ giảm thuế vào năm tới, nhưng phe đối lập cho rằng kế hoạch này không khả thi."},
	{"ar", "أعلنت الحكومة يوم الثلاثاء أنها ستخفض الضرائب في العام المقبل، لكن المعارضة وصفت الخطة بأنها غير واقعية."},
	{"fa", "دولت روز سه‌شنبه اعلام کرد که مالیات‌ها در سال آینده کاهش خواهد یافت، اما مخالفان این طرح را غیرواقعی می‌دانند."},
	{"hi", "सरकार ने मंगलवार को घोषणा की कि अगले साल कर कम किए जाएंगे, लेकिन विपक्ष ने इस योजना को अवास्तविक बताया।"},
	{"el", "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι οι φόροι θα μειωθούν τον επόμενο χρόνο, αλλά η αντιπολίτευση χαρακτήρισε το σχέδιο μη ρεαλιστικό."},
	{"he", "הממשלה הודיעה ביום שלישי כי המסים יופחתו בשנה הבאה, אך האופוזיציה כינתה את התוכנית לא מציאותית."},
	{"zh", "政府周二宣布明年将降低税收，但反对派称该计划不切实际。"},
	{"ja", "政府は火曜日、来年減税を行うと発表したが、野党はこの計画を非現実的だと批判した。"},
	{"ko", "정부는 화요일 내년에 세금을 인하하겠다고 발표했지만 야당은 이 계획이 비현실적이라고 비판했다."},
	{"th", "รัฐบาลประกาศเมื่อวันอังคารว่าจะลดภาษีในปีหน้า แต่ฝ่ายค้านระบุว่าแผนดังกล่าวไม่สมจริง"},
}

// TestDetectLanguages checks one news-like sentence per language.
func TestDetectLanguages(t *testing.T) {
	d := detector(t)
	for _, tc := range newsLike {
		r := d.Detect(tc.text)
		if r.Code != tc.code || !r.Reliable {
			t.Errorf("%s: got %+v for %q", tc.code, r, tc.text)
		}
	}
}

// TestDetectEdges checks texts with no language, short texts and mixed text.
func TestDetectEdges(t *testing.T) {
	d := detector(t)
	for _, tc := range []struct {
		name, text, code string
		reliable         bool
	}{
		{"empty", "", "und", false},
		{"spaces", " \n\t ", "und", false},
		{"digits and punctuation", "2024-03-14 12:00 +1 (555) 010-9999 !!!", "und", false},
		{"emoji", "🎉🔥👍", "und", false},
		{"invalid UTF-8", "\xff\xfe\xfd", "und", false},
		{"short English", "The talks", "", false},
		{"short French", "Les", "", false},
		{"names only", "Ajax Feyenoord PSV Eindhoven Vitesse Arnhem Utrecht Volendam Groningen", "", false},
		{"mixed scripts", "The minister said: Министр заявил, что переговоры продолжатся", "", false},
		{"long English", strings.Repeat("The government said on Tuesday that it would cut taxes next year. ", 200), "en", true},
	} {
		r := d.Detect(tc.text)
		if tc.code != "" && r.Code != tc.code || r.Reliable != tc.reliable {
			t.Errorf("%s: got %+v, want code %q reliable %v", tc.name, r, tc.code, tc.reliable)
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Errorf("%s: confidence %v", tc.name, r.Confidence)
		}
	}
}

// TestIssueExamples: the articles of issue #20 are not read as English.
func TestIssueExamples(t *testing.T) {
	for code, text := range map[string]string{
		"fr": "Les autorités ont confirmé la mort de trois personnes dans l'incendie qui a ravagé un immeuble du centre-ville dans la nuit de dimanche à lundi.",
		"de": "Das Unglück ereignete sich am frühen Montagmorgen, als ein Zug auf der Strecke zwischen Hamburg und Berlin entgleiste. Die Polizei sprach von mehreren Verletzten.",
		"es": "Las autoridades confirmaron este lunes la muerte de tres personas en el incendio que arrasó un edificio del centro de la ciudad durante la madrugada.",
	} {
		if r := Detect(text); r.Code != code || !r.Reliable {
			t.Errorf("%s: got %+v", code, r)
		}
	}
}

// TestLoadErrors: broken model files give errors, not panics.
func TestLoadErrors(t *testing.T) {
	good := model.Lang
	for name, b := range map[string][]byte{
		"empty":     nil,
		"bad magic": []byte("not a model"),
		"version":   append([]byte(modelMagic), 9),
		"truncated": good[:len(good)/2],
		"trailing":  append(bytes.Clone(good), 0),
	} {
		if _, err := Load(b); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.HasPrefix(err.Error(), "lang: model") {
			t.Errorf("%s: error %q lacks context", name, err)
		}
	}
	d, err := Load(good)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Languages()); n < 100 {
		t.Errorf("%d languages", n)
	}
}

// TestZeroDetector: the zero Detector answers "und".
func TestZeroDetector(t *testing.T) {
	var d Detector
	if r := d.Detect("The talks resumed on Monday."); r.Code != Undetermined || r.Reliable {
		t.Errorf("got %+v", r)
	}
}

// TestFeatureHash: the hashes Load computes from a feature's text are those
// the extractor gives it in a text.
func TestFeatureHash(t *testing.T) {
	var x extractor
	seen := 0
	for _, r := range "Élan vital, naïve café" {
		f, letter := foldRune(r)
		for _, g := range x.grams[:x.feed(f, letter && f != r)] {
			h, k := featureHash(x.gramText(g))
			if h != g.h || k != g.kind {
				t.Errorf("%q: hash %x kind %d, extractor %x %d", x.gramText(g), h, k, g.h, g.kind)
			}
			seen++
		}
	}
	if seen < 40 {
		t.Errorf("only %d features", seen)
	}
}

// TestLayout keeps the model a data leaf and the package free of the
// project's other packages.
func TestLayout(t *testing.T) {
	for dir, ok := range map[string]func(string) bool{
		".":     func(imp string) bool { return !strings.HasPrefix(imp, "sitrep") || imp == "sitrep/lang/model" },
		"model": func(imp string) bool { return imp == "embed" },
	} {
		p, err := build.Default.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range p.Imports {
			if !ok(imp) {
				t.Errorf("%s imports %s", dir, imp)
			}
		}
	}
}

// sharedDir returns ../../shared, or skips the test when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "eval", "polnear")); err != nil {
		t.Skip("no ../shared/eval: skipping")
	}
	return dir
}

// newsFloor is the number of the 635 English news test documents (PolNeAR
// test, CoNLL-2003 test, GMB test in runs of 15 sentences) detected as "en".
// It may only rise.
const newsFloor = 635

// TestEnglishNewsFloor: English news is read as English, and never
// reliably as another language (a pipeline would skip it).
func TestEnglishNewsFloor(t *testing.T) {
	docs, err := ReadNews(sharedDir(t), "test")
	if err != nil {
		t.Fatal(err)
	}
	s, missed := detector(t).EvalNews(docs)
	t.Logf("English news test: %d/%d en (%.2f%%), %d flagged", s.Correct, s.Total, 100*s.Accuracy(), s.Flagged)
	if s.Correct < newsFloor || s.Flagged > 0 {
		for _, m := range missed {
			t.Logf("not en: %s %s: %.100q", m.Source, m.ID, m.Text)
		}
		t.Errorf("%d/%d documents detected as en (floor %d), %d flagged as another language (want 0)", s.Correct, s.Total, newsFloor, s.Flagged)
	}
}

// heldOutFloors are the held-out UDHR accuracies (micro, all languages) at
// snippets of 100, 300 and 1000 runes, as whole per mille. They may only rise.
var heldOutFloors = []int{983, 998, 1000}

// TestHeldOutFloor checks accuracy on the UDHR articles not trained on.
func TestHeldOutFloor(t *testing.T) {
	arts, err := ReadUDHR(filepath.Join("data", "udhr.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	d := detector(t)
	for i, size := range SnippetSizes {
		total, correct := 0, 0
		for _, s := range d.EvalHeldOut(arts, size) {
			total += s.Total
			correct += s.Correct
		}
		if got := 1000 * correct / total; got < heldOutFloors[i] {
			t.Errorf("%d runes: %d/%d = %d‰ < floor %d‰", size, correct, total, got, heldOutFloors[i])
		}
	}
}

// TestTrainReproducible trains twice: the files must be byte-identical and,
// with ../shared present, equal to the embedded model.
func TestTrainReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the model twice")
	}
	arts, err := ReadUDHR(filepath.Join("data", "udhr.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	var news []NewsDoc
	shared := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "eval", "polnear")); err == nil {
		if news, err = ReadNews(shared, "train"); err != nil {
			t.Fatal(err)
		}
	}
	samples := TrainingSamples(arts, news)
	a, err := Train(samples, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// the same samples in another order give the same file
	for i, j := 0, len(samples)-1; i < j; i, j = i+1, j-1 {
		samples[i], samples[j] = samples[j], samples[i]
	}
	b, err := Train(samples, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings differ")
	}
	if news != nil && !bytes.Equal(a, model.Lang) {
		t.Error("lang/model/lang.bin is not the model `sitrep train lang` makes: retrain it")
	}
}

// FuzzDetect: Detect never panics and always answers a known code with a
// confidence in [0, 1].
func FuzzDetect(f *testing.F) {
	for _, tc := range newsLike {
		f.Add(tc.text)
	}
	f.Add("")
	f.Add("\xff\x00 a\u0301b 日本語のテキスト ' - 1")
	f.Add(strings.Repeat("ab ", 5000))
	d := detector(f)
	known := map[string]bool{Undetermined: true}
	for _, c := range d.Languages() {
		known[c] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := d.Detect(text)
		if !known[r.Code] {
			t.Fatalf("code %q for %q", r.Code, text)
		}
		if r.Confidence < 0 || r.Confidence > 1 || r.Confidence != r.Confidence {
			t.Fatalf("confidence %v for %q", r.Confidence, text)
		}
		if r.Reliable && utf8.RuneCountInString(text) < minLetters {
			t.Fatalf("reliable on %q", text)
		}
	})
}

// FuzzLoad: Load never panics on a corrupted model.
func FuzzLoad(f *testing.F) {
	f.Add(model.Lang[:200], 10, byte(1))
	f.Fuzz(func(t *testing.T, b []byte, at int, x byte) {
		if at >= 0 && at < len(b) {
			b = bytes.Clone(b)
			b[at] ^= x
		}
		Load(b)
	})
}

// TestMixedLanguages: a text that changes language is not Reliable, nor is
// a short quote enough to make English text another language.
func TestMixedLanguages(t *testing.T) {
	d := detector(t)
	en := strings.Repeat(newsLike[0].text+" ", 8)
	fr := strings.Repeat(newsLike[1].text+" ", 8)
	de := strings.Repeat(newsLike[2].text+" ", 8)
	for _, tc := range []struct {
		name, text, code string
		reliable         bool
	}{
		{"English then French", en + fr, "en", false},
		{"French then German", fr + de, "fr", false},
		{"English with a French quote", en + "« " + newsLike[1].text + " » " + en, "en", true},
		{"French throughout", fr + fr, "fr", true},
	} {
		r := d.Detect(tc.text)
		if r.Code != tc.code || r.Reliable != tc.reliable {
			t.Errorf("%s: got %+v, want %s reliable %v", tc.name, r, tc.code, tc.reliable)
		}
	}
}
