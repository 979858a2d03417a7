package etiquette

import (
	"slices"
	"testing"
)

// Clean first requests in the five languages the soft lexicons read: none
// may draw a soft warning.
var foreignCleanRequests = map[string]string{
	"es": "Estimada Sra. Ruiz:\n\nMe llamo Ana Gil y estudio arquitectura en Sevilla. Me gustaría aprender sobre su trayectoria en el diseño de hospitales. ¿Tendría 20 minutos para una llamada, cuando le venga bien?\n\nUn saludo,\nAna Gil",
	"pt": "Prezada Dra. Lima,\n\nSou estudante de nutrição na USP e gostaria de conhecer melhor a sua carreira em saúde pública. A senhora teria tempo para um café de 20 min, quando for melhor para você?\n\nAtenciosamente,\nBruno Costa",
	"fr": "Madame Petit,\n\nÉtudiante en urbanisme à Lyon, j'aimerais en savoir plus sur votre parcours. Pourriez-vous m'accorder vingt minutes, à votre convenance, par téléphone ou autour d'un café ?\n\nCordialement,\nLéa Martin",
	"de": "Sehr geehrter Herr Braun,\n\nich studiere Maschinenbau in Aachen und möchte gern mehr über Ihren Werdegang erfahren. Hätten Sie 20 Minuten Zeit für ein Telefonat, wann es Ihnen passt?\n\nMit freundlichen Grüßen\nJonas Keller",
	"it": "Gentile Dott.ssa Rossi,\n\nsono una studentessa di biologia a Padova e vorrei capire meglio come si lavora nella ricerca clinica. Avrebbe una ventina di minuti, quando le è più comodo, per raccontarmi il suo percorso?\n\nCordiali saluti,\nMarta Conti",
}

var softRules = []string{RuleNoTime, RuleTooMuchTime, RuleNoPurpose, RuleNoQuestion, RuleNoFlexibility, RuleSelfFocus, RuleJobAsk, RuleResumeOffer}

func TestForeignCleanRequests(t *testing.T) {
	for lang, text := range foreignCleanRequests {
		for _, f := range Check(text, Context{}) {
			if slices.Contains(softRules, f.Rule) {
				t.Errorf("%s: %s on %q", lang, f.Rule, text[f.Start:f.End])
			}
		}
	}
}

// Each element taken out of a request is missed in its language.
func TestForeignMissingElements(t *testing.T) {
	for _, c := range []struct{ name, text, rule string }{
		{"es no time", "Me gustaría aprender sobre su trayectoria. ¿Podríamos hablar por teléfono cuando le venga bien?", RuleNoTime},
		{"es no purpose", "¿Tendría 20 minutos para una llamada, cuando le venga bien?", RuleNoPurpose},
		{"es no flexibility", "Me gustaría aprender sobre su trayectoria. ¿Tendría 20 minutos el martes?", RuleNoFlexibility},
		{"pt no time", "Gostaria de conhecer a sua carreira. Podemos conversar quando for melhor para você?", RuleNoTime},
		{"pt no flexibility", "Gostaria de conhecer a sua carreira. Teria vinte minutos na terça?", RuleNoFlexibility},
		{"fr no purpose", "Pourriez-vous m'accorder vingt minutes, à votre convenance ?", RuleNoPurpose},
		{"fr no flexibility", "J'aimerais en savoir plus sur votre parcours. Pourriez-vous m'accorder vingt minutes jeudi ?", RuleNoFlexibility},
		{"de no time", "Ich möchte mehr über Ihren Werdegang erfahren. Hätten Sie Zeit für ein Telefonat, wann es Ihnen passt?", RuleNoTime},
		{"de no purpose", "Hätten Sie 20 Minuten Zeit für ein Telefonat, wann es Ihnen passt?", RuleNoPurpose},
		{"it no flexibility", "Vorrei capire meglio il suo lavoro. Avrebbe venti minuti giovedì?", RuleNoFlexibility},
		{"it too much", "Vorrei capire meglio il suo lavoro. Avrebbe un'ora, quando le è più comodo?", RuleTooMuchTime},
		// Round chk19: a meal, an afternoon or a whole day asked for in other languages.
		{"de lunch", "Ich möchte mehr über Ihren Werdegang erfahren. Hätten Sie Lust, sich bei einem Mittagessen mit mir auszutauschen?", RuleTooMuchTime},
		{"it afternoon", "Vorrei capire il suo percorso. Potrebbe concedermi un pomeriggio, dove preferisce?", RuleTooMuchTime},
		{"es afternoon", "Me gustaría aprender de su experiencia. ¿Tendría una tarde libre para enseñarme el taller?", RuleTooMuchTime},
		{"fr lunch", "J'aimerais en savoir plus sur votre parcours. Puis-je vous inviter à déjeuner, quand vous voulez ?", RuleTooMuchTime},
		{"nl whole day", "Ik wil graag leren hoe jouw werk eruitziet. Mag ik de hele dag met je meelopen?", RuleTooMuchTime},
	} {
		fs := Check(c.text, Context{})
		if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Rule == c.rule }) {
			t.Errorf("%s: no %s in %q", c.name, c.rule, c.text)
		}
	}
}

