package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// CenterRules returns the rules of the center: center.DefaultSettings,
// with the numbers an advisor changed (SetCenterRules), in the center's
// time zone. A personal database has the defaults in UTC.
func (s *Store) CenterRules(ctx context.Context) (center.Settings, error) {
	set, _, err := s.centerRules(ctx)
	return set, err
}

// centerRules is CenterRules with the directory's version (00026), read
// together; the version is -1 where there is no center.
func (s *Store) centerRules(ctx context.Context) (center.Settings, int64, error) {
	set := center.DefaultSettings()
	var zone, rules string
	var version int64
	err := s.r.QueryRowContext(ctx, `SELECT time_zone, rules, directory_version FROM center WHERE id = 1`).Scan(&zone, &rules, &version)
	if isNoRows(err) {
		return set, -1, nil
	}
	if err != nil {
		return set, -1, fmt.Errorf("read the center's rules: %w", err)
	}
	if rules != "" {
		if err := json.Unmarshal([]byte(rules), &set); err != nil {
			return center.DefaultSettings(), -1, fmt.Errorf("read the center's rules: %w", err)
		}
	}
	set.TimeZone = zone
	if err := set.Validate(); err != nil {
		return center.DefaultSettings(), -1, fmt.Errorf("the center's rules: %w", err)
	}
	return set, version, nil
}

// SetCenterRules keeps the center's numbers (set's time zone is left to
// SetCenterTimeZone), after checking them, and logs the change.
func (s *Store) SetCenterRules(ctx context.Context, set center.Settings, by model.Actor, now time.Time) error {
	return s.inTx(ctx, func(q queryer) error {
		if err := requireCenter(ctx, q); err != nil {
			return err
		}
		var zone string
		if err := q.QueryRowContext(ctx, `SELECT time_zone FROM center WHERE id = 1`).Scan(&zone); err != nil {
			return fmt.Errorf("read the center's time zone: %w", err)
		}
		set.TimeZone = zone
		if err := set.Validate(); err != nil {
			return err
		}
		set.TimeZone = ""
		b, err := json.Marshal(set)
		if err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `UPDATE center SET rules = $1 WHERE id = 1`, string(b)); err != nil {
			return fmt.Errorf("set the center's rules: %w", err)
		}
		return audit(ctx, q, entry(by, now, "center.update", "center", "rules "+string(b)))
	})
}

// lockAccounts holds the rows of the accounts a request joins until the
// transaction ends, in the order of their ids so that two transactions
// never wait on each other: every read-decide-write of a student's or a
// volunteer's requests (a new request against the limits, an acceptance
// against the capacity) then sees the previous one's result. On SQLite
// the single writer and BEGIN IMMEDIATE already queue them; the no-op
// update is the portable way to take PostgreSQL's row lock.
func lockAccounts(ctx context.Context, q queryer, ids ...int64) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	for _, id := range ids {
		res, err := q.ExecContext(ctx, `UPDATE accounts SET status = status WHERE user_id = $1`, id)
		if err != nil {
			return fmt.Errorf("lock account %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound("account", id)
		}
	}
	return nil
}

const requestColumns = `id, student_id, volunteer_id, field, purpose, message, minutes, channel, proposed_times, state,
	created_at, state_at, answered_at, accepted_at, meeting_at, question, answer, decline_reason, reason, referred_to,
	cancelled_by, late_cancel, outcome_by, student_why, flagged, override, reminded_at, prompted_at`

// scanRequest reads a row of requestColumns, then into extra the columns
// a query selects after them.
func scanRequest(sc interface{ Scan(...any) error }, extra ...any) (center.Request, error) {
	var r center.Request
	var channel, proposed, state, decline, cancelledBy, outcomeBy string
	var created, stateAt, answered, accepted, meeting, reminded, prompted nullTime
	var referred *int64
	dest := append([]any{&r.ID, &r.StudentID, &r.VolunteerID, &r.Field, &r.Purpose, &r.Message, &r.Minutes, &channel, &proposed, &state,
		&created, &stateAt, &answered, &accepted, &meeting, &r.Question, &r.Answer, &decline, &r.Reason, &referred,
		&cancelledBy, &r.LateCancel, &outcomeBy, &r.StudentWhy, &r.Flagged, &r.Override, &reminded, &prompted}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return r, err
	}
	r.Channel, r.State, r.DeclineReason = model.Channel(channel), center.State(state), center.DeclineReason(decline)
	r.CancelledBy, r.OutcomeBy = center.Actor(cancelledBy), center.Actor(outcomeBy)
	r.CreatedAt, r.StateAt, r.AnsweredAt, r.AcceptedAt, r.MeetingAt = created.Time, stateAt.Time, answered.Time, accepted.Time, meeting.Time
	r.RemindedAt, r.PromptedAt = reminded.Time, prompted.Time
	if referred != nil {
		r.ReferredTo = *referred
	}
	for _, line := range splitLines(proposed) {
		var t nullTime
		if err := t.parse(line); err != nil {
			return r, fmt.Errorf("request %d: proposed time: %w", r.ID, err)
		}
		r.ProposedTimes = append(r.ProposedTimes, t.Time)
	}
	return r, nil
}

