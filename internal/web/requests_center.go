package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// A volunteer's "Requests to me", with the capacity used this month and a
// pause switch; the advisors' blocks to clear and reported requests.

// toMePage is "Requests to me" (requests_to_me.html).
type toMePage struct {
	page
	Sections    []requestSection
	Capacity    int
	Used        int
	Month       string
	Pending     int
	Room        int    // open requests they take before showing as full
	PausedUntil string // "" when not paused
	Pause       *field
	// How Ally emails them: each request or a daily digest, and whether
	// they stopped the request emails (since MailOffSince).
	Mail         model.MailPrefs
	MailOffSince string
	MailProblem  string
}

// requestsToMe serves GET /requests/to-me.
func (s *server) requestsToMe(w http.ResponseWriter, r *http.Request) {
	data, err := s.toMeData(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "requests_to_me", data)
}

func (s *server) toMeData(r *http.Request) (*toMePage, error) {
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		return nil, err
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		return nil, err
	}
	me := s.ownerOf(r)
	all, err := s.Store.RequestsOf(r.Context(), me)
	if err != nil {
		return nil, err
	}
	prof, _, err := s.Store.VolunteerProfile(r.Context(), me)
	if err != nil {
		return nil, err
	}
	var mine []center.Request
	for _, q := range all {
		if q.VolunteerID == me {
			mine = append(mine, q)
		}
	}
	now := s.now()
	m := center.MonthOf(now, set.Location())
	load := set.Load(center.VolunteerLoad{ID: me, Capacity: prof.MonthlyCapacity}, mine, now)
	data := &toMePage{page: s.newPage("to-me", loc), Sections: sectionsOf(mine, s.names(r), false, loc),
		Capacity: prof.MonthlyCapacity, Used: load.Used, Month: m.String(), Pending: load.Pending,
		Room: set.PendingRoom(prof.MonthlyCapacity, load.Used)}
	value := ""
	if prof.PausedUntil != nil && center.PausedOn(*prof.PausedUntil, now, set.Location()) {
		data.PausedUntil = prof.PausedUntil.Format("Mon 2 Jan 2006")
		value = prof.PausedUntil.Format("2006-01-02")
	}
	data.Pause = &field{ID: "f-paused-until", Name: "paused_until", Label: "Take no new requests until", Value: value, Type: "date",
		Hint: "The day you take requests again. Requests already sent still wait for your answer."}
	if data.Mail, err = s.Store.MailPrefs(r.Context(), me); err != nil {
		return nil, err
	}
	if data.Mail.OptedOut() {
		data.MailOffSince = data.Mail.OptedOutAt.In(loc).Format("Mon 2 Jan 2006")
	}
	return data, nil
}

// mailSave serves POST /requests/to-me/mail: mail=immediate|digest sets
// how new requests are emailed; emails=off|on stops the request emails
// (as the unsubscribe link does) or turns them back on.
func (s *server) mailSave(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, me, now := r.Context(), s.ownerOf(r), s.now()
	var msg string
	switch r.PostForm.Get("emails") {
	case "off":
		if err := s.Store.SetMailOptOut(ctx, me, true, now); err != nil {
			s.pageError(w, r, err)
			return
		}
		msg = "Ally no longer emails you about requests, only about conversations you agreed to. Requests wait for you here."
	case "on":
		if err := s.Store.SetMailOptOut(ctx, me, false, now); err != nil {
			s.pageError(w, r, err)
			return
		}
		msg = "Ally emails you about requests again."
	default:
		mode, err := model.ParseMailMode(r.PostForm.Get("mail"))
		if err == nil {
			err = s.Store.SetMailMode(ctx, me, mode, now)
		}
		if err != nil {
			if len(model.AsErrors(err)) == 0 {
				s.pageError(w, r, err)
				return
			}
			data, derr := s.toMeData(r)
			if derr != nil {
				s.pageError(w, r, derr)
				return
			}
			data.MailProblem = "Choose one: an email per request, or one email a day."
			s.render(w, r, http.StatusUnprocessableEntity, "requests_to_me", data)
			return
		}
		msg = "You receive an email for each new request, as it arrives."
		if mode == model.MailDigest {
			msg = "You receive one email a day, in the morning, listing the requests that came since the last one."
		}
	}
	s.redirect(w, r, "/requests/to-me", msg)
}

