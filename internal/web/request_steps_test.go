package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// addVolunteer adds a volunteer to the directory, signing in with Sam's
// password: their id.
func addVolunteer(t *testing.T, db *storetest.DB, email string, p model.VolunteerProfile) int64 {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.NewHasher().Hash(samPassword)
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.Store.AddAccount(ctx, model.NewAccount{Email: email, Name: p.DisplayName, Roles: []model.Role{model.RoleVolunteer},
		PasswordHash: hash}, model.CLIActor(), pagesNow)
	if err != nil {
		t.Fatal(err)
	}
	p.AccountID = a.ID
	if p.MonthlyCapacity == 0 {
		p.MonthlyCapacity = 2
	}
	if err := db.Store.SaveVolunteerProfile(ctx, &p, &model.VolunteerContact{}, pagesNow); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// fieldError is how form.html shows a problem next to the field id.
func fieldError(id, msg string) string { return `<p class="field-error" id="` + id + `-error">` + msg }

func TestAdvisorsReadARequestsWordsOnlyOnceItIsReported(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sam, eli, ada := c.as(t, "sam@westlake.edu"), c.as(t, "eli@example.com"), c.as(t, "ada@westlake.edu")
		// Sent over the checker: flagged for an advisor, but its words
		// are still the two sides' own.
		form := requestValues(strings.ReplaceAll(jobRequest, "Dana", "Eli"))
		form.Set("field", "Urban planning")
		form.Set("purpose", "Whether planners shape transit")
		form.Set("override", "on")
		form.Set("override_why", "Eli invited me to apply")
		id := send(t, sam, c.eli, form)
		rp := "/requests/" + strconv.FormatInt(id, 10)
		eli.follow(rp+"/step", url.Values{"action": {"ask_more"}, "text": {"Which city are you in?"}})
		sam.follow(rp+"/step", url.Values{"action": {"answer"}, "text": {"Dayton, for now"}})
		page := readable(ada.get(rp).body)
		wantIn(t, "the advisor's view of a flagged request", page, "Request from Sam Lee to Eli Novak", "For an advisor’s review", "Eli invited me to apply", "Urban planning")
		for _, words := range []string{"openings on your team", "Whether planners shape transit", "Which city are you in?", "Dayton, for now"} {
			if strings.Contains(page, words) {
				t.Errorf("the advisor reads %q of a request that was not reported:\n%s", words, page)
			}
		}
		// The advisors' review lists it with the student's word, not its message.
		review := ada.get("/center/reported")
		flagged := readable(review.body[strings.Index(review.body, `id="flagged"`):])
		wantIn(t, "the requests sent over the checker", flagged, "Sent over the checker", "Sam Lee to Eli Novak", "Urban planning", "Eli invited me to apply", "Waiting for an answer")
		if strings.Contains(review.body, "openings on your team") || strings.Contains(review.body, "Whether planners shape transit") {
			t.Errorf("the review shows the message of a request not reported:\n%s", readable(review.body))
		}
		if p := readable(sam.get("/center/reported").body); strings.Contains(p, "Eli invited me to apply") {
			t.Errorf("a student reads the advisors' review:\n%s", p)
		}
		// A second request sent over the checker (to Dana), looked at and
		// marked reviewed, leaves the list; Eli's stays; the student may
		// not mark anything.
		danaForm := requestValues(jobRequest)
		danaForm.Set("override", "on")
		danaForm.Set("override_why", "Dana asked me to write")
		danaID := send(t, sam, c.dana, danaForm)
		reviewed := "/center/reported/" + strconv.FormatInt(danaID, 10) + "/reviewed"
		if r := sam.post(reviewed, url.Values{}); r.status != http.StatusForbidden {
			t.Errorf("a student marks a request reviewed: %d", r.status)
		}
		if r := ada.post("/center/reported/"+strconv.FormatInt(id, 10)+"9/reviewed", url.Values{}); r.status != http.StatusNotFound {
			t.Errorf("marking a missing request reviewed: %d", r.status)
		}
		review = ada.get("/center/reported")
		wantIn(t, "two requests sent over the checker", readable(review.body), "Dana asked me to write", "Eli invited me to apply", "Mark reviewed")
		done := ada.follow(reviewed, url.Values{})
		page = readable(done.body)
		wantIn(t, "the review after marking Dana's request", page, "Marked reviewed", "1 marked reviewed is no longer listed", "Eli invited me to apply")
		if strings.Contains(page, "Dana asked me to write") {
			t.Errorf("a reviewed request is still listed:\n%s", page)
		}
		if again := ada.follow(reviewed, url.Values{}); !strings.Contains(readable(again.body), "1 marked reviewed is no longer listed") {
			t.Errorf("marking it twice:\n%s", readable(again.body))
		}
		// Reported, the advisors read it all; the student does not read
		// what the volunteer told the advisors.
		eli.follow(rp+"/step", url.Values{"action": {"report"}, "text": {"Asks me for a job"}})
		wantIn(t, "the advisor's view of a reported request", readable(ada.get(rp).body),
			"openings on your team", "Whether planners shape transit", "Which city are you in?", "Dayton, for now", "Asks me for a job")
		review = ada.get("/center/reported")
		if flagged := readable(review.body[strings.Index(review.body, `id="flagged"`):]); !strings.Contains(flagged, "No request was sent over the checker that is still to review.") || strings.Contains(flagged, "Eli invited me to apply") {
			t.Errorf("a reported request is still among those sent over the checker:\n%s", flagged)
		}
		page = readable(sam.get(rp).body)
		wantIn(t, "Sam's view of the reported request", page, "Reported", "openings on your team")
		if strings.Contains(page, "Asks me for a job") {
			t.Errorf("Sam reads the report's words:\n%s", page)
		}
		// The API says the same: GET /api/v1/requests/{id} gives the
		// report's words to the volunteer and the advisors, not to Sam.
		api := "/api/v1/requests/" + strconv.FormatInt(id, 10)
		for who, b := range map[string]*browser{"Eli": eli, "an advisor": ada} {
			item := decodeAs[store.RequestItem](t, b.get(api), http.StatusOK)
			if item.State != center.StateReported || item.Detail == nil || item.Detail.Reason != "Asks me for a job" {
				t.Errorf("%s's API view of the reported request: %+v", who, item)
			}
		}
		mine := sam.get(api)
		item := decodeAs[store.RequestItem](t, mine, http.StatusOK)
		if item.State != center.StateReported || item.Detail == nil || !strings.Contains(item.Detail.Message, "openings on your team") ||
			item.Detail.Reason != "" || strings.Contains(mine.body, "Asks me for a job") {
			t.Errorf("Sam's API view of the reported request: %s", mine.body)
		}
	})
}

