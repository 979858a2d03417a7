package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/requestmail"
)

// requestLinkKeyName names, in instance_facts and when sealed, the key
// that signs the one-click links of request emails: one key in the
// database, so that a link written by one instance works on every other.
const requestLinkKeyName = "request_link_key"

// RequestLinkKey is the key that signs request links, made on first need.
func (s *Store) RequestLinkKey(ctx context.Context) ([]byte, error) {
	return s.requestLinkKey(ctx, s.w)
}

func (s *Store) requestLinkKey(ctx context.Context, q queryer) ([]byte, error) {
	if key, ok, err := s.readLinkKey(ctx, q); ok || err != nil {
		return key, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	sealed, err := s.secrets.seal(requestLinkKeyName, base64.StdEncoding.EncodeToString(key))
	if err != nil {
		return nil, err
	}
	// Instances making one at once: the first insert wins, and all read it.
	if _, err := q.ExecContext(ctx, `INSERT INTO instance_facts (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
		requestLinkKeyName, sealed); err != nil {
		return nil, fmt.Errorf("keep the link key: %w", err)
	}
	key, _, err = s.readLinkKey(ctx, q)
	return key, err
}

// readLinkKey reads the link key, ok false when none was made yet.
func (s *Store) readLinkKey(ctx context.Context, q queryer) (key []byte, ok bool, err error) {
	var sealed string
	err = q.QueryRowContext(ctx, `SELECT value FROM instance_facts WHERE name = $1`, requestLinkKeyName).Scan(&sealed)
	if isNoRows(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read the link key: %w", err)
	}
	plain, err := s.secrets.open(requestLinkKeyName, sealed)
	if err != nil {
		return nil, false, err
	}
	key, err = base64.StdEncoding.DecodeString(plain)
	return key, err == nil, err
}

// mailParty is one side of a request as its emails need it.
type mailParty struct {
	requestmail.Party
	id               int64
	optOut, bouncing bool
	digest           bool // takes new requests in a daily digest
}

func (s *Store) mailPartyOf(ctx context.Context, q queryer, set center.Settings, id int64) (mailParty, error) {
	p := mailParty{id: id}
	var optOut, bouncing nullTime
	var mode string
	err := q.QueryRowContext(ctx, `SELECT COALESCE(v.display_name, u.name), u.email, a.mail_opt_out_at, a.bouncing_at, a.mail_mode
		FROM users u JOIN accounts a ON a.user_id = u.id LEFT JOIN volunteer_profiles v ON v.account_id = u.id
		WHERE u.id = $1`, id).Scan(&p.Name, &p.Email, &optOut, &bouncing, &mode)
	if err != nil {
		return p, noRows(err, "account", id)
	}
	p.optOut, p.bouncing = !optOut.Time.IsZero(), !bouncing.Time.IsZero()
	p.digest = model.MailMode(mode) == model.MailDigest
	p.Zone = set.Location()
	st, err := (&Scope{st: s, owner: id, r: q, w: q}).Settings(ctx)
	if err != nil {
		return p, err
	}
	if st.TimeZone != "" {
		if loc, err := time.LoadLocation(st.TimeZone); err == nil {
			p.Zone = loc
		}
	}
	return p, nil
}

// essential says whether an email of kind still goes to a reader who
// unsubscribed: what concerns a conversation they agreed to. A request
// that waits for them waits in the app instead.
func essential(k requestmail.Kind) bool {
	switch k {
	case requestmail.Accepted, requestmail.Scheduled, requestmail.Invitation, requestmail.Cancelled:
		return true
	}
	return false
}

// centerMailFacts reads what every email of the center names: the
// center, and the address its links start with ("" when unknown).
func centerMailFacts(ctx context.Context, q queryer) (name, base string, err error) {
	if err := q.QueryRowContext(ctx, `SELECT name FROM center WHERE id = 1`).Scan(&name); err != nil {
		return "", "", noRows(err, "center", 1)
	}
	if err := q.QueryRowContext(ctx, `SELECT value FROM instance_facts WHERE name = 'base_url'`).Scan(&base); err != nil && !isNoRows(err) {
		return "", "", fmt.Errorf("read the base URL: %w", err)
	}
	return name, strings.TrimRight(base, "/"), nil
}

// mailJob is one email to queue about a request.
type mailJob struct {
	kind requestmail.Kind
	to   center.Actor
}

// queueRequestMail renders and queues, in q, the emails of an event on
// request r at now: each to its reader, in their zone, with one-click
// links for a volunteer asked to answer and an unsubscribe link. A reader
// whose address bounces gets none; one who unsubscribed gets only the
// essential ones; a volunteer who takes a digest finds a new request in
// the next one (RunDigest) instead of an email of its own.
func (s *Store) queueRequestMail(ctx context.Context, q queryer, set center.Settings, r center.Request, now time.Time, jobs ...mailJob) error {
	if err := settleNotices(ctx, q, r, now); err != nil {
		return err
	}
	if len(jobs) == 0 {
		return nil
	}
	centerName, base, err := centerMailFacts(ctx, q)
	if err != nil {
		return err
	}
	student, err := s.mailPartyOf(ctx, q, set, r.StudentID)
	if err != nil {
		return err
	}
	volunteer, err := s.mailPartyOf(ctx, q, set, r.VolunteerID)
	if err != nil {
		return err
	}
	key, err := s.requestLinkKey(ctx, q)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		reader := volunteer
		if j.to == center.ActorStudent {
			reader = student
		}
		m := requestmail.Message{Kind: j.kind, To: j.to, Center: centerName, Request: r, Student: student.Party,
			Volunteer: volunteer.Party, Stamp: now, ExpiresAt: set.ExpiresAt(r), SlowToAnswer: volunteer.optOut}
		if j.kind == requestmail.Declined || j.kind == requestmail.Expired || j.kind == requestmail.Suggested {
			if m.Suggestions, err = similarVolunteers(ctx, q, set, r, base, now); err != nil {
				return err
			}
		}
		if err := addNotice(ctx, q, reader.id, r.ID, j.kind, m.Suggestions, now); err != nil {
			return err
		}
		if reader.bouncing || reader.Email == "" || (reader.optOut && !essential(j.kind)) ||
			(reader.digest && j.to == center.ActorVolunteer && j.kind == requestmail.Sent) {
			continue
		}
		if base != "" {
			m.RequestURL = base + "/requests/" + strconv.FormatInt(r.ID, 10)
			m.Unsubscribe = base + "/unsubscribe/" + requestmail.SignAccount(key, reader.id)
			if j.to == center.ActorVolunteer && r.State.Open() {
				if m.Actions, err = requestLinks(key, base, r, set.ExpiresAt(r), reader.Zone); err != nil {
					return err
				}
			}
		}
		if j.kind == requestmail.Referred && r.ReferredTo != 0 {
			ref, err := s.mailPartyOf(ctx, q, set, r.ReferredTo)
			if err != nil {
				return err
			}
			m.ReferredTo = ref.Name
		}
		e, err := requestmail.Render(m)
		if err != nil {
			return err
		}
		mail := e.ToEmail("request."+string(j.kind), fmt.Sprintf("request:%d:%s:%s:%d", r.ID, j.kind, j.to, now.UnixNano()), now)
		mail.AccountID = reader.id
		if _, err := enqueue(ctx, q, mail, now); err != nil {
			return err
		}
	}
	return nil
}

// requestLinks are the one-click answers of an email to a volunteer: yes
// at each proposed time (or yes, a time to agree), and the two ready-made
// noes; each valid until the request expires.
func requestLinks(key []byte, base string, r center.Request, expires time.Time, loc *time.Location) ([]requestmail.Link, error) {
	claims := []requestmail.Claim{}
	for i := range r.ProposedTimes {
		claims = append(claims, requestmail.Claim{RequestID: r.ID, Action: requestmail.LinkAccept, TimeIndex: i + 1, Expires: expires})
	}
	claims = append(claims, requestmail.Claim{RequestID: r.ID, Action: requestmail.LinkAccept, Expires: expires},
		requestmail.Claim{RequestID: r.ID, Action: requestmail.LinkNoTime, Expires: expires},
		requestmail.Claim{RequestID: r.ID, Action: requestmail.LinkNotMine, Expires: expires})
	proposed := center.FormatProposal(r.ProposedTimes, loc)
	var out []requestmail.Link
	for _, c := range claims {
		token, err := requestmail.Sign(key, c, rand.Reader)
		if err != nil {
			return nil, err
		}
		out = append(out, requestmail.Link{Label: c.Label(proposed), URL: base + "/respond/" + token})
	}
	return out, nil
}

// similarVolunteers are up to five volunteers with room this month in the
// request's field, those with something in common with the student first
// (the directory's ranking), leaving out the one who did not answer and
// any the student already waits on.
func similarVolunteers(ctx context.Context, q queryer, set center.Settings, r center.Request, base string, now time.Time) ([]requestmail.Suggestion, error) {
	var sp model.StudentProfile
	var majors, clubs, past string
	err := q.QueryRowContext(ctx, `SELECT majors, home_town, clubs, past_employers FROM student_profiles WHERE account_id = $1`, r.StudentID).
		Scan(&majors, &sp.HomeTown, &clubs, &past)
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("read the student's profile: %w", err)
	}
	sp.Majors, sp.Clubs, sp.PastEmployers = splitLines(majors), splitLines(clubs), splitLines(past)
	busy := map[int64]bool{r.VolunteerID: true}
	open, err := queryRequests(ctx, q, `student_id = $1 AND `+openStates, r.StudentID)
	if err != nil {
		return nil, err
	}
	for _, o := range open {
		busy[o.VolunteerID] = true
	}
	f := &directoryFilter{}
	f.where = append(f.where, `EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = v.account_id AND a.status = 'active')`,
		`v.account_id IN (SELECT t.account_id FROM volunteer_terms t WHERE t.kind = `+f.arg(termField)+` AND t.term = `+f.arg(center.Key(r.Field))+`)`)
	hits, err := hitsIn(ctx, q, f, "0.0", "", now.In(set.Location()))
	if err != nil {
		return nil, err
	}
	mine := center.NewMatcher(studentTraits(sp))
	var cands []center.Candidate
	byID := map[int64]*directoryHit{}
	for _, h := range hits {
		if busy[h.cand.ID] || !set.HasRoom(h.cand, now) {
			continue
		}
		h.cand.Common = mine.InCommon(h.traits)
		byID[h.cand.ID] = h
		cands = append(cands, h.cand)
	}
	set.Rank(cands, now)
	var out []requestmail.Suggestion
	for _, c := range cands[:min(len(cands), requestmail.MaxSuggestions)] {
		sg := requestmail.Suggestion{ID: c.ID, Name: c.Name, Common: commonWords(c.Common)}
		if base != "" {
			sg.URL = base + "/directory/" + strconv.FormatInt(c.ID, 10)
		}
		out = append(out, sg)
	}
	return out, nil
}

// commonWords says what a volunteer has in common with the student.
func commonWords(cs []model.Common) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return strings.Join(out, "; ")
}
