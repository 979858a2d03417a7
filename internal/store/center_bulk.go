package store

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
)

// A CenterMember is one account to load into a center with its profiles
// (nil: none).
type CenterMember struct {
	Account    model.NewAccount
	Student    *model.StudentProfile
	Volunteer  *model.VolunteerProfile
	LastSignIn time.Time // zero: never signed in
}

// LoadCenterMembers adds many accounts to a center in one transaction,
// batched, with their profiles and directory entries: the demo center and
// imports of a school's lists. Each account and profile is validated as
// by AddAccount and the profile saves; their AccountID is set.
func (s *Store) LoadCenterMembers(ctx context.Context, ms []CenterMember, by model.Actor, now time.Time) error {
	for i := range ms {
		m := &ms[i]
		if err := m.Account.Validate(); err != nil {
			return fmt.Errorf("member %d (%s): %w", i+1, m.Account.Email, err)
		}
		if m.Student != nil {
			if err := m.Student.Validate(); err != nil {
				return fmt.Errorf("member %d (%s): %w", i+1, m.Account.Email, err)
			}
		}
		if m.Volunteer != nil {
			if err := m.Volunteer.Validate(); err != nil {
				return fmt.Errorf("member %d (%s): %w", i+1, m.Account.Email, err)
			}
		}
	}
	err := s.For(0).InTx(ctx, func(tx *Scope) error {
		if err := requireCenter(ctx, tx.w); err != nil {
			return err
		}
		base, err := tx.idBase(ctx, "users")
		if err != nil {
			return fmt.Errorf("load members: %w", err)
		}
		users := tx.batchInserter("users", "id", "name", "email", "settings", "created_at")
		accounts := tx.batchInserter("accounts", "user_id", "email_key", "password_hash", "status", "created_at", "last_signin_at").after(users)
		roles := tx.batchInserter("account_roles", "user_id", "role").after(accounts)
		students := tx.batchInserter("student_profiles", "account_id", "class_year", "degree", "majors", "home_town", "clubs",
			"past_employers", "interests", "first_gen", "updated_at").after(accounts)
		volunteers := tx.batchInserter("volunteer_profiles", "account_id", "display_name", "grad_year", "degree", "majors", "employer",
			"title", "fields", "city", "country", "industries", "ask_me_about", "languages", "channels", "monthly_capacity", "paused_until",
			"bio", "home_town", "clubs", "past_employers", "employer_key", "title_key", "location_key", "updated_at").after(accounts)
		terms := tx.batchInserter("volunteer_terms", "account_id", "kind", "term", "label").after(volunteers)
		var search *batchInserter
		if s.dialect == SQLite {
			search = tx.batchInserter("volunteer_search", "rowid", "head", "body")
		}
		all := []*batchInserter{users, accounts, roles, students, volunteers, terms}
		if search != nil {
			all = append(all, search)
		}
		defer func() {
			for _, b := range all {
				b.close()
			}
		}()
		at := ts(now)
		for i := range ms {
			m := &ms[i]
			id := base + int64(i) + 1
			if err := users.add(ctx, id, m.Account.Name, m.Account.Email, "{}", at); err != nil {
				return err
			}
			if err := accounts.add(ctx, id, model.EmailKey(m.Account.Email), m.Account.PasswordHash, model.StatusActive, at, ts(m.LastSignIn)); err != nil {
				return err
			}
			for _, r := range m.Account.Roles {
				if err := roles.add(ctx, id, string(r)); err != nil {
					return err
				}
			}
			if p := m.Student; p != nil {
				p.AccountID, p.UpdatedAt = id, stored(now)
				if err := students.add(ctx, id, nullYear(p.ClassYear), p.Degree, joinLines(p.Majors), p.HomeTown, joinLines(p.Clubs),
					joinLines(p.PastEmployers), joinLines(p.Interests), boolArg(p.FirstGen), at); err != nil {
					return err
				}
			}
			if p := m.Volunteer; p != nil {
				p.AccountID, p.UpdatedAt = id, stored(now)
				channels := make([]string, len(p.Channels))
				for i, c := range p.Channels {
					channels[i] = string(c)
				}
				if err := volunteers.add(ctx, id, p.DisplayName, nullYear(p.GradYear), p.Degree, joinLines(p.Majors), p.Employer,
					p.Title, joinLines(p.Fields), p.City, p.Country, joinLines(p.Industries), p.AskMeAbout, joinLines(p.Languages),
					joinLines(channels), p.MonthlyCapacity, dateArg(p.PausedUntil), p.Bio, p.HomeTown, joinLines(p.Clubs),
					joinLines(p.PastEmployers), center.Key(p.Employer), center.Key(p.Title), center.Key(p.Location()), at); err != nil {
					return err
				}
				for _, t := range uniqueTerms(p) {
					if err := terms.add(ctx, id, t.kind, t.term, t.label); err != nil {
						return err
					}
				}
				if search != nil {
					head, body := volunteerDoc(p)
					if err := search.add(ctx, id, head, body); err != nil {
						return err
					}
				}
			}
		}
		for _, b := range all {
			if err := b.flush(ctx); err != nil {
				return err
			}
		}
		if err := tx.syncSequence(ctx, "users"); err != nil {
			return fmt.Errorf("load members: %w", err)
		}
		return audit(ctx, tx.w, entry(by, now, "user.load", "center", fmt.Sprintf("%d accounts loaded", len(ms))))
	})
	if err != nil {
		return err
	}
	return s.analyzeDirectory(ctx)
}

