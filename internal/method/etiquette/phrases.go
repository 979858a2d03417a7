package etiquette

// The phrase tables. Each line is one phrase in the pattern language
// described in pattern.go; adding a phrase is adding a line here and a case
// to the rule's table test. Matching is on lowercased words, so write
// patterns in lowercase.

// macros are word lists shared by many lines.
var macros = map[string]string{
	"i":       "i i'm i've i'd i'll we we're we've we'd",
	"job":     "job jobs position positions internship internships opening openings vacancy vacancies role roles employment posting postings",
	"org":     "company firm organization organisation team agency office department group practice lab studio business employer staff newsroom unit division startup nonprofit bureau",
	"apply":   "apply applying applied application applications",
	"article": "a an any the",
	"adj":     "new full part summer paid entry junior permanent temporary",
	// send-like verbs for resume_offer, spelled out because the first word
	// of a pattern cannot be a prefix.
	"send": "attach attached attaching attaches enclose enclosed enclosing encloses include included including send sending sent forward forwarding forwarded share sharing shared offer offering offered submit submitting submitted provide providing provided email emailing emailed",
}

// jobAskPhrases ask for a job, an opening, a referral to a posting, to be
// kept in mind, or say the writer is applying. Honest exploration ("whether
// a job in public health fits me", "how positions differ") must not match,
// so bare job words never match on their own: each line needs an ask, a
// possessive "your", or a first-person subject.
//
// A soft line is one the feeler note may say: there the writer is pursuing
// the field, may say they are looking, and may hope to hear of openings.
var jobAskPhrases = []phrase{
	// "for a policy analyst position" needs room for a title after the
	// article; without an article only adjectives may come between, so
	// "looking for advice on jobs" stays exploration.
	{g: gJobAsk, p: "ask|asking|asked|request|requesting|seek|seeking [you] for @article ~3 @job"},
	{g: gJobAsk, p: "ask|asking|asked|request|requesting|seek|seeking [you] for [@adj] [time|level] @job"},
	{g: gJobAsk, p: "@i ~3 looking|searching|hoping|seeking|hunting|applying for @article ~3 @job|work", soft: true},
	{g: gJobAsk, p: "@i ~3 looking|searching|hoping|seeking|hunting|applying for [@adj] [time|level] @job|work", soft: true},
	{g: gJobAsk, p: "currently|actively|now looking|searching|seeking|hunting for @article ~3 @job|work", soft: true},
	{g: gJobAsk, p: "currently|actively|now looking|searching|seeking|hunting for [@adj] [time|level] @job|work", soft: true},
	{g: gJobAsk, p: "seek|seeking|pursuing employment", soft: true},
	{g: gJobAsk, p: "put|putting me to work"},
	// Round chk22 (classes of English asks the blind batches d11-d13 showed):
	// applying by another verb; giving time or hands in any capacity, on
	// a trial basis or with the reader's work; a role sent the writer's way;
	// a post wished for hard; being in the running; work the reader farms out; room for the writer
	// discussed; something
	// suitable for the writer; whether the reader takes on trainees.
	{g: gJobAsk, p: "putting|put in for @article ~3 @job|post|spot|req"},
	{g: gJobAsk, p: "@i ~12 in any capacity"},
	{g: gJobAsk, p: "@job ~10 nudge|point|steer ~2 my way"},
	{g: gJobAsk, p: "kill|die for ~3 @job|apprenticeship|apprenticeships|placement|placements|traineeship"},
	{g: gJobAsk, p: "love|like|keen|hope|want|glad ~3 be in the running"},
	{g: gJobAsk, p: "farm|farms|outsource|outsources ~8 @i ~3 take|taking on|it|them|some"},
	{g: gJobAsk, p: "lend|lending a hand ~6 afternoons|mornings|evenings|days|hours|shifts a|per week|month"},
	{g: gJobAsk, p: "@i ~8 on a trial basis"},
	{g: gJobAsk, p: "pick|picking up a|some|one starter|small ~1 ticket|tickets|task|tasks"},
	{g: gJobAsk, p: "discuss|know|ask whether|if there's|there ~1 room|space for a|an|one junior|trainee|intern|apprentice|assistant|graduate|newcomer"},
	{g: gJobAsk, p: "anything|something suitable ~4 in|at|on your @org"},
	{g: gJobAsk, p: "@job|anything|something suitable for me"},
	{g: gJobAsk, p: "whether|if ~4 taking|take on trainees|apprentices|interns|juniors"},
	{g: gJobAsk, p: "@i ~3 job hunting|searching|seeking", soft: true},
	{g: gJobAsk, p: "any|open|current|upcoming|available openings|opening|positions|vacancies|vacancy|postings|internships"},
	{g: gJobAsk, p: "any|open|current|upcoming|available job|internship|employment|summer|hiring opportunities|opportunity|openings|opening|positions|position|vacancies|postings|roles|role"},
	{g: gJobAsk, p: "openings|positions|jobs|internships|vacancies|roles available|open"},
	{g: gJobAsk, p: "your [company's|team's|firm's|organization's|agency's] openings|vacancies|postings|internships"},
	{g: gJobAsk, p: "a|an|any|some|open ~2 job|jobs|position|positions|internship|internships|opening|openings|vacancy at|with|on your|you"},
	{g: gJobAsk, p: "a|an|any|some|open ~2 job|jobs|position|positions|internship|internships|opening|openings|vacancy in your @org"},
	{g: gJobAsk, p: "hire|employ|recruit|onboard me"},
	{g: gJobAsk, p: "take me on"},
	{g: gJobAsk, p: "bring|bringing me on|aboard|onboard"},
	// The writer wished a place: "I'd love a seat at the table", "I'd love
	// to be part of it if there's ever a way".
	{g: gJobAsk, p: "@i ~2 love|like|want|hope|welcome ~2 seat at the|your table"},
	{g: gJobAsk, p: "@i ~2 love|like|want|hope to be [a] part of it|that if|when|should|whenever"},
	{g: gJobAsk, p: "are|is you|your|the|anyone|anybody ~3 hiring $"},
	{g: gJobAsk, p: "are|is you|your|the ~3 hiring for|interns|anyone|now|currently|right|this|at|again|new|people|juniors|graduates"},
	{g: gJobAsk, p: "if|whether you|your [@org] [is|are|currently|ever] [currently|ever|still] hiring"},
	// Asked to be told when the reader's place opens applications: "let me
	// know when applications open for the summer program at your firm".
	{g: gJobAsk, p: "me know when|once|if applications|recruiting|recruitment|hiring open|opens|reopen|reopens ~6 your|ur @org"},
	{g: gJobAsk, p: "tell|notify|alert|email|text me when|once|if applications|recruiting|recruitment|hiring open|opens|reopen|reopens ~6 your|ur @org"},
	{g: gJobAsk, p: "if|whether you're [currently|still|ever] hiring"},
	{g: gJobAsk, p: "consider me"},
	{g: gJobAsk, p: "consider|considering hiring|taking|bringing|employing|recruiting"},
	{g: gJobAsk, p: "love|like|hope|want|glad|happy|eager to be considered"},
	{g: gJobAsk, p: "inquire|inquiring|enquire|enquiring|ask|asking about|regarding [@article|your] ~2 @job|employment|hiring|vacancies"},
	{g: gJobAsk, p: "consider|considering my application|applications|resume|cv|candidacy"},
	{g: gJobAsk, p: "considered for @article|future ~2 @job"},
	{g: gJobAsk, p: "considered for [@adj] [time|level] @job"},
	{g: gJobAsk, p: "keep|keeping|bear me|my [name|resume|cv|application|profile] in mind", soft: true},
	{g: gJobAsk, p: "think|thinking of me if|when|for|should", soft: true},
	{g: gJobAsk, p: "remember me if|when|for|should", soft: true},
	{g: gJobAsk, p: "pass|passing|forward|forwarding my name|application|details|profile|information|info", soft: true},
	{g: gJobAsk, p: "pass|passing along|on my name|application|details|profile", soft: true},
	{g: gJobAsk, p: "if|when|should you hear|know|learn|come of|about|across any|an|a ~2 @job|opportunity|opportunities|possibilities|possibility", soft: true},
	{g: gJobAsk, p: "if|when|should anything|something opens|opening up", soft: true},
	{g: gJobAsk, p: "if|when|should a|an|any ~2 @job|spot|opportunity ~1 opens|open|opening|becomes up|available"},
	{g: gJobAsk, p: "put|putting|say|saying|drop|dropping in|a [a] good word"},
	{g: gJobAsk, p: "good word for me"},
	{g: gJobAsk, p: "put|putting in a word"},
	{g: gJobAsk, p: "word ~3 you ~2 put|putting in"},
	{g: gJobAsk, p: "vouch for me"},
	{g: gJobAsk, p: "refer|referring|recommend|recommending me [directly|personally|internally] for|to [@article|your] ~2 @job|@org|hiring|recruiter|recruiters|manager|managers"},
	{g: gJobAsk, p: "job|employee|internal|employment referral|referrals"},
	{g: gJobAsk, p: "referral|referrals for|to [@article|your] ~2 @job|hiring|recruiter|recruiters"},
	{g: gJobAsk, p: "help|assist|helping me [to|with|in] apply|applying"},
	{g: gJobAsk, p: "help|assistance|support applying|apply ~3 your|you|@job|@org"},
	{g: gJobAsk, p: "help|assist|assistance|support|feedback with|on|in my application|applications|candidacy"},
	{g: gJobAsk, p: "help|helping|assist me ~2 get|land|find|secure|obtain|getting|landing|finding|securing @article ~2 @job|offer|interview"},
	{g: gJobAsk, p: "help|helping|assist me ~2 get|land|find|secure|obtain|getting|landing|finding|securing [@adj] [time|level] @job|hired|offer|interview"},
	{g: gJobAsk, p: "@i ~4 @apply ~4 your|you"},
	{g: gJobAsk, p: "my application|applications|candidacy ~4 your|you|@job"},
	{g: gJobAsk, p: "@i ~2 love|like|want|hope|hoping|eager|keen|excited|dream|plan|planning|aim|aiming|looking|interested to|in|about work|working for|at|with|in|on your|you"},
	{g: gJobAsk, p: "@i ~2 love|like|want|hope|hoping|eager|keen|excited|dream|plan|planning|aim|aiming|looking|interested to|in|about join|joining your @org"},
	{g: gJobAsk, p: "give|offer|find|get me @article ~2 @job|interview|offer"},
	{g: gJobAsk, p: "interview|interviewing me"},
	{g: gJobAsk, p: "interview|interviewing for @article ~3 @job"},
	{g: gJobAsk, p: "foot in the door"},
	{g: gJobAsk, p: "hat in|into the|your ring"},
	// The hat (or the name) put in for a place: "a summer analyst spot I
	// could throw my hat in for", "toss my name in if a seat opens".
	{g: gJobAsk, p: "throw|throwing|toss|tossing|put|putting|get|getting my hat|name in|into for|if|when|should|consideration|contention"},
	// A request whose aim is a post: "shadow your team for a week, with a
	// view to a trainee role"; not "a course designed with a view to junior roles".
	{g: gJobAsk, p: "possible ~8 with a view to ~3 @job|hiring|employment|traineeship|apprenticeship"},
	{g: gJobAsk, p: "@i ~8 with a view to ~3 @job|hiring|employment|traineeship|apprenticeship"},
	// The reader's place needing a kind of worker, answered by the writer
	// in jest: "if your product team ever needs a PT, ha, I know a guy."
	// (the guy is the writer; "I know a guy at my school who…" goes on).
	{g: gJobAsk, p: "your|ur ~1 @org|clinic|hospital|shop|kitchen|school|hospice ever need|needs|needed ~8 know ~2 guy|gal|person $"},
	{g: gJobAsk, p: "your|ur ~1 @org|clinic|hospital|shop|kitchen|school|hospice ever need|needs|needed ~6 hire|try me"},
	// Whether the reader's place takes people like the writer: "does your
	// clinic ever take high school students as summer interns?"
	{g: gJobAsk, p: "do|does your|ur|you ~1 @org|clinic|hospital|shop|kitchen|school|hospice|practice ~2 take|hire|host|accept|welcome|have ~4 as ~2 interns|intern|apprentices|apprentice|trainees|trainee|volunteers|helpers|assistants"},
	{g: gJobAsk, p: "do|does you ever|still|sometimes|usually ~1 take|hire|host|accept|welcome ~4 as ~2 interns|intern|apprentices|apprentice|trainees|trainee|volunteers|helpers|assistants"},
	{g: gJobAsk, p: "do|does your|ur|you ~1 @org|clinic|hospital|shop|kitchen|school|hospice|practice ~2 ever|still|sometimes|usually ~1 take|hire|host|accept|welcome ~3 interns|intern|apprentices|apprentice|trainees|trainee|students|volunteers"},
	// Free hours offered to the reader's place, on the reader's need: "I'd
	// happily give a few hours a week at Riverbend Hospice if that would help
	// you"; not "I volunteer a few hours a week at the food bank".
	{g: gJobAsk, p: "give|donate|volunteer|offer|lend|put ~4 hours|afternoons|mornings|evenings|weekends|days|time ~6 if|should|whenever that|it|you|your ~3 help|helps|helpful|useful|need|needs|use"},
	// "I would gladly give my time to the collection without payment": unpaid work offered.
	{g: gJobAsk, p: "give|donate|offer|lend my time ~6 without|for payment|pay|charge|free|nothing"},
	// The writer's own application named to discuss it: "since I've applied
	// for the coordinator opening at the foundation, I'll bring a few
	// questions about that role".
	{g: gJobAsk, p: "@i ~3 applied|applying ~16 questions|ask|asking|talk|discuss|chat ~3 that|the|this|my role|position|opening|job|application|vacancy|post|program|programme|residency|internship"},
	{g: gJobAsk, p: "room|place|spot|space|seat for me on|in|at|with your|you"},
	{g: gJobAsk, p: "introduce|connect|put|refer|forward|pass|send ~4 hiring|recruiter|recruiters|recruiting|hr|talent"},
	{g: gJobAsk, p: "@i ~3 good|great|strong|perfect|ideal|excellent|valuable fit|candidate|addition|asset for|to|on your|you"},
	// A referral asked by itself: "would love it if you could refer me",
	// "refer me internally for the spring cohort".
	{g: gJobAsk, p: "refer|referring me internally"},
	{g: gJobAsk, p: "refer|referring me $"},
	{g: gJobAsk, p: "refer|referring me for it|that|this|one"},
	{g: gJobAsk, p: "referral|referrals on my behalf"},
	{g: gJobAsk, p: "referral|referrals for me"},
	// Someone like the writer taken on: "whether your agency takes on
	// juniors like me", "room for someone like me".
	{g: gJobAsk, p: "take|takes|taking on ~2 juniors|junior|graduates|grads|interns|trainees|apprentices|newcomers|beginners|people|someone|anyone|changers|hires|more like me"},
	{g: gJobAsk, p: "room|space|place|spot|openings|opening for someone|people|juniors|graduates|anyone|more|another ~1 like me"},
	// Work or a need for hands offered to: "anything suitable", "I'm
	// available for gigs", "if you ever need another pair of hands".
	{g: gJobAsk, p: "across|of|spot|notice anything|something suitable|fitting|appropriate"},
	{g: gJobAsk, p: "anything|something ~4 across|cross|crosses your desk|radar", soft: true},
	{g: gJobAsk, p: "anything|something suitable|fitting ~2 comes|come|opens|crops|pops|arises|up"},
	{g: gJobAsk, p: "available|free|open for [@adj] gigs|gig|shifts|shift|freelance|contract|hire|temp|locum"},
	{g: gJobAsk, p: "happy|glad|willing|keen|love|able|ready|available to do|take|pick|work ~2 gigs|gig|shifts|shift|freelance"},
	{g: gJobAsk, p: "your|the @org ever need|needs|needed ~3 hands|person|people|pair|staff|freelancer|freelancers|contractor|contractors"},
	{g: gJobAsk, p: "ever need|needs|needed another|extra|more ~3 person|people|hands|pair|staff"},
	{g: gJobAsk, p: "disposal|service should|if ~5 require|requires|need|needs ~3 assistance|help|support|hands|staff"},
	// Hours or a place on the reader's books asked for: "any part-time
	// hours going at your café?", "happy to just be added to your roster".
	{g: gJobAsk, p: "any|some ~3 hours|shifts going"},
	{g: gJobAsk, p: "any|some part|casual|seasonal|weekend|extra|evening|holiday [time] hours|shifts at|with|in|on your|you"},
	{g: gJobAsk, p: "to [just|simply|also] be|get added|put|kept|included to|on|in your|the ~2 roster|rota|books|bench|panel|pool|register|rolodex"},
	{g: gJobAsk, p: "@i be|get added|put|kept|included to|on|in your|the ~2 roster|rota|books|bench|panel|pool|register|rolodex"},
	// A try-out offered: "help out for a day so you can see how I work",
	// "tag along unpaid and muck in".
	{g: gJobAsk, p: "you can|could see|judge|gauge|assess how|what i|i'm ~2 work|working|do|handle|perform|can|cope"},
	{g: gJobAsk, p: "unpaid ~4 pitch|muck|chip|help|pitching|mucking|chipping|helping in|out"},
	// Asks in Spanish and French letters: "si surge una vacante",
	// "que pensara en mí", "ma candidature spontanée".
	{g: gJobAsk, p: "si|cuando ~7 vacante|vacantes|puesto|plaza|empleo|posición|posicion|poste|postes|stage|emploi"},
	{g: gJobAsk, p: "disposición|disposicion|disposition pour|para|si ~4 poste|postes|stage|emploi|oportunidad|oportunidades|puesto|vacante|empleo|colaborar|collaboration|collaborer"},
	{g: gJobAsk, p: "oportunidad|oportunidades laboral|laborales"},
	{g: gJobAsk, p: "téngame|tengame|tenme|tenedme|ténganme|tenganme presente|en"},
	{g: gJobAsk, p: "encantado|encantada|encantaría|encantaria|gustaría|gustaria [de] trabajar con|en|para ustedes|usted|su|vosotros"},
	{g: gJobAsk, p: "heureux|heureuse|ravi|ravie|plaisir de travailler avec vous"},
	{g: gJobAsk, p: "heureux|heureuse|ravi|ravie|plaisir de travailler pour|dans|chez vous|votre|vos"},
	{g: gJobAsk, p: "eine|einer|einen stelle|praktikum|praktikumsplatz|anstellung|ausbildungsplatz in|bei ihrem|ihrer|ihnen"},
	// A German post asked as free, or for the writer: "ob bei Ihnen ein
	// Praktikumsplatz für mich frei wäre", "eine Werkstudentenstelle für mich".
	{g: gJobAsk, p: "stelle|praktikum|praktikumsplatz|praktikumsstelle|anstellung|ausbildungsplatz|ausbildungsstelle|werkstudentenstelle|volontariat für mich"},
	{g: gJobAsk, p: "ihnen|euch|dir|ihrem|ihrer ~3 stelle|praktikum|praktikumsplatz|praktikumsstelle|anstellung|ausbildungsplatz|ausbildungsstelle|werkstudentenstelle|volontariat ~3 frei|offen|vergeben"},
	{g: gJobAsk, p: "mich ~3 bewerben"},
	{g: gJobAsk, p: "meine|eine initiativbewerbung|bewerbung"},
	{g: gJobAsk, p: "formar parte de su|tu|vuestro|vuestra equipo|empresa|despacho|firma|organización|compañía"},
	{g: gJobAsk, p: "postularme|postularía|postulo|candidatearme|postulación|postulacion"},
	{g: gJobAsk, p: "rejoindre|integrer votre|vos|ton equipe|equipes|entreprise|cabinet|bureau|societe|agence"},
	{g: gJobAsk, p: "pensara|piense|pensase|pensar|piensen|pensaran|pensaría en mí"},
	{g: gJobAsk, p: "tenerme|tenerla|tenerlo|considerarme en|para cuenta|consideración|mente|el|la|algún|alguna|un|una"},
	// Italian "la prego di tenermi presente", "mi tenga presente", "se
	// pensasse a me"; Portuguese "poderia indicar meu nome", "me indicar
	// para a vaga".
	// Dutch: "zou je mijn cv aan jullie HR willen doorsturen?"
	{g: gJobAsk, p: "mijn cv ~3 aan jullie|uw|je|jouw|de hr|recruiter|recruiters|manager|leidinggevende|baas|personeelsafdeling ~2 doorsturen|doorgeven|geven|sturen|doorstuurt|doorgeeft|geeft"},
	{g: gJobAsk, p: "tenermi presente|presenti"},
	{g: gJobAsk, p: "mi tenga|tenesse|tenessi|tenete presente|presenti"},
	{g: gJobAsk, p: "pensasse|pensi|pensaste|pensiate a me"},
	{g: gJobAsk, p: "indicar|indicasse|indique|indicaria [o] meu nome"},
	{g: gJobAsk, p: "me indicar|indicasse|indique|indicaria para|pra [a|o|uma|um|alguma|algum] vaga|vagas|posicao|cargo|oportunidade|estagio"},
	{g: gJobAsk, p: "candidature|candidatura spontanee|espontanea|espontánea"},
	{g: gJobAsk, p: "transmettre|adresser|envoyer|soumettre|transmets|adresse|envoie|soumets ma candidature"},
	{g: gJobAsk, p: "penser|pensiez|pensez|pensiez a|à moi"},
}