func queryRequests(ctx context.Context, q queryer, where string, args ...any) ([]center.Request, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+requestColumns+` FROM requests WHERE `+where+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read requests: %w", err)
	}
	defer rows.Close()
	var out []center.Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, fmt.Errorf("read requests: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func requestByID(ctx context.Context, q queryer, id int64) (center.Request, error) {
	r, err := scanRequest(q.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM requests WHERE id = $1`, id))
	if err != nil {
		return r, noRows(err, "request", id)
	}
	return r, nil
}

// Request returns one request.
func (s *Store) Request(ctx context.Context, id int64) (center.Request, error) {
	return requestByID(ctx, s.r, id)
}

// RequestsOf lists the requests an account sent or received, oldest first.
func (s *Store) RequestsOf(ctx context.Context, accountID int64) ([]center.Request, error) {
	return queryRequests(ctx, s.r, `student_id = $1 OR volunteer_id = $1`, accountID)
}

// derived are the columns the rules derive from a request, kept so that
// the limits and the job runner read an index: when it uses capacity,
// when it counted against the student, when its next job is due.
func derived(set center.Settings, r center.Request) (counted, strike, due any) {
	counted, strike, due = nil, nil, nil
	if t, ok := center.CountedAt(r); ok {
		counted = ts(t)
	}
	if t, ok := center.StrikeAt(r); ok {
		strike = ts(t)
	}
	if t, ok := set.NextDue(r); ok {
		due = ts(t)
	}
	return counted, strike, due
}

func proposedText(times []time.Time) string {
	lines := make([]string, len(times))
	for i, t := range times {
		lines[i] = ts(t).(string)
	}
	return joinLines(lines)
}

func insertRequest(ctx context.Context, q queryer, set center.Settings, r *center.Request) error {
	counted, strike, due := derived(set, *r)
	err := q.QueryRowContext(ctx, `INSERT INTO requests (student_id, volunteer_id, field, field_key, purpose, message, minutes, channel,
		proposed_times, state, created_at, state_at, flagged, override, counted_at, strike_at, due_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15, $16) RETURNING id`,
		r.StudentID, r.VolunteerID, r.Field, center.Key(r.Field), r.Purpose, r.Message, r.Minutes, string(r.Channel),
		proposedText(r.ProposedTimes), string(r.State), ts(r.CreatedAt), r.Flagged, r.Override, counted, strike, due).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("save request: %w", err)
	}
	return nil
}

func updateRequest(ctx context.Context, q queryer, set center.Settings, r center.Request) error {
	counted, strike, due := derived(set, r)
	_, err := q.ExecContext(ctx, `UPDATE requests SET state = $2, state_at = $3, answered_at = $4, accepted_at = $5, meeting_at = $6,
		question = $7, answer = $8, decline_reason = $9, reason = $10, referred_to = $11, cancelled_by = $12, late_cancel = $13,
		outcome_by = $14, student_why = $15, reminded_at = $16, prompted_at = $17, counted_at = $18, strike_at = $19, due_at = $20
		WHERE id = $1`,
		r.ID, string(r.State), ts(r.StateAt), ts(r.AnsweredAt), ts(r.AcceptedAt), ts(r.MeetingAt),
		r.Question, r.Answer, string(r.DeclineReason), r.Reason, nullInt(r.ReferredTo), string(r.CancelledBy), r.LateCancel,
		string(r.OutcomeBy), r.StudentWhy, ts(r.RemindedAt), ts(r.PromptedAt), counted, strike, due)
	if err != nil {
		return fmt.Errorf("save request %d: %w", r.ID, err)
	}
	return nil
}

// volunteerFacts reads what the limits need of a volunteer: their name,
// capacity, pause and the channels they offer. An account that is not an
// active volunteer is not found. A volunteer with no profile yet offers
// the center's default capacity and any channel.
func volunteerFacts(ctx context.Context, q queryer, set center.Settings, id int64) (center.VolunteerLoad, []model.Channel, error) {
	v := center.VolunteerLoad{ID: id}
	var paused nullDate
	var channels string
	err := q.QueryRowContext(ctx, `SELECT COALESCE(v.display_name, u.name), COALESCE(v.monthly_capacity, $2), v.paused_until, COALESCE(v.channels, '')
		FROM accounts a
		JOIN users u ON u.id = a.user_id
		JOIN account_roles r ON r.user_id = a.user_id AND r.role = 'volunteer'
		LEFT JOIN volunteer_profiles v ON v.account_id = a.user_id
		WHERE a.user_id = $1 AND a.status = 'active'`, id, set.DefaultMonthlyCapacity).Scan(&v.Name, &v.Capacity, &paused, &channels)
	if err != nil {
		return v, nil, noRows(err, "volunteer", id)
	}
	if paused.t != nil {
		v.PausedUntil = *paused.t
	}
	var offered []model.Channel
	for _, c := range splitLines(channels) {
		offered = append(offered, model.Channel(c))
	}
	return v, offered, nil
}

// capacityUsed counts the volunteer's requests that use capacity in month
// m, leaving out the request except (0: none).
func capacityUsed(ctx context.Context, q queryer, set center.Settings, volunteer int64, m center.Month, except int64) (int, error) {
	loc := set.Location()
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM requests WHERE volunteer_id = $1 AND counted_at >= $2 AND counted_at < $3 AND id <> $4`,
		volunteer, ts(m.Start(loc)), ts(m.End(loc)), except).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count capacity used: %w", err)
	}
	return n, nil
}

