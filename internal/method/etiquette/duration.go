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
}

var tensWords = map[string]bool{"twenty": true, "thirty": true, "forty": true, "fifty": true}

// vagueAmounts name a number of minutes without bounding it.
var vagueAmounts = map[string]bool{"few": true, "several": true, "some": true, "many": true}

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
	case "minute", "minutes", "min", "mins", "mn":
		return 1, w[:digits]
	case "hour", "hours", "hr", "hrs", "h":
		if digits == 0 && w == "h" {
			return 0, ""
		}
		return 60, w[:digits]
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
		if unit == 0 {
			continue
		}
		from := k
		amount, known, vague := 0.0, false, false
		if glued != "" {
			amount, known = parseNumber(glued)
		} else if j := k - 1; same(j, k) {
			w := toks[j].norm
			switch {
			case w == "half": // "half hour"
				amount, known, from = 0.5, true, j
			case w == "of" && same(j-1, k) && toks[j-1].norm == "couple":
				amount, known, from = 2, true, j-1
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

func describesSomethingElse(a *analysis, from, end, t0, t1 int) bool {
	toks := a.toks
	if from-1 >= t0 && toks[from-1].sent == toks[from].sent {
		switch toks[from-1].norm {
		case "within", "every", "each", "past", "last", "after", "before",
			// time the writer has put in: "I've logged ninety hours"
			"logged", "clocked", "flown", "worked", "completed", "volunteered", "accumulated", "spent", "spend":
			return true
		}
	}
	if end < t1 && toks[end].sent == toks[from].sent {
		switch toks[end].norm {
		case "ago", "later", "away", "drive", "flight", "notice":
			return true
		case "a", "per", "each", "every":
			if end+1 < t1 {
				switch toks[end+1].norm {
				case "day", "week", "month", "year", "night", "shift", "semester":
					return true
				}
			}
		}
	}
	return false
}
