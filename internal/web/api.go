package web

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

//go:embed openapi.json
var openAPISpec []byte

// apiFunc handles one API call: it returns the status and body on success.
type apiFunc func(r *http.Request, sc *store.Scope) (int, any, error)

func (s *server) api(fn apiFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status, v, err := fn(r, s.scope(r))
		if err != nil {
			s.writeAPIError(w, r, err)
			return
		}
		if status == http.StatusNoContent {
			w.WriteHeader(status)
			return
		}
		s.writeJSON(w, status, v)
	}
}

func (s *server) openAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPISpec)
}

func (s *server) apiNotFound(r *http.Request, _ *store.Scope) (int, any, error) {
	return 0, nil, &store.NotFoundError{Kind: "API route", Key: r.URL.Path}
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.Ping(r.Context()); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}

// pathID reads the {id} in the URL.
func pathID(r *http.Request, kind string) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, &store.NotFoundError{Kind: kind, Key: raw}
	}
	return id, nil
}

// queryID reads an optional numeric query parameter.
func queryID(r *http.Request, name string) (int64, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, model.Invalid(name, "%q is not an id", raw)
	}
	return id, nil
}

func queryInt(r *http.Request, name string, def, max int) (int, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > max {
		return 0, model.Invalid(name, "must be a number from 0 to %d", max)
	}
	return n, nil
}

// queryTime reads a time parameter in the user's zone; empty gives now.
func (s *server) queryTime(r *http.Request, sc *store.Scope, name string) (time.Time, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return s.now(), nil
	}
	return s.parseUserTime(r, sc, name, raw)
}

func (s *server) parseUserTime(r *http.Request, sc *store.Scope, name, raw string) (time.Time, error) {
	settings, err := sc.Settings(r.Context())
	if err != nil {
		return time.Time{}, err
	}
	t, err := method.ParseTime(raw, s.now(), settings.Location())
	if err != nil {
		return t, model.Invalid(name, "%v", err)
	}
	return t, nil
}

// getByID serves GET .../{id} for one kind of record.
func getByID[T any](kind string, get func(*store.Scope, context.Context, int64) (T, error)) apiFunc {
	return func(r *http.Request, sc *store.Scope) (int, any, error) {
		id, err := pathID(r, kind)
		if err != nil {
			return 0, nil, err
		}
		v, err := get(sc, r.Context(), id)
		return http.StatusOK, v, err
	}
}

// deleteByID serves DELETE .../{id} for one kind of record.
func deleteByID(kind string, del func(*store.Scope, context.Context, int64) error) apiFunc {
	return func(r *http.Request, sc *store.Scope) (int, any, error) {
		id, err := pathID(r, kind)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusNoContent, nil, del(sc, r.Context(), id)
	}
}

// record is a model type the API reads and writes whole: the JSON a GET
// returns can be changed and sent back with PUT.
type record interface {
	model.Person | model.Field | model.Organization
}

func setID[T record](v *T, id int64) {
	switch x := any(v).(type) {
	case *model.Person:
		x.ID = id
	case *model.Field:
		x.ID = id
	case *model.Organization:
		x.ID = id
	}
}

// createRecord serves POST for a record kind.
func createRecord[T record](s *server, create func(*store.Scope, context.Context, *T, time.Time) error) apiFunc {
	return func(r *http.Request, sc *store.Scope) (int, any, error) {
		var v T
		if err := decodeJSON(nil, r, &v); err != nil {
			return 0, nil, err
		}
		setID(&v, 0)
		if err := create(sc, r.Context(), &v, s.now()); err != nil {
			return 0, nil, err
		}
		return http.StatusCreated, &v, nil
	}
}

// updateRecord serves PUT .../{id} for a record kind and answers with the
// record as stored.
func updateRecord[T record](s *server, kind string, update func(*store.Scope, context.Context, *T, time.Time) error,
	get func(*store.Scope, context.Context, int64) (*T, error)) apiFunc {
	return func(r *http.Request, sc *store.Scope) (int, any, error) {
		id, err := pathID(r, kind)
		if err != nil {
			return 0, nil, err
		}
		var v T
		if err := decodeJSON(nil, r, &v); err != nil {
			return 0, nil, err
		}
		setID(&v, id)
		if err := update(sc, r.Context(), &v, s.now()); err != nil {
			return 0, nil, err
		}
		got, err := get(sc, r.Context(), id)
		return http.StatusOK, got, err
	}
}

