package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// The request events on a center user's agenda (the home page), beside
// the emails: a new request, an answer, a decline or an expiry with
// volunteers to try next, a reminder, "did it happen?". Those asking the
// reader to act go by themselves once the request moved on; the others
// stay until put away.

// maxNotices bounds the notices the agenda shows.
const maxNotices = 20

// noticeRow is one notice as the agenda shows it.
type noticeRow struct {
	ID          int64
	Text        string
	Href        string // the request's page
	Link        string // the link's words
	When        time.Time
	Suggestions []noticeSuggestion
}

type noticeSuggestion struct{ Name, Common, Href string }

// noticeRows reads the account's notices for the agenda.
func (s *server) noticeRows(ctx context.Context, r *http.Request, me int64) ([]noticeRow, error) {
	ns, err := s.Store.Notices(ctx, me, maxNotices)
	if err != nil {
		return nil, err
	}
	names := s.names(r.WithContext(ctx))
	var out []noticeRow
	for _, n := range ns {
		other := n.StudentID
		if me == n.StudentID {
			other = n.VolunteerID
		}
		row := noticeRow{ID: n.ID, When: n.CreatedAt, Href: fmt.Sprintf("/requests/%d", n.RequestID), Link: "Open the request"}
		row.Text, row.Link = noticeWords(n, names.of(other), me == n.StudentID)
		for _, sg := range n.Suggestions {
			row.Suggestions = append(row.Suggestions, noticeSuggestion{Name: sg.Name, Common: sg.Common, Href: "/directory/" + strconv.FormatInt(sg.ID, 10)})
		}
		out = append(out, row)
	}
	return out, nil
}

// noticeWords says a notice to its reader (the student or the volunteer),
// other being the other side's name; link is what opening the request
// does.
func noticeWords(n model.Notice, other string, student bool) (text, link string) {
	link = "Open the request"
	switch requestmail.Kind(n.Kind) {
	case requestmail.Sent:
		return other + " asks you for a conversation about " + n.Field + ".", "Answer"
	case requestmail.Answered:
		return other + " answered your question about their request on " + n.Field + ".", "Answer"
	case requestmail.AskedMore:
		return other + " has a question about your request on " + n.Field + ".", "Answer it"
	case requestmail.Reminder:
		if student {
			return other + " still waits for your answer to their question.", "Answer it"
		}
		return other + "’s request on " + n.Field + " still waits for your answer.", "Answer"
	case requestmail.Accepted:
		return other + " said yes to your request on " + n.Field + ".", link
	case requestmail.Scheduled:
		return other + " set the time of your conversation on " + n.Field + ".", link
	case requestmail.Declined:
		return other + " cannot take your request on " + n.Field + ". Volunteers with room you could write to:", link
	case requestmail.Expired:
		return "Your request to " + other + " on " + n.Field + " closed without an answer. Volunteers with room you could write to:", link
	case requestmail.Referred:
		return other + " suggests a colleague for your request on " + n.Field + ".", link
	case requestmail.Withdrawn:
		return other + " withdrew their request on " + n.Field + ".", link
	case requestmail.Superseded:
		return other + " no longer needs an answer: another volunteer said yes.", link
	case requestmail.Cancelled:
		return other + " cancelled your conversation on " + n.Field + ".", link
	case requestmail.AskOutcome:
		return "Did your conversation with " + other + " happen?", "Tell us"
	}
	return "Something happened on your request on " + n.Field + ".", link
}

// noticeDismiss serves POST /notices/{id}/dismiss: the notice is put away.
func (s *server) noticeDismiss(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "notice")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.Store.DismissNotice(r.Context(), s.ownerOf(r), id, s.now()); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/", "Put away.")
}