// resumePhrases catch the resume offers the structure (detect.go) does not
// read as one: asks to look it over. "résumé" is folded to "resume" before
// matching.
var resumePhrases = []phrase{
	{g: gResume, p: "resume|cv [is|are] [also] attached|enclosed|included|below|attach*"},
	{g: gResume, p: "find|see my resume|cv"},
	{g: gResume, p: "resume|cv for your review|reference|consideration"},
	{g: gResume, p: "look|looking|glance|glancing at|over my resume|cv"},
	{g: gResume, p: "review|critique|reviewing my resume|cv"},
	// Spanish and French: "le adjunto mi CV", "ci-joint mon CV", "mon CV
	// en pièce jointe".
	{g: gResume, p: "adjunto|adjunta|adjuntar|adjuntamos|anexo|anexa|anexamos|envío|envio|remito mi|el ~1 cv|currículum|curriculum|currículo|curriculo|hoja"},
	{g: gResume, p: "cv|currículum|curriculum|currículo|curriculo adjunto|adjunta|anexo"},
	// Handed over in person or sent, in Spanish and Portuguese: "puedo pasar a
	// dejarle mi currículum", "le entrego mi CV", "posso deixar meu currículo".
	{g: gResume, p: "dejarle|dejarles|dejar|dejo|entregarle|entregarles|entregar|entrego|llevarle|llevarles|mandarle|mandarles|enviarle|enviarles|pasarle|compartirle|mandar|mando|mandarte|enviar|envío|envio|enviarte|pasar|paso|pasarte|compartir|comparto mi cv|currículum|curriculum|currículo|curriculo|hoja"},
	{g: gResume, p: "deixar|deixo|entregar|entrego|mandar|mando|enviar|levar|levo|compartilhar meu|o cv|currículo|curriculo"},
	{g: gResume, p: "joint|jointe mon|ma|le cv|curriculum"},
	{g: gResume, p: "cv|curriculum en piece jointe"},
	// Portuguese and German: "segue em anexo meu currículo", "anbei mein
	// Lebenslauf"; French "je vous envoie mon CV".
	{g: gResume, p: "anexo|anexado|anexada|anexei|envio meu|minha|o ~1 currículo|curriculo|cv"},
	{g: gResume, p: "anbei ~4 lebenslauf|cv"},
	{g: gResume, p: "lebenslauf|cv anbei"},
	{g: gResume, p: "anhang ~4 lebenslauf|cv|bewerbungsunterlagen"},
	// A CV pointed to on a profile: "mi CV está en mi perfil de LinkedIn",
	// "il mio CV è sul mio profilo", "mein Lebenslauf ist auf meinem Profil".
	{g: gResume, p: "cv|currículum|currículo|curriculo|curriculum|lebenslauf está|esta|e|ist|est en|no|na|sul|auf|sur ~3 linkedin|drive|dropbox|github|perfil|profilo|profil|enlace|link|sitio|site|sito|webseite|website|xing"},
	{g: gResume, p: "lebenslauf|cv|bewerbungsunterlagen ~4 finden|findest sie|du auf|unter|bei"},
	{g: gResume, p: "envoie|envoyer|transmets|transmettre|joins|joindre mon|ma|le ~1 cv|curriculum"},
	// Handed over with "here is": "hier ist mein Lebenslauf", "voici mon CV",
	// "ecco il mio curriculum", "aquí está mi CV", "aqui está meu currículo",
	// "hier is mijn cv".
	{g: gResume, p: "hier ist|sind mein|meine lebenslauf|cv|bewerbungsunterlagen"},
	{g: gResume, p: "voici|voila mon cv|curriculum"},
	{g: gResume, p: "ecco il mio cv|curriculum"},
	{g: gResume, p: "aquí|aqui está|esta|tiene|tienes mi cv|currículum|curriculum|currículo|curriculo|hoja"},
	{g: gResume, p: "aqui está|esta|vai|segue meu|o cv|currículo|curriculo"},
	{g: gResume, p: "hier is mijn cv"},
}

