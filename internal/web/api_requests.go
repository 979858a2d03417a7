package web

import (
	"net/http"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The API of a center's requests (issue 10): the same keys as `ally
// request list --json`; a limit that refuses a request is a 409 with
// {"error", "rule"}.

// apiRequestView is the view a list is read with: the one asked for (view=),
// or the first of student, volunteer, advisor the account's roles allow;
// each needs its act.
func (s *server) apiRequestView(r *http.Request, acct model.Account) (store.RequestView, error) {
	acts := map[store.RequestView]act{store.ViewStudent: actSendRequest, store.ViewVolunteer: actAnswerRequests, store.ViewAdvisor: actReviewRequests}
	switch v := store.RequestView(r.URL.Query().Get("view")); v {
	case "":
		for _, v := range []store.RequestView{store.ViewStudent, store.ViewVolunteer, store.ViewAdvisor} {
			if may(acct, acts[v]) {
				return v, nil
			}
		}
		return "", s.mayAPI(r, acct, actSendRequest)
	case store.ViewStudent, store.ViewVolunteer, store.ViewAdvisor:
		return v, s.mayAPI(r, acct, acts[v])
	default:
		return "", model.Invalid("view", "%q is not a view; views are student, volunteer and advisor", v)
	}
}

// apiListRequests serves GET /api/v1/requests.
func (s *server) apiListRequests(r *http.Request, _ *store.Scope, acct model.Account) (int, any, error) {
	view, err := s.apiRequestView(r, acct)
	if err != nil {
		return 0, nil, err
	}
	q := store.RequestQuery{ViewerID: acct.ID, View: view}
	if raw := r.URL.Query().Get("state"); raw != "" {
		if q.State, err = center.ParseState(raw); err != nil {
			return 0, nil, err
		}
	}
	if q.Page, err = queryInt(r, "page", 1, 1_000_000); err != nil {
		return 0, nil, err
	}
	if q.PerPage, err = queryInt(r, "per_page", store.DefaultRequestsPerPage, store.MaxRequestsPerPage); err != nil {
		return 0, nil, err
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		return 0, nil, err
	}
	list, err := s.Store.ListRequests(r.Context(), set, q, s.now())
	return http.StatusOK, list, err
}

// apiGetRequest serves GET /api/v1/requests/{id}: to its two sides, and
// to advisors (its metadata; its words only once it was reported).
func (s *server) apiGetRequest(r *http.Request, _ *store.Scope, acct model.Account) (int, any, error) {
	id, err := pathID(r, "request")
	if err != nil {
		return 0, nil, err
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		return 0, nil, err
	}
	item, err := s.Store.RequestFor(r.Context(), set, id, acct.ID, may(acct, actReviewRequests))
	return http.StatusOK, item, err
}

// requestInput is the body of POST /api/v1/requests.
type requestInput struct {
	VolunteerID   int64    `json:"volunteer_id"`
	Field         string   `json:"field"`
	Purpose       string   `json:"purpose"`
	Message       string   `json:"message"`
	Minutes       int      `json:"minutes"`
	Channel       string   `json:"channel"`
	ProposedTimes []string `json:"proposed_times"` // in the student's zone, or with an offset
	// OverrideChecker is the student's word on why the etiquette
	// checker's errors are wrong here: the request then goes out flagged
	// for an advisor's review.
	OverrideChecker string `json:"override_checker"`
}

// apiSendRequest serves POST /api/v1/requests: a student's request,
// checked by the etiquette checker and the limits in one transaction.
func (s *server) apiSendRequest(r *http.Request, sc *store.Scope, acct model.Account) (int, any, error) {
	var in requestInput
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	d := center.Draft{StudentID: acct.ID, VolunteerID: in.VolunteerID, Field: in.Field, Purpose: in.Purpose, Message: in.Message,
		Minutes: in.Minutes, Channel: in.Channel, Override: in.OverrideChecker}
	for _, raw := range in.ProposedTimes {
		t, err := s.parseUserTime(r, sc, "proposed_times", raw)
		if err != nil {
			return 0, nil, err
		}
		d.ProposedTimes = append(d.ProposedTimes, t)
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		return 0, nil, err
	}
	sent, err := s.sendRequest(r, set, d)
	if err != nil {
		return 0, nil, err
	}
	item, err := s.Store.RequestFor(r.Context(), set, sent.ID, acct.ID, false)
	return http.StatusCreated, item, err
}

// sendRequest checks the draft's message and sends it. A volunteer who is
// not one is not found, as for an unknown id.
func (s *server) sendRequest(r *http.Request, set center.Settings, d center.Draft) (center.Request, error) {
	name := ""
	if d.VolunteerID != 0 {
		v, err := s.Store.Account(r.Context(), d.VolunteerID)
		if err != nil {
			return center.Request{}, err
		}
		name = v.Name
	}
	return s.Store.SendRequest(r.Context(), set, d, center.CheckDraft(d, name), s.now())
}

// requestStepInput is the body of the steps on a request, every field optional:
// meeting_at (accept: the chosen time), reason (decline: one of
// not_my_field, no_time, suggest_someone, own, or the volunteer's own
// words; cancel: why), text (decline: the suggested person's name or own
// words).
type requestStepInput struct {
	MeetingAt string `json:"meeting_at"`
	Reason    string `json:"reason"`
	Text      string `json:"text"`
}

// apiStepRequest serves POST /api/v1/requests/{id}/accept, decline,
// cancel, no-show and held. The side is the caller's on the request; an
// advisor who is neither may cancel and correct the outcome. A student's
// cancel of a request still waiting for an answer withdraws it.
func (s *server) apiStepRequest(a center.Action) accountFunc {
	return func(r *http.Request, sc *store.Scope, acct model.Account) (int, any, error) {
		id, err := pathID(r, "request")
		if err != nil {
			return 0, nil, err
		}
		var in requestStepInput
		if err := decodeOptionalJSON(r, &in); err != nil {
			return 0, nil, err
		}
		req, by, err := s.requestSide(r, acct, id)
		if err != nil {
			return 0, nil, err
		}
		st := center.Step{Action: a, By: by, At: s.now(), Text: in.Reason}
		switch a {
		case center.ActAccept:
			if in.MeetingAt != "" {
				if st.MeetingAt, err = s.parseUserTime(r, sc, "meeting_at", in.MeetingAt); err != nil {
					return 0, nil, err
				}
			}
		case center.ActDecline:
			st.DeclineReason, st.Text = center.ParseDecline(in.Reason, in.Text)
		case center.ActCancel:
			st.Action = req.CancelAction(by)
		}
		set, err := s.Store.CenterRules(r.Context())
		if err != nil {
			return 0, nil, err
		}
		if _, _, err := s.Store.StepRequest(r.Context(), set, id, acct.ID, st); err != nil {
			return 0, nil, err
		}
		item, err := s.Store.RequestFor(r.Context(), set, id, acct.ID, by == center.ActorAdvisor)
		return http.StatusOK, item, err
	}
}

// requestSide is the request and the caller's side on it: its student,
// its volunteer, or an advisor; anyone else finds no such request.
func (s *server) requestSide(r *http.Request, acct model.Account, id int64) (center.Request, center.Actor, error) {
	req, err := s.Store.Request(r.Context(), id)
	if err != nil {
		return req, "", err
	}
	if by := req.PartyOf(acct.ID); by != "" {
		return req, by, nil
	}
	if may(acct, actReviewRequests) {
		return req, center.ActorAdvisor, nil
	}
	return req, "", &store.NotFoundError{Kind: "request", Key: r.PathValue("id")}
}

// feedbackInput is the body of POST /api/v1/requests/{id}/feedback.
type feedbackInput struct {
	Rating int    `json:"rating"`
	Note   string `json:"note"`
}

// apiRequestFeedback serves POST /api/v1/requests/{id}/feedback: a side's
// rating (1–5) and note after a held conversation, once.
func (s *server) apiRequestFeedback(r *http.Request, _ *store.Scope, acct model.Account) (int, any, error) {
	id, err := pathID(r, "request")
	if err != nil {
		return 0, nil, err
	}
	var in feedbackInput
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	req, err := s.Store.Request(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	by := req.PartyOf(acct.ID)
	if by == "" {
		return 0, nil, &store.NotFoundError{Kind: "request", Key: r.PathValue("id")}
	}
	now := s.now()
	f, err := s.Store.GiveFeedback(r.Context(), id, acct.ID, center.Feedback{By: by, Rating: in.Rating, Note: in.Note}, now)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, store.ReceiptOf(id, f, now), nil
}

// decodeOptionalJSON reads a JSON body when there is one: a step such as
// accept or no-show may be posted without any.
func decodeOptionalJSON(r *http.Request, v any) error {
	if !hasBody(r) {
		return nil
	}
	return decodeJSON(nil, r, v)
}