// analyzeDirectory refreshes the planner's statistics of the directory's
// tables after a bulk load, which otherwise plans searches on the counts
// of empty tables; on PostgreSQL VACUUM also marks the new rows visible,
// so that the terms and roles are read from their indexes alone.
func (s *Store) analyzeDirectory(ctx context.Context) error {
	q := `ANALYZE`
	if s.dialect == Postgres {
		q = `VACUUM (ANALYZE) accounts, account_roles, student_profiles, volunteer_profiles, volunteer_terms`
	}
	if _, err := s.w.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("analyze the directory: %w", err)
	}
	return nil
}

// A LoadedRequest is a request with the history the figures read, as the
// demo center loads it: its milestones and the feedback of each side (a
// rating of 0: none given).
type LoadedRequest struct {
	center.Request
	HeldAt, ThankedAt, ReportedBackAt time.Time
	StudentRating, VolunteerRating    int
	StudentNote                       string
	StudentRatedAt, VolunteerRatedAt  time.Time
}

// LoadCenterRequests adds requests with their histories to a center in one
// transaction, batched: the columns the rules derive (capacity, strikes,
// the next job) and the figures read (milestones, minutes to answer) are
// set as the steps would have set them. Their IDs are not returned. It
// answers how many requests it wrote.
func (s *Store) LoadCenterRequests(ctx context.Context, set center.Settings, rs iter.Seq[LoadedRequest], by model.Actor, now time.Time) (int, error) {
	n := 0
	err := s.For(0).InTx(ctx, func(tx *Scope) error {
		if err := requireCenter(ctx, tx.w); err != nil {
			return err
		}
		base, err := tx.idBase(ctx, "requests")
		if err != nil {
			return fmt.Errorf("load requests: %w", err)
		}
		requests := tx.batchInserter("requests", "id", "student_id", "volunteer_id", "field", "field_key", "purpose", "message", "minutes",
			"channel", "proposed_times", "state", "created_at", "state_at", "answered_at", "accepted_at", "meeting_at", "question", "answer",
			"decline_reason", "reason", "cancelled_by", "late_cancel", "outcome_by", "student_why", "flagged", "override",
			"reminded_at", "prompted_at", "counted_at", "strike_at", "due_at", "held_at", "thanked_at", "thanked_in_time",
			"reported_back_at", "answer_minutes", "student_rating", "volunteer_rating")
		feedback := tx.batchInserter("request_feedback", "request_id", "side", "rating", "note", "given_at").after(requests)
		defer requests.close()
		defer feedback.close()
		for r := range rs {
			n++
			r.ID = base + int64(n)
			counted, strike, due := derived(set, r.Request)
			var minutes any
			if !r.AnsweredAt.IsZero() {
				minutes = int(r.AnsweredAt.Sub(r.CreatedAt) / time.Minute)
			}
			if err := requests.add(ctx, r.ID, r.StudentID, r.VolunteerID, r.Field, center.Key(r.Field), r.Purpose, r.Message, r.Minutes,
				string(r.Channel), proposedText(r.ProposedTimes), string(r.State), ts(r.CreatedAt), ts(r.StateAt), ts(r.AnsweredAt),
				ts(r.AcceptedAt), ts(r.MeetingAt), r.Question, r.Answer, string(r.DeclineReason), r.Reason, string(r.CancelledBy),
				r.LateCancel, string(r.OutcomeBy), r.StudentWhy, r.Flagged, r.Override, ts(r.RemindedAt), ts(r.PromptedAt),
				counted, strike, due, ts(r.HeldAt), ts(r.ThankedAt), center.ThankedInTime(r.HeldAt, r.ThankedAt),
				ts(r.ReportedBackAt), minutes, nullInt(int64(r.StudentRating)), nullInt(int64(r.VolunteerRating))); err != nil {
				return err
			}
			if r.StudentRating > 0 {
				if err := feedback.add(ctx, r.ID, string(center.ActorStudent), r.StudentRating, r.StudentNote, ts(r.StudentRatedAt)); err != nil {
					return err
				}
			}
			if r.VolunteerRating > 0 {
				if err := feedback.add(ctx, r.ID, string(center.ActorVolunteer), r.VolunteerRating, "", ts(r.VolunteerRatedAt)); err != nil {
					return err
				}
			}
		}
		if err := requests.flush(ctx); err != nil {
			return err
		}
		if err := feedback.flush(ctx); err != nil {
			return err
		}
		if err := tx.syncSequence(ctx, "requests"); err != nil {
			return fmt.Errorf("load requests: %w", err)
		}
		return audit(ctx, tx.w, entry(by, now, "request.load", "center", fmt.Sprintf("%d requests loaded", n)))
	})
	if err != nil {
		return 0, err
	}
	q := `ANALYZE`
	if s.dialect == Postgres {
		q = `VACUUM (ANALYZE) requests, request_feedback`
	}
	if _, err := s.w.ExecContext(ctx, q); err != nil {
		return n, fmt.Errorf("analyze the requests: %w", err)
	}
	return n, nil
}
