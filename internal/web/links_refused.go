package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ally-dev/ally/internal/center"
	"github.com/ally-dev/ally/internal/requestmail"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

// linkRefusedPage is the data of link_refused.html: a one-time link that
// cannot be used, with what happened and what to do, each case its own
// text.
type linkRefusedPage struct {
	page
	Title, What, Next string
	Actions           []linkAction
	Center            string
}

type linkAction struct{ Href, Label string }

// linkRefusal says, for a link of purpose refused with err (store's
// ErrLinkUnknown, ErrLinkUsed or ErrLinkExpired), the page's status and
// its words; ok is false for any other error.
func linkRefusal(purpose model.LinkPurpose, err error) (status int, p linkRefusedPage, ok bool) {
	signIn := linkAction{"/signin", "Sign in"}
	forgot := linkAction{"/signin/forgot", "Ask for a new password-reset link"}
	signup := linkAction{"/signup", "Ask for a new sign-up link"}
	switch {
	case errors.Is(err, store.ErrLinkUnknown):
		p = linkRefusedPage{Title: "Ally does not know this link",
			What: "No link Ally sent has this address. It may have been cut short or changed when it was copied: click the link in the email itself, or copy the whole address."}
		switch purpose {
		case model.LinkReset:
			p.Next, p.Actions = "If the email's link does not work either, ask for a new one.", []linkAction{forgot, signIn}
		case model.LinkInvite:
			p.Next, p.Actions = "If the email's link does not work either, ask the career center to invite you again.", []linkAction{signIn}
		default:
			p.Next, p.Actions = "If the email's link does not work either, ask for a new one.", []linkAction{signup, signIn}
		}
		return http.StatusNotFound, p, true
	case errors.Is(err, store.ErrLinkUsed):
		p = linkRefusedPage{Title: "This link has been used already", What: "Each link Ally sends works once, and this one has done its work."}
		switch purpose {
		case model.LinkReset:
			p.Next, p.Actions = "If you chose a new password with it, sign in with that password. If you did not, ask for a new link: it ends every session of the account.", []linkAction{signIn, forgot}
		case model.LinkInvite:
			p.Next, p.Actions = "Your account was made with it: sign in with your email and the password you chose. Forgotten it? Ask for a password-reset link.", []linkAction{signIn, forgot}
		default:
			p.Next, p.Actions = "Your account was made with it: sign in with your email and the password you chose. Forgotten it? Ask for a password-reset link.", []linkAction{signIn, forgot}
		}
		return http.StatusGone, p, true
	case errors.Is(err, store.ErrLinkExpired):
		p = linkRefusedPage{Title: "This link has expired"}
		switch purpose {
		case model.LinkReset:
			p.What, p.Next, p.Actions = "A password-reset link works for one hour after it is sent, and this one is older.",
				"Ask for a new link; it arrives in a minute or two. Your password has not changed.", []linkAction{forgot, signIn}
		case model.LinkInvite:
			p.What, p.Next, p.Actions = "An invitation works for 7 days after it is sent, and this one is older.",
				"Ask the career center to send you a new invitation: no account was made with this one.", []linkAction{signIn}
		default:
			p.What, p.Next, p.Actions = "A sign-up link works for one day after it is sent, and this one is older.",
				"Ask for a new sign-up link with the same email: no account was made with this one.", []linkAction{signup, signIn}
		}
		return http.StatusGone, p, true
	}
	return 0, p, false
}

// requestLinkRefusal says, for a request email's one-click link refused
// with err, the page's status and words: 404 for a link Ally did not
// make (requestmail.ErrLinkTampered), 410 for one used (store.ErrLinkUsed),
// expired (requestmail.ErrLinkExpired) or whose request no longer waits
// for that answer (errRequestAnswered); req is the link's request when
// known. ok is false for any other error.
func requestLinkRefusal(err error, req *center.Request) (status int, p linkRefusedPage, ok bool) {
	toMe := linkAction{"/requests/to-me", "Open Requests to me (you may be asked to sign in)"}
	actions := []linkAction{toMe}
	if req != nil {
		actions = []linkAction{{fmt.Sprintf("/requests/%d", req.ID), "Open the request in Ally (you may be asked to sign in)"}, toMe}
	}
	switch {
	case errors.Is(err, requestmail.ErrLinkTampered):
		return http.StatusNotFound, linkRefusedPage{Title: "Ally does not know this link",
			What: "No email Ally sent has this link, or the request it was for is gone. It may have been cut short when it was copied: click the link in the email itself.",
			Next: "You can also answer every request from your list of requests in Ally.", Actions: actions}, true
	case errors.Is(err, store.ErrLinkUsed):
		return http.StatusGone, linkRefusedPage{Title: "This link has been used already",
			What: "Each answer link works once, and this one has done its work: your answer was taken.",
			Next: "The request’s page in Ally shows where it stands.", Actions: actions}, true
	case errors.Is(err, requestmail.ErrLinkExpired):
		p = linkRefusedPage{Title: "This request has closed",
			What: "The links in a request’s email work until the request closes, and this one has.",
			Next: "Nothing more is needed from you: the student was told, and shown other volunteers.", Actions: actions}
		if req != nil && req.State != center.StateExpired {
			p.What += " It is now: " + strings.ToLower(req.State.Label()) + "."
		}
		return http.StatusGone, p, true
	case errors.Is(err, errRequestAnswered):
		p = linkRefusedPage{Title: "This request has been answered already",
			What: "It no longer waits for this answer.", Next: "The request’s page in Ally shows where it stands.", Actions: actions}
		if req != nil {
			p.What = "It no longer waits for this answer: it is now " + strings.ToLower(req.State.Label()) + "."
		}
		return http.StatusGone, p, true
	}
	return 0, p, false
}
