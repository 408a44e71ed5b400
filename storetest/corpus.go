package storetest

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"sitrep"
)

// Corpus generates n news articles for benchmarks, deterministically from
// seed. Each article recombines sentences modelled on the example articles
// (attacks, protests, disasters, talks, aid, diplomacy) with names, places,
// numbers and dates drawn at random: a dateline and lead sentence, then three
// to seven body sentences in paragraphs of one or two, under a headline, with
// an outlet, a URL and a publication date between 2019 and 2024. About one
// article in ten is a rewrite of an earlier one by another outlet (new
// headline, dateline and one sentence changed), so that a store also meets
// near-duplicates and happenings reported more than once. Articles average
// about 600 bytes of text and five events.
func Corpus(n int, seed int64) []sitrep.Article {
	g := &gen{rng: rand.New(rand.NewSource(seed))}
	out := make([]sitrep.Article, 0, n)
	for i := 0; i < n; i++ {
		if i > 10 && g.rng.Intn(10) == 0 {
			out = append(out, g.rewrite(out[g.rng.Intn(len(out))], i))
			continue
		}
		out = append(out, g.article(i))
	}
	return out
}

type gen struct{ rng *rand.Rand }

func (g *gen) pick(list []string) string { return list[g.rng.Intn(len(list))] }

type place struct{ city, country, region string }

