// Package jobs runs a career center's timed work once across every
// instance of `ally serve`: the requests' timed steps (a reminder, an
// expiry, the "did it happen?" prompts), the daily retention of old
// requests' texts, and the outbox of the center's own emails. `ally center tick` runs what is due once; `ally serve` on a
// center runs it every minute.
//
// The work is kept in the database, not in a job library: a request's
// next job is its due_at column (center.NextDue), done under the
// accounts' row locks by store.RunRequestJobs, and an email is an outbox
// row claimed with FOR UPDATE SKIP LOCKED. Both work the same on SQLite
// and PostgreSQL, and the emails a job causes commit with it.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"golang.org/x/net/idna"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/mailer"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// Lease is how long a runner holds a message it claimed: a runner that
// dies leaves it to others after this long. It outlasts the SMTP timeout
// (30 seconds) many times over.
const Lease = 10 * time.Minute

// MaxAttempts is how often a message is tried before it is marked failed.
const MaxAttempts = 6

// batch is how many messages one claim takes.
const batch = 20

// Backoff is how long to wait after the attempts-th failed try before the
// next: a minute, then 5, 15, 60 and 240. ok is false once the message has
// been tried MaxAttempts times: it is then failed for good.
func Backoff(attempts int) (wait time.Duration, ok bool) {
	waits := []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 4 * time.Hour}
	if attempts < 1 || attempts >= MaxAttempts {
		return 0, false
	}
	return waits[min(attempts, len(waits))-1], true
}

// NewSender makes the sender for the center's mail server; dated with now.
type NewSender func(c model.CenterSMTP, now time.Time) (mailer.Sender, error)

// SMTPSender is the sender of a real mail server.
func SMTPSender(c model.CenterSMTP, now time.Time) (mailer.Sender, error) {
	return mailer.NewSMTP(mailer.Config{Host: c.Host, Port: c.Port, Username: c.Username, Password: c.Password,
		From: c.From, TLS: mailer.TLSMode(c.TLS)}, method.FixedClock(now))
}

// Runner runs the due jobs.
type Runner struct {
	Store  *store.Store
	Sender NewSender // nil means SMTPSender
	Logger *slog.Logger
}

// Report is what one run did.
type Report struct {
	// The requests' timed steps done in this run.
	Reminded int `json:"reminded"`
	Expired  int `json:"expired"`
	Prompted int `json:"prompted"` // conversations asked "did it happen?"
	// Pruned is how many closed requests had their texts deleted by the
	// center's retention (retention_days), which runs once a day.
	Pruned int `json:"request_texts_pruned"`

	// Digests is how many volunteers' daily digests were queued.
	Digests int `json:"digests"`

	Sent     int  `json:"sent"`
	Retrying int  `json:"retrying"` // failed for now; due again later
	Failed   int  `json:"failed"`   // failed for good
	NoServer bool `json:"no_mail_server"`
	// Held is how many emails were due but wait for a later run: the
	// mail server's rate (smtp_per_minute) was reached for this minute.
	Held int `json:"held_for_rate"`
	// Problem says why nothing could be sent (no mail server, a setting
	// that cannot work); the messages wait.
	Problem string `json:"problem,omitempty"`
}

// RunDue does the timed work due at now: the requests' steps, the day's
// retention, then every email due that no other runner holds. Each
// message is claimed before it is sent and recorded after, so two runners
// never send the same one; a message whose send failed for now is due
// again after Backoff, one the server refused for good (5xx) is failed.
func (r *Runner) RunDue(ctx context.Context, now time.Time) (Report, error) {
	var rep Report
	set, err := r.Store.CenterRules(ctx)
	if err != nil {
		return rep, err
	}
	if err := r.runRequests(ctx, set, now, &rep); err != nil {
		return rep, err
	}
	if err := r.runRetention(ctx, set, now, &rep); err != nil {
		return rep, err
	}
	if err := r.runDigests(ctx, set, now, &rep); err != nil {
		return rep, err
	}
	c, err := r.Store.CenterSMTP(ctx)
	if err != nil {
		return rep, err
	}
	if !c.Configured() {
		rep.NoServer = true
		rep.Problem = "the center has no mail server: set one with `ally center set --smtp-host`; emails wait until then"
		return rep, nil
	}
	newSender := r.Sender
	if newSender == nil {
		newSender = SMTPSender
	}
	sender, err := newSender(c, now)
	if err != nil {
		rep.Problem = "the center's mail server cannot be used: " + err.Error()
		return rep, nil
	}
	for {
		ms, err := r.Store.ClaimDue(ctx, now, Lease, batch)
		if err != nil {
			return rep, err
		}
		if len(ms) == 0 {
			return rep, r.countHeld(ctx, now, &rep)
		}
		for _, m := range ms {
			if err := r.send(ctx, sender, m, MessageID(m, c.From), now, &rep); err != nil {
				return rep, err
			}
		}
	}
}

// countHeld records in rep how many due emails the mail server's rate
// kept back, once no more could be claimed.
func (r *Runner) countHeld(ctx context.Context, now time.Time, rep *Report) error {
	room, err := r.Store.OutboxRoom(ctx, now)
	if err != nil || room > 0 {
		return err
	}
	rep.Held, err = r.Store.OutboxDue(ctx, now)
	return err
}

// runRequests does the timed work of every request due at now. Each
// request's work is done in one transaction under its accounts' locks,
// so that of two runners at once one does it and the other finds nothing
// left; a request is looked at once per run.
func (r *Runner) runRequests(ctx context.Context, set center.Settings, now time.Time, rep *Report) error {
	return eachDue(ctx, now, r.Store.DueRequests, func(id int64) error {
		_, done, err := r.Store.RunRequestJobs(ctx, set, id, now)
		if err != nil {
			return fmt.Errorf("request %d: %w", id, err)
		}
		for _, j := range done {
			switch j.Kind {
			case center.JobRemind:
				rep.Reminded++
			case center.JobExpire:
				rep.Expired++
			case center.JobAskOutcome:
				rep.Prompted++
			}
		}
		return nil
	})
}

