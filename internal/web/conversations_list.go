package web

import (
	"net/http"
	"strconv"
	"strings"

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
	} else {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "conversations", data)
}
