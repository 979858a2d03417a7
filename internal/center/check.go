package center

import "github.com/ally-dev/ally/internal/method/etiquette"

// CheckContext is what the etiquette checker knows of a request besides
// its text: a first request, written in Ally (a message, not an email with
// a subject), to the volunteer named, with what the student shares with
// them (the first thing the directory found in common; empty for none)
// and the minutes asked.
func CheckContext(volunteer, commonality string, minutes int) etiquette.Context {
	return etiquette.Context{Channel: etiquette.Social, Kind: etiquette.FirstRequest, ContactName: volunteer,
		Commonality: commonality, Minutes: minutes}
}
