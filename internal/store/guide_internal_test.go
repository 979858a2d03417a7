package store

import "testing"

func TestOpeningProgramAndFieldWords(t *testing.T) {
	programs := []struct{ school, year, want string }{
		{"", "", ""},
		{"Riverbend State University", "", "a student at Riverbend State University"},
		{"Riverbend State University", "senior", "a senior at Riverbend State University"},
		{"Riverbend State University", "M.S. student", "an M.S. student at Riverbend State University"},
		{"Riverbend State University", "2027", "a student at Riverbend State University, class of 2027"},
		{"", "2027", "a student, class of 2027"},
		{"", "an alumna", "an alumna"},
		{" UMass ", " history junior ", "a history junior at UMass"},
	}
	for _, tt := range programs {
		if got := program(tt.school, tt.year); got != tt.want {
			t.Errorf("program(%q, %q) = %q, want %q", tt.school, tt.year, got, tt.want)
		}
	}
	fields := map[string]string{
		"Public policy": "public policy", "UX research": "UX research", "data journalism": "data journalism", "": "",
		"Équipe": "équipe",
	}
	for in, want := range fields {
		if got := inSentence(in); got != want {
			t.Errorf("inSentence(%q) = %q, want %q", in, got, want)
		}
	}
}
