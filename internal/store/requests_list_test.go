package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

func TestListRequestsShowsEachViewWhatItMaySee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		ria := studentAccount(t, db, "ria@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3})
		eli := volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 3})

		toDana, err := db.Store.SendRequest(ctx, set, draftTo(sam, dana, "Urban planning"), nil, now)
		if err != nil {
			t.Fatal(err)
		}
		toEli, err := db.Store.SendRequest(ctx, set, draftTo(sam, eli, "Data science"), nil, now.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		riaToDana, err := db.Store.SendRequest(ctx, set, draftTo(ria, dana, "Public policy"), nil, now.Add(2*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		meeting := now.Add(50 * time.Hour)
		if _, _, err := db.Store.StepRequest(ctx, set, toDana.ID, dana, center.Step{Action: center.ActAccept, By: center.ActorVolunteer, At: now.Add(time.Hour), MeetingAt: meeting}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Store.StepRequest(ctx, set, riaToDana.ID, dana, center.Step{Action: center.ActReport, By: center.ActorVolunteer, At: now.Add(time.Hour), Text: "asked for my address"}); err != nil {
			t.Fatal(err)
		}

		list, err := db.Store.ListRequests(ctx, set, store.RequestQuery{ViewerID: sam, View: store.ViewStudent}, now.Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if list.Total != 2 || len(list.Requests) != 2 || list.Pending != 1 || list.Limit != set.MaxPendingPerStudent ||
			list.Counts[center.StateAccepted] != 1 || list.Counts[center.StatePending] != 1 {
			t.Fatalf("Sam's list: %+v", list)
		}
		pending, accepted := list.Requests[0], list.Requests[1] // newest first
		if pending.ID != toEli.ID || pending.Volunteer.Email != "" || pending.Volunteer.Name != "Eli Novak" || pending.Student.Email != "sam@westlake.edu" ||
			pending.ExpiresAt == nil || !pending.ExpiresAt.Equal(set.ExpiresAt(toEli)) || pending.MeetingAt != nil || pending.AnsweredAt != nil {
			t.Errorf("Sam's pending request: %+v", pending)
		}
		if accepted.ID != toDana.ID || accepted.Volunteer.Email != "dana@example.com" || accepted.MeetingAt == nil || !accepted.MeetingAt.Equal(meeting) ||
			accepted.ExpiresAt != nil || accepted.Field != "Urban planning" || accepted.Minutes != 20 || accepted.Channel != "video" {
			t.Errorf("Sam's accepted request: %+v", accepted)
		}

		// Dana sees Sam's email once she accepted, not Ria's (reported).
		list, err = db.Store.ListRequests(ctx, set, store.RequestQuery{ViewerID: dana, View: store.ViewVolunteer}, now.Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if list.Total != 2 || list.Limit != 0 || list.Requests[0].Student.Email != "" || list.Requests[1].Student.Email != "sam@westlake.edu" {
			t.Errorf("Dana's list: %+v", list)
		}
		// A state filter and pages.
		list, err = db.Store.ListRequests(ctx, set, store.RequestQuery{ViewerID: dana, View: store.ViewVolunteer, State: center.StateReported}, now)
		if err != nil || list.Total != 1 || len(list.Requests) != 1 || list.Requests[0].ID != riaToDana.ID || list.Counts[center.StateAccepted] != 1 {
			t.Errorf("Dana's reported requests: %+v, %v", list, err)
		}
		list, err = db.Store.ListRequests(ctx, set, store.RequestQuery{View: store.ViewAdvisor, PerPage: 2, Page: 2}, now)
		if err != nil || list.Total != 3 || list.Pages != 2 || len(list.Requests) != 1 || list.Requests[0].ID != toDana.ID ||
			list.Requests[0].Student.Email != "sam@westlake.edu" || list.Requests[0].Volunteer.Email != "dana@example.com" {
			t.Errorf("the advisors' second page: %+v, %v", list, err)
		}

		// One request: its words to its sides, to an advisor only when reported.
		item, err := db.Store.RequestFor(ctx, set, toEli.ID, sam, false)
		if err != nil || item.Detail == nil || item.Detail.Message != toEli.Message {
			t.Errorf("Sam's own request: %+v, %v", item, err)
		}
		if _, err := db.Store.RequestFor(ctx, set, toEli.ID, dana, false); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Dana read a request to Eli: %v", err)
		}
		if item, err := db.Store.RequestFor(ctx, set, toEli.ID, dana, true); err != nil || item.Detail.Message != "" || item.Student.Email == "" {
			t.Errorf("an advisor read a request's message: %+v, %v", item, err)
		}
		if item, err := db.Store.RequestFor(ctx, set, riaToDana.ID, sam, true); err != nil || item.Detail.Message == "" || item.Detail.Reason != "asked for my address" {
			t.Errorf("an advisor's view of a reported request: %+v, %v", item, err)
		}
		// The student it is about reads their own words, never the report's.
		if item, err := db.Store.RequestFor(ctx, set, riaToDana.ID, ria, false); err != nil || item.Detail.Message != riaToDana.Message || item.Detail.Reason != "" {
			t.Errorf("Ria's view of her reported request: %+v, %v", item, err)
		}
		if item, err := db.Store.RequestFor(ctx, set, riaToDana.ID, dana, false); err != nil || item.Detail.Reason != "asked for my address" {
			t.Errorf("Dana's view of the request she reported: %+v, %v", item, err)
		}
	})
}

func TestListRequestsPagesNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		var sent []int64
		for i := range 5 {
			v := volunteer(t, db, fmt.Sprintf("v%d@example.com", i), model.VolunteerProfile{DisplayName: fmt.Sprintf("Volunteer %d", i), MonthlyCapacity: 2})
			r, err := db.Store.SendRequest(ctx, set, draftTo(sam, v, fmt.Sprintf("Field %d", i)), nil, now.Add(time.Duration(i)*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			sent = append(sent, r.ID)
		}
		var seen []int64
		for page := 1; page <= 3; page++ {
			list, err := db.Store.ListRequests(ctx, set, store.RequestQuery{ViewerID: sam, View: store.ViewStudent, Page: page, PerPage: 2}, now)
			if err != nil || list.Pages != 3 || list.Pending != 5 {
				t.Fatalf("page %d: %+v, %v", page, list, err)
			}
			for _, r := range list.Requests {
				seen = append(seen, r.ID)
			}
		}
		if fmt.Sprint(seen) != fmt.Sprint([]int64{sent[4], sent[3], sent[2], sent[1], sent[0]}) {
			t.Errorf("pages gave %v, want %v newest first", seen, sent)
		}
		if _, err := db.Store.ListRequests(ctx, set, store.RequestQuery{ViewerID: sam}, now); err == nil {
			t.Error("a list with no view")
		}
	})
}