func TestAVolunteerAnswersARequestEachWayAndIsToldWhatIsWrong(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		flo := addVolunteer(t, db, "flo@example.com", model.VolunteerProfile{DisplayName: "Flo Park", Employer: "Brookings", Title: "Fellow", Fields: []string{"Public policy"}})
		addVolunteer(t, db, "gus@example.com", model.VolunteerProfile{DisplayName: "Gus Park", Employer: "Urban Institute", Title: "Analyst", Fields: []string{"Housing"}})
		sam, dana := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com")
		soon := pagesNow.Add(72 * time.Hour).Truncate(time.Hour)
		id := send(t, sam, c.dana, requestValues(goodAsk, soon))
		rp := "/requests/" + strconv.FormatInt(id, 10)
		step := func(b *browser, v url.Values) response { return b.post(rp+"/step", v) }

		// Accepting: a proposed time and another one at once, a time that
		// is not one proposed, a time that is no time.
		for _, tc := range []struct {
			v          url.Values
			where, msg string
		}{
			{url.Values{"choice": {soon.UTC().Format(time.RFC3339)}, "time": {"2026-11-25T10:00"}}, "s-accept-time", "Choose one of the times the student proposed, or write another, not both."},
			{url.Values{"choice": {soon.Add(time.Hour).UTC().Format(time.RFC3339)}}, "s-choice", "Choose one of the times the student proposed, or write another."},
			{url.Values{"time": {"next Tuesday"}}, "s-accept-time", "&#34;next Tuesday&#34; is not a date and time"},
			{url.Values{"time": {"2026-11-01T10:00"}}, "s-accept-time", "Sun 1 Nov 2026, 10:00 UTC has already passed; choose a time to come."},
		} {
			tc.v.Set("action", "accept")
			r := step(dana, tc.v)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError(tc.where, tc.msg)) {
				t.Errorf("accept with %v: %d, want the problem next to %s\n%s", tc.v, r.status, tc.where, readable(r.body))
			}
			if raw := tc.v.Get("time"); raw != "" && !strings.Contains(r.body, `value="`+raw+`"`) {
				t.Errorf("accept with %v: the time typed was not kept", tc.v)
			}
		}
		// Declining: no reason, own words left empty.
		if r := step(dana, url.Values{"action": {"decline"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError("s-reason", "Choose a reason")) {
			t.Errorf("a decline without a reason: %d\n%s", r.status, readable(r.body))
		}
		if r := step(dana, url.Values{"action": {"decline"}, "reason": {"own"}, "text": {"  "}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.body, fieldError("s-decline-text", "Write a word for the student")) || !strings.Contains(r.body, `value="own" checked`) {
			t.Errorf("a decline in no words: %d\n%s", r.status, readable(r.body))
		}
		// Asking for more: a question is needed; the student answers once,
		// and the clock keeps running.
		if r := step(dana, url.Values{"action": {"ask_more"}, "text": {""}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError("s-ask_more-text", "Write the question")) {
			t.Errorf("an empty question: %d\n%s", r.status, readable(r.body))
		}
		dana.follow(rp+"/step", url.Values{"action": {"ask_more"}, "text": {"Which part of policy?"}})
		page := readable(sam.get(rp).body)
		wantIn(t, "Sam asked for more", page, "Dana Brown asked", "Which part of policy?", "Send my answer", "Expires without an answer Wed 2 Dec 2026")
		if r := step(sam, url.Values{"action": {"answer"}, "text": {" "}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError("s-answer-text", "Write your answer")) {
			t.Errorf("an empty answer: %d\n%s", r.status, readable(r.body))
		}
		sam.follow(rp+"/step", url.Values{"action": {"answer"}, "text": {"Trade policy"}})
		if r := step(sam, url.Values{"action": {"answer"}, "text": {"And budgets"}}); r.status != http.StatusConflict {
			t.Errorf("a second answer: %d", r.status)
		}
		page = readable(dana.get(rp).body)
		wantIn(t, "Dana after the answer", page, "Answer: Trade policy", "Expires without an answer Wed 2 Dec 2026")
		if strings.Contains(page, "Ask for more") {
			t.Error("Dana may ask a second question")
		}
		// Referring: colleagues in the field with room are offered; a
		// name finds others; nobody, several, or someone not in the
		// directory is refused next to the field.
		r := dana.get(rp)
		if !strings.Contains(r.body, `value="`+strconv.FormatInt(flo, 10)+`"`) || !strings.Contains(readable(r.body), "Flo Park, Fellow at Brookings") ||
			strings.Contains(readable(r.body), "Gus Park") {
			t.Errorf("the colleagues offered:\n%s", readable(r.body))
		}
		for _, tc := range []struct {
			v          url.Values
			where, msg string
		}{
			{url.Values{}, "s-refer-to", "Choose the colleague"},
			{url.Values{"colleague": {"Zelda"}}, "s-refer-colleague", "Nobody else in the directory matches “Zelda”"},
			{url.Values{"colleague": {"Park"}}, "s-refer-to", "Several colleagues match “Park”: choose one."},
			{url.Values{"refer_to": {strconv.FormatInt(c.samID, 10)}}, "s-refer-to", "Choose a colleague from the list"},
			{url.Values{"refer_to": {strconv.FormatInt(c.dana, 10)}}, "s-refer-to", "Choose a colleague from the list"},
		} {
			tc.v.Set("action", "refer")
			tc.v.Set("text", "She knows trade")
			r := step(dana, tc.v)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError(tc.where, tc.msg)) || !strings.Contains(r.body, "She knows trade") {
				t.Errorf("refer with %v: %d, want the problem next to %s\n%s", tc.v, r.status, tc.where, readable(r.body))
			}
			if tc.v.Get("colleague") == "Park" && !strings.Contains(readable(r.body), "Gus Park, Analyst at Urban Institute") {
				t.Errorf("the matches are not offered:\n%s", readable(r.body))
			}
		}
		dana.follow(rp+"/step", url.Values{"action": {"refer"}, "colleague": {"Brookings"}, "text": {"She knows trade"}})
		r = sam.get(rp)
		wantIn(t, "Sam after the referral", readable(r.body), "Referred", "Dana Brown suggests you write to Flo Park: “She knows trade”")
		if !strings.Contains(r.body, `<a href="/directory/`+strconv.FormatInt(flo, 10)+`">Flo Park</a>`) {
			t.Errorf("no link to Flo's card:\n%s", r.body)
		}
	})
}

func TestAReferralGoesOnlyToAColleagueWhoCanTakeIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		later := pagesNow.AddDate(0, 2, 0)
		hal := addVolunteer(t, db, "hal@example.com", model.VolunteerProfile{DisplayName: "Hal Stone", Employer: "Acme Policy", Title: "Fellow",
			Fields: []string{"Public policy"}, PausedUntil: &later})
		ivy := addVolunteer(t, db, "ivy@example.com", model.VolunteerProfile{DisplayName: "Ivy Stone", Employer: "Acme Policy", Title: "Economist",
			Fields: []string{"Public policy"}, MonthlyCapacity: 1})
		jo := addVolunteer(t, db, "jo@example.com", model.VolunteerProfile{DisplayName: "Jo Stone", Employer: "Acme Policy", Title: "Analyst",
			Fields: []string{"Public policy"}})
		sam, tina, dana := c.as(t, "sam@westlake.edu"), c.as(t, "tina@westlake.edu"), c.as(t, "dana@example.com")
		// Ivy used her one conversation this month.
		toIvy := send(t, tina, ivy, requestValues(strings.ReplaceAll(goodAsk, "Dana", "Ivy")))
		c.as(t, "ivy@example.com").follow("/requests/"+strconv.FormatInt(toIvy, 10)+"/step", url.Values{"action": {"accept"}})
		id := send(t, sam, c.dana, requestValues(goodAsk))
		rp := "/requests/" + strconv.FormatInt(id, 10)

		// Offered: the colleagues in the field who can take it.
		page := dana.get(rp).body
		if !strings.Contains(page, `value="`+strconv.FormatInt(jo, 10)+`"`) || strings.Contains(page, `value="`+strconv.FormatInt(hal, 10)+`"`) ||
			strings.Contains(page, `value="`+strconv.FormatInt(ivy, 10)+`"`) {
			t.Errorf("the colleagues offered:\n%s", readable(page))
		}
		// Chosen anyway (a form loaded before they filled up, say), or
		// found by name: refused next to the field, what was typed kept.
		for _, tc := range []struct {
			v          url.Values
			where, msg string
		}{
			{url.Values{"refer_to": {strconv.FormatInt(hal, 10)}}, "s-refer-to", "Hal Stone is taking a break: choose a colleague who can take the request now."},
			{url.Values{"refer_to": {strconv.FormatInt(ivy, 10)}}, "s-refer-to", "Ivy Stone has no room for a request now: choose a colleague who can take it."},
			{url.Values{"colleague": {"Hal"}}, "s-refer-colleague", "Nobody who matches “Hal” can take a request now"},
			{url.Values{"colleague": {"Ivy Stone"}}, "s-refer-colleague", "Nobody who matches “Ivy Stone” can take a request now"},
		} {
			tc.v.Set("action", "refer")
			tc.v.Set("text", "She knows trade")
			r := dana.post(rp+"/step", tc.v)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError(tc.where, tc.msg)) || !strings.Contains(r.body, "She knows trade") {
				t.Errorf("refer with %v: %d, want the problem next to %s\n%s", tc.v, r.status, tc.where, readable(r.body))
			}
		}
		if got, err := db.Store.Request(context.Background(), id); err != nil || got.State != center.StatePending || got.ReferredTo != 0 {
			t.Errorf("a refused referral changed the request: %+v, %v", got, err)
		}
		// Three Stones match by name; only Jo can take it, so she is the one.
		dana.follow(rp+"/step", url.Values{"action": {"refer"}, "colleague": {"Stone"}, "text": {"She knows trade"}})
		if got, err := db.Store.Request(context.Background(), id); err != nil || got.State != center.StateReferred || got.ReferredTo != jo {
			t.Errorf("the referral by name: %+v, %v", got, err)
		}
		wantIn(t, "Sam after the referral", readable(sam.get(rp).body), "Dana Brown suggests you write to Jo Stone")
	})
}

