package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		name, password string
		reason         string // a part of the refusal; "" means accepted
	}{
		{"short", "Xk9#qmZ", "too short"},
		{"nine characters", "Xk9#qmZ2v", "too short"},
		{"too long", strings.Repeat("ab1!", 65), "too long"},
		{"not text", "abc\xffdefghijk", "not text"},
		{"common password", "password123", "most common passwords"},
		{"common password with capitals", "Password1234", "most common passwords"},
		{"own name", "mariagonzalez", "your name or email"},
		{"own email", "mgonzalez@westlake.edu", "your name or email"},
		{"keyboard walk", "qwertyuiop[]", "keyboard"},
		{"repeats", "aaaaaaaaaaaa", "repeats characters"},
		{"unrelated words", "violet tractor harbour seventeen", ""},
		{"random", "t7#Kq!2xVbP9", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPassword(tc.password, "Maria Gonzalez", "mgonzalez@westlake.edu")
			if tc.reason == "" {
				if err != nil {
					t.Fatalf("refused %q: %v", tc.password, err)
				}
				return
			}
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("accepted %q (err %v), want a refusal saying %q", tc.password, err, tc.reason)
			}
			if !strings.Contains(pe.Reason, tc.reason) {
				t.Fatalf("refusal %q does not say %q", pe.Reason, tc.reason)
			}
		})
	}
}

func TestCheckPasswordUsesTheUsersOwnWords(t *testing.T) {
	// Strong for a stranger, guessable for someone who knows the user.
	pw := "quixoticpelican"
	if err := CheckPassword(pw, "Sam Lee", "sam@example.edu"); err != nil {
		t.Fatalf("%q refused for an unrelated user: %v", pw, err)
	}
	if err := CheckPassword(pw, "Quixotic Pelican", "qp@example.edu"); err == nil {
		t.Fatalf("%q accepted as the password of a user named after it", pw)
	}
}
