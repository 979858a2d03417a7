package auth

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"
)

// MinPasswordLength is the fewest characters a password may have.
const MinPasswordLength = 10

// MaxPasswordLength bounds the work one sign-in can ask of the server.
const MaxPasswordLength = 256

// minScore is zxcvbn's score (0 to 4) a password needs: 3 means "safely
// unguessable" against an online attack slowed by rate limits and a
// moderately slow hash.
const minScore = 3

// A PolicyError says in plain words why a password was refused.
type PolicyError struct{ Reason string }

func (e *PolicyError) Error() string { return e.Reason }

// CheckPassword refuses a password that is too short, too long, or easy to
// guess: among the most common passwords, a keyboard pattern, or made of
// the user's own name or email. name and email are the account's.
func CheckPassword(password, name, email string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return &PolicyError{"The password contains characters that are not text."}
	case n < MinPasswordLength:
		return &PolicyError{"The password is too short: use at least 10 characters (a few unrelated words make a good one)."}
	case len(password) > MaxPasswordLength:
		return &PolicyError{"The password is too long: use at most 256 characters."}
	}
	inputs := userInputs(name, email)
	if withoutOwnWords(password, inputs) != strings.ToLower(password) {
		// zxcvbn counts the user's words as cheap guesses but may still
		// pass "adaadmin2026" for Ada Admin; what is left once they are
		// taken out must be strong on its own.
		rest := withoutOwnWords(password, inputs)
		if zxcvbn.PasswordStrength(rest, nil).Score < minScore {
			return &PolicyError{"The password is too easy to guess: it is made from your name or email. Try a few unrelated words."}
		}
	}
	res := zxcvbn.PasswordStrength(password, inputs)
	if res.Score >= minScore {
		return nil
	}
	return &PolicyError{"The password is too easy to guess: " + weakness(res.Sequence) + ". Try a few unrelated words."}
}

// withoutOwnWords is the password, lower-cased, with every word of the
// user's own (longest first) taken out.
func withoutOwnWords(password string, inputs []string) string {
	words := slices.Clone(inputs)
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	rest := strings.ToLower(password)
	for _, w := range words {
		rest = strings.ReplaceAll(rest, w, "")
	}
	return rest
}

// userInputs are the words of the user's name and email, which a guesser
// who knows the user would try first.
func userInputs(name, email string) []string {
	var out []string
	add := func(s string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if len(w) >= 3 {
				out = append(out, w)
			}
		}
	}
	add(name)
	add(email)
	if e := strings.ToLower(strings.TrimSpace(email)); e != "" {
		out = append(out, e)
		if at := strings.IndexByte(e, '@'); at > 0 {
			out = append(out, e[:at])
		}
	}
	return out
}

// weakness names the most telling reason among the matches zxcvbn found.
func weakness(seq []*match.Match) string {
	has := func(pred func(*match.Match) bool) bool {
		for _, m := range seq {
			if pred(m) {
				return true
			}
		}
		return false
	}
	switch {
	case has(func(m *match.Match) bool { return m.Pattern == "dictionary" && m.DictionaryName == "user_inputs" }):
		return "it is made from your name or email"
	case has(func(m *match.Match) bool { return m.Pattern == "dictionary" && m.DictionaryName == "passwords" }):
		return "it is one of the most common passwords, or close to one"
	case has(func(m *match.Match) bool { return m.Pattern == "spatial" }):
		return "it follows a pattern of keys on the keyboard"
	case has(func(m *match.Match) bool { return m.Pattern == "repeat" || m.Pattern == "sequence" }):
		return "it repeats characters or runs in sequence (like abc or 123)"
	case has(func(m *match.Match) bool { return m.Pattern == "date" }):
		return "it is built around a date"
	case has(func(m *match.Match) bool { return m.Pattern == "dictionary" }):
		return "it is a common word or name"
	}
	return "it is too short for the kinds of characters it uses"
}