// invitedPhrases show that the professional asked for the resume, which
// makes sending it a courtesy rather than an offer ("shown only if asked").
var invitedPhrases = []phrase{
	{g: gInvited, p: "as|since|like you [kindly|so] asked|requested|suggested|offered|recommended"},
	{g: gInvited, p: "as requested|discussed"},
	{g: gInvited, p: "at your request|suggestion"},
	{g: gInvited, p: "you asked|requested [for|to] [see] my|it|a|the"},
	// The same in the letters the checker reads: "Como me pediu, levo o
	// CV impresso", "come mi ha chiesto", "wie gewünscht", "zoals gevraagd".
	{g: gInvited, p: "como|conforme [usted|ud|você|voce|o|a] [me|nos] pediu|pidio|pidió|pediste|pidiste|solicitou|solicito|solicitó|sugeriu|sugirio|sugirió"},
	{g: gInvited, p: "como|conforme [me] [lo] [había|habia|tinha] pedido|solicitado|sugerido"},
	{g: gInvited, p: "come mi|ci ha|aveva chiesto|richiesto|suggerito"},
	{g: gInvited, p: "comme vous [me] l'avez|l'aviez|me demande|suggere|propose"},
	{g: gInvited, p: "wie gewünscht|gewuenscht|besprochen|vereinbart|erbeten"},
	{g: gInvited, p: "zoals gevraagd|besproken|afgesproken"},
}