func TestAfterTheMeetingBothSidesSayWhetherItHappenedAndGiveFeedback(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sam, dana, tina, ada := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com"), c.as(t, "tina@westlake.edu"), c.as(t, "ada@westlake.edu")
		at := pagesNow.Add(48 * time.Hour).Truncate(time.Hour)
		id := send(t, sam, c.dana, requestValues(goodAsk, at))
		rp := "/requests/" + strconv.FormatInt(id, 10)
		dana.follow(rp+"/step", url.Values{"action": {"accept"}, "choice": {at.UTC().Format(time.RFC3339)}})
		if r := dana.get(rp); strings.Contains(r.body, "Did it happen?") {
			t.Error("Dana is asked whether it happened before the time")
		}
		// A cancellation needs a reason, before the time as after it.
		if r := dana.post(rp+"/step", url.Values{"action": {"cancel"}}); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError("s-cancel-text", "Say why")) {
			t.Errorf("a cancellation without a reason: %d\n%s", r.status, readable(r.body))
		}

		c.clock.add(49 * time.Hour)
		sam, dana, tina, ada = c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com"), c.as(t, "tina@westlake.edu"), c.as(t, "ada@westlake.edu")
		convo, err := db.Store.RequestConversation(context.Background(), id)
		if err != nil || convo == 0 {
			t.Fatalf("the acceptance opened no conversation for Sam: %d %v", convo, err)
		}
		r := dana.get(rp)
		wantIn(t, "Dana after the time", readable(r.body), "Did it happen?", "Yes, it happened", "The student did not come", "I had to cancel")
		r = sam.get(rp)
		wantIn(t, "Sam after the time", readable(r.body), "Did it happen?", "Yes, we talked", "write up your notes")
		if !strings.Contains(r.body, `href="/conversations/`+strconv.FormatInt(convo, 10)+`/writeup"`) || strings.Contains(r.body, `id="step-cancel"`) {
			t.Errorf("Sam's page after the time: no link to his write-up, or a cancel button:\n%s", r.body)
		}
		if r := dana.post(rp+"/step", url.Values{"action": {"cancel"}, "text": {" "}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.body, fieldError("s-cancel-text", "Say why")) || !strings.Contains(r.body, `id="outcome"`) {
			t.Errorf("“I had to cancel” without a reason: %d\n%s", r.status, readable(r.body))
		}
		if r := sam.post(rp+"/feedback", url.Values{"rating": {"5"}}); r.status != http.StatusConflict || !strings.Contains(readable(r.body), "Feedback comes after a conversation that was held") {
			t.Errorf("feedback before it was held: %d\n%s", r.status, readable(r.body))
		}
		dana.follow(rp+"/step", url.Values{"action": {"held"}})

		// The student rates usefulness and thanks; a rating off the scale
		// is refused next to it, with the note kept.
		r = sam.get(rp)
		wantIn(t, "Sam's feedback form", readable(r.body), "How useful was it?", "Dana Brown never sees it", "A thank-you note for Dana Brown", "your write-up of this conversation")
		for _, bad := range []string{"", "9", "five"} {
			r := sam.post(rp+"/feedback", url.Values{"rating": {bad}, "note": {"Thank you for the hour on trade!"}})
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, fieldError("fb-rating", "Rate how useful the conversation was, from 1 (not much) to 5 (very).")) ||
				!strings.Contains(r.body, "Thank you for the hour on trade!") {
				t.Errorf("the rating %q: %d\n%s", bad, r.status, readable(r.body))
			}
		}
		if r := sam.post(rp+"/feedback", url.Values{"rating": {"4"}, "note": {strings.Repeat("Thanks! ", 300)}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.body, fieldError("fb-note", "The note has 2399 characters")) || !strings.Contains(r.body, `value="4" checked`) {
			t.Errorf("a long note: %d\n%s", r.status, readable(r.body))
		}
		r = sam.follow(rp+"/feedback", url.Values{"rating": {"5"}, "note": {"Thank you for the hour on trade!"}})
		wantIn(t, "Sam after his feedback", readable(r.body), "your note went to Dana Brown", "You gave your feedback on this conversation")
		if strings.Contains(r.body, `name="rating"`) {
			t.Error("Sam is asked for his feedback again")
		}
		if r := sam.post(rp+"/feedback", url.Values{"rating": {"1"}}); r.status != http.StatusConflict || !strings.Contains(readable(r.body), "already given your feedback") {
			t.Errorf("a second feedback: %d\n%s", r.status, readable(r.body))
		}
		if r := tina.post(rp+"/feedback", url.Values{"rating": {"1"}}); r.status != http.StatusNotFound {
			t.Errorf("Tina's feedback on Sam's conversation: %d", r.status)
		}
		if r := ada.post(rp+"/feedback", url.Values{"rating": {"1"}}); r.status != http.StatusConflict {
			t.Errorf("an advisor's feedback: %d", r.status)
		}
		// The volunteer reads the thank-you, rates how prepared the
		// student was and may add a word for the advisors.
		r = dana.get(rp)
		wantIn(t, "Dana's page", readable(r.body), "Sam Lee thanks you", "Thank you for the hour on trade!", "How prepared was Sam Lee?", "A word for the advisors")
		if r := dana.post(rp+"/feedback", url.Values{"rating": {"0"}, "note": {"Had read my profile"}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.body, fieldError("fb-rating", "Rate how prepared the student was")) {
			t.Errorf("Dana's rating of 0: %d\n%s", r.status, readable(r.body))
		}
		dana.follow(rp+"/feedback", url.Values{"rating": {"2"}, "note": {"Came without questions"}})
		// Neither reads a rating, nor the word for the advisors.
		if page := readable(sam.get(rp).body); strings.Contains(page, "Came without questions") || strings.Contains(page, "prepared") {
			t.Errorf("Sam reads Dana's feedback:\n%s", page)
		}
		sum, err := db.Store.FeedbackSummary(context.Background(), time.Time{}, time.Time{})
		if err != nil || sum.Usefulness.Count != 1 || sum.Usefulness.Mean != 5 || sum.Preparedness.Count != 1 || sum.Preparedness.Mean != 2 ||
			len(sum.Words) != 1 || sum.Words[0].Note != "Came without questions" {
			t.Errorf("the feedback kept: %+v %v", sum, err)
		}
	})
}

func TestAStudentsLateCancellationAsksWhy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sam, dana := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com")
		at := pagesNow.Add(48 * time.Hour).Truncate(time.Hour)
		id := send(t, sam, c.dana, requestValues(goodAsk, at))
		rp := "/requests/" + strconv.FormatInt(id, 10)
		dana.follow(rp+"/step", url.Values{"action": {"accept"}, "choice": {at.UTC().Format(time.RFC3339)}})
		wantIn(t, "Sam before", readable(sam.get(rp).body), "Cancelling in the last day before the meeting counts as a late cancellation")
		c.clock.add(40 * time.Hour)
		sam = c.as(t, "sam@westlake.edu")
		r := sam.follow(rp+"/step", url.Values{"action": {"cancel"}, "text": {"An exam was moved"}})
		wantIn(t, "Sam after cancelling late", readable(r.body), "counts as a late cancellation", "Tell us what happened")
		sam.follow(rp+"/step", url.Values{"action": {"explain"}, "text": {"The exam moved to that morning"}})
		wantIn(t, "Dana's page", readable(c.as(t, "dana@example.com").get(rp).body), "Cancelled", "Reason given: “An exam was moved”", "The student explained: “The exam moved to that morning”")
	})
}