const openStates = `state IN ('pending', 'more_info')`

// sendSnapshot reads, under the accounts' locks, everything MaySend decides on.
func sendSnapshot(ctx context.Context, q queryer, set center.Settings, d center.Draft, v center.VolunteerLoad,
	findings []etiquette.Finding, now time.Time) (center.SendSnapshot, error) {
	snap := center.SendSnapshot{Now: now, Volunteer: v, Findings: findings, Override: d.Override}
	var err error
	if snap.Volunteer.Used, err = capacityUsed(ctx, q, set, v.ID, center.MonthOf(now, set.Location()), 0); err != nil {
		return snap, err
	}
	var cleared nullTime
	var reported int
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM requests WHERE volunteer_id = $1 AND `+openStates+`),
		(SELECT COUNT(*) FROM requests WHERE student_id = $2 AND volunteer_id = $1 AND state = 'reported'),
		(SELECT MAX(cleared_at) FROM request_block_clearings WHERE student_id = $2)`, v.ID, d.StudentID).
		Scan(&snap.Volunteer.Pending, &reported, &cleared)
	if err != nil {
		return snap, fmt.Errorf("read the volunteer's requests: %w", err)
	}
	snap.Reported, snap.BlockClearedAt = reported > 0, cleared.Time
	if snap.Open, err = queryRequests(ctx, q, `student_id = $1 AND `+openStates, d.StudentID); err != nil {
		return snap, err
	}
	rows, err := q.QueryContext(ctx, `SELECT strike_at FROM requests WHERE student_id = $1 AND strike_at IS NOT NULL`, d.StudentID)
	if err != nil {
		return snap, fmt.Errorf("read strikes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t nullTime
		if err := rows.Scan(&t); err != nil {
			return snap, fmt.Errorf("read strikes: %w", err)
		}
		snap.Strikes = append(snap.Strikes, t.Time)
	}
	return snap, rows.Err()
}

// SendRequest sends a student's request to a volunteer, or refuses it:
// model.Errors for a draft that is not complete, a *center.Refusal (with
// its rule) for a limit that protects volunteers. The limits are read and
// the request written in one transaction that holds both accounts, so
// two requests sent at once cannot both pass a limit. findings are the
// etiquette checker's on the message; a request sent over an error with
// the student's reason goes out flagged for an advisor's review.
func (s *Store) SendRequest(ctx context.Context, set center.Settings, d center.Draft, findings []etiquette.Finding, now time.Time) (center.Request, error) {
	var r center.Request
	err := s.inTx(ctx, func(q queryer) error {
		if err := lockAccounts(ctx, q, d.StudentID, d.VolunteerID); err != nil {
			return err
		}
		v, offered, err := volunteerFacts(ctx, q, set, d.VolunteerID)
		if err != nil {
			return err
		}
		if err := set.ValidateDraft(&d, offered, now); err != nil {
			return err
		}
		snap, err := sendSnapshot(ctx, q, set, d, v, findings, now)
		if err != nil {
			return err
		}
		if err := set.MaySend(snap); err != nil {
			return err
		}
		r = center.Request{StudentID: d.StudentID, VolunteerID: d.VolunteerID, Field: d.Field, Purpose: d.Purpose, Message: d.Message,
			Minutes: d.Minutes, Channel: model.Channel(d.Channel), ProposedTimes: d.ProposedTimes, State: center.StatePending,
			CreatedAt: stored(now), StateAt: stored(now), Flagged: center.NeedsReview(findings, d.Override)}
		if r.Flagged {
			r.Override = d.Override
		}
		if err := insertRequest(ctx, q, set, &r); err != nil {
			return err
		}
		return s.queueRequestMail(ctx, q, set, r, now, mailJob{requestmail.Sent, center.ActorVolunteer})
	})
	return r, err
}

// StepRequest takes a step on a request (center.Apply) for the account
// actorID: the student or the volunteer of the request when st.By says
// so; an advisor or Ally (the job runner, actorID 0) as the caller's
// policy decided. An acceptance, or a new time that moves the
// conversation to another month, must fit in the volunteer's capacity
// (a *center.Refusal otherwise); an acceptance withdraws the student's
// other open requests in the same field, which it returns. It all happens
// in one transaction that holds both accounts, so that of several
// acceptances at once only those that fit are kept.
func (s *Store) StepRequest(ctx context.Context, set center.Settings, id, actorID int64, st center.Step) (center.Request, []center.Request, error) {
	var r center.Request
	var withdrawn []center.Request
	err := s.inTx(ctx, func(q queryer) error {
		var err error
		r, withdrawn, err = s.stepRequestIn(ctx, q, set, id, actorID, st)
		return err
	})
	return r, withdrawn, err
}

// stepRequestIn is StepRequest inside the caller's transaction q.
func (s *Store) stepRequestIn(ctx context.Context, q queryer, set center.Settings, id, actorID int64, st center.Step) (center.Request, []center.Request, error) {
	var r center.Request
	var withdrawn []center.Request
	err := func() error {
		var student, volunteer int64
		err := q.QueryRowContext(ctx, `SELECT student_id, volunteer_id FROM requests WHERE id = $1`, id).Scan(&student, &volunteer)
		if err != nil {
			return noRows(err, "request", id)
		}
		if err := lockAccounts(ctx, q, student, volunteer); err != nil {
			return err
		}
		if r, err = requestByID(ctx, q, id); err != nil {
			return err
		}
		if (st.By == center.ActorStudent || st.By == center.ActorVolunteer) && r.PartyOf(actorID) != st.By {
			return &center.StepError{Action: st.Action, From: r.State, By: st.By, Reason: "This request is not yours to answer."}
		}
		st.At = stored(st.At)
		st.MeetingAt = stored(st.MeetingAt)
		next, err := set.Apply(r, st)
		if err != nil {
			return err
		}
		if err := checkCapacity(ctx, q, set, r, next, st); err != nil {
			return err
		}
		if st.Action == center.ActRefer {
			if err := checkReferee(ctx, q, set, next.ReferredTo, st.At); err != nil {
				return err
			}
		}
		if err := updateRequest(ctx, q, set, next); err != nil {
			return err
		}
		before := r
		if err := stepMilestones(ctx, q, r, next); err != nil {
			return err
		}
		r = next
		if st.Action == center.ActAccept {
			others, err := queryRequests(ctx, q, `student_id = $1 AND `+openStates+` AND field_key = $2`, r.StudentID, center.Key(r.Field))
			if err != nil {
				return err
			}
			withdrawn = set.WithdrawOthers(r, others)
			for _, w := range withdrawn {
				if err := updateRequest(ctx, q, set, w); err != nil {
					return err
				}
			}
		}
		return s.requestEffects(ctx, q, set, before, r, st, withdrawn)
	}()
	return r, withdrawn, err
}

// checkReferee refuses a referral to a colleague who cannot take a
// request at now (center.TakesRequests: paused, no room left this month,
// or full for now), as the directory's "has room this month" says.
func checkReferee(ctx context.Context, q queryer, set center.Settings, id int64, now time.Time) error {
	v, _, err := volunteerFacts(ctx, q, set, id)
	if err != nil {
		return err
	}
	if v.Used, err = capacityUsed(ctx, q, set, id, center.MonthOf(now, set.Location()), 0); err != nil {
		return err
	}
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM requests WHERE volunteer_id = $1 AND `+openStates, id).Scan(&v.Pending); err != nil {
		return fmt.Errorf("read the colleague's requests: %w", err)
	}
	return set.TakesRequests(v, now)
}