// purposePhrases say the aim is to learn from the person's experience.
var purposePhrases = []phrase{
	{g: gPurpose, p: "learn|learning|hear|hearing|understand|understanding|discover ~3 about|from|more|how|what|why|whether|your"},
	{g: gPurpose, p: "know more"},
	{g: gPurpose, p: "your experience|experiences|career|path|journey|story|perspective|insight|insights|advice|work|field|expertise|view|views|thoughts|role|take"},
	{g: gPurpose, p: "pick your brain|brains"},
	{g: gPurpose, p: "advice"},
	{g: gPurpose, p: "insight|insights|perspective|perspectives|guidance"},
	{g: gPurpose, p: "informational|information interview|conversation|meeting|chat|call|interviews"},
	{g: gPurpose, p: "explore|exploring|researching ~4 career|careers|field|fields|profession|industry|path|options|work|sector|whether|how|what"},
	{g: gPurpose, p: "ask|asking [you] [a] [few|couple|some] [of] questions"},
	{g: gPurpose, p: "questions about"},
	{g: gPurpose, p: "ask|asking [you] about"},
	{g: gPurpose, p: "what it's|it ~1 like"},
	{g: gPurpose, p: "what ~4 really like"},
	{g: gPurpose, p: "curious ~2 how|what|why|whether|about|if"},
	{g: gPurpose, p: "wondering|wonder|wondered ~2 how|what|why|about"},
	{g: gPurpose, p: "figure|figuring out ~2 how|what|whether|why|if"},
	{g: gPurpose, p: "what ~5 like"},
	{g: gPurpose, p: "what ~4 involves|involve|entails|entail|takes|looks"},
	{g: gPurpose, p: "day to day"},
	{g: gPurpose, p: "how you|people|others|someone|folks ~3 got|get|moved|move|became|become|started|start|made|make|built|ended|found|transitioned|switched|broke|landed"},
	{g: gPurpose, p: "learn|learning|hear|hearing|understand|understanding the|a"},
	{g: gPurpose, p: "ask|tell|explain|describe|walk [you|me|to] [me|through] how|what|why|which"},
}

