package web

import (
	"net/http"

	"github.com/ally-dev/ally/internal/center"
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

		{"GET", "/api/v1/agenda", s.apiAgenda, true},
		{"POST", "/api/v1/agenda/{id}/done", s.api(s.actionDone), true},
		{"POST", "/api/v1/agenda/{id}/snooze", s.api(s.actionSnooze), true},

		{"GET", "/api/v1/search", s.apiSearch, true},
		{"GET", "/api/v1/directory", s.apiOnly(actSearchDirectory, s.apiDirectory), true},
		// A center's requests (api_requests.go): each handler checks the
		// caller's side on the request.
		{"GET", "/api/v1/requests", s.apiAccount(s.apiListRequests), true},
		{"POST", "/api/v1/requests", s.apiAs(actSendRequest, s.apiSendRequest), true},
		{"GET", "/api/v1/requests/{id}", s.apiAccount(s.apiGetRequest), true},
		{"POST", "/api/v1/requests/{id}/accept", s.apiAs(actAnswerRequests, s.apiStepRequest(center.ActAccept)), true},
		{"POST", "/api/v1/requests/{id}/decline", s.apiAs(actAnswerRequests, s.apiStepRequest(center.ActDecline)), true},
		{"POST", "/api/v1/requests/{id}/cancel", s.apiAccount(s.apiStepRequest(center.ActCancel)), true},
		{"POST", "/api/v1/requests/{id}/no-show", s.apiAccount(s.apiStepRequest(center.ActNoShow)), true},
		{"POST", "/api/v1/requests/{id}/held", s.apiAccount(s.apiStepRequest(center.ActHeld)), true},
		{"POST", "/api/v1/requests/{id}/feedback", s.apiAccount(s.apiRequestFeedback), true},
		{"GET", "/api/v1/center/figures", s.apiOnly(actRunProgram, s.apiFigures), true},
		{"GET", "/api/v1/settings", s.api(s.getSettings), true},
		{"PUT", "/api/v1/settings", s.api(s.putSettings), true},

		{"GET", "/api/", s.api(s.apiNotFound), false},
		{"GET", "/healthz", s.healthz, false},

		// A center's sign-in (signin.go).
		{"GET", "/signin", s.signinShow, false},
		{"POST", "/signin", s.signinSubmit, false},
		{"POST", "/signout", s.signout, false},
		// Sign-in through an OpenID Connect provider (sso.go).
		{"GET", "/signin/oidc", s.oidcBegin, false},
		{"GET", "/signin/oidc/callback", s.oidcCallback, false},
		// Sign-in through a SAML identity provider (saml.go): the service
		// provider's metadata, the request, the identity provider's answer.
		{"GET", "/saml/metadata", s.samlMetadata, false},
		{"GET", "/signin/saml", s.samlBegin, false},
		{"POST", "/saml/acs", s.samlACS, false},

		// A center's shared pages, each gated by the policy (policy.go).
		{"GET", "/center/audit", s.only(actReadAudit, s.auditShow), false},
		// The volunteer directory and one's own profiles (directory.go,
		// profile.go).
		{"GET", "/directory", s.only(actSearchDirectory, s.directoryShow), false},
		{"GET", "/directory/{id}", s.only(actSearchDirectory, s.volunteerShow), false},
		{"GET", "/profile", s.only(actEditProfile, s.profileShow), false},
		{"POST", "/profile", s.only(actEditProfile, s.profileSave), false},
		{"POST", "/profile/photo", s.only(actEditProfile, s.photoSave), false},
		{"POST", "/profile/photo/delete", s.only(actEditProfile, s.photoDelete), false},
		{"GET", "/directory/{id}/photo", s.only(actSearchDirectory, s.photoShow), false},
		// Requests to volunteers (request_compose.go, requests.go,
		// requests_center.go): the composer from a volunteer's card, each
		// side's list, one request with the steps its reader may take, and
		// the advisors' blocks and reports.
		{"GET", "/directory/{id}/request", s.only(actSendRequest, s.requestNew), false},
		{"POST", "/directory/{id}/request/check", s.only(actSendRequest, s.requestCheckPost), false},
		{"POST", "/directory/{id}/request", s.only(actSendRequest, s.requestSend), false},
		{"GET", "/requests", s.only(actSendRequest, s.requestsMine), false},
		{"GET", "/requests/to-me", s.only(actAnswerRequests, s.requestsToMe), false},
		{"POST", "/requests/to-me/pause", s.only(actAnswerRequests, s.pauseSave), false},
		{"POST", "/requests/to-me/mail", s.only(actAnswerRequests, s.mailSave), false},
		{"POST", "/notices/{id}/dismiss", s.inCenter(s.noticeDismiss), false},
		{"GET", "/requests/{id}", s.inCenter(s.requestShow), false},
		{"POST", "/requests/{id}/step", s.inCenter(s.requestStep), false},
		{"POST", "/requests/{id}/feedback", s.inCenter(s.requestFeedback), false},
		{"GET", "/center/blocks", s.only(actReviewRequests, s.blocksShow), false},
		{"POST", "/center/blocks/{id}/clear", s.only(actReviewRequests, s.blockClear), false},
		{"GET", "/center/reported", s.only(actReviewRequests, s.reportedShow), false},
		{"POST", "/center/reported/{id}/reviewed", s.only(actReviewRequests, s.flaggedReviewed), false},
		// One-time links (links.go): asking for one, and the pages they open.
		{"GET", "/signin/forgot", s.forgotShow, false},
		{"POST", "/signin/forgot", s.forgotSubmit, false},
		{"GET", "/reset/{token}", s.linkShow(resetLink()), false},
		{"POST", "/reset/{token}", s.linkSubmit(resetLink()), false},
		{"GET", "/invite/{token}", s.linkShow(inviteLink()), false},
		{"POST", "/invite/{token}", s.linkSubmit(inviteLink()), false},
		// A request email's one-click answers and its unsubscribe link
		// (respond.go, unsubscribe.go): public, the signed token is the
		// credential.
		{"GET", "/respond/{token}", s.respondShow, false},
		{"POST", "/respond/{token}", s.respondSubmit, false},
		{"GET", "/unsubscribe/{token}", s.unsubscribeShow, false},
		{"POST", "/unsubscribe/{token}", s.unsubscribeSubmit, false},
		{"GET", "/signup", s.signupShow, false},
		{"POST", "/signup", s.signupSubmit, false},
		{"GET", "/signup/{token}", s.linkShow(signupLink()), false},
		{"POST", "/signup/{token}", s.linkSubmit(signupLink()), false},

		{"GET", "/center/accounts", s.only(actManageAccounts, s.accountsShow), false},
		{"GET", "/center/accounts/{id}", s.only(actManageAccounts, s.accountShow), false},
		{"POST", "/center/accounts/{id}/roles", s.only(actManageAccounts, s.accountRoles), false},
		{"POST", "/center/accounts/{id}/status", s.only(actManageAccounts, s.accountStatus), false},
		{"POST", "/center/accounts/{id}/tokens/{tid}/revoke", s.only(actManageAccounts, s.accountTokenRevoke), false},
		// What the center holds about an account, and its deletion on the
		// person's request (account_data.go).
		{"POST", "/center/accounts/{id}/export", s.only(actManageAccounts, s.accountExportCenter), false},
		{"GET", "/center/accounts/{id}/delete", s.only(actManageAccounts, s.accountDeleteAsk), false},
		{"POST", "/center/accounts/{id}/delete", s.only(actManageAccounts, s.accountDelete), false},
		// One's own account in a center: everything Ally holds about
		// oneself, and deleting it (account_data.go).
		{"GET", "/account/export.json", s.only(actOwnAccount, s.accountExportOwn), false},
		{"GET", "/account/delete", s.only(actOwnAccount, s.accountDeleteConfirm), false},
		{"POST", "/account/delete", s.only(actOwnAccount, s.accountDeleteOwn), false},
		{"GET", "/center/figures", s.only(actRunProgram, s.figuresShow), false},
		{"POST", "/center/terms", s.only(actRunProgram, s.termCreate), false},
		// The care pages (center_care.go): the volunteers, one to pause or
		// remove, the thank-you of a term; the stale requests; the students
		// to reach out to.
		{"GET", "/center/volunteers", s.only(actRunProgram, s.volunteersShow), false},
		{"GET", "/center/volunteers/thanks", s.only(actRunProgram, s.thanksShow), false},
		{"POST", "/center/volunteers/thanks", s.only(actRunProgram, s.thanksSend), false},
		{"GET", "/center/volunteers/{id}", s.only(actRunProgram, s.careVolunteerShow), false},
		{"POST", "/center/volunteers/{id}/pause", s.only(actRunProgram, s.careVolunteerPause), false},
		{"POST", "/center/volunteers/{id}/remove", s.only(actRunProgram, s.careVolunteerRemove), false},
		{"GET", "/center/stale", s.only(actReviewRequests, s.staleShow), false},
		{"POST", "/center/stale/{id}/suggest", s.only(actReviewRequests, s.staleSuggest), false},
		{"GET", "/center/students", s.only(actReviewRequests, s.studentsShow), false},
		{"GET", "/center/outbox", s.only(actManageAccounts, s.outboxShow), false},
		{"GET", "/center/import", s.only(actManageAccounts, s.rosterShow), false},
		{"POST", "/center/import", s.only(actManageAccounts, s.rosterUpload), false},
		{"GET", "/center/import/{token}", s.only(actManageAccounts, s.rosterPreview), false},
		{"POST", "/center/import/{token}", s.only(actManageAccounts, s.rosterApply), false},
		{"GET", "/center/import/{token}/progress", s.only(actManageAccounts, s.rosterProgress), false},
		{"GET", "/center/invitations", s.only(actManageAccounts, s.invitationsShow), false},
		{"POST", "/center/invitations", s.only(actManageAccounts, s.invitationCreate), false},
		{"POST", "/center/invitations/{id}/resend", s.only(actManageAccounts, s.invitationAction(s.invitationResend)), false},
		{"POST", "/center/invitations/{id}/expire", s.only(actManageAccounts, s.invitationAction(s.invitationExpire)), false},
		{"POST", "/center/invitations/bulk", s.only(actManageAccounts, s.invitationsBulk), false},
		{"POST", "/center/invitations/rate", s.only(actManageAccounts, s.invitationsRate), false},

		// The pages (pages.go and one file per resource). Every one works
		// without JavaScript; htmx only enhances.
		{"GET", "/{$}", s.home, false},
		{"POST", "/demo", s.loadDemo, false},
		{"GET", "/agenda/{group}", s.agendaGroup, false},
		{"POST", "/agenda/{id}/done", s.actionDonePage, false},
		{"GET", "/agenda/{id}/snooze", s.snoozeForm, false},
		{"POST", "/agenda/{id}/snooze", s.snoozeAction, false},

		{"GET", "/people", s.peopleIndex, false},
		{"GET", "/people/new", s.personNew, false},
		{"POST", "/people", s.personCreate, false},
		{"GET", "/people/{id}", s.personShow, false},
		{"GET", "/people/{id}/edit", s.personEdit, false},
		{"POST", "/people/{id}", s.personUpdate, false},
		{"GET", "/people/{id}/delete", s.personDeleteConfirm, false},
		{"POST", "/people/{id}/delete", s.personDelete, false},
		{"GET", "/people/{id}/activities/new", s.activityNew, false},
		{"POST", "/people/{id}/activities", s.activityCreate, false},
		{"GET", "/activities/{id}/delete", s.activityDeleteConfirm, false},
		{"POST", "/activities/{id}/delete", s.activityDelete, false},

		{"GET", "/fields", s.fieldsIndex, false},
		{"GET", "/fields/new", s.newRecord(fieldEditing()), false},
		{"POST", "/fields", s.saveRecord(fieldEditing(), true), false},
		{"GET", "/fields/{id}", s.fieldShow, false},
		{"GET", "/fields/{id}/edit", s.editRecord(fieldEditing()), false},
		{"POST", "/fields/{id}", s.saveRecord(fieldEditing(), false), false},
		{"GET", "/fields/{id}/delete", s.confirmDelete(fieldDeletion()), false},
		{"POST", "/fields/{id}/delete", s.deleteRecord(fieldDeletion()), false},
		{"GET", "/fields/{id}/report.md", s.fieldReportMarkdown, false},
		{"GET", "/fields/{id}/report.html", s.fieldReportHTML, false},

		{"GET", "/orgs", s.orgsIndex, false},
		{"GET", "/orgs/new", s.newRecord(orgEditing()), false},
		{"POST", "/orgs", s.saveRecord(orgEditing(), true), false},
		{"GET", "/orgs/{id}", s.orgShow, false},
		{"GET", "/orgs/{id}/edit", s.editRecord(orgEditing()), false},
		{"POST", "/orgs/{id}", s.saveRecord(orgEditing(), false), false},
		{"GET", "/orgs/{id}/delete", s.confirmDelete(orgDeletion()), false},
		{"POST", "/orgs/{id}/delete", s.deleteRecord(orgDeletion()), false},

		// The question bank (questions_page.go).
		{"GET", "/questions", s.questionsIndex, false},
		{"GET", "/questions/new", s.questionNew, false},
		{"POST", "/questions", s.questionCreate, false},
		{"POST", "/questions/check", s.questionCheck, false},
		{"GET", "/questions/{id}/edit", s.questionEdit, false},
		{"POST", "/questions/{id}", s.questionUpdate, false},
		{"GET", "/questions/{id}/delete", s.questionDeleteConfirm, false},
		{"POST", "/questions/{id}/delete", s.questionDelete, false},
		{"POST", "/questions/{id}/favourite", s.questionFavourite, false},
		{"POST", "/questions/{id}/hide", s.questionHide, false},

		{"GET", "/conversations", s.convoList, false},
		{"GET", "/conversations/new", s.convoNew, false},
		{"POST", "/conversations", s.convoCreate, false},
		{"GET", "/conversations/{id}", s.convoShow, false},
		{"GET", "/conversations/{id}/edit", s.convoEdit, false},
		{"POST", "/conversations/{id}", s.convoUpdate, false},
		{"GET", "/conversations/{id}/delete", s.convoDeleteConfirm, false},
		{"POST", "/conversations/{id}/delete", s.convoDelete, false},
		// Prepare, hold and write up (guide_page.go, convmode.go, writeup.go).
		{"GET", "/conversations/{id}/guide", s.guideShow, false},
		{"POST", "/conversations/{id}/guide/opening", s.guideOpening, false},
		{"POST", "/conversations/{id}/guide/keep", s.guideKeep, false},
		{"POST", "/conversations/{id}/guide/move", s.guideMove, false},
		{"POST", "/conversations/{id}/guide/add", s.guideAdd, false},
		{"POST", "/conversations/{id}/guide/remove", s.guideRemove, false},
		{"GET", "/conversations/{id}/guide/rebuild", s.guideRebuildConfirm, false},
		{"POST", "/conversations/{id}/guide/rebuild", s.guideRebuild, false},
		{"GET", "/conversations/{id}/live", s.liveShow, false},
		{"POST", "/conversations/{id}/notes", s.noteSave, false},
		{"POST", "/conversations/{id}/captures", s.captureCreate, false},
		{"POST", "/conversations/{id}/captures/{cid}/delete", s.captureDelete, false},
		{"GET", "/conversations/{id}/captures/{cid}/edit", s.captureEdit, false},
		{"POST", "/conversations/{id}/captures/{cid}", s.captureUpdate, false},
		{"POST", "/conversations/{id}/captures/{cid}/resolve", s.captureResolve, false},
		{"POST", "/conversations/{id}/end", s.convoEnd, false},
		{"GET", "/conversations/{id}/writeup", s.writeupShow, false},
		{"POST", "/conversations/{id}/writeup", s.writeupSave, false},
		{"GET", "/conversations/{id}/step", s.stepFormShow, false},
		{"POST", "/conversations/{id}/steps", s.stepCreate, false},
		{"POST", "/conversations/{id}/prepared", s.convoPrepared, false},

		{"GET", "/conversations/{id}/calendar.ics", s.conversationICS, false},
		{"GET", "/calendar/{file}", s.calendarFeed, false}, // {file} is the feed's secret and ".ics"

		// The outreach composer (compose.go): htmx posts to check as the
		// user types; the buttons post to check, sent and send.
		{"GET", "/people/{id}/compose", s.composeShow, false},
		{"POST", "/people/{id}/compose/check", s.composeCheck, false},
		{"POST", "/people/{id}/compose/sent", s.composeSent, false},
		{"POST", "/people/{id}/compose/send", s.composeSend, false},
		{"GET", "/compose", s.composePick, false},

		// Message templates (templates_page.go).
		{"GET", "/templates", s.templatesIndex, false},
		{"GET", "/templates/new", s.templateNew, false},
		{"POST", "/templates", s.templateCreate, false},
		{"GET", "/templates/{id}", s.templateShow, false},
		{"POST", "/templates/{id}", s.templateUpdate, false},
		{"GET", "/templates/{id}/delete", s.templateDeleteConfirm, false},
		{"POST", "/templates/{id}/delete", s.templateDelete, false},

		// Outreach statistics (stats.go).
		{"GET", "/stats", s.statsShow, false},
		// Who led to whom (network.go).
		{"GET", "/network", s.networkShow, false},

		// Contacts import (import_page.go): upload, preview, apply.
		{"GET", "/import", s.importShow, false},
		{"POST", "/import", s.importUpload, false},
		{"GET", "/import/{token}", s.importPreview, false},
		{"POST", "/import/{token}", s.importApply, false},

		// Exports and the calendar feed's address (export_page.go).
		{"GET", "/export/ally-backup.json", s.exportJSON, false},
		{"GET", "/export/people.vcf", s.exportVCards, false},
		{"GET", "/export/people.csv", s.exportCSV, false},
		{"POST", "/settings/calendar-feed", s.feedCreate, false},
		{"GET", "/settings/calendar-feed/revoke", s.feedRevokeConfirm, false},
		{"POST", "/settings/calendar-feed/revoke", s.feedRevoke, false},

		{"GET", "/search", s.searchShow, false},
		{"GET", "/guide", s.guide, false},
		{"GET", "/settings", s.settingsShow, false},
		{"POST", "/settings", s.settingsSave, false},
		{"GET", "/static/{file}", s.static, false},
		{"GET", "/", s.notFound, false},
	}
}
