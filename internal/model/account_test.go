package model

import (
	"slices"
	"testing"
)

func TestParseDomains(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		bad  bool
	}{
		{"", []string{}, false},
		{" , ", []string{}, false},
		{"Westlake.EDU", []string{"westlake.edu"}, false},
		{"alumni.westlake.edu, @westlake.edu,westlake.edu", []string{"alumni.westlake.edu", "westlake.edu"}, false},
		{"westlake", nil, true},
		{"west lake.edu", nil, true},
		{"-west.edu", nil, true},
		{"west..edu", nil, true},
		{"sam@westlake.edu", nil, true},
	} {
		got, err := ParseDomains(tc.in)
		if tc.bad {
			if es := AsErrors(err); len(es) != 1 || es[0].Field != "signup_domains" {
				t.Errorf("ParseDomains(%q) = %v, %v; want an error on signup_domains", tc.in, got, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseDomains(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseRoles(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Role
		bad  bool
	}{
		{"student", []Role{RoleStudent}, false},
		{"Advisor, student,student", []Role{RoleStudent, RoleAdvisor}, false},
		{"volunteer,advisor,student", []Role{RoleStudent, RoleVolunteer, RoleAdvisor}, false},
		{"", nil, true},
		{"teacher", nil, true},
		{"student,dean", nil, true},
	} {
		got, err := ParseRoles(tc.in)
		if tc.bad != (err != nil) || !slices.Equal(got, tc.want) {
			t.Errorf("ParseRoles(%q) = %v, %v", tc.in, got, err)
		}
	}
}
