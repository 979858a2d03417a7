package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// requestEffects does, in the transaction of a step on a request, what
// the step changes outside the request: an acceptance gives the student's
// personal space the volunteer as a person and a conversation, so that
// the personal method (confirm, prepare, thank, keep in touch) takes over;
// a time agreed later schedules that conversation; a cancellation cancels
// it. Each side is told by email (queueRequestMail), and each volunteer
// whose request the acceptance withdrew.
func (s *Store) requestEffects(ctx context.Context, q queryer, set center.Settings, before, after center.Request, st center.Step,
	withdrawn []center.Request) error {
	var err error
	switch {
	case st.Action == center.ActAccept:
		err = s.openConversation(ctx, q, after, st.At)
	case st.Action == center.ActSchedule && !after.MeetingAt.Equal(before.MeetingAt):
		err = s.stepConversation(ctx, q, after, method.Step{To: model.StateScheduled, At: st.At, MeetingAt: after.MeetingAt})
	case st.Action == center.ActCancel && before.State == center.StateAccepted:
		err = s.stepConversation(ctx, q, after, method.Step{To: model.StateCancelled, At: st.At})
	case st.Action == center.ActHeld && before.State == center.StateAccepted:
		// Held, whoever said so first: the student's method takes over
		// (write the notes, thank within 12 hours).
		err = s.stepConversation(ctx, q, after, method.Step{To: model.StateHeld, At: st.At})
	case st.Action == center.ActReport:
		err = s.tellAdvisorsOfReport(ctx, q, after, st.At)
	}
	if err != nil {
		return err
	}
	for _, w := range withdrawn {
		if err := s.queueRequestMail(ctx, q, set, w, st.At, mailJob{requestmail.Superseded, center.ActorVolunteer}); err != nil {
			return err
		}
	}
	return s.queueRequestMail(ctx, q, set, after, st.At, stepMail(before, after, st)...)
}

// stepMail lists the emails a step sends: to the other side of whoever
// took it, and a calendar invitation to both when a time is agreed.
func stepMail(before, after center.Request, st center.Step) []mailJob {
	other := center.ActorStudent
	if st.By == center.ActorStudent {
		other = center.ActorVolunteer
	}
	invite := []mailJob{{requestmail.Invitation, center.ActorStudent}, {requestmail.Invitation, center.ActorVolunteer}}
	switch st.Action {
	case center.ActAskMore:
		return []mailJob{{requestmail.AskedMore, center.ActorStudent}}
	case center.ActAnswer:
		return []mailJob{{requestmail.Answered, center.ActorVolunteer}}
	case center.ActAccept:
		out := []mailJob{{requestmail.Accepted, center.ActorStudent}}
		if !after.MeetingAt.IsZero() {
			out = append(out, invite...)
		}
		return out
	case center.ActSchedule:
		if after.MeetingAt.Equal(before.MeetingAt) {
			return nil
		}
		return append([]mailJob{{requestmail.Scheduled, other}}, invite...)
	case center.ActDecline:
		return []mailJob{{requestmail.Declined, center.ActorStudent}}
	case center.ActRefer:
		return []mailJob{{requestmail.Referred, center.ActorStudent}}
	case center.ActWithdraw:
		return []mailJob{{requestmail.Withdrawn, center.ActorVolunteer}}
	case center.ActCancel:
		if st.By == center.ActorAdvisor {
			return []mailJob{{requestmail.Cancelled, center.ActorStudent}, {requestmail.Cancelled, center.ActorVolunteer}}
		}
		return []mailJob{{requestmail.Cancelled, other}}
	}
	return nil
}

// queueJobMail queues the emails of the timed work done on a request: the
// reminder to the side it waits on, the expiry to the student (with
// similar volunteers), "did it happen?" to both.
func (s *Store) queueJobMail(ctx context.Context, q queryer, set center.Settings, r center.Request, done []center.Job, now time.Time) error {
	var jobs []mailJob
	for _, j := range done {
		switch j.Kind {
		case center.JobRemind:
			if side := r.WaitsOn(); side != "" {
				jobs = append(jobs, mailJob{requestmail.Reminder, side})
			}
		case center.JobExpire:
			jobs = append(jobs, mailJob{requestmail.Expired, center.ActorStudent})
		case center.JobAskOutcome:
			jobs = append(jobs, mailJob{requestmail.AskOutcome, center.ActorStudent}, mailJob{requestmail.AskOutcome, center.ActorVolunteer})
		}
	}
	return s.queueRequestMail(ctx, q, set, r, now, jobs...)
}

// contactOf is what a student learns of a volunteer who accepted.
type contactOf struct {
	name, email, employer, title, phone, linkedin, location, center string
}

func volunteerContact(ctx context.Context, q queryer, id int64) (contactOf, error) {
	var c contactOf
	var city, country string
	err := q.QueryRowContext(ctx, `SELECT COALESCE(v.display_name, u.name), u.email, COALESCE(v.employer, ''), COALESCE(v.title, ''),
		COALESCE(v.phone, ''), COALESCE(v.linkedin, ''), COALESCE(v.city, ''), COALESCE(v.country, ''), COALESCE(c.name, '')
		FROM users u
		LEFT JOIN volunteer_profiles v ON v.account_id = u.id
		LEFT JOIN center c ON c.id = 1
		WHERE u.id = $1`, id).Scan(&c.name, &c.email, &c.employer, &c.title, &c.phone, &c.linkedin, &city, &country, &c.center)
	if err != nil {
		return c, noRows(err, "volunteer", id)
	}
	var parts []string
	for _, p := range []string{city, country} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	c.location = strings.Join(parts, ", ")
	return c, nil
}