var (
	corpusPlaces = []place{
		{"Kabul", "Afghanistan", "Kunduz"}, {"Baghdad", "Iraq", "Anbar"}, {"Nairobi", "Kenya", "Mombasa"},
		{"Dhaka", "Bangladesh", "Sylhet"}, {"Ankara", "Turkey", "Elazig"}, {"Beijing", "China", "Yunnan"},
		{"Geneva", "Switzerland", "Vaud"}, {"Cairo", "Egypt", "Aswan"}, {"Lagos", "Nigeria", "Borno"},
		{"Manila", "Philippines", "Mindanao"}, {"Lima", "Peru", "Cusco"}, {"Kyiv", "Ukraine", "Kharkiv"},
		{"Khartoum", "Sudan", "Darfur"}, {"Islamabad", "Pakistan", "Sindh"}, {"Jakarta", "Indonesia", "Aceh"},
		{"Bogota", "Colombia", "Cauca"}, {"Tehran", "Iran", "Khuzestan"}, {"Beirut", "Lebanon", "Bekaa"},
		{"Damascus", "Syria", "Idlib"}, {"Addis Ababa", "Ethiopia", "Tigray"}, {"Kinshasa", "Congo", "Kivu"},
		{"Bamako", "Mali", "Mopti"}, {"Yangon", "Myanmar", "Rakhine"}, {"Sanaa", "Yemen", "Marib"},
	}
	firstNames = []string{"Ahmed", "Maria", "John", "Fatima", "Ali", "Grace", "Omar", "Elena", "David", "Amina",
		"Carlos", "Li", "Hassan", "Sarah", "Ivan", "Nadia", "Peter", "Leila", "Samuel", "Aisha", "Juan", "Mei"}
	lastNames = []string{"Rahman", "Okafor", "Petrov", "Haddad", "Mensah", "Santos", "Kariuki", "Nasser", "Chen",
		"Kovalenko", "Yilmaz", "Abdi", "Morales", "Siddiqui", "Mwangi", "Karimi", "Diallo", "Nguyen", "Suleiman"}
	roles = []string{"Interior Minister", "Foreign Minister", "police chief", "provincial governor",
		"army spokesman", "Health Minister", "President", "Prime Minister", "opposition leader"}
	groups = []string{"the Taliban", "Islamic State", "al-Shabaab", "the United Nations", "the World Food Programme",
		"the European Union", "the Red Cross", "the African Union", "Human Rights Watch", "Amnesty International"}
	outlets = []struct{ name, domain string }{
		{"Reuters", "reuters.example"}, {"Associated Press", "apnews.example"}, {"AFP", "afp.example"},
		{"Al Jazeera", "aljazeera.example"}, {"BBC", "bbc.example"}, {"The Guardian", "guardian.example"},
		{"Daily Nation", "nation.example"}, {"Dawn", "dawn.example"}, {"Xinhua", "xinhua.example"},
	}
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// Templates: {C} city, {K} country, {R} region, {P}/{Q} people, {O} role,
// {G}/{H} groups, {N}/{M} numbers, {D}/{E} weekdays.
var (
	leads = []string{
		"A suicide bomber struck a crowded mosque in {R} during {D} prayers, killing at least {N} worshippers and wounding dozens more, officials said.",
		"Thousands of protesters marched through the centre of {C} on {D} to demand lower fuel prices, and police fired tear gas to disperse them.",
		"A magnitude {M}.{N} earthquake struck {R} late on {D}, killing at least {N} people and injuring more than {M}00, officials said.",
		"Floods caused by heavy rains have killed more than {N} people and forced nearly {M}0,000 from their homes in {R}, the disaster ministry said on {D}.",
		"Delegations from {K} and its neighbours met in {C} on {D} for two days of talks mediated by {G}.",
		"{K} and its rival agreed on {D} to restore diplomatic relations and reopen embassies within two months, after talks in {C}.",
		"Gunmen attacked a police station in {R} on {D}, killing {N} officers, the {O} said.",
		"Rebels seized the town of {R} on {D} after heavy fighting with the army, residents said.",
		"{G} accused the government of {K} of arresting {N} journalists in {C} since {D}.",
		"Doctors in {C} went on strike on {D} to demand higher pay, closing clinics across {K}.",
		"An explosion at a market in {C} killed {N} people and wounded {M}0 on {D}, police said.",
		"The government of {K} declared a state of emergency in {R} on {D} as wildfires spread.",
	}
	bodies = []string{
		"{P}, the {O}, condemned the attack and vowed to punish those responsible.",
		"No group immediately claimed responsibility, but {H} has carried out similar attacks in {R}.",
		"\"The blast was so strong that the roof collapsed,\" said {Q}, a local resident who lost two cousins.",
		"{G} said it was deeply concerned and called on the authorities to protect civilians.",
		"{O} {P} said in a statement that the protest was illegal and that officers had acted with restraint.",
		"\"We will not stop until the government listens,\" {Q} told reporters outside the union's offices.",
		"Rescue teams pulled {N} survivors from the rubble of collapsed buildings in {R} overnight, {O} {P} told reporters.",
		"The army has deployed {M}00 soldiers and {N} boats to evacuate villagers in {R}.",
		"{G} announced that it would send {M}00 tonnes of rice and lentils to the affected districts this week.",
		"{K} pledged ${N} million in emergency aid.",
		"{O} {P} urged both sides to respect the ceasefire and to release all prisoners of war.",
		"The talks are due to resume on {E}.",
		"Diplomats said an agreement on a prisoner exchange could be signed by the end of the month.",
		"{H} imposed new sanctions on officials of {K} last month over a crackdown on protesters.",
		"Police in {C} arrested {N} people on {E} after clashes left {M} officers dead.",
		"The two sides signed a joint statement in which they pledged to respect each other's sovereignty.",
		"{P} said that the death toll may rise as rescuers reach remote areas.",
		"{G} welcomed the agreement but said it would watch whether {K} honours its commitments.",
		"The opposition leader, {Q}, called for a nationwide strike on {E}.",
		"Prices rose by about {N}% in the past month, the third increase in six months.",
		"{O} {P} visited the area and promised that the state would rebuild every destroyed home within a year.",
		"At least {N} people were injured and {M}0 were arrested, {G} said.",
		"The {O} said forces had killed {N} militants in an operation in {R} on {E}.",
		"Residents said they had heard gunfire for several hours before the army arrived.",
		"{H} denied any role in the violence and blamed the security forces of {K}.",
	}
	headlines = []string{
		"{N} killed in {R} attack", "Protesters clash with police in {C}", "Earthquake kills {N} in {K}",
		"Floods displace thousands in {R}", "Talks open in {C}", "{K} restores ties with rival",
		"{G} warns of crisis in {K}", "State of emergency declared in {R}", "Strike shuts clinics across {K}",
	}
)

// fill replaces the slots of a template from the article's cast.
func (g *gen) fill(tpl string, cast map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(tpl); i++ {
		if tpl[i] == '{' && i+2 < len(tpl) && tpl[i+2] == '}' {
			slot := tpl[i+1 : i+2]
			v, ok := cast[slot]
			if !ok {
				v = fmt.Sprint(2 + g.rng.Intn(97)) // N, M: a fresh number each time
			}
			b.WriteString(v)
			i += 2
			continue
		}
		b.WriteByte(tpl[i])
	}
	s := b.String()
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:] // "the Taliban said" opens a sentence
	}
	return s
}