// checkCapacity applies center.CheckCapacity to a step that places the
// request in a month: an acceptance, or a new time in another month.
func checkCapacity(ctx context.Context, q queryer, set center.Settings, before, after center.Request, st center.Step) error {
	at, counts := center.CountedAt(after)
	if !counts {
		return nil
	}
	loc := set.Location()
	m := center.MonthOf(at, loc)
	switch st.Action {
	case center.ActAccept:
	case center.ActSchedule:
		if was, ok := center.CountedAt(before); ok && center.MonthOf(was, loc) == m {
			return nil
		}
	default:
		return nil
	}
	v, _, err := volunteerFacts(ctx, q, set, after.VolunteerID)
	if err != nil {
		return err
	}
	used, err := capacityUsed(ctx, q, set, after.VolunteerID, m, after.ID)
	if err != nil {
		return err
	}
	return set.CheckCapacity(v.Capacity, used, m, st.By, v.Name)
}

// ClearBlock records an advisor clearing a student's block, with a note
// (required): the no-shows and late cancellations before now no longer
// count.
func (s *Store) ClearBlock(ctx context.Context, studentID int64, note string, by model.Actor, now time.Time) error {
	note = strings.TrimSpace(note)
	if note == "" {
		return model.Invalid("note", "write a note on why the block is cleared (what you agreed with the student)")
	}
	return s.inTx(ctx, func(q queryer) error {
		if err := lockAccounts(ctx, q, studentID); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO request_block_clearings (student_id, cleared_at, cleared_by, note) VALUES ($1, $2, $3, $4)`,
			studentID, ts(now), nullInt(by.ID), note); err != nil {
			return fmt.Errorf("clear the block: %w", err)
		}
		return audit(ctx, q, entry(by, now, "request.block.clear", fmt.Sprintf("account %d", studentID), note))
	})
}

// DueRequests lists the requests whose next timed job (center.NextDue) has
// come at now, earliest first, at most limit: what the job runner works on.
func (s *Store) DueRequests(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM requests WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2`, ts(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due requests: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("due requests: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// RunRequestJobs does the timed work due on one request at now
// (center.Due): it records the reminder and the "did it happen?" prompt
// as sent and lets an unanswered request expire, under the accounts'
// locks, so that of several runners only one does each job. It returns
// the request after the work and the jobs done, whose messages the caller
// sends (none when another runner got there first); their emails are
// queued in the same transaction.
func (s *Store) RunRequestJobs(ctx context.Context, set center.Settings, id int64, now time.Time) (center.Request, []center.Job, error) {
	var r center.Request
	var done []center.Job
	err := s.inTx(ctx, func(q queryer) error {
		var student, volunteer int64
		err := q.QueryRowContext(ctx, `SELECT student_id, volunteer_id FROM requests WHERE id = $1`, id).Scan(&student, &volunteer)
		if err != nil {
			return noRows(err, "request", id)
		}
		if err := lockAccounts(ctx, q, student, volunteer); err != nil {
			return err
		}
		if r, err = requestByID(ctx, q, id); err != nil {
			return err
		}
		now = stored(now)
		for _, j := range set.Due(r, now) {
			if j.Kind == center.JobExpire {
				if r, err = set.Apply(r, center.Step{Action: center.ActExpire, By: center.ActorAlly, At: now}); err != nil {
					return err
				}
			} else {
				r = center.Done(r, j, now)
			}
			done = append(done, j)
		}
		if len(done) == 0 {
			return nil
		}
		if err := updateRequest(ctx, q, set, r); err != nil {
			return err
		}
		return s.queueJobMail(ctx, q, set, r, done, now)
	})
	return r, done, err
}
