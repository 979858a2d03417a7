package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// The list of every conversation, newest step first, narrowed by state
// and field with a plain GET form.

// maxListedConversations bounds one page of the list; the filters narrow it.
const maxListedConversations = 500

type conversationsPage struct {
	page
	Filter        *form
	Filtered      bool
	Conversations []*model.Conversation
	Capped        bool
	// Next is each listed conversation's next step on the agenda, by
	// conversation id; a step of the person's own (keeping in touch) goes
	// with their latest conversation listed.
	Next map[int64]*actionView
}

func (s *server) convoList(w http.ResponseWriter, r *http.Request) {
	sc := s.scope(r)
	ctx := r.Context()
	_, loc, err := s.settings(r, sc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	fields, err := sc.Fields(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q := r.URL.Query()
	state, field := strings.TrimSpace(q.Get("state")), strings.TrimSpace(q.Get("field"))
	f := newForm()
	states := []option{{"", "Any state"}}
	for _, st := range model.States() {
		states = append(states, option{string(st), st.Label()})
	}
	f.add("state", "State", state).options(states)
	fieldOpts := []option{{"", "Any field"}}
	for _, fl := range fields {
		fieldOpts = append(fieldOpts, option{strconv.FormatInt(fl.ID, 10), fl.Name})
	}
	f.add("field", "Field", field).options(fieldOpts)

	filter := store.ConversationFilter{Limit: maxListedConversations + 1}
	if state != "" {
		if st := model.State(state); st.Valid() {
			filter.States = []model.State{st}
		} else {
			f.invalid("state", "is not a conversation state")
		}
	}
	if field != "" {
		id, err := strconv.ParseInt(field, 10, 64)
		known := false
		for _, fl := range fields {
			known = known || (err == nil && fl.ID == id)
		}
		if known {
			filter.FieldID = id
		} else {
			f.invalid("field", "is not one of your fields")
		}
	}
	data := &conversationsPage{page: s.newPage("conversations", loc), Filter: f, Filtered: state != "" || field != ""}
	status := http.StatusOK
	if f.ok() {
		cs, err := sc.Conversations(ctx, filter)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if len(cs) > maxListedConversations {
			cs, data.Capped = cs[:maxListedConversations], true
		}
		data.Conversations = cs
		if data.Next, err = s.nextSteps(ctx, sc, cs, loc); err != nil {
			s.pageError(w, r, err)
			return
		}
	} else {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "conversations", data)
}

// nextSteps reads the agenda's next step of each conversation in cs: its
// first action in the agenda's order, else the first action of its person
// that belongs to no conversation, on the person's first row only.
func (s *server) nextSteps(ctx context.Context, sc *store.Scope, cs []*model.Conversation, loc *time.Location) (map[int64]*actionView, error) {
	out := map[int64]*actionView{}
	if len(cs) == 0 {
		return out, nil
	}
	cids := make([]int64, 0, len(cs))
	var pids []int64
	for _, c := range cs {
		cids = append(cids, c.ID)
		if !slices.Contains(pids, c.Person.ID) {
			pids = append(pids, c.Person.ID)
		}
	}
	now := s.now()
	actions, err := sc.NextActions(ctx, now, cids, pids)
	if err != nil {
		return nil, err
	}
	views := viewActions(actions, now, loc)
	byPerson := map[int64]*actionView{}
	for i, a := range actions {
		if a.ConversationID != 0 {
			if _, ok := out[a.ConversationID]; !ok {
				out[a.ConversationID] = &views[i]
			}
		} else if _, ok := byPerson[a.PersonID]; !ok {
			byPerson[a.PersonID] = &views[i]
		}
	}
	seen := map[int64]bool{}
	for _, c := range cs {
		if seen[c.Person.ID] {
			continue
		}
		seen[c.Person.ID] = true
		if v, ok := byPerson[c.Person.ID]; ok {
			if _, has := out[c.ID]; !has {
				out[c.ID] = v
			}
		}
	}
	return out, nil
}