// openConversation adds the accepted request's conversation to the
// student's personal space: in state scheduled when a time is agreed,
// requested until then. The volunteer becomes a person (source alumni,
// the center as what they have in common) unless an earlier request
// already made them one.
func (s *Store) openConversation(ctx context.Context, q queryer, r center.Request, now time.Time) error {
	v, err := volunteerContact(ctx, q, r.VolunteerID)
	if err != nil {
		return err
	}
	var personID int64
	err = q.QueryRowContext(ctx, `SELECT c.person_id FROM requests r JOIN conversations c ON c.id = r.conversation_id
		WHERE r.student_id = $1 AND r.volunteer_id = $2 AND c.owner_id = $1 ORDER BY r.id DESC LIMIT 1`,
		r.StudentID, r.VolunteerID).Scan(&personID)
	if err != nil && !isNoRows(err) {
		return fmt.Errorf("find the volunteer among the student's people: %w", err)
	}
	var convo model.Conversation
	err = s.scopeIn(ctx, q, r.StudentID, func(sc *Scope) error {
		field, _, err := sc.EnsureField(ctx, r.Field, now)
		if err != nil {
			return err
		}
		if personID == 0 {
			p := model.Person{Name: v.name, Role: v.title, Phone: v.phone, URL: v.linkedin, Location: v.location,
				Fields: []model.Ref{field}, Source: model.SourceAlumni, Commonality: v.center}
			if v.email != "" {
				p.Emails = []string{v.email}
			}
			if v.employer != "" {
				org, _, err := sc.EnsureOrganization(ctx, v.employer, now)
				if err != nil {
					return err
				}
				p.Organization = &org
			}
			if err := sc.CreatePerson(ctx, &p, now); err != nil {
				return fmt.Errorf("add %s to the student's people: %w", v.name, err)
			}
			personID = p.ID
		}
		requested := r.CreatedAt
		convo = model.Conversation{Person: model.Ref{ID: personID}, Fields: []model.Ref{field}, State: model.StateRequested,
			StateAt: now, Channel: r.Channel, Minutes: r.Minutes, RequestedAt: &requested}
		if !r.MeetingAt.IsZero() {
			meeting := r.MeetingAt
			convo.State, convo.MeetingAt = model.StateScheduled, &meeting
		}
		return sc.CreateConversation(ctx, &convo, now)
	})
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `UPDATE requests SET conversation_id = $2 WHERE id = $1`, r.ID, convo.ID); err != nil {
		return fmt.Errorf("link request %d to its conversation: %w", r.ID, err)
	}
	return nil
}

// stepConversation takes a lifecycle step on the request's conversation
// in the student's space, when the request has one and the step is
// possible from where the student left it (a conversation the student
// deleted or already closed is left alone).
func (s *Store) stepConversation(ctx context.Context, q queryer, r center.Request, st method.Step) error {
	var id sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT conversation_id FROM requests WHERE id = $1`, r.ID).Scan(&id); err != nil {
		return noRows(err, "request", r.ID)
	}
	if !id.Valid {
		return nil
	}
	return s.scopeIn(ctx, q, r.StudentID, func(sc *Scope) error {
		c, err := sc.Conversation(ctx, id.Int64)
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				return nil
			}
			return err
		}
		if !slices.Contains(method.Next(c), st.To) || (c.StateAt.After(st.At)) {
			return nil
		}
		_, err = sc.Step(ctx, c.ID, st, "", st.At)
		return err
	})
}

// RequestConversation is the conversation an accepted request opened in
// the student's personal space (0: none).
func (s *Store) RequestConversation(ctx context.Context, requestID int64) (int64, error) {
	var id sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT conversation_id FROM requests WHERE id = $1`, requestID).Scan(&id); err != nil {
		return 0, noRows(err, "request", requestID)
	}
	return id.Int64, nil
}

// tellAdvisorsOfReport emails each active advisor that a volunteer
// reported a request, with the link to the advisors' review where they
// read it with its message and the volunteer's words (the email carries
// neither).
func (s *Store) tellAdvisorsOfReport(ctx context.Context, q queryer, r center.Request, now time.Time) error {
	_, base, err := centerMailFacts(ctx, q)
	if err != nil {
		return err
	}
	var student, volunteer string
	if err := q.QueryRowContext(ctx, `SELECT s.name, COALESCE(vp.display_name, v.name) FROM users s, users v
		LEFT JOIN volunteer_profiles vp ON vp.account_id = v.id WHERE s.id = $1 AND v.id = $2`, r.StudentID, r.VolunteerID).Scan(&student, &volunteer); err != nil {
		return noRows(err, "request", r.ID)
	}
	where := "in Ally, under Reported requests"
	if base != "" {
		where = "at " + base + "/center/reported"
	}
	return s.tellAdvisors(ctx, q, "request.reported", fmt.Sprintf("request.reported:%d", r.ID),
		fmt.Sprintf("%s reported a request from %s", volunteer, student),
		fmt.Sprintf("Hello,\n\n%s reported the request %s sent them about %s. Read it, with what %s said, %s.\n\n"+
			"%s can no longer write to %s.\n", volunteer, student, r.Field, volunteer, where, student, volunteer), now)
}
