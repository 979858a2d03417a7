package etiquette

// The soft rules in Spanish, Portuguese, French, German and Italian
// letters, read from a small lexicon per language like the foreign job
// asks (detect.go, foreignAsk): a word class per element, one line per
// language (es, pt, fr, de, it), and a few classes that count only beside
// a word for the reader ("cuando le venga bien", "wann es Ihnen passt",
// "su trayectoria"). The words are written as the tokenizer gives them:
// lowercase, with é, è, ê and ë folded to e. Durations ("20 minutos",
// "eine halbe Stunde", "una ventina di minuti") are read in duration.go.
var (
	// foreignLearn say the aim is to learn, by themselves: "para conocer
	// cómo es un día", "vorrei capire", "des conseils".
	// Questions asked are a purpose too, as in English ("ask you a few
	// questions"): "hacerle algunas preguntas", "Ihnen ein paar Fragen stellen".
	foreignLearn = wordSet(`aprender conocer conocerle conocerla conocerlo entender comprender consejo consejos orientación orientacion perspectiva preguntas
		aprender conhecer entender compreender conselho conselhos orientação orientacao perspectiva perguntas
		apprendre comprendre découvrir conseil conseils éclairage
		erfahren lernen verstehen kennenlernen kennenzulernen ratschlag ratschläge tipps einblick einblicke einschätzung perspektive fragen
		capire imparare conoscere scoprire consiglio consigli prospettiva saperne domande
		samajhna samajhne samajh jaanna janna jaanne seekhna sikhna malaman matuto maintindihan`)  // Hinglish, Tagalog (round chk21)
	// foreignMore make a knowing verb a purpose: "saber más", "en savoir
	// plus", "saber mais", "sapere di più".
	foreignKnow = wordSet(`saber savoir sapere wissen`)
	foreignMore = wordSet(`más mas plus mais più piu mehr`)
	// foreignCurious are an interest that asks how or what: "mich
	// interessiert, wie…", "me interesa saber cómo".
	foreignCurious = wordSet(`interesa interesaría curiosidad
		interessa interessaria curiosidade curioso curiosa
		intéresse intéresserait curieux curieuse
		interessiert interessieren neugierig
		interesserebbe curiosità`)
	foreignWh = wordSet(`cómo como qué que cuál comment quoi quel quelle wie was welche come cosa quale quais qual`)
	// foreignPath are the reader's path, a purpose after the reader's
	// possessive: "su trayectoria", "votre parcours", "Ihren Werdegang".
	foreignPath = wordSet(`experiencia experiencias trayectoria carrera camino trabajo día
		experiência experiências trajetória trajetoria carreira trabalho rotina percurso caminho
		expérience expériences parcours métier carrière travail quotidien
		erfahrung erfahrungen werdegang arbeit arbeitsalltag alltag laufbahn karriere tätigkeit beruf weg
		esperienza esperienze percorso lavoro carriera ruolo`)
	// foreignFlex offer to fit the reader by themselves: a call, the
	// reader's convenience, flexibility.
	foreignFlex = wordSet(`conveniencia conveniente convenga flexible flexibilidad telefónica telefonica llamada videollamada videoconferencia disponibilidad
		conveniência conveniencia conveniente convenha flexível flexivel ligação ligacao chamada videochamada disponibilidade
		convenance convient conviendra conviendrait conviendraient téléphonique appel visio visioconférence disponibilités disponibilité
		telefonisch telefonat anruf videoanruf videocall videotelefonat flexibel verfügbarkeit
		comodo comoda comodità comodita flessibile telefonata videochiamata chiamata disponibilità disponibilita
		kahit kailan`)  // Tagalog "kahit kailan", "kahit anong oras": whenever (round chk21)
	// foreignFlexReader fit the reader only beside a word for them:
	// "cuando le quede bien", "quando for melhor para você", "quand cela
	// vous arrange", "wann es Ihnen passt", "quando preferisce".
	foreignFlexReader = wordSet(`venga viene vaya quede convenga prefiera prefiere preferir agenda horario calendario
		prefira preferir preferência agenda horário
		arrange préférez préférence agenda horaire calendrier
		passt passen passenden passendem passende recht gelegen lieber kalender terminkalender zeitplan
		preferisce preferisca agenda orario orari impegni horarios horários horaires agende`)
	// foreignBest fit the reader after a when: "quando for melhor para
	// você", "cuando usted quiera", "quando puder", "quand vous voulez",
	// "wann immer Sie möchten", "quando vuole" (not "capire meglio il suo
	// lavoro", "se puder").
	foreignBest = wordSet(`mejor quiera quieras desee pueda puedas
		melhor puder quiser preferir
		mieux voulez souhaitez voudrez pourrez
		immer möchten wollen mögen
		meglio vuole può preferisce crede`)
	foreignWhen = wordSet(`cuando quando quand wann wenn`)
	// foreignPhone are a call once a preposition names the medium: "por
	// teléfono", "par téléphone", "per telefono", "am Telefon".
	foreignPhone = wordSet(`teléfono telefone téléphone telefon telefono zoom vídeo video skype teams meet`)
	foreignVia   = wordSet(`por pelo par per via am al`)
	// foreignThanks say thank you.
	foreignThanks = wordSet(`gracias agradezco agradecería agradeceria agradecido agradecida agradecimiento agradecer
		obrigado obrigada agradeço agradeco
		merci remercie remercier remerciements remercions reconnaissant reconnaissante
		danke dank bedanke dankbar dankeschön
		grazie ringrazio ringraziare ringraziamento ringraziamenti grato grata riconoscente`)
	// foreignReaders are the reader: pronouns and possessives of the
	// polite and the familiar address.
	foreignReaders = wordSet(`usted ustedes le su sus tu tus te
		você vocês voce voces lhe seu sua seus suas senhor senhora teu tua
		vous votre vos ton ta tes
		ihnen ihr ihre ihren ihrem ihrer sie dir dich dein deine deinen
		lei sua suo suoi sue vostro vostra voi tuo ti`)
	// foreignRequests open a polite request, which makes the sentence the
	// ask: "¿Podría…?", "Hätten Sie…?", "Accepteriez-vous…?".
	foreignRequests = wordSet(`podría podria podrías pudiera tendría tendria tendrías
		poderia teria poderá
		pourriez pourrait auriez accepteriez seriez
		könnten koennten könnte hätten haetten würden wären
		potrebbe avrebbe sarebbe potrei potremmo`)
	// foreignFirst and foreignSecond count the writer and the reader for
	// self_focus (German "Sie" only capitalized: "sie" is she or they).
	foreignFirst = wordSet(`yo me mí mi mis conmigo
		eu meu minha meus minhas comigo
		je moi mon mes
		ich mich mir mein meine meinen meinem meiner
		io mio mia miei mie`)
	foreignSecond = wordSet(`usted ustedes su sus tu tus
		você vocês voce voces lhe seu sua seus suas senhor senhora
		vous votre vos
		ihnen ihr ihre ihren ihrem ihrer euch dir dich dein deine
		lei suo suoi sue vostro vostra voi tuo`)
)