// runDigests makes the daily digests due at now. Each is made under its
// account's lock, which moves the next one to the following morning, so
// that of two runners at once one makes it; its email has the key of its
// day besides.
func (r *Runner) runDigests(ctx context.Context, set center.Settings, now time.Time, rep *Report) error {
	return eachDue(ctx, now, r.Store.DueDigests, func(id int64) error {
		n, err := r.Store.RunDigest(ctx, set, id, now)
		if err != nil {
			return fmt.Errorf("digest of account %d: %w", id, err)
		}
		if n > 0 {
			rep.Digests++
		}
		return nil
	})
}

// eachDue runs do on every id that due lists at now, batch by batch until
// a batch brings none not yet seen: each is looked at once per run.
func eachDue(ctx context.Context, now time.Time, due func(context.Context, time.Time, int) ([]int64, error), do func(id int64) error) error {
	seen := map[int64]bool{}
	for {
		ids, err := due(ctx, now, batch)
		if err != nil {
			return err
		}
		fresh := 0
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id], fresh = true, fresh+1
			if err := do(id); err != nil {
				return err
			}
		}
		if fresh == 0 {
			return nil
		}
	}
}

// runRetention deletes, once a day across instances, the texts of the
// closed requests older than the center's retention_days
// (store.PruneRequestTexts); their counts stay.
func (r *Runner) runRetention(ctx context.Context, set center.Settings, now time.Time, rep *Report) error {
	due, err := r.Store.ClaimRetention(ctx, now)
	if err != nil || !due {
		return err
	}
	rep.Pruned, err = r.Store.PruneRequestTexts(ctx, set, now)
	return err
}

// MessageID is the Message-ID of an outbox message, the same at every
// try: a message sent but not recorded as sent (the runner stopped in
// between) and sent again after its lease reads as one message in the
// recipient's mail program. The row's creation time keeps it unique
// across databases; the domain is the center's From address's, in ASCII
// (a Message-ID holds nothing else).
func MessageID(m model.OutboxMessage, from string) string {
	domain := "ally.invalid"
	if a, err := mail.ParseAddress(from); err == nil {
		if i := strings.LastIndexByte(a.Address, '@'); i >= 0 && i < len(a.Address)-1 {
			domain = a.Address[i+1:]
			if !mailer.ValidMessageID("x@" + domain) {
				domain = "ally.invalid"
				if d, err := idna.Lookup.ToASCII(a.Address[i+1:]); err == nil && mailer.ValidMessageID("x@"+d) {
					domain = d
				}
			}
		}
	}
	return fmt.Sprintf("ally.%d.%d@%s", m.ID, m.CreatedAt.UnixNano(), domain)
}

func (r *Runner) send(ctx context.Context, sender mailer.Sender, m model.OutboxMessage, id string, now time.Time, rep *Report) error {
	err := sender.Send(ctx, mailer.Message{To: []string{m.To}, Subject: m.Subject, Body: m.Body, HTML: m.HTML, Calendar: m.ICS, Date: now, ID: id})
	if ctx.Err() != nil {
		// Stopping: the lease runs out and another run sends it.
		return ctx.Err()
	}
	var rec error
	switch wait, again := Backoff(m.Attempts); {
	case err == nil:
		rec = r.Store.MarkSent(ctx, m, now)
		rep.Sent++
	case mailer.Permanent(err) || !again:
		rec = r.Store.MarkFailed(ctx, m, now, err.Error())
		rep.Failed++
		if mailer.Permanent(err) && m.AccountID != 0 && rec == nil {
			rec = r.Store.MarkBouncing(ctx, m.AccountID, err.Error(), now)
		}
		r.log().Warn("email failed for good", "id", m.ID, "kind", m.Kind, "attempts", m.Attempts, "err", err)
	default:
		rec = r.Store.MarkRetry(ctx, m, now.Add(wait), err.Error())
		rep.Retrying++
		r.log().Info("email failed for now", "id", m.ID, "kind", m.Kind, "retry_in", wait, "err", err)
	}
	if errors.Is(rec, store.ErrLostClaim) {
		r.log().Warn("an email's lease ran out before its result was recorded", "id", m.ID)
		return nil
	}
	if rec != nil {
		return fmt.Errorf("email %d: %w", m.ID, rec)
	}
	return nil
}

func (r *Runner) log() *slog.Logger {
	if r.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Logger
}

// Loop runs RunDue at start and at every tick until ctx ends. now gives
// the time of each run (the server's clock). A failed run is logged and
// tried again at the next tick.
func (r *Runner) Loop(ctx context.Context, tick <-chan time.Time, clock method.Clock) {
	for {
		rep, err := r.RunDue(ctx, clock.Now())
		switch {
		case err != nil && ctx.Err() == nil:
			r.log().Error("run due jobs", "err", err)
		case rep.Sent+rep.Retrying+rep.Failed+rep.Held+rep.Reminded+rep.Expired+rep.Prompted+rep.Pruned+rep.Digests > 0:
			r.log().Info("ran due jobs", "sent", rep.Sent, "retrying", rep.Retrying, "failed", rep.Failed, "held_for_rate", rep.Held,
				"reminded", rep.Reminded, "expired", rep.Expired, "prompted", rep.Prompted, "request_texts_pruned", rep.Pruned, "digests", rep.Digests)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}
