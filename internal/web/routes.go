package web

import "net/http"

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
		{"POST", "/api/v1/people", s.api(s.createPerson), true},
		{"GET", "/api/v1/people/{id}", s.api(s.getPerson), true},
		{"PUT", "/api/v1/people/{id}", s.api(s.updatePerson), true},
		{"DELETE", "/api/v1/people/{id}", s.api(s.deletePerson), true},
		{"GET", "/api/v1/people/{id}/timeline", s.api(s.personTimeline), true},

		{"GET", "/api/v1/fields", s.api(s.listFields), true},
		{"POST", "/api/v1/fields", s.api(s.createField), true},
		{"GET", "/api/v1/fields/{id}", s.api(s.getField), true},
		{"PUT", "/api/v1/fields/{id}", s.api(s.updateField), true},
		{"DELETE", "/api/v1/fields/{id}", s.api(s.deleteField), true},

		{"GET", "/api/v1/organizations", s.api(s.listOrgs), true},
		{"POST", "/api/v1/organizations", s.api(s.createOrg), true},
		{"GET", "/api/v1/organizations/{id}", s.api(s.getOrg), true},
		{"PUT", "/api/v1/organizations/{id}", s.api(s.updateOrg), true},
		{"DELETE", "/api/v1/organizations/{id}", s.api(s.deleteOrg), true},

		{"GET", "/api/v1/conversations", s.api(s.listConvos), true},
		{"POST", "/api/v1/conversations", s.api(s.createConvo), true},
		{"GET", "/api/v1/conversations/{id}", s.api(s.getConvo), true},
		{"PUT", "/api/v1/conversations/{id}", s.api(s.updateConvo), true},
		{"DELETE", "/api/v1/conversations/{id}", s.api(s.deleteConvo), true},
		{"POST", "/api/v1/conversations/{id}/steps", s.api(s.stepConvo), true},

		{"GET", "/api/v1/activities", s.api(s.listActivities), true},
		{"POST", "/api/v1/activities", s.api(s.createActivity), true},
		{"GET", "/api/v1/activities/{id}", s.api(s.getActivity), true},
		{"PUT", "/api/v1/activities/{id}", s.api(s.updateActivity), true},
		{"DELETE", "/api/v1/activities/{id}", s.api(s.deleteActivity), true},

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