// pauseSave serves POST /requests/to-me/pause: pause until a date, or
// (with "resume") take requests again now.
func (s *server) pauseSave(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, me, now := r.Context(), s.ownerOf(r), s.now()
	prof, _, err := s.Store.VolunteerProfile(ctx, me)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	raw := strings.TrimSpace(r.PostForm.Get("paused_until"))
	var problem string
	switch {
	case r.PostForm.Get("resume") != "" || raw == "":
		prof.PausedUntil = nil
	default:
		day, err := time.Parse("2006-01-02", raw)
		switch {
		case err != nil:
			problem = "Write the date as 2026-03-05, or use the picker."
		case !day.After(now):
			problem = "Choose a day to come: the day you take requests again."
		default:
			prof.PausedUntil = &day
		}
	}
	if problem == "" {
		if prof.DisplayName == "" {
			problem = "Write your profile first (at least your name): students find you through it."
		} else if err := s.Store.SaveVolunteerProfile(ctx, &prof, nil, now); err != nil {
			if len(model.AsErrors(err)) == 0 {
				s.pageError(w, r, err)
				return
			}
			problem = sentence(model.AsErrors(err)[0].Message)
		}
	}
	if problem != "" {
		data, err := s.toMeData(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		data.Pause.Value, data.Pause.Error, data.Pause.Type = raw, problem, "text"
		s.render(w, r, http.StatusUnprocessableEntity, "requests_to_me", data)
		return
	}
	msg := "You take requests again."
	if prof.PausedUntil != nil {
		msg = "Paused: no new requests until " + prof.PausedUntil.Format("Mon 2 Jan 2006") + "."
	}
	s.redirect(w, r, "/requests/to-me", msg)
}

// blockRow is one blocked student for the advisors.
type blockRow struct {
	store.Block
	SinceText string
	Strikes   []string
	Note      *field
	Problem   string
}

// blocksPage is the advisors' list of blocks (center_blocks.html).
type blocksPage struct {
	page
	Blocks []blockRow
}

func (s *server) blocksData(r *http.Request) (*blocksPage, error) {
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		return nil, err
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		return nil, err
	}
	blocks, err := s.Store.Blocks(r.Context(), set)
	if err != nil {
		return nil, err
	}
	data := &blocksPage{page: s.newPage("review", loc)}
	for _, b := range blocks {
		row := blockRow{Block: b, SinceText: center.FormatTime(b.Since, loc),
			Note: &field{ID: "f-note-" + strconv.FormatInt(b.StudentID, 10), Name: "note", Label: "Note", Rows: 2,
				Hint: "What you agreed with the student; it goes to the audit log."}}
		for _, t := range b.Strikes {
			row.Strikes = append(row.Strikes, center.FormatTime(t, loc))
		}
		data.Blocks = append(data.Blocks, row)
	}
	return data, nil
}

// blocksShow serves GET /center/blocks.
func (s *server) blocksShow(w http.ResponseWriter, r *http.Request) {
	data, err := s.blocksData(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "center_blocks", data)
}

// blockClear serves POST /center/blocks/{id}/clear: the block ends, with
// the advisor's note.
func (s *server) blockClear(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "student")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	set, err := s.Store.CenterRules(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	block, blocked, err := s.Store.BlockOf(r.Context(), set, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !blocked {
		s.pageError(w, r, &store.NotFoundError{Kind: "block of student", Key: strconv.FormatInt(id, 10)})
		return
	}
	_, actor, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	note := r.PostForm.Get("note")
	if err := s.Store.ClearBlock(r.Context(), id, note, actor, s.now()); err != nil {
		es := model.AsErrors(err)
		if len(es) == 0 {
			s.pageError(w, r, err)
			return
		}
		// The whole list again, with the note and why it was refused.
		data, err := s.blocksData(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for i := range data.Blocks {
			if row := &data.Blocks[i]; row.StudentID == id {
				row.Note.Value, row.Note.Error = note, sentence(es[0].Message)
			}
		}
		s.render(w, r, http.StatusUnprocessableEntity, "center_blocks", data)
		return
	}
	s.redirect(w, r, "/center/blocks", "Cleared "+block.Name+"’s block: they may send requests again.")
}

// flaggedReviewed serves POST /center/reported/{id}/reviewed: an advisor
// marks a request sent over the checker as looked at, and it leaves the
// list.
func (s *server) flaggedReviewed(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "request")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, actor, err := s.caller(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.Store.MarkReviewed(r.Context(), id, actor, s.now()); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/center/reported#flagged", "Marked reviewed: the request left the list.")
}

// reportedRow is one reported request for the advisors, with its message.
type reportedRow struct {
	Req                center.Request
	Student, Volunteer string
	Reported           string
}

// flaggedRow is one request sent over the checker, for the advisors'
// review: its metadata and the student's word why, never its message.
type flaggedRow struct {
	Req                center.Request
	Student, Volunteer string
	Sent, State        string
}

// reportedPage lists reported requests, and those sent over the checker
// (center_reported.html).
type reportedPage struct {
	page
	Rows     []reportedRow
	Flagged  []flaggedRow
	Reviewed int // requests sent over the checker already marked reviewed
	Most     int // the most Flagged lists
}

// reportedShow serves GET /center/reported.
func (s *server) reportedShow(w http.ResponseWriter, r *http.Request) {
	loc, err := s.Store.AccountTimeZone(r.Context(), s.ownerOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	reqs, err := s.Store.ReportedRequests(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	flagged, reviewed, err := s.Store.FlaggedRequests(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	n := s.names(r)
	data := &reportedPage{page: s.newPage("review", loc), Most: store.MaxFlaggedListed, Reviewed: reviewed}
	for _, q := range reqs {
		data.Rows = append(data.Rows, reportedRow{Req: q, Student: n.of(q.StudentID), Volunteer: n.of(q.VolunteerID),
			Reported: center.FormatTime(q.StateAt, loc)})
	}
	for _, q := range flagged {
		data.Flagged = append(data.Flagged, flaggedRow{Req: q, Student: n.of(q.StudentID), Volunteer: n.of(q.VolunteerID),
			Sent: center.FormatTime(q.CreatedAt, loc), State: sentence(q.State.Label())})
	}
	s.render(w, r, http.StatusOK, "center_reported", data)
}