// Page is a page of a list.
type Page[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// People.

func (s *server) listPeople(r *http.Request, sc *store.Scope) (int, any, error) {
	q := r.URL.Query()
	f := store.PeopleFilter{Source: model.Source(q.Get("source")), Tag: q.Get("tag"), State: model.State(q.Get("state")), Sort: q.Get("sort")}
	var err error
	if f.FieldID, err = queryID(r, "field_id"); err != nil {
		return 0, nil, err
	}
	if f.OrganizationID, err = queryID(r, "organization_id"); err != nil {
		return 0, nil, err
	}
	if f.Limit, err = queryInt(r, "limit", 100, 1000); err != nil {
		return 0, nil, err
	}
	if f.Offset, err = queryInt(r, "offset", 0, 1<<30); err != nil {
		return 0, nil, err
	}
	if !f.Source.Valid() {
		return 0, nil, model.Invalid("source", "%q is not a source", f.Source)
	}
	if f.State != "" && !f.State.Valid() {
		return 0, nil, model.Invalid("state", "%q is not a lifecycle state", f.State)
	}
	people, total, err := sc.People(r.Context(), f)
	if people == nil {
		people = []*model.Person{}
	}
	return http.StatusOK, Page[*model.Person]{people, total}, err
}

func (s *server) deletePerson(r *http.Request, sc *store.Scope) (int, any, error) {
	id, err := pathID(r, "person")
	if err != nil {
		return 0, nil, err
	}
	with := r.URL.Query().Get("with_conversations") == "true"
	return http.StatusNoContent, nil, sc.DeletePerson(r.Context(), id, with)
}

func (s *server) personTimeline(r *http.Request, sc *store.Scope) (int, any, error) {
	id, err := pathID(r, "person")
	if err != nil {
		return 0, nil, err
	}
	items, err := sc.Timeline(r.Context(), id)
	if items == nil {
		items = []model.TimelineItem{}
	}
	return http.StatusOK, items, err
}

// Fields.

func (s *server) listFields(r *http.Request, sc *store.Scope) (int, any, error) {
	fields, err := sc.Fields(r.Context())
	if fields == nil {
		fields = []*model.Field{}
	}
	return http.StatusOK, fields, err
}

// Organizations.

func (s *server) listOrgs(r *http.Request, sc *store.Scope) (int, any, error) {
	orgs, err := sc.Organizations(r.Context())
	if orgs == nil {
		orgs = []*model.Organization{}
	}
	return http.StatusOK, orgs, err
}

// Conversations.

func (s *server) listConvos(r *http.Request, sc *store.Scope) (int, any, error) {
	var f store.ConversationFilter
	var err error
	if f.PersonID, err = queryID(r, "person_id"); err != nil {
		return 0, nil, err
	}
	if f.FieldID, err = queryID(r, "field_id"); err != nil {
		return 0, nil, err
	}
	for _, st := range r.URL.Query()["state"] {
		for _, one := range strings.Split(st, ",") {
			state := model.State(one)
			if !state.Valid() {
				return 0, nil, model.Invalid("state", "%q is not a lifecycle state", one)
			}
			f.States = append(f.States, state)
		}
	}
	if f.Limit, err = queryInt(r, "limit", 100, 1000); err != nil {
		return 0, nil, err
	}
	if f.Offset, err = queryInt(r, "offset", 0, 1<<30); err != nil {
		return 0, nil, err
	}
	cs, err := sc.Conversations(r.Context(), f)
	if cs == nil {
		cs = []*model.Conversation{}
	}
	return http.StatusOK, cs, err
}

// convoInput is what a client sends to create or edit a conversation; the
// lifecycle moves only through /steps.
type convoInput struct {
	PersonID int64         `json:"person_id"`
	FieldIDs []int64       `json:"field_ids"`
	Channel  model.Channel `json:"channel"`
	Minutes  int           `json:"minutes"`
	Place    string        `json:"place"`
	WhoPays  string        `json:"who_pays"`
	Prepared bool          `json:"prepared"`
	Notes    string        `json:"notes"`
	Summary  string        `json:"summary"`
	// Usefulness is 1–5; left out when not rated (an explicit 0 is refused).
	Usefulness *int `json:"usefulness"`
	// KeepAnyway keeps a new conversation's ask of over 30 minutes, which
	// is refused without it (method.KeepAnyway); keep_minutes is its older
	// name.
	KeepAnyway  bool `json:"keep_anyway"`
	KeepMinutes bool `json:"keep_minutes"`
}

func (in convoInput) conversation() (*model.Conversation, error) {
	c := &model.Conversation{Person: model.Ref{ID: in.PersonID}, Channel: in.Channel, Minutes: in.Minutes, Place: in.Place,
		WhoPays: in.WhoPays, Prepared: in.Prepared, Notes: in.Notes, Summary: in.Summary}
	if in.Usefulness != nil {
		if err := model.CheckUsefulness(*in.Usefulness); err != nil {
			return nil, err
		}
		c.Usefulness = *in.Usefulness
	}
	for _, id := range in.FieldIDs {
		c.Fields = append(c.Fields, model.Ref{ID: id})
	}
	return c, nil
}

func (s *server) createConvo(r *http.Request, sc *store.Scope) (int, any, error) {
	var in convoInput
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	c, err := in.conversation()
	if err != nil {
		return 0, nil, err
	}
	if err := ownRefs(r, sc, in.PersonID, 0, in.FieldIDs); err != nil {
		return 0, nil, err
	}
	if err := method.KeepAnyway(method.MinutesCaution(c.Minutes), in.KeepAnyway || in.KeepMinutes, method.ViaAPI); err != nil {
		return 0, nil, err
	}
	if err := sc.CreateConversation(r.Context(), c, s.now()); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, c, nil
}

func (s *server) updateConvo(r *http.Request, sc *store.Scope) (int, any, error) {
	id, err := pathID(r, "conversation")
	if err != nil {
		return 0, nil, err
	}
	var in convoInput
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	c, err := in.conversation()
	if err != nil {
		return 0, nil, err
	}
	if err := ownRefs(r, sc, in.PersonID, 0, in.FieldIDs); err != nil {
		return 0, nil, err
	}
	c.ID = id
	if err := sc.UpdateConversation(r.Context(), c, s.now()); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, c, nil
}

type stepInput struct {
	Step      model.State `json:"step"`
	At        string      `json:"at"`
	MeetingAt string      `json:"meeting_at"`
	Note      string      `json:"note"`
}

func (s *server) stepConvo(r *http.Request, sc *store.Scope) (int, any, error) {
	id, err := pathID(r, "conversation")
	if err != nil {
		return 0, nil, err
	}
	var in stepInput
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	st := method.Step{To: in.Step, At: s.now()}
	if in.At != "" {
		if st.At, err = s.parseUserTime(r, sc, "at", in.At); err != nil {
			return 0, nil, err
		}
	}
	if in.MeetingAt != "" {
		if st.MeetingAt, err = s.parseUserTime(r, sc, "meeting_at", in.MeetingAt); err != nil {
			return 0, nil, err
		}
	}
	c, err := sc.Step(r.Context(), id, st, in.Note, s.now())
	return http.StatusOK, c, err
}

// Activities.

func (s *server) listActivities(r *http.Request, sc *store.Scope) (int, any, error) {
	var f store.ActivityFilter
	var err error
	if f.PersonID, err = queryID(r, "person_id"); err != nil {
		return 0, nil, err
	}
	if f.Limit, err = queryInt(r, "limit", 100, 1000); err != nil {
		return 0, nil, err
	}
	if f.Offset, err = queryInt(r, "offset", 0, 1<<30); err != nil {
		return 0, nil, err
	}
	acts, err := sc.Activities(r.Context(), f)
	if acts == nil {
		acts = []*model.Activity{}
	}
	return http.StatusOK, acts, err
}

type activityInput struct {
	PersonID       int64              `json:"person_id"`
	ConversationID int64              `json:"conversation_id"`
	Kind           model.ActivityKind `json:"kind"`
	At             string             `json:"at"`
	Note           string             `json:"note"`
}

// ownRefs answers 404 for a record a request's body names (a person, a
// conversation, fields; 0 for none) that is not the caller's, as for one
// its path names: another user's records are not there for them. The
// store checks them again in its transaction.
func ownRefs(r *http.Request, sc *store.Scope, personID, convoID int64, fieldIDs []int64) error {
	return sc.Owns(r.Context(), personID, convoID, fieldIDs)
}

// activityFrom reads the activity a body describes. The person and the
// conversation it names are not looked up here: the store checks them in
// its transaction as it writes (a write that succeeds named the caller's
// own), and a failed write's answer is ownedOr's.
func (s *server) activityFrom(r *http.Request, sc *store.Scope, in activityInput) (*model.Activity, error) {
	a := &model.Activity{Person: model.Ref{ID: in.PersonID}, ConversationID: in.ConversationID, Kind: in.Kind, Note: in.Note, At: s.now()}
	if in.At != "" {
		var err error
		if a.At, err = s.parseUserTime(r, sc, "at", in.At); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// ownedOr is the answer to an activity write that failed with err: the
// 404 of ownRefs when the body names a record that is not the caller's,
// as if it had been checked first, else err. Only a failure reads the
// references again.
func ownedOr(r *http.Request, sc *store.Scope, in activityInput, err error) error {
	if err == nil {
		return nil
	}
	var nf *store.NotFoundError
	if oerr := ownRefs(r, sc, in.PersonID, in.ConversationID, nil); errors.As(oerr, &nf) {
		return oerr
	}
	return err
}

func (s *server) createActivity(r *http.Request, sc *store.Scope) (int, any, error) {
	var in activityInput
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	a, err := s.activityFrom(r, sc, in)
	if err == nil {
		err = sc.AddActivity(r.Context(), a, s.now())
	}
	if err := ownedOr(r, sc, in, err); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, a, nil
}

func (s *server) updateActivity(r *http.Request, sc *store.Scope) (int, any, error) {
	id, err := pathID(r, "activity")
	if err != nil {
		return 0, nil, err
	}
	var in activityInput
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	a, err := s.activityFrom(r, sc, in)
	if err == nil {
		a.ID = id
		err = sc.UpdateActivity(r.Context(), a)
	}
	if err := ownedOr(r, sc, in, err); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, a, nil
}

// Agenda, search and settings.

func (s *server) actionDone(r *http.Request, sc *store.Scope) (int, any, error) {
	a, err := sc.MarkDone(r.Context(), r.PathValue("id"), s.now())
	return http.StatusOK, a, err
}

func (s *server) actionSnooze(r *http.Request, sc *store.Scope) (int, any, error) {
	var in struct {
		Until string `json:"until"`
	}
	if err := decodeJSON(nil, r, &in); err != nil {
		return 0, nil, err
	}
	if in.Until == "" {
		return 0, nil, model.Invalid("until", "is required")
	}
	until, err := s.parseUserTime(r, sc, "until", in.Until)
	if err != nil {
		return 0, nil, err
	}
	a, err := sc.Snooze(r.Context(), r.PathValue("id"), until, s.now())
	return http.StatusOK, a, err
}

// apiSearch answers an array of hits, best first. When more records
// matched than a search ranks, the Ally-Search-Cut header says how many
// were ranked: the hits are the best of those, not of every match.
func (s *server) apiSearch(w http.ResponseWriter, r *http.Request) {
	s.api(func(r *http.Request, sc *store.Scope) (int, any, error) {
		limit, err := queryInt(r, "limit", 20, 200)
		if err != nil {
			return 0, nil, err
		}
		hits, err := sc.Search(r.Context(), r.URL.Query().Get("q"), limit)
		if hits.Ranked > 0 {
			w.Header().Set(searchCutHeader, strconv.Itoa(hits.Ranked))
		}
		return http.StatusOK, hits.Results, err
	})(w, r)
}

// searchCutHeader carries SearchHits.Ranked on the API's answer to a search.
const searchCutHeader = "Ally-Search-Cut"

// passwordSet stands in for the SMTP password in answers: the API never
// hands a stored secret back.
const passwordSet = "(set)"

func withoutPassword(st method.Settings) method.Settings {
	if st.SMTPPassword != "" {
		st.SMTPPassword = passwordSet
	}
	return st
}

func (s *server) getSettings(r *http.Request, sc *store.Scope) (int, any, error) {
	st, err := sc.Settings(r.Context())
	return http.StatusOK, withoutPassword(st), err
}

func (s *server) putSettings(r *http.Request, sc *store.Scope) (int, any, error) {
	// The body is read first, so that no slow client holds the write
	// transaction; the change applies to the settings as they are in it.
	var raw json.RawMessage
	if err := decodeJSON(nil, r, &raw); err != nil {
		return 0, nil, err
	}
	st, err := sc.UpdateSettings(r.Context(), func(st *method.Settings) error {
		password := st.SMTPPassword
		if err := decodeJSONFrom(bytes.NewReader(raw), st); err != nil {
			return err
		}
		if st.SMTPPassword == passwordSet || st.SMTPPassword == "" {
			// A GET → PUT round trip keeps the stored password.
			st.SMTPPassword = password
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, withoutPassword(st), nil
}