// The elements the soft lexicons found in a message.
const (
	softPurpose uint8 = 1 << iota
	softFlex
	softThanks
)

// foreignSoft reads the body (and the subject) once with the lexicons and
// returns the elements found, and for flexibility the first sentence where
// it was found.
func (ch *checker) foreignSoft() uint8 {
	if ch.softDone {
		return ch.soft
	}
	ch.softDone = true
	a := ch.a
	w := func(k int) string {
		if k < 0 || k >= a.bodyT1 {
			return ""
		}
		return a.toks[k].norm
	}
	near := func(k, before, after int) bool {
		s := a.toks[k].sent
		for j := max(0, k-before); j <= min(a.bodyT1-1, k+after); j++ {
			if j != k && a.toks[j].sent == s && foreignReaders[a.toks[j].norm] {
				return true
			}
		}
		return false
	}
	for k := range a.bodyT1 {
		x := a.toks[k].norm
		switch {
		case foreignLearn[x], foreignKnow[x] && (foreignMore[w(k+1)] || foreignMore[w(k+2)]),
			foreignPath[x] && (foreignReaders[w(k-1)] || foreignReaders[w(k-2)] && w(k-2) != "le"):
			ch.soft |= softPurpose
		case foreignCurious[x]:
			for j := k + 1; j <= k+4; j++ {
				if foreignWh[w(j)] {
					ch.soft |= softPurpose
				}
			}
		case foreignThanks[x]:
			ch.soft |= softThanks
		case foreignFlex[x], foreignFlexReader[x] && near(k, 3, 3), foreignPhone[x] && foreignVia[w(k-1)],
			foreignBest[x] && (foreignWhen[w(k-1)] || foreignWhen[w(k-2)] || foreignWhen[w(k-3)]):
			ch.soft |= softFlex
		}
	}
	return ch.soft
}

// foreignAskSentence reports whether sentence s opens a polite request in
// one of the five languages ("¿Podría…?", "Hätten Sie…?").
func (ch *checker) foreignAskSentence(s int) bool {
	st := ch.a.sents[s]
	for k := st.t0; k < min(st.t1, st.t0+3); k++ {
		if foreignRequests[ch.a.toks[k].norm] {
			return true
		}
	}
	return false
}

// foreignPerson tells whether token k names the writer (1) or the reader
// (2) in one of the five languages, for self_focus; 0 otherwise. An elided
// "j'" or "m'" is the writer; "Sie" is the reader only capitalized.
func (ch *checker) foreignPerson(k int) int {
	t := ch.a.toks[k]
	w := t.norm
	if p := foreignPersons[w]; p != 0 {
		if w == "sie" && ch.a.text[t.start:t.end] != "Sie" {
			return 0
		}
		return int(p)
	}
	if len(w) > 2 && w[1] == '\'' && (w[0] == 'j' || w[0] == 'm') {
		return 1 // "j'ai", "m'intéresse"
	}
	return 0
}

// foreignPersons joins foreignFirst (1) and foreignSecond (2), with "sie",
// in one map: one look-up a word.
var foreignPersons = func() map[string]uint8 {
	m := map[string]uint8{"sie": 2}
	for w := range foreignFirst {
		m[w] = 1
	}
	for w := range foreignSecond {
		m[w] = 2
	}
	return m
}()

var (
	// foreignSalutations open a letter: "Estimada Lic. Ramírez:", "Sehr
	// geehrte Frau Dr. Vogel,", "Gentile Ing. Bellini,".
	foreignSalutations = wordSet(`estimado estimada estimados estimadas querido querida hola buenos buenas
		prezado prezada prezados caro cara olá ola bom boa
		bonjour bonsoir madame monsieur cher chère mesdames
		sehr liebe lieber hallo guten
		gentile gentilissimo gentilissima egregio egregia buongiorno salve ciao`)
	// foreignWonder and foreignWhether ask in reported form.
	foreignWonder  = wordSet(`preguntarle preguntar pregunto perguntar pergunto perguntar-lhe demander demande fragen frage chiedere chiederle chiedo`)
	foreignWhether = wordSet(`si se ob`)
)
