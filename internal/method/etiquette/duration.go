package etiquette

import (
	"strconv"
	"strings"
)

// duration is a length of time named in the text, such as "20 minutes",
// "15-20 min", "half an hour" or "a couple of hours".
type duration struct {
	minutes    int  // the upper bound asked for; 0 when vague
	vague      bool // "a few minutes", "minutes of your time": no bound given
	start, end int  // byte span
}

var numberWords = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "ninety": 90, "couple": 2,
	// Dutch: "een kwartiertje", "twintig minuten".
	"een": 1, "twee": 2, "drie": 3, "vijf": 5, "tien": 10, "vijftien": 15, "twintig": 20, "dertig": 30,
	// Spanish, Portuguese, French, German and Italian, as far as a short
	// meeting goes ("veinte minutos", "zwanzig Minuten", "vingt minutes").
	"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cinco": 5, "diez": 10, "quince": 15, "veinte": 20,
	"veinticinco": 25, "treinta": 30, "cuarenta": 40, "sesenta": 60, "noventa": 90,
	"um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "dez": 10, "vinte": 20, "trinta": 30, "quarenta": 40, "sessenta": 60,
	"une": 1, "deux": 2, "trois": 3, "cinq": 5, "dix": 10, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "soixante": 60,
	"ein": 1, "eine": 1, "einer": 1, "einen": 1, "zwei": 2, "drei": 3, "fünf": 5, "zehn": 10, "fünfzehn": 15, "zwanzig": 20,
	"dreißig": 30, "dreissig": 30, "vierzig": 40, "sechzig": 60, "neunzig": 90,
	"due": 2, "tre": 3, "dieci": 10, "quindici": 15, "venti": 20, "venticinque": 25, "trenta": 30, "quaranta": 40, "sessanta": 60,
}

// aboutAmounts are a round number "of" a unit: "a couple of hours", "una
// ventina di minuti", "une vingtaine de minutes", "un quart d'heure".
var aboutAmounts = map[string]float64{
	"couple": 2, "ventina": 20, "decina": 10, "quindicina": 15, "trentina": 30, "veintena": 20, "quincena": 15,
	"vingtaine": 20, "dizaine": 10, "quinzaine": 15, "trentaine": 30, "quart": 0.25, "quarto": 0.25,
}

// ofWords join such an amount to its unit.
var ofWords = map[string]bool{"of": true, "de": true, "di": true, "d'": true}

// halfWords are half the unit after them: "half hour", "media hora", "meia
// hora", "mezza ora", "demi-heure", "halbe Stunde".
var halfWords = map[string]bool{"half": true, "media": true, "meia": true, "mezza": true, "demi": true, "halbe": true, "halben": true}

// elidedAmounts are the amount an elided article or "half" gives the unit
// it is glued to: "un'ora", "mezz'ora".
var elidedAmounts = map[string]float64{"un": 1, "mezz": 0.5, "mezz'": 0.5}

var tensWords = map[string]bool{"twenty": true, "thirty": true, "forty": true, "fifty": true}

// vagueAmounts name a number of minutes without bounding it.
var vagueAmounts = map[string]bool{"few": true, "several": true, "some": true, "many": true,
	"unos": true, "unas": true, "algunos": true, "pocos": true, "alguns": true, "poucos": true, "uns": true,
	"quelques": true, "paar": true, "einige": true, "wenige": true, "alcuni": true, "qualche": true, "pochi": true}

// abbreviatedUnits are units that, without a number, are more likely
// something else: "HR" is human resources.
var abbreviatedUnits = map[string]bool{"hr": true, "hrs": true, "min": true, "mins": true, "mn": true}

// unitMinutes recognizes a time unit, alone ("minutes") or glued to a
// number ("20min"), and returns its length in minutes and the glued number.
func unitMinutes(w string) (unit float64, glued string) {
	digits := 0
	for digits < len(w) && (w[digits] >= '0' && w[digits] <= '9' || w[digits] == '.') {
		digits++
	}
	switch w[digits:] {
	case "minute", "minutes", "min", "mins", "mn",
		"minuto", "minutos", "minutitos", "minutinhos", "minuti", "minuten":
		return 1, w[:digits]
	case "hour", "hours", "hr", "hrs", "h",
		"hora", "horas", "heure", "heures", "stunde", "stunden", "std", "ora", "ore", "uur", "uurtje":
		if digits == 0 && w == "h" {
			return 0, ""
		}
		return 60, w[:digits]
	case "kwartier", "kwartiertje", "viertelstunde", "viertelstündchen":
		return 15, w[:digits] // "een kwartiertje", "eine Viertelstunde": a quarter of an hour
	}
	return 0, ""
}

func parseNumber(w string) (float64, bool) {
	if v, ok := numberWords[w]; ok {
		return v, true
	}
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64)
	return v, err == nil
}

