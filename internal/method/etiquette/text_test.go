package etiquette

import (
	"slices"
	"testing"
)

func sentencesOf(a *analysis) []string {
	var out []string
	for _, s := range a.sents {
		out = append(out, a.text[s.start:s.end])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"titles and initials", "Dr. J. Smith wrote. Ms. Lopez replied!", []string{"Dr. J. Smith wrote.", "Ms. Lopez replied!"}},
		{"e.g. and decimals", "Some fields, e.g. law, pay 1.5 times more. Really?", []string{"Some fields, e.g. law, pay 1.5 times more.", "Really?"}},
		{"curly quote after the period", "She said “no.” Are you sure?", []string{"She said “no.", "Are you sure?"}},
		{"ellipsis and ?!", "Well... Are you hiring?! Fine.", []string{"Well...", "Are you hiring?!", "Fine."}},
		{"salutation line", "Dear Maria,\nI am writing.", []string{"Dear Maria", "I am writing."}},
		{"hard-wrapped sentence", "I would\nlove to talk.", []string{"I would\nlove to talk."}},
		{"blank line", "no punctuation here\n\nnext paragraph", []string{"no punctuation here", "next paragraph"}},
		{"address", "maria@example.org is mine.", []string{"maria@example.org is mine."}},
		{"full-width and Arabic marks", "您好！可以聊15分钟吗？谢谢。هل يمكن؟ Thanks", []string{"您好！", "可以聊15分钟吗？", "谢谢。", "هل يمكن؟", "Thanks"}},
	}
	for _, tt := range tests {
		if got := sentencesOf(analyze(tt.text, false)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: sentences = %q, want %q", tt.name, got, tt.want)
		}
	}
	if a := analyze("可以聊15分钟吗？谢谢。", false); len(a.sents) != 2 || !a.sents[0].question || a.sents[1].question {
		t.Errorf("full-width question mark: sentences %v", a.sents)
	}
	a := analyze("Is it? Yes. Why", false)
	if q := []bool{a.sents[0].question, a.sents[1].question, a.sents[2].question}; !slices.Equal(q, []bool{true, false, false}) {
		t.Errorf("question flags = %v", q)
	}
}

func TestTokens(t *testing.T) {
	a := analyze("I’m RÉSUMÉ-ready: don't 15-20min, Joe's.", false)
	var got []string
	for _, tk := range a.toks {
		got = append(got, tk.norm)
	}
	want := []string{"i'm", "resume", "ready", "don't", "15", "20min", "joe's"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
	// Clauses split at the colon and the comma.
	if a.toks[0].clause == a.toks[3].clause || a.toks[3].clause != a.toks[5].clause || a.toks[5].clause == a.toks[6].clause {
		t.Errorf("clauses = %v", a.toks)
	}
}

func TestSubjectAndSignature(t *testing.T) {
	tests := []struct {
		name, text, subject, body string
	}{
		{"email", "\n Subject: Joe suggested I contact you \nHi,\nBody here.\n\nBest regards,\nDana\n555-0100",
			"Joe suggested I contact you", "Hi,\nBody here.\n\n"},
		{"no subject", "Hi,\nBody.\nThanks,\nDana", "", "Hi,\nBody.\n"},
		{"closing and name on one line", "Body.\nThanks, Dana", "", "Body.\n"},
		{"thanks that is a sentence stays in the body", "Body.\nThanks, that was a great help.\nDana", "", "Body.\nThanks, that was a great help.\nDana"},
		{"dash-dash separator", "Body.\n-- \nDana\nBest, the team", "", "Body.\n"},
		{"an opening thank-you is not a signature", "Thank you!\nIt was great.", "", "Thank you!\nIt was great."},
		{"subject: inside the body is not a subject", "Hello.\nSubject: x", "", "Hello.\nSubject: x"},
		{"French subject, space before the colon", "Objet : Merci pour notre échange\nBonjour,\nCorps.\n", "Merci pour notre échange", "Bonjour,\nCorps.\n"},
		{"German subject", "Betreff: Vielen Dank\nHallo,\nText.\n", "Vielen Dank", "Hallo,\nText.\n"},
		{"Spanish subject", "Asunto: Gracias por su tiempo\nHola,\nTexto.\n", "Gracias por su tiempo", "Hola,\nTexto.\n"},
		{"Italian and Portuguese subjects", "oggetto:Un aggiornamento\nCiao.\n", "Un aggiornamento", "Ciao.\n"},
		{"a word that starts like a label is no label", "Objetivo: aprender.\nHola.\n", "", "Objetivo: aprender.\nHola.\n"},
	}
	for _, tt := range tests {
		a := analyze(tt.text, true)
		subject := ""
		if a.hasSubject {
			subject = tt.text[a.subjStart:a.subjEnd]
		}
		if body := tt.text[a.bodyStart:a.bodyEnd]; subject != tt.subject || body != tt.body {
			t.Errorf("%s: subject %q body %q, want %q and %q", tt.name, subject, body, tt.subject, tt.body)
		}
	}
}

func TestBodyWords(t *testing.T) {
	a := analyze("Subject: not counted here\n\nA follow-up — “quoted” 20 min.\n\nBest,\nNot Counted", true)
	if n := len(a.bodyWords()); n != 5 {
		t.Errorf("body words = %d, want 5 (a dash alone is not a word, follow-up is one)", n)
	}
}

// A foreign subject that names the referrer with a referral word is the
// one the method asks for; an empty one is pointed at by its label.
func TestForeignSubjectNamesReferrer(t *testing.T) {
	ctx := Context{Kind: FirstRequest, ReferrerName: "Sophie Bernard"}
	for _, text := range []string{
		"Objet : Sophie Bernard m'a suggéré de vous contacter\n\nBonjour Madame,\nJe voudrais en savoir plus.\n",
		"Betreff: Sophie Bernard hat mir empfohlen, Sie zu kontaktieren\n\nGuten Tag,\nText.\n",
		"Oggetto: Sophie Bernard mi ha suggerito di contattarla\n\nGentile dottoressa,\nTesto.\n",
	} {
		for _, f := range Check(text, ctx) {
			if f.Rule == RuleSubjectNotReferrer {
				t.Errorf("%q: subject_not_referrer %q", text, f.Message)
			}
		}
	}
	text := "Objet : \n\nBonjour,\nTexte.\n"
	found := false
	for _, f := range Check(text, ctx) {
		if f.Rule == RuleSubjectNotReferrer {
			found = true
			if text[f.Start:f.End] != "Objet :" {
				t.Errorf("an empty subject points at %q, want the label", text[f.Start:f.End])
			}
		}
	}
	if !found {
		t.Error("an empty French subject with a referrer raised no subject_not_referrer")
	}
}
