package model

import (
	"strings"
	"testing"
)

func TestValidateRefusesControlCharacters(t *testing.T) {
	tests := []struct {
		name  string
		p     Person
		field string // "" when valid
	}{
		{"plain text", Person{Name: "Ana Lima", Role: "Nurse\tpractitioner", Notes: "line one\r\nline two\n"}, ""},
		{"NUL in a name", Person{Name: "a\x00b"}, "name"},
		{"line end in a one-line field", Person{Name: "Ana", Role: "a\nb"}, "role"},
		{"escape in notes", Person{Name: "Ana", Notes: "x\x1b[31m"}, "notes"},
		{"DEL in a location", Person{Name: "Ana", Location: "Paris\x7f"}, "location"},
		{"C1 control in a phone", Person{Name: "Ana", Phone: "555\u0085"}, "phone"},
		{"NUL in a tag", Person{Name: "Ana", Tags: []string{"a\x00"}}, "tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			es := AsErrors(err)
			if len(es) != 1 || es[0].Field != tt.field || !strings.Contains(es[0].Message, "control character") {
				t.Fatalf("got %v, want one error on %s about a control character", err, tt.field)
			}
		})
	}
	for _, v := range []interface{ Validate() error }{
		&Field{Name: "Law", Target: 3, Why: "a\x00"},
		&Organization{Name: "Acme\x00"},
		&Conversation{Person: Ref{ID: 1}, Channel: Channels()[0], Minutes: 20, Place: "caf\x00"},
		&Activity{Person: Ref{ID: 1}, Kind: ActivityKinds()[0], Note: "\x00"},
	} {
		if err := v.Validate(); err == nil || !strings.Contains(err.Error(), "control character (U+0000)") {
			t.Errorf("%T with a NUL: %v", v, err)
		}
	}
}

func TestStripControl(t *testing.T) {
	tests := []struct {
		in        string
		multiline bool
		want      string
		removed   bool
	}{
		{"plain\ttext", false, "plain\ttext", false},
		{"a\x00b", false, "ab", true},
		{"two\nlines", false, "two lines", false},
		{"two\r\nlines\x00", true, "two\r\nlines", true},
		{"bell\a and DEL\x7f and C1\u009b", true, "bell and DEL and C1", true},
		{"Zoë 🚀", false, "Zoë 🚀", false},
	}
	for _, tt := range tests {
		got, removed := StripControl(tt.in, tt.multiline)
		if got != tt.want || removed != tt.removed {
			t.Errorf("StripControl(%q, %v) = %q, %v; want %q, %v", tt.in, tt.multiline, got, removed, tt.want, tt.removed)
		}
	}
}
