package demo

import "github.com/ally-dev/ally/internal/method"

// StoryProfile fills the explorer's profile of the demo story into s where
// the user has none, so that drafts and opening statements read whole.
func StoryProfile(s *method.Settings) {
	if s.UserName == "" {
		s.UserName = "Sam Rivera"
	}
	if s.School == "" {
		s.School = "Riverbend State University"
	}
	if s.Year == "" {
		s.Year = "senior"
	}
	if s.Intro == "" {
		s.Intro = "I study environmental science with a minor in statistics, and I interned at the city's sustainability office last summer."
	}
}