// flexibilityPhrases offer to fit the person's schedule or to take a call.
var flexibilityPhrases = []phrase{
	{g: gFlexibility, p: "your convenience|schedule|calendar|availability|preference|preferences|timing"},
	{g: gFlexibility, p: "convenient|convenience|whenever|whenever's|wherever|flexible|flexibility"},
	{g: gFlexibility, p: "suits|suit|suited you"},
	{g: gFlexibility, p: "works|work|best|better|easiest|easier|convenient|good for you"},
	{g: gFlexibility, p: "by|over|via phone|telephone|zoom|video|teams"},
	{g: gFlexibility, p: "phone|telephone|video|zoom call|calls|conversation|chat"},
	{g: gFlexibility, p: "a|an|short|brief|quick call|calls"},
	{g: gFlexibility, p: "virtually|remotely"},
	{g: gFlexibility, p: "call you back|later|another"},
	{g: gFlexibility, p: "another|better|different|other time|day|moment|week"},
	{g: gFlexibility, p: "a time that|when|convenient"},
	{g: gFlexibility, p: "whatever|whichever ~2 easiest|best|works|suits|convenient|prefer"},
	{g: gFlexibility, p: "you prefer|choose|pick"},
	{g: gFlexibility, p: "you'd prefer|rather"},
	{g: gFlexibility, p: "when|whenever|if you|you're|you'd [are|be] [ever] free|available"},
	{g: gFlexibility, p: "now or later|another|a"},
	{g: gFlexibility, p: "happy|glad|willing to ~2 call|meet|come|travel|adapt|adjust|work|fit"},
}

