package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
)

// A RequestView is whose eyes a request list is read with (PRODUCT.md,
// "Who sees what in a center").
type RequestView string

// The views of the requests.
const (
	ViewStudent   RequestView = "student"   // the requests the viewer sent
	ViewVolunteer RequestView = "volunteer" // the requests sent to the viewer
	ViewAdvisor   RequestView = "advisor"   // every request's metadata
)

// RequestQuery asks for a page of requests as one viewer sees them.
type RequestQuery struct {
	ViewerID int64
	View     RequestView
	State    center.State // "": every state
	Page     int          // from 1; 0: the first
	PerPage  int          // 0: DefaultRequestsPerPage; at most MaxRequestsPerPage
}

// The page sizes of a request list.
const (
	DefaultRequestsPerPage = 20
	MaxRequestsPerPage     = 100
)

// RequestParty is one side of a request as the viewer may see it: the
// email only where PRODUCT.md allows it (omitted otherwise).
type RequestParty struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// RequestItem is a request as `ally request list --json` and the API
// show it. Times are UTC; null when not (yet) set.
type RequestItem struct {
	ID            int64         `json:"id"`
	State         center.State  `json:"state"`
	Student       RequestParty  `json:"student"`
	Volunteer     RequestParty  `json:"volunteer"`
	Field         string        `json:"field"`
	Minutes       int           `json:"minutes"`
	Channel       string        `json:"channel"`
	ProposedTimes []time.Time   `json:"proposed_times"`
	MeetingAt     *time.Time    `json:"meeting_at"`
	CreatedAt     time.Time     `json:"created_at"`
	AnsweredAt    *time.Time    `json:"answered_at"`
	ExpiresAt     *time.Time    `json:"expires_at"` // while it waits for an answer
	DeclineReason string        `json:"decline_reason"`
	Flagged       bool          `json:"flagged,omitempty"` // sent over the checker: an advisor reviews it (parties and advisors)
	Detail        *RequestWords `json:"detail,omitempty"`  // the words, in a single request's view
}

// RequestWords are a request's words, shown on one request to those who
// may read them: its two sides, and advisors only for a reported request
// (and the student's override of the checker, which they review). The
// words of a volunteer's report go to the volunteer and the advisors,
// never to the student.
type RequestWords struct {
	Purpose  string `json:"purpose"`
	Message  string `json:"message,omitempty"`
	Question string `json:"question,omitempty"`
	Answer   string `json:"answer,omitempty"`
	Reason   string `json:"reason,omitempty"`   // the decline's, cancellation's or report's words
	Override string `json:"override,omitempty"` // why the student overrode the checker
	ThankYou string `json:"thank_you,omitempty"`
}

// RequestList is a page of requests with the viewer's counts.
type RequestList struct {
	Requests []RequestItem        `json:"requests"`
	Total    int                  `json:"total"` // matches on every page
	Page     int                  `json:"page"`
	PerPage  int                  `json:"per_page"`
	Pages    int                  `json:"pages"`
	Counts   map[center.State]int `json:"counts"`                  // in the viewer's view, per state, whatever the filter
	Pending  int                  `json:"pending"`                 // waiting for an answer (pending, more_info)
	Limit    int                  `json:"pending_limit,omitempty"` // the student's limit of requests waiting
}

// namedRequests selects requests with their two sides' names and
// emails (a volunteer's display name before their account's name).
var namedRequests = `SELECT ` + qualified("requests", requestColumns) + `, su.name, su.email, COALESCE(vp.display_name, vu.name), vu.email
	FROM requests
	JOIN users su ON su.id = requests.student_id
	JOIN users vu ON vu.id = requests.volunteer_id
	LEFT JOIN volunteer_profiles vp ON vp.account_id = requests.volunteer_id`