// More ways to say each element, from sentences of our own.
func TestForeignElements(t *testing.T) {
	for _, c := range []struct {
		text string
		want uint8
	}{
		{"Me adapto a su horario.", softFlex},
		{"Podemos hablar cuando usted quiera.", softFlex},
		{"Podemos conversar quando puder.", softFlex},
		{"Estou totalmente flexível.", softFlex},
		{"Nous pouvons nous parler quand vous voulez, selon vos disponibilités.", softFlex},
		{"Gerne richte ich mich nach Ihrem Terminkalender.", softFlex},
		{"Wir können sprechen, wann immer Sie möchten.", softFlex},
		{"Mi adeguo ai suoi orari.", softFlex},
		{"Possiamo sentirci quando vuole.", softFlex},
		{"Me gustaría hacerle algunas preguntas.", softPurpose},
		{"Adoraria ouvir sobre sua experiência.", softPurpose},
		{"Je voudrais échanger avec vous sur votre métier.", softPurpose},
		{"Ich würde Ihnen gern ein paar Fragen stellen.", softPurpose},
		{"Vorrei sapere di più sul settore.", softPurpose},
		{"Mich interessiert, wie Ihr Arbeitsalltag aussieht.", softPurpose},
		{"Je vous remercie de votre temps.", softThanks},
		{"Agradezco de antemano su atención.", softThanks},
		// Not these: a writer's skill, a condition, their own experience.
		{"Vorrei capire meglio il suo lavoro.", softPurpose},
		{"Se puder, me responda.", 0},
		{"Ich habe drei Jahre Erfahrung in der Pflege.", 0},
		{"Tengo experiencia en auditoría.", 0},
	} {
		ch := &checker{a: analyze(c.text, true)}
		if got := ch.foreignSoft(); got != c.want {
			t.Errorf("foreignSoft(%q) = %b, want %b", c.text, got, c.want)
		}
	}
}

func TestForeignDurations(t *testing.T) {
	for _, c := range []struct {
		text    string
		minutes int
	}{
		{"¿Tendría 20 minutos?", 20},
		{"¿Tendría media hora?", 30},
		{"Teria um café de 20 min?", 20},
		{"Teria uns quinze minutos?", 15},
		{"Pourriez-vous m'accorder vingt minutes ?", 20},
		{"Auriez-vous un quart d'heure ?", 15},
		{"Auriez-vous une demi-heure ?", 30},
		{"Hätten Sie 20 Minuten Zeit?", 20},
		{"Hätten Sie eine halbe Stunde?", 30},
		{"Avrebbe una ventina di minuti?", 20},
		{"Avrebbe mezz'ora?", 30},
		{"Avrebbe un'ora?", 60},
		{"Could we talk for 20 minutes?", 20},
		{"Could I have a couple of hours?", 120},
	} {
		a := analyze(c.text, false)
		ds := findDurations(a, 0, len(a.toks))
		if len(ds) != 1 || ds[0].minutes != c.minutes {
			t.Errorf("findDurations(%q) = %+v, want one of %d minutes", c.text, ds, c.minutes)
		}
	}
	for _, text := range []string{"Llegué hace 20 minutos.", "Ho finito 20 minuti fa.", "Ich arbeite drei Stunden pro Woche.", "Je travaille trois heures par semaine."} {
		a := analyze(text, false)
		if ds := findDurations(a, 0, len(a.toks)); len(ds) != 0 {
			t.Errorf("findDurations(%q) = %+v, want none", text, ds)
		}
	}
}

func TestForeignThanks(t *testing.T) {
	ty := Context{Kind: ThankYou}
	for _, text := range []string{
		"Estimada Sra. Ruiz:\n\nMuchas gracias por su tiempo ayer.\n\nUn saludo,\nAna",
		"Prezada Dra. Lima,\n\nMuito obrigado pela conversa de ontem.\n\nAbraços,\nBruno",
		"Madame Petit,\n\nMerci beaucoup pour notre échange d'hier.\n\nCordialement,\nLéa",
		"Sehr geehrter Herr Braun,\n\nich danke Ihnen herzlich für das Gespräch. Vielen Dank auch für den Tipp.\n\nBeste Grüße\nJonas",
		"Gentile Dott.ssa Rossi,\n\nla ringrazio molto per il tempo che mi ha dedicato.\n\nCordiali saluti,\nMarta",
	} {
		if slices.ContainsFunc(Check(text, ty), func(f Finding) bool { return f.Rule == RuleNoThanks }) {
			t.Errorf("no_thanks on %q", text)
		}
	}
	if !slices.ContainsFunc(Check("Estimada Sra. Ruiz:\n\nFue un placer hablar con usted ayer.\n\nUn saludo,\nAna", ty), func(f Finding) bool { return f.Rule == RuleNoThanks }) {
		t.Error("no no_thanks on a Spanish note without thanks")
	}
}

// A long Spanish introduction is self-focused like an English one, and
// "usted", "su" address the reader.
func TestForeignSelfFocus(t *testing.T) {
	me := "Me llamo Ana. Yo estudio en Sevilla y mi tesis trata de mi barrio. Mi familia y yo vivimos allí y mi abuela me enseñó mi oficio. Mi sueño es mi estudio propio. ¿Tendría 20 minutos?"
	if !slices.ContainsFunc(Check(me, Context{}), func(f Finding) bool { return f.Rule == RuleSelfFocus }) {
		t.Error("no self_focus on a Spanish message about the writer")
	}
	// "SIE" is an exam, not the German reader.
	if p := (&checker{a: analyze("I passed the SIE exam. Sie haben", false)}).foreignPerson(3); p != 0 {
		t.Errorf("SIE counted as person %d", p)
	}
}
