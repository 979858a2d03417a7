package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestFiguresGroupsAreCompleteAndNotRecordedCannotCollide: by field every
// field a volunteer offers is a row, with zeros when no request asked
// about it; by major a major literally named "Unknown" and the students
// with no major are two groups (the latter's key null, shown "Not
// recorded", last); a group of students whose only student left is
// written with "students": 0, and a field's row has no students at all.
func TestFiguresGroupsAreCompleteAndNotRecordedCannotCollide(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		c := newFiguresCenter(t, db)
		// Gus offers two fields no one asked about.
		volunteer(t, db, "gus@example.com", model.VolunteerProfile{DisplayName: "Gus Ward", MonthlyCapacity: 1,
			Fields: []string{"Architecture", "Zoology"}})
		for id, majors := range map[int64][]string{c.sam: {"Unknown"}, c.ana: {"History"}} {
			p := model.StudentProfile{AccountID: id, Majors: majors}
			if err := db.Store.SaveStudentProfile(ctx, &p, now); err != nil {
				t.Fatal(err)
			}
		}
		// Ana, who sent two requests, leaves: History keeps its requests
		// and has no student left.
		if _, err := db.Store.SetStatus(ctx, "ana@westlake.edu", model.StatusDisabled, cli, now); err != nil {
			t.Fatal(err)
		}
		figures := func(by string) center.Figures { return c.figures(t, db, by) }

		byField := figures(center.ByField)
		type row struct {
			label          string
			sent, capacity int
		}
		var fields []row
		for _, g := range byField.By {
			fields = append(fields, row{g.Label, g.RequestsSent, g.CapacityOffered})
			if g.Students != nil {
				t.Errorf("field %s counts %d students", g.Label, *g.Students)
			}
		}
		// Two months (November, December) of capacity.
		want := []row{{"Law", 2, 0}, {"Urban Planning", 2, 4}, {"Architecture", 0, 2}, {"Zoology", 0, 2}}
		if !slices.Equal(fields, want) {
			t.Errorf("by field: %+v; want %+v", fields, want)
		}

		byMajor := figures(center.ByMajor)
		type major struct {
			key            any
			label          string
			sent, students int
		}
		var majors []major
		for _, g := range byMajor.By {
			var key any
			if g.Key != nil {
				key = *g.Key
			}
			majors = append(majors, major{key, g.Label, g.RequestsSent, count(g.Students)})
		}
		// Sam (Unknown) sent two, Ana (History, now gone) two; Kim has no
		// major.
		wantMajors := []major{{"History", "History", 2, 0}, {"Unknown", "Unknown", 2, 1}, {nil, center.NotRecorded, 0, 1}}
		if !slices.Equal(majors, wantMajors) {
			t.Errorf("by major: %+v; want %+v", majors, wantMajors)
		}

		out, err := json.Marshal(center.Report{Figures: byMajor})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"key":"History","label":"History"`, `"key":"Unknown","label":"Unknown"`,
			`"key":null,"label":"Not recorded"`} {
			if !strings.Contains(string(out), want) {
				t.Errorf("the JSON lacks %s:\n%s", want, out)
			}
		}
		var back struct {
			By []map[string]any `json:"by"`
		}
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatal(err)
		}
		if n, ok := back.By[0]["students"]; !ok || n != 0.0 {
			t.Errorf("History's students in JSON: %v (written %v); want 0", n, ok)
		}
		out, _ = json.Marshal(byField.By[0])
		if strings.Contains(string(out), `"students"`) {
			t.Errorf("a field's row counts students: %s", out)
		}
	})
}
