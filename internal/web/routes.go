package web

import (
	"net/http"

	"github.com/ally-dev/ally/internal/store"
)

// route is one URL the server answers.
type route struct {
	Method  string
	Pattern string
	Handler http.HandlerFunc
	API     bool // documented in openapi.json
}

// routes lists every URL Ally serves.
func (s *server) routes() []route {
	return []route{
		{"GET", "/api/v1/openapi.json", s.openAPI, true},

		{"GET", "/api/v1/people", s.api(s.listPeople), true},
		{"POST", "/api/v1/people", s.api(createRecord(s, (*store.Scope).CreatePerson)), true},
		{"GET", "/api/v1/people/{id}", s.api(getByID("person", (*store.Scope).Person)), true},
		{"PUT", "/api/v1/people/{id}", s.api(updateRecord(s, "person", (*store.Scope).UpdatePerson, (*store.Scope).Person)), true},
		{"DELETE", "/api/v1/people/{id}", s.api(s.deletePerson), true},
		{"GET", "/api/v1/people/{id}/timeline", s.api(s.personTimeline), true},

		{"GET", "/api/v1/fields", s.api(s.listFields), true},
		{"POST", "/api/v1/fields", s.api(createRecord(s, (*store.Scope).CreateField)), true},
		{"GET", "/api/v1/fields/{id}", s.api(getByID("field", (*store.Scope).Field)), true},
		{"PUT", "/api/v1/fields/{id}", s.api(updateRecord(s, "field", (*store.Scope).UpdateField, (*store.Scope).Field)), true},
		{"DELETE", "/api/v1/fields/{id}", s.api(deleteByID("field", (*store.Scope).DeleteField)), true},

		{"GET", "/api/v1/organizations", s.api(s.listOrgs), true},
		{"POST", "/api/v1/organizations", s.api(createRecord(s, (*store.Scope).CreateOrganization)), true},
		{"GET", "/api/v1/organizations/{id}", s.api(getByID("organization", (*store.Scope).Organization)), true},
		{"PUT", "/api/v1/organizations/{id}", s.api(updateRecord(s, "organization", (*store.Scope).UpdateOrganization, (*store.Scope).Organization)), true},
		{"DELETE", "/api/v1/organizations/{id}", s.api(deleteByID("organization", (*store.Scope).DeleteOrganization)), true},

		{"GET", "/api/v1/conversations", s.api(s.listConvos), true},
		{"POST", "/api/v1/conversations", s.api(s.createConvo), true},
		{"GET", "/api/v1/conversations/{id}", s.api(getByID("conversation", (*store.Scope).Conversation)), true},
		{"PUT", "/api/v1/conversations/{id}", s.api(s.updateConvo), true},
		{"DELETE", "/api/v1/conversations/{id}", s.api(deleteByID("conversation", (*store.Scope).DeleteConversation)), true},
		{"POST", "/api/v1/conversations/{id}/steps", s.api(s.stepConvo), true},

		{"GET", "/api/v1/activities", s.api(s.listActivities), true},
		{"POST", "/api/v1/activities", s.api(s.createActivity), true},
		{"GET", "/api/v1/activities/{id}", s.api(getByID("activity", (*store.Scope).Activity)), true},
		{"PUT", "/api/v1/activities/{id}", s.api(s.updateActivity), true},
		{"DELETE", "/api/v1/activities/{id}", s.api(deleteByID("activity", (*store.Scope).DeleteActivity)), true},

		{"GET", "/api/v1/agenda", s.api(s.agenda), true},
		{"POST", "/api/v1/agenda/{id}/done", s.api(s.actionDone), true},
		{"POST", "/api/v1/agenda/{id}/snooze", s.api(s.actionSnooze), true},

		{"GET", "/api/v1/search", s.api(s.search), true},
		{"GET", "/api/v1/settings", s.api(s.getSettings), true},
		{"PUT", "/api/v1/settings", s.api(s.putSettings), true},

		{"GET", "/api/", s.api(s.apiNotFound), false},
		{"GET", "/healthz", s.healthz, false},
		{"GET", "/{$}", s.home, false},
	}
}
