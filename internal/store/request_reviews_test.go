package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// An advisor marks a request sent over the checker reviewed: it leaves the
// review list, is counted among the reviewed, and is audited once however
// many advisors mark it at the same moment.
func TestARequestSentOverTheCheckerIsMarkedReviewedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		set := requestRules(t, db)
		sam := studentAccount(t, db, "sam@westlake.edu")
		dana := volunteer(t, db, "dana@example.com", model.VolunteerProfile{DisplayName: "Dana Brown", MonthlyCapacity: 3})
		eli := volunteer(t, db, "eli@example.com", model.VolunteerProfile{DisplayName: "Eli Novak", MonthlyCapacity: 3})
		farah := volunteer(t, db, "farah@example.com", model.VolunteerProfile{DisplayName: "Farah Haddad", MonthlyCapacity: 3})
		jobAsk := []etiquette.Finding{{Rule: "job_ask", Severity: etiquette.Error, Message: "asks for a job"}}
		send := func(to int64, field string, findings []etiquette.Finding, why string) center.Request {
			t.Helper()
			d := draftTo(sam, to, field)
			d.Override = why
			r, err := db.Store.SendRequest(ctx, set, d, findings, now)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		toDana := send(dana, "Urban planning", jobAsk, "Dana asked me to write")
		toEli := send(eli, "Data science", jobAsk, "I ask how hiring works, not for a job")
		plain := send(farah, "Public policy", nil, "")

		ada := model.Actor{ID: db.Owner, Name: "admin@westlake.edu"}
		if err := db.Store.MarkReviewed(ctx, plain.ID, ada, now); !errors.Is(err, store.ErrNotFlagged) || !errors.Is(err, store.ErrConflict) {
			t.Errorf("marking a request not sent over the checker: %v", err)
		}
		if err := db.Store.MarkReviewed(ctx, toEli.ID+100, ada, now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("marking a missing request: %v", err)
		}

		errs := race(func(int) error { return db.Store.MarkReviewed(ctx, toDana.ID, ada, now.Add(time.Minute)) })
		for _, err := range errs {
			if err != nil {
				t.Fatalf("marking a request reviewed at once: %v", err)
			}
		}
		listed, reviewed, err := db.Store.FlaggedRequests(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(listed) != 1 || listed[0].ID != toEli.ID || reviewed != 1 {
			t.Errorf("after marking Dana's: listed %v, %d reviewed; want Eli's alone and 1", ids(listed), reviewed)
		}
		marks := 0
		for _, a := range auditActions(t, db.Store) {
			if a == "request.review" {
				marks++
			}
		}
		if marks != 1 {
			t.Errorf("%d audit entries for one review, want 1", marks)
		}

		// A reviewed request that is then reported leaves the count: it
		// is among the reported ones now.
		if _, _, err := db.Store.StepRequest(ctx, set, toDana.ID, dana, center.Step{Action: center.ActReport, By: center.ActorVolunteer,
			At: now.Add(time.Hour), Text: "asked me for a job"}); err != nil {
			t.Fatal(err)
		}
		if _, reviewed, err := db.Store.FlaggedRequests(ctx); err != nil || reviewed != 0 {
			t.Errorf("a reported request still counted as reviewed: %d, %v", reviewed, err)
		}
	})
}

func ids(reqs []center.Request) []int64 {
	var out []int64
	for _, r := range reqs {
		out = append(out, r.ID)
	}
	return slices.Clip(out)
}
