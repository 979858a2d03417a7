package store

import (
	"context"
	"fmt"
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
			"past_employers", "interests", "updated_at").after(accounts)
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
					joinLines(p.PastEmployers), joinLines(p.Interests), at); err != nil {
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