// bigTimePhrases ask for more than a short meeting without naming minutes.
var bigTimePhrases = []phrase{
	{g: gBigTime, p: "to|for|over lunch|dinner|breakfast|drinks|brunch"},
	{g: gBigTime, p: "buy|treat|take you [to|for] [a] lunch|dinner|breakfast|meal|drinks"},
	{g: gBigTime, p: "lunch|dinner together"},
	{g: gBigTime, p: "a|an|your|whole|entire|full afternoon|morning|evening"},
	{g: gBigTime, p: "whole|entire|full day"},
	{g: gBigTime, p: "all day $"},
	{g: gBigTime, p: "all day with|at|in|shadowing|together"},
	{g: gBigTime, p: "spend|for a|the day"},
	{g: gBigTime, p: "half|full [a] day"},
	{g: gBigTime, p: "shadow|shadowing you|your"},
	// days or weeks beside the reader's work: "shadow at your practice for a
	// few days", "sit in on your clinics for a week"
	{g: gBigTime, p: "shadow|shadowing|observe|observing|sit|spend|join|visit|follow|accompany ~5 for a|one|two|three|several|some|couple week|weeks|fortnight|shift|shifts|days"},
	{g: gBigTime, p: "shadow|shadowing|observe|observing|sit|spend|join|visit|follow|accompany ~5 for a few|couple [of] days|weeks|shifts"},
	{g: gBigTime, p: "a|the tour"},
	// The same asks in other languages: a meal, an afternoon or a whole
	// day ("bei einem Mittagessen", "concedermi un pomeriggio", "una
	// tarde", "un déjeuner", "een middag"); not "por la tarde", a time of
	// day for a short call.
	{g: gBigTime, p: "einem|ein|zum|einen mittagessen|abendessen|nachmittag|vormittag|arbeitstag"},
	{g: gBigTime, p: "ganzen|ganzer tag|nachmittag|vormittag"},
	{g: gBigTime, p: "un|una|il pomeriggio|pranzo|giornata|mattinata"},
	{g: gBigTime, p: "a pranzo|cena"},
	{g: gBigTime, p: "una|toda tarde|mañana|jornada|comida|cena"},
	{g: gBigTime, p: "un|al almuerzo|desayuno"},
	{g: gBigTime, p: "a|para almorzar|cenar|almoçar|almocar|jantar"},
	{g: gBigTime, p: "todo el|o dia|día"},
	{g: gBigTime, p: "uma|toda tarde|manhã|manha"},
	{g: gBigTime, p: "um almoço|almoco|jantar"},
	{g: gBigTime, p: "un|une|à déjeuner|dejeuner|dîner|journée|journee|matinée|matinee"},
	{g: gBigTime, p: "un|une apres|après midi"},
	{g: gBigTime, p: "een middag|ochtend|etentje"},
	{g: gBigTime, p: "de hele dag|middag|ochtend"},
}

