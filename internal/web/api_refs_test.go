package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// An activity written through the API that names another owner's person
// or conversation is answered 404, as one naming a missing record is,
// whatever else is wrong with it, and nothing is written: the store
// checks the references as it writes, and only a failed write looks them
// up again to answer.
func TestAPIActivityNamingAnotherOwnersRecordIs404(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		other, err := db.Store.NewUser(ctx, "Other", apiNow)
		if err != nil {
			t.Fatal(err)
		}
		theirs := db.Store.For(other)
		hers := &model.Person{Name: "Their contact"}
		if err := theirs.CreatePerson(ctx, hers, apiNow); err != nil {
			t.Fatal(err)
		}
		herConvo := &model.Conversation{Person: model.Ref{ID: hers.ID}}
		if err := theirs.CreateConversation(ctx, herConvo, apiNow); err != nil {
			t.Fatal(err)
		}
		c := newAPI(t, db)
		var mine, act struct{ ID int64 }
		c.do("POST", "/api/v1/people", `{"name": "Dana Brown"}`, 201, &mine)
		c.do("POST", "/api/v1/activities", fmt.Sprintf(`{"person_id": %d, "kind": "call"}`, mine.ID), 201, &act)

		answer := func(method, path, body string) (int, string) {
			t.Helper()
			req, err := http.NewRequest(method, c.srv.URL+path, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := c.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(raw)
		}
		const missing = 987654321
		path := fmt.Sprintf("/api/v1/activities/%d", act.ID)
		for _, tt := range []struct{ method, path, body string }{
			{"POST", "/api/v1/activities", `{"person_id": %d, "kind": "call"}`},
			{"POST", "/api/v1/activities", `{"person_id": %d, "kind": "telepathy"}`},
			{"POST", "/api/v1/activities", `{"person_id": %d, "kind": "call", "at": "not a time"}`},
			{"PUT", path, `{"person_id": %d, "kind": "call"}`},
			{"PUT", path, `{"person_id": %d, "kind": "telepathy"}`},
		} {
			status, body := answer(tt.method, tt.path, fmt.Sprintf(tt.body, hers.ID))
			if status != http.StatusNotFound {
				t.Errorf("%s %s naming their person: %d %s, want 404", tt.method, tt.body, status, body)
			}
			mStatus, mBody := answer(tt.method, tt.path, fmt.Sprintf(tt.body, missing))
			if mStatus != status || mBody != strings.ReplaceAll(body, fmt.Sprint(hers.ID), fmt.Sprint(missing)) {
				t.Errorf("%s %s: their person and a missing one get different answers: %d %s and %d %s",
					tt.method, tt.body, status, body, mStatus, mBody)
			}
		}
		for _, body := range []string{
			fmt.Sprintf(`{"person_id": %d, "conversation_id": %d, "kind": "call"}`, mine.ID, herConvo.ID),
			fmt.Sprintf(`{"person_id": %d, "conversation_id": %d, "kind": "telepathy"}`, mine.ID, herConvo.ID),
		} {
			if status, got := answer("POST", "/api/v1/activities", body); status != http.StatusNotFound {
				t.Errorf("POST %s naming their conversation: %d %s, want 404", body, status, got)
			}
		}
		// Their own mistakes are theirs: 422 on the field.
		if status, got := answer("POST", "/api/v1/activities", fmt.Sprintf(`{"person_id": %d, "kind": "telepathy"}`, mine.ID)); status != http.StatusUnprocessableEntity || !strings.Contains(got, `"kind"`) {
			t.Errorf("a bad kind with their own person: %d %s, want 422 on kind", status, got)
		}
		var acts []map[string]any
		c.do("GET", "/api/v1/activities", "", 200, &acts)
		if len(acts) != 1 || acts[0]["kind"] != "call" || acts[0]["note"] != nil {
			t.Errorf("the refused writes changed the activities: %v", acts)
		}
		if list, err := theirs.Activities(ctx, store.ActivityFilter{}); err != nil || len(list) != 0 {
			t.Errorf("the other owner's activities: %v, %v", list, err)
		}
	})
}
