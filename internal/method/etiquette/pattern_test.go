package etiquette

import (
	"strings"
	"testing"
)

func TestCompilePatternRejectsBadLines(t *testing.T) {
	for _, p := range []string{
		"",
		"[optional] first",
		"~2 gap first",
		"pre* fix",
		"ends with ~3",
		"dollar $ inside",
		"bad ~x gap",
		"unknown @nomacro",
		"empty || alt",
	} {
		if _, err := compilePattern(phrase{p: p}); err == nil {
			t.Errorf("compilePattern(%q) = nil error, want an error", p)
		}
	}
}

func TestPatternMatching(t *testing.T) {
	tests := []struct {
		pattern, text, want string // want is the matched text, "" for no match
	}{
		{"keep me in mind", "Please keep me in mind.", "keep me in mind"},
		{"keep me|my [name] in mind", "Keep my name in mind!", "Keep my name in mind"},
		{"keep me|my [name] in mind", "Keep me in mind.", "Keep me in mind"},
		{"attach ~3 resume", "I attach a copy of my resume.", ""},
		{"attach ~4 resume", "I attach a copy of my resume.", "attach a copy of my resume"},
		{"attach* ~1 resume", "attached my resume", ""}, // a prefix cannot start a pattern
		{"my resume|cv attach*", "My CV attached.", "My CV attached"},
		{"what does your company do $", "What does your company do?", "What does your company do"},
		{"what does your company do $", "What does your company do for clients?", ""},
		{"i'm ~2 looking for", "I’m not looking for a job.", "I’m not looking for"},
		{"any openings", "Any openings. On your team?", "Any openings"},
		{"openings on your team", "Any openings. On your team?", ""}, // never across sentences
		{"resume for your review", "My résumé for your review", "résumé for your review"},
	}
	for _, tt := range tests {
		ix, err := newPhraseIndex([]phrase{{g: gJobAsk, p: tt.pattern}})
		if err != nil {
			if tt.want == "" {
				continue
			}
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		a := analyze(tt.text, false)
		m := ix.scan(a, 0, len(a.toks))[gJobAsk]
		got := ""
		if len(m) > 0 {
			s, e := a.span(m[0].t0, m[0].t1)
			got = tt.text[s:e]
		}
		if got != tt.want {
			t.Errorf("pattern %q on %q matched %q, want %q", tt.pattern, tt.text, got, tt.want)
		}
	}
}

// phraseExamples holds, for every phrase table, sentences that must match
// it. TestEveryPhraseHasAnExample checks that each line of each table is
// exercised by at least one example, so adding a phrase means adding a
// line to the table and an example here.
var phraseExamples = map[group][]string{
	gJobAsk: {
		// Round chk22.
		"In case you want to put me to work on the tear-off.",
		"I'm putting in for the sous chef position next week.",
		"I would willingly give my time to the charity in any capacity.",
		"If you spot a role that fits, a nudge my way would mean a lot.",
		"I'd kill for an apprenticeship at your shop.",
		"I'd love to be in the running.",
		"If you ever farm out copy-editing, I'd be glad to take on a manuscript.",
		"I'd lend a hand with intake a few afternoons a week.",
		"I would be more than willing to assist on a trial basis.",
		"Maybe I could pick up a starter ticket.",
		"I'd love to discuss whether there's room for a junior designer.",
		"Is anything suitable there in your team?",
		"If your company has a position suitable for me, please tell me.",
		"Could you ask whether the lab is taking on trainees?",
		"I would gladly give my time to the collection without payment.",
		"Any weekend hours going at the bakery?",
		"Any part-time hours at your café?",
		"I would be very happy to just be added to your roster.",
		"Could I be added to your rota?",
		"Let me help out for a week so you can see what I can do.",
		"I'd gladly tag along unpaid and muck in.",
		"Would love it if you could refer me.",
		"Would you be willing to refer me internally?",
		"Would you feel comfortable referring me for it?",
		"Por favor, téngame presente si se abre alguna posición.",
		"Estaría encantado de trabajar con ustedes.",
		"Je serais heureux de travailler avec vous.",
		"Je serais ravie de travailler pour votre agence.",
		"Ich würde mich über eine Stelle in Ihrem Team freuen.",
		"Ich möchte mich gerne bei Ihnen bewerben.",
		"Anbei meine Initiativbewerbung.",
		"If anything in my line comes across your desk, please send it my way.",
		"Could you submit a referral on my behalf?",
		"Could you put in a referral for me?",
		"Let me know if anything suitable comes up.",
		"Happy to do gigs whenever you're short-staffed.",
		"If your team ever needs more people on the crew, I'm your guy.",
		"Si un poste se libère, n'hésitez pas à me contacter.",
		"Quedo a su disposición para cualquier oportunidad.",
		"Busco oportunidades laborales en su sector.",
		"Me encantaría formar parte de su equipo.",
		"Me gustaría postularme a su empresa.",
		"Je serais ravi de rejoindre votre équipe.",
		"I'd love to know whether your agency takes on juniors like me.",
		"I wonder whether your team might have room for someone like me.",
		"In case you come across anything suitable, do tell me.",
		"I'm available for gigs most weekends.",
		"If Emberfall ever needs another community person, hmu.",
		"I remain at your disposal should your firm require any additional assistance.",
		"Si llegara a surgir alguna vacante en su equipo, avíseme.",
		"Le agradecería que pensara en mí.",
		"Le agradecería tenerme en cuenta.",
		"Je vous transmets ma candidature spontanée.",
		"Je me permets de vous adresser ma candidature.",
		"Je vous remercie de penser à moi.",
		"I am writing to ask for a position on your team.",
		"Could I ask you for an internship this summer?",
		"I am asking for summer employment.",
		"I'm currently looking for a policy analyst job.",
		"I'm currently looking for full-time work.",
		"Currently searching for an entry-level role.",
		"Now looking for part-time work.",
		"I am seeking employment in the area.",
		"I'm job hunting at the moment.",
		"Do you have any openings?",
		"Are there any job opportunities there?",
		"Are there internships available?",
		"I saw your openings online.",
		"I'd love an internship at your agency.",
		"Is there a paid position in your department?",
		"Please hire me.",
		"Could you take me on?",
		"If you'd bring me on as a volunteer this spring, I'd be thrilled.",
		"If you're building out the new team, I'd love a seat at the table.",
		"Is the Denver office still growing? I'd love to be part of it if there's ever a way.",
		"Are you hiring?",
		"Is your team hiring for the summer?",
		"I wonder whether your team is hiring.",
		"Could you let me know when applications open for the summer program at your firm?",
		"Could you tell me when hiring reopens at your firm?",
		"Se dovesse aprirsi una posizione nel suo team, la prego di tenermi presente.",
		"Se si libera un posto, mi tenga presente.",
		"En zou je mijn cv misschien aan jullie HR willen doorsturen?",
		"Le sarei grata se pensasse a me.",
		"Se surgir alguma vaga na sua equipe, poderia indicar meu nome?",
		"Você poderia me indicar para a vaga de analista?",
		"I wonder if you're still hiring.",
		"Please consider me.",
		"Would you consider hiring a student?",
		"I'd love to be considered.",
		"I am writing to inquire about employment opportunities.",
		"I hope you will consider my application.",
		"I would like to be considered for the analyst position.",
		"I would like to be considered for summer internships.",
		"Please keep me in mind.",
		"Think of me if something comes up.",
		"Remember me when a role opens.",
		"Could you pass my name to your manager?",
		"Could you pass along my application?",
		"If you hear of any openings, let me know.",
		"Tell me if anything opens up.",
		"Let me know if a position becomes available.",
		"Could you put in a good word?",
		"A good word for me would mean a lot.",
		"Could you put in a word?",
		"Any word you could put in with the panel would help.",
		"Could you vouch for me?",
		"Could you refer me for the analyst role?",
		"I am hoping for an employee referral.",
		"A referral for the open role would help.",
		"Could you help me apply?",
		"I would welcome help applying to your program.",
		"I would welcome help with my application.",
		"Could you help me get a job there?",
		"Could you help me get hired?",
		"I recently applied to your firm.",
		"My application to your firm is in.",
		"I would love to work for your organization.",
		"I'm eager to join your team.",
		"Could you give me a job?",
		"Would you interview me?",
		"I would like to interview for the position.",
		"I am looking for a foot in the door.",
		"I'm throwing my hat in the ring.",
		"I would be delighted to throw my hat into the ring.",
		"Is there a summer analyst spot I could throw my hat in for?",
		"Would it be possible to shadow your team, with a view to a trainee role?",
		"I'd like to volunteer in your lab with a view to a research assistant position.",
		"If your product team ever needs a PT, ha, I know a guy.",
		"If your studio ever needs a junior colourist, hire me.",
		"Does your clinic ever take high school students as summer interns?",
		"Does your lab still take students as research assistants?",
		"Do you ever take students on as summer helpers?",
		"I'd happily give a few hours a week at the hospice if that would help you.",
		"Since I've applied for the opening at the foundation, I'll bring a few questions about that role.",
		"Hätten Sie eine Praktikumsstelle für mich?",
		"Ob bei Ihnen ein Praktikumsplatz frei wäre?",
		"Is there room for me on your team?",
		"Could you introduce me to your recruiter?",
		"I think I'd be a great fit for your team.",
	},
	gResume: {
		"Meinen Lebenslauf finden Sie auf Xing.",
		"Hier ist mein Lebenslauf, falls es hilft.",
		"Voici mon CV, au cas où.",
		"Ecco il mio curriculum.",
		"Aquí está mi CV, por si le sirve.",
		"Aqui está meu currículo.",
		"Hier is mijn cv.",
		"Le adjunto mi CV para que me conozca.",
		"Puedo pasar a dejarle mi currículum.",
		"Con gusto le entrego mi CV en persona.",
		"Posso deixar meu currículo na recepção.",
		"Se quiser, posso enviar meu CV.",
		"Adjunto el currículum actualizado.",
		"Encontrará mi CV adjunto.",
		"Veuillez trouver ci-joint mon CV.",
		"Vous trouverez mon CV en pièce jointe.",
		"Segue em anexo meu currículo.",
		"Anbei finden Sie meinen Lebenslauf.",
		"Mein Lebenslauf anbei.",
		"Im Anhang finden Sie meinen Lebenslauf.",
		"Mi CV está en mi perfil de LinkedIn.",
		"Je vous envoie mon CV.",
		"My resume is attached.",
		"Please find my CV below.",
		"Here is my résumé for your review.",
		"Could you look over my resume?",
		"Would you review my resume?",
	},
	gInvited: {
		"As you suggested, here it is.",
		"As you kindly asked, I attach my CV.",
		"Here it is, as requested.",
		"I send it at your request.",
		"You asked for my reel, so here it is.",
		"Como me pediu, levo o CV impresso.",
		"Como me lo había pedido, le adjunto mi CV.",
		"Come mi ha chiesto, le porto il mio curriculum.",
		"Comme vous me l'avez demandé, voici mon CV.",
		"Wie gewünscht sende ich Ihnen meinen Lebenslauf.",
		"Zoals gevraagd stuur ik je mijn cv.",
	},
	gPurpose: {
		"I hope to learn about your work.",
		"I would like to know more.",
		"I value your perspective.",
		"Could I pick your brain?",
		"Any advice is welcome.",
		"Your insight would help.",
		"Could we have an informational interview?",
		"I am exploring careers in law.",
		"May I ask you a few questions?",
		"I have questions about the field.",
		"Could I ask you about your move?",
		"I wonder what it's like.",
		"I wonder what the work is really like.",
		"I'm really curious how you run a guiding outfit.",
		"I keep wondering what the work is about.",
		"I'm trying to figure out whether PA school is right.",
		"Could we talk about what the role is like?",
		"I'd love to know what the work involves.",
		"What is the day-to-day like?",
		"I'm curious how people move from the bench into law.",
		"I'm trying to understand the hiring side.",
		"Could you tell me how you approach a signage system?",
	},
	gFlexibility: {
		"At your convenience.",
		"Whenever works.",
		"At a time that suits you.",
		"Whatever works for you.",
		"We could talk by phone.",
		"A phone call is fine.",
		"A quick call would be great.",
		"We can meet virtually.",
		"I can call you back.",
		"Another time is fine.",
		"A time that works is fine.",
		"Whichever is easiest.",
		"Wherever you prefer.",
		"If you'd rather talk.",
		"When you are free.",
		"Now or later.",
		"I am happy to come to you.",
	},
	gBigTime: {
		"Could I sit in on your clinics for a week?",
		"Could I shadow at your practice for a few days over winter break?",
		"Could we meet over lunch?",
		"May I take you to lunch?",
		"Lunch together would be lovely.",
		"Could I have an afternoon?",
		"I would love to spend a whole day.",
		"Could I follow you around all day?",
		"Could I spend all day with your team?",
		"Could I join you for a day?",
		"Could I visit for half a day?",
		"Could I shadow you?",
		"Could I get a tour?",
		"Hätten Sie Lust auf ein Mittagessen?",
		"Könnte ich einen ganzen Tag mitkommen?",
		"Potrebbe concedermi un pomeriggio?",
		"Posso invitarla a pranzo?",
		"¿Tendría una tarde libre?",
		"¿Podríamos vernos en un almuerzo?",
		"¿Le invito a almorzar?",
		"¿Podría acompañarle todo el día?",
		"Teria uma tarde livre?",
		"Podemos marcar um almoço?",
		"Puis-je vous inviter à déjeuner ?",
		"Auriez-vous un après-midi ?",
		"Heb je een middag vrij?",
		"Mag ik de hele dag meelopen?",
	},
	gAsk: {
		"Would you have time?",
		"Would it be possible to meet?",
		"I would love to meet.",
		"Please let me know.",
		"Let me know when you are free.",
		"Let's meet.",
		"Let us talk.",
		"Is there time next week?",
	},
	gThanks: {
		"Thank you so much.",
	},
	gEasyLookup: {
		"What does your company do?",
		"How many employees are there?",
		"How many people work at the company?",
		"How big is your firm?",
		"Where is it headquartered?",
		"What is your organization's mission?",
		"When was it founded?",
		"Who founded the company?",
		"Who is your CEO?",
		"What products do you sell?",
		"Is it publicly traded?",
		"Is it a private company?",
		"What does APHA stand for?",
		"What is your website?",
	},
	gOpenForm: {
		"Could you tell me about it?",
		"Would you be willing to share more?",
		"Is there anyone else?",
		"Do you have any advice?",
		"Do you know anyone I could ask?",
		"May I use your name?",
		"Could I give them your name?",
		"Would you mind if I wrote to them?",
	},
}

func TestEveryPhraseHasAnExample(t *testing.T) {
	used := make(map[*pattern]bool)
	for g, examples := range phraseExamples {
		for _, ex := range examples {
			a := analyze(ex, false)
			// Scan pattern by pattern: the index keeps only the longest
			// match per word, and coverage wants every line that matches.
			hit := false
			for i := range phrases.pats {
				p := &phrases.pats[i]
				if p.g != g {
					continue
				}
				for k := range a.toks {
					if p.elems[0].matches(a.toks[k].norm) {
						if _, ok := p.matchFrom(p.elems[1:], a.toks, k+1, a.sents[a.toks[k].sent].t1); ok {
							used[p], hit = true, true
						}
					}
				}
			}
			if !hit {
				t.Errorf("group %d example %q matches no phrase of its table", g, ex)
			}
		}
	}
	for i := range phrases.pats {
		p := &phrases.pats[i]
		if !used[p] {
			t.Errorf("group %d phrase %q has no example in phraseExamples", p.g, p.p)
		}
	}
}

func TestTablesCompile(t *testing.T) {
	for _, table := range [][]phrase{jobAskPhrases, resumePhrases, invitedPhrases, purposePhrases, flexibilityPhrases,
		bigTimePhrases, askPhrases, thanksPhrases, easyLookupPhrases, openFormPhrases} {
		for _, ph := range table {
			if _, err := compilePattern(ph); err != nil {
				t.Error(err)
			}
			if ph.p != strings.ToLower(ph.p) {
				t.Errorf("phrase %q: write patterns in lowercase", ph.p)
			}
		}
	}
}