func (g *gen) cast() map[string]string {
	p := corpusPlaces[g.rng.Intn(len(corpusPlaces))]
	person := func() string { return g.pick(firstNames) + " " + g.pick(lastNames) }
	return map[string]string{
		"C": p.city, "K": p.country, "R": p.region,
		"P": person(), "Q": person(), "O": g.pick(roles),
		"G": g.pick(groups), "H": g.pick(groups),
		"D": g.pick(weekdays), "E": g.pick(weekdays),
	}
}

func (g *gen) article(i int) sitrep.Article {
	c := g.cast()
	o := outlets[g.rng.Intn(len(outlets))]
	lead := g.fill(g.pick(leads), c)
	var paras []string
	paras = append(paras, strings.ToUpper(c["C"])+", "+c["K"]+" ("+o.name+") - "+lead)
	nb := 3 + g.rng.Intn(5)
	used := map[int]bool{}
	for j := 0; j < nb; {
		k := g.rng.Intn(len(bodies))
		if used[k] {
			continue
		}
		used[k] = true
		s := g.fill(bodies[k], c)
		if j > 0 && g.rng.Intn(2) == 0 {
			paras[len(paras)-1] += " " + s
		} else {
			paras = append(paras, s)
		}
		j++
	}
	day := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.Intn(6*365))
	title := g.fill(g.pick(headlines), c)
	return sitrep.Article{
		URL:       fmt.Sprintf("https://%s/%s/%s-%d", o.domain, day.Format("2006/01"), slug(title), i),
		Title:     title,
		Outlet:    o.name,
		Published: day.Format("2006-01-02"),
		Text:      strings.Join(paras, "\n\n"),
		Origin:    fmt.Sprintf("storetest.Corpus#%d", i),
	}
}

// rewrite returns another outlet's version of an article: a new headline
// and dateline, and one body sentence replaced.
func (g *gen) rewrite(a sitrep.Article, i int) sitrep.Article {
	o := outlets[g.rng.Intn(len(outlets))]
	paras := strings.Split(a.Text, "\n\n")
	if k := strings.Index(paras[0], " - "); k > 0 {
		paras[0] = strings.Replace(paras[0][:k], "("+a.Outlet+")", "("+o.name+")", 1) + " - " + paras[0][k+3:]
	}
	if len(paras) > 1 {
		j := 1 + g.rng.Intn(len(paras)-1)
		paras[j] = g.fill(g.pick(bodies), g.cast())
	}
	a.Outlet = o.name
	a.Title = "UPDATE 1-" + a.Title
	a.URL = fmt.Sprintf("https://%s/world/%s-%d", o.domain, slug(a.Title), i)
	a.Text = strings.Join(paras, "\n\n")
	a.Origin = fmt.Sprintf("storetest.Corpus#%d", i)
	return a
}

func slug(s string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, s), "-")
}