// qualified prefixes each of a list of columns with its table.
func qualified(table, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = table + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

type namedRequest struct {
	r                  center.Request
	student, volunteer RequestParty
}

func scanNamed(sc interface{ Scan(...any) error }) (namedRequest, error) {
	var n namedRequest
	r, err := scanRequest(sc, &n.student.Name, &n.student.Email, &n.volunteer.Name, &n.volunteer.Email)
	n.r, n.student.ID, n.volunteer.ID = r, r.StudentID, r.VolunteerID
	return n, err
}

// viewWhere is the requests a view lists, with its arguments from $1.
func viewWhere(q RequestQuery) (string, []any, error) {
	switch q.View {
	case ViewStudent:
		return `requests.student_id = $1`, []any{q.ViewerID}, nil
	case ViewVolunteer:
		return `requests.volunteer_id = $1`, []any{q.ViewerID}, nil
	case ViewAdvisor:
		return `1 = 1`, nil, nil
	}
	return "", nil, fmt.Errorf("list requests: unknown view %q", q.View)
}

// ListRequests returns a page of the requests a viewer sees, newest
// first: a student's own, those sent to a volunteer, or (for an advisor,
// whose role the caller checked) every request's metadata; with the
// counts per state in that view and, for a student, the requests waiting
// against the limit.
func (s *Store) ListRequests(ctx context.Context, set center.Settings, q RequestQuery, now time.Time) (RequestList, error) {
	list := RequestList{Counts: map[center.State]int{}, Requests: []RequestItem{}}
	where, args, err := viewWhere(q)
	if err != nil {
		return list, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT state, COUNT(*) FROM requests WHERE `+where+` GROUP BY state`, args...)
	if err != nil {
		return list, fmt.Errorf("count requests: %w", err)
	}
	defer rows.Close()
	all := 0
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return list, fmt.Errorf("count requests: %w", err)
		}
		list.Counts[center.State(st)] = n
		all += n
	}
	if err := rows.Err(); err != nil {
		return list, err
	}
	list.Pending = list.Counts[center.StatePending] + list.Counts[center.StateMoreInfo]
	if q.View == ViewStudent {
		list.Limit = set.MaxPendingPerStudent
	}
	list.Total = all
	if q.State != "" {
		args = append(args, string(q.State))
		where += fmt.Sprintf(` AND requests.state = $%d`, len(args))
		list.Total = list.Counts[q.State]
	}
	list.PerPage = q.PerPage
	if list.PerPage <= 0 {
		list.PerPage = DefaultRequestsPerPage
	}
	list.PerPage = min(list.PerPage, MaxRequestsPerPage)
	list.Page = max(q.Page, 1)
	list.Pages = max(1, (list.Total+list.PerPage-1)/list.PerPage)
	args = append(args, list.PerPage, (list.Page-1)*list.PerPage)
	page, err := s.r.QueryContext(ctx, namedRequests+` WHERE `+where+
		fmt.Sprintf(` ORDER BY requests.created_at DESC, requests.id DESC LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return list, fmt.Errorf("list requests: %w", err)
	}
	defer page.Close()
	for page.Next() {
		n, err := scanNamed(page)
		if err != nil {
			return list, fmt.Errorf("list requests: %w", err)
		}
		list.Requests = append(list.Requests, itemFor(set, n, q.View))
	}
	return list, page.Err()
}

// RequestFor returns one request as the viewer sees it, with its words
// where they may read them: its student and its volunteer see their own
// request; anyone else sees it only as an advisor (advisor: the caller
// checked the role), and otherwise it is not found.
func (s *Store) RequestFor(ctx context.Context, set center.Settings, id, viewerID int64, advisor bool) (RequestItem, error) {
	n, err := scanNamed(s.r.QueryRowContext(ctx, namedRequests+` WHERE requests.id = $1`, id))
	if err != nil {
		return RequestItem{}, noRows(err, "request", id)
	}
	return requestFor(ctx, s.r, set, n, viewerID, advisor)
}

// requestFor is RequestFor on a request read, in q.
func requestFor(ctx context.Context, q queryer, set center.Settings, n namedRequest, viewerID int64, advisor bool) (RequestItem, error) {
	id := n.r.ID
	view := ViewAdvisor
	switch n.r.PartyOf(viewerID) {
	case center.ActorStudent:
		view = ViewStudent
	case center.ActorVolunteer:
		view = ViewVolunteer
	default:
		if !advisor {
			return RequestItem{}, notFound("request", id)
		}
	}
	item := itemFor(set, n, view)
	r := n.r
	w := &RequestWords{}
	if view != ViewAdvisor || r.State == center.StateReported {
		w.Purpose, w.Message, w.Question, w.Answer, w.Reason = r.Purpose, r.Message, r.Question, r.Answer, r.Reason
	}
	if view == ViewStudent && r.State == center.StateReported {
		w.Reason = "" // the volunteer's report goes to the advisors, not to the student it is about
	}
	if view != ViewVolunteer {
		w.Override = r.Override
	}
	if view != ViewAdvisor && r.State == center.StateHeld {
		g, err := requestFeedback(ctx, q, id)
		if err != nil {
			return item, err
		}
		w.ThankYou = g.ThankYou
	}
	item.Detail = w
	return item, nil
}

// itemFor is a request as a view shows it: each side's email only where
// PRODUCT.md allows it (the viewer's own; the other side's once the
// volunteer accepted, unless the request was then reported; both to
// advisors), and the checker's flag to the student and the advisors.
func itemFor(set center.Settings, n namedRequest, view RequestView) RequestItem {
	r := n.r
	contact := !r.AcceptedAt.IsZero() && r.State != center.StateReported
	student, vol := n.student, n.volunteer
	switch view {
	case ViewStudent:
		if !contact {
			vol.Email = ""
		}
	case ViewVolunteer:
		if !contact {
			student.Email = ""
		}
	}
	item := RequestItem{ID: r.ID, State: r.State, Student: student, Volunteer: vol, Field: r.Field, Minutes: r.Minutes,
		Channel: string(r.Channel), ProposedTimes: r.ProposedTimes, MeetingAt: timePtr(r.MeetingAt), CreatedAt: r.CreatedAt,
		AnsweredAt: timePtr(r.AnsweredAt), DeclineReason: string(r.DeclineReason), Flagged: r.Flagged && view != ViewVolunteer}
	if item.ProposedTimes == nil {
		item.ProposedTimes = []time.Time{}
	}
	if r.State.Open() {
		item.ExpiresAt = timePtr(set.ExpiresAt(r))
	}
	return item
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}