// askPhrases mark the sentence that carries the request, which is where
// no_question, no_time and no_flexibility point.
var askPhrases = []phrase{
	{g: gAsk, p: "would|could|can|may|might|will|shall|do|are you|we|i"},
	{g: gAsk, p: "would|could|is|will it [be] possible|okay|ok|alright|convenient"},
	{g: gAsk, p: "@i ~3 like|love|hope|hoping|appreciate|welcome|request|requesting|wonder|wondering|wondered|grateful ~5 meet|meeting|talk|speak|chat|call|conversation|minutes|coffee|time|interview|ask|learn|hear"},
	{g: gAsk, p: "please [do] let|tell|suggest|reply|respond|send|share|meet|call"},
	{g: gAsk, p: "let me know ~4 when|if|whether|what"},
	{g: gAsk, p: "let's meet|talk|speak|chat|schedule|set|find|grab"},
	{g: gAsk, p: "let us meet|talk|speak|chat|schedule|set|find|grab"},
	{g: gAsk, p: "is|are there ~3 time|chance|possibility|way"},
}

// thanksPhrases say thank you.
var thanksPhrases = []phrase{
	{g: gThanks, p: "thank|thanks|grateful|gratitude|appreciate|appreciated|appreciation|appreciative"},
}

// easyLookupPhrases are questions a website or a quick search answers; an
// informational interview is for what only the person can tell.
var easyLookupPhrases = []phrase{
	{g: gEasyLookup, p: "what does|do your|the company|organization|organisation|firm|agency|business|employer|nonprofit|startup|corporation do [exactly|specifically] $"},
	{g: gEasyLookup, p: "how many employees|offices|locations|branches|countries|stores|subsidiaries|clients|customers|members"},
	{g: gEasyLookup, p: "how many people work|are ~3 company|organization|organisation|firm|agency|employer|business"},
	{g: gEasyLookup, p: "how big|large is your|the company|organization|organisation|firm|agency|business"},
	{g: gEasyLookup, p: "where is|are ~3 headquartered|headquarters|based|located"},
	{g: gEasyLookup, p: "what is|what's your|the company's|organization's|organisation's|firm's|agency's [official] mission|revenue|revenues|headquarters|size|history|slogan|ticker"},
	{g: gEasyLookup, p: "when|year was|were ~3 founded|established|incorporated"},
	{g: gEasyLookup, p: "who founded|owns|started [the|your] company|organization|organisation|firm|agency|business"},
	{g: gEasyLookup, p: "who is|are|was ~2 ceo|founder|founders|president|owner|owners|chairman|chair"},
	{g: gEasyLookup, p: "what products|services ~3 offer|sell|make|provide|produce"},
	{g: gEasyLookup, p: "is|are ~3 publicly traded|listed"},
	{g: gEasyLookup, p: "is|are ~3 a|an public|nonprofit|non|private [company|organization|firm|profit]"},
	{g: gEasyLookup, p: "what ~2 does ~3 stand for"},
	{g: gEasyLookup, p: "what is|what's your|the ~1 address|website|url"},
}

// openFormPhrases start a question that is yes/no in form but open in
// practice: nobody answers "Could you tell me about your path?" with "yes".
// They are matched only at the start of a question.
var openFormPhrases = []phrase{
	{g: gOpenForm, p: "could|would|can|will you [please] [briefly] [kindly] tell|describe|explain|share|walk|talk|say|give|elaborate|outline|paint|expand|list|name|suggest|recommend|compare|help|offer|speak|discuss|reflect|characterize|summarize|identify|introduce|point|take|think|sketch"},
	{g: gOpenForm, p: "would|could you be willing|able to [tell|share|describe|explain|walk|talk|suggest|recommend|introduce]"},
	{g: gOpenForm, p: "is|are there any|anyone|anybody|anything|someone|somebody|other|some|particular|specific|people"},
	{g: gOpenForm, p: "do|did|would|could you have any|some"},
	{g: gOpenForm, p: "do|would|could|can you know|recommend|suggest anyone|someone|anybody|somebody|any|other|others|people|a|an|some"},
	{g: gOpenForm, p: "may|can|could|might i use|mention|give your|you"},
	{g: gOpenForm, p: "may|can|could|might i ~3 your name"},
	{g: gOpenForm, p: "would|do you mind if i"},
}