// findDurations lists the lengths of time named in tokens [t0, t1).
// Lengths that describe something other than the meeting are skipped: "three
// hours a week", "two hours ago", "within 12 hours".
func findDurations(a *analysis, t0, t1 int) []duration {
	var out []duration
	toks := a.toks
	same := func(i, k int) bool { return i >= t0 && i < t1 && toks[i].sent == toks[k].sent }
	for k := t0; k < t1; k++ {
		unit, glued := unitMinutes(toks[k].norm)
		elided, elidedOf := 0.0, false
		if unit == 0 && strings.IndexByte(toks[k].norm, '\'') > 0 {
			// "un'ora", "mezz'ora", "d'heure"
			head, rest, _ := strings.Cut(toks[k].norm, "'")
			if unit, glued = unitMinutes(rest); unit != 0 {
				elided, elidedOf = elidedAmounts[head], head == "d"
			}
		}
		if unit == 0 {
			continue
		}
		from := k
		amount, known, vague := 0.0, false, false
		if glued != "" {
			amount, known = parseNumber(glued)
		} else if elided > 0 {
			amount, known = elided, true
		} else if j := k - 1; same(j, k) {
			w := toks[j].norm
			switch {
			case elidedOf && aboutAmounts[w] > 0: // "un quart d'heure"
				amount, known, from = aboutAmounts[w], true, j
			case halfWords[w]: // "half hour", "media hora"
				amount, known, from = 0.5, true, j
			case ofWords[w] && same(j-1, k) && aboutAmounts[toks[j-1].norm] > 0:
				amount, known, from = aboutAmounts[toks[j-1].norm], true, j-1
			case vagueAmounts[w]:
				vague, from = true, j
			default:
				if v, ok := parseNumber(w); ok {
					amount, known, from = v, true, j
					if same(j-1, k) && tensWords[toks[j-1].norm] && v < 10 {
						amount, from = amount+numberWords[toks[j-1].norm], j-1 // "forty five"
					}
					if (w == "a" || w == "an") && same(j-1, k) && toks[j-1].norm == "half" {
						amount, from = 0.5, j-1 // "half an hour"
					}
					// A range: "15-20 minutes", "15 to 20 minutes". The
					// number nearest the unit is the upper bound.
					if same(from-1, k) {
						if _, ok := parseNumber(toks[from-1].norm); ok && toks[from-1].norm != "a" && toks[from-1].norm != "an" {
							from--
						} else if c := toks[from-1].norm; (c == "to" || c == "or") && same(from-2, k) {
							if _, ok := parseNumber(toks[from-2].norm); ok {
								from -= 2
							}
						}
					}
				}
			}
		}
		if same(from-1, k) && toks[from-1].norm == "a" && (toks[from].norm == "couple" || toks[from].norm == "few") {
			from-- // "a couple of hours", "a few minutes"
		}
		if !known && !vague && abbreviatedUnits[toks[k].norm] {
			continue // "pass my resume along to HR": an abbreviation counts only after a number
		}
		if !known && !vague && unit == 60 && (k+1 >= t1 || toks[k+1].norm != "of") {
			continue // "story hour", "the required clinical hours": no time asked for
		}
		if !known && !vague {
			vague = unit == 1 // "minutes of your time"
			if unit == 60 {
				amount, known = 2, true // "hours of your time"
			}
		}
		end := k + 1
		if same(k+3, k) && toks[k+1].norm == "and" && toks[k+2].norm == "a" && toks[k+3].norm == "half" {
			amount += 0.5
			end = k + 4
		}
		if describesSomethingElse(a, from, end, t0, t1) {
			continue
		}
		if vague && unit == 60 {
			vague, amount = false, 3 // "a few hours" is no short meeting
		}
		d := duration{vague: vague, start: toks[from].start, end: toks[end-1].end}
		if !vague {
			d.minutes = int(amount*unit + 0.5)
		}
		out = append(out, d)
	}
	return out
}

// spendAsked reports whether "spend" at k asks for the reader's time: a
// modal before it ("could I spend", "may we spend") or "to" after a wish or
// a modal ("I'd love to spend", "would it be possible to spend"), not a
// habit told ("I spend twenty hours a week", "we usually spend").
func spendAsked(toks []token, k, t0 int) bool {
	for j := k - 1; j >= max(t0, k-3) && toks[j].sent == toks[k].sent; j-- {
		switch toks[j].norm {
		case "could", "can", "may", "might", "would", "to":
			return true
		case "usually", "often", "always", "normally", "typically", "already", "now", "currently", "spend":
			return false
		}
	}
	return false
}

func describesSomethingElse(a *analysis, from, end, t0, t1 int) bool {
	toks := a.toks
	if from-1 >= t0 && toks[from-1].sent == toks[from].sent {
		if toks[from-1].norm == "spend" && from-2 >= t0 && spendAsked(toks, from-1, t0) {
			return false // "could I spend a couple of hours with you", "I'd love to spend two hours": asked, not put in
		}
		switch toks[from-1].norm {
		case "within", "every", "each", "past", "last", "after", "before",
			// time the writer has put in: "I've logged ninety hours"
			"logged", "clocked", "flown", "worked", "completed", "volunteered", "accumulated", "spent", "spend",
			// "hace 20 minutos", "cada hora", "chaque heure", "vor zwanzig Minuten", "ogni ora"
			"hace", "cada", "chaque", "jede", "jeden", "jeder", "vor", "seit", "ogni", "depuis", "desde":
			return true
		}
	}
	if end < t1 && toks[end].sent == toks[from].sent {
		switch toks[end].norm {
		case "ago", "later", "away", "drive", "flight", "notice",
			"fa", "atrás", "atras", "später", "dopo", "después", "despues", "depois": // "20 minuti fa", "20 Minuten später"
			return true
		case "a", "per", "each", "every", "por", "par", "pro", "al", "alla", "à":
			if end+1 < t1 {
				switch toks[end+1].norm {
				case "day", "week", "month", "year", "night", "shift", "semester",
					"semana", "día", "dia", "mes", "mês", "semaine", "jour", "mois", "woche", "tag", "monat", "settimana", "giorno", "mese":
					return true
				}
			}
		}
	}
	return false
}
