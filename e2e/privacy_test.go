package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
)

// privacyCenter is the mailing center with a student, Sam, who has a
// password and a record of his own.
func privacyCenter(t *testing.T) (*mailingCenter, int64) {
	t.Helper()
	c := startMailingCenter(t)
	ctx := context.Background()
	hash, err := auth.NewHasher().Hash(e2eSamPassword)
	if err != nil {
		t.Fatal(err)
	}
	sam, err := c.st.AddAccount(ctx, model.NewAccount{Email: "sam@westlake.edu", Name: "Sam Lee", Roles: []model.Role{model.RoleStudent},
		PasswordHash: hash}, model.CLIActor(), c.now().Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.st.For(sam.ID).CreatePerson(ctx, &model.Person{Name: "Quinn Zhao"}, c.now().Now()); err != nil {
		t.Fatal(err)
	}
	return c, sam.ID
}

// Sam deletes his account from his settings: a wrong password first,
// which the page says next to the field; then his own. An advisor's
// deletion page, after a mistyped email, too. Every page passes axe on a
// desktop and on a phone.
func TestDeletingAnAccountInABrowser(t *testing.T) {
	c, sam := privacyCenter(t)
	ctx := NewBrowser(t)
	shots := ScreenshotDir(t)
	mustDo(t, ctx, Desktop(), ColorScheme("light"), chromedp.Navigate(c.url+"/signin"),
		chromedp.SendKeys(`#f-email`, "ada@westlake.edu"), chromedp.SendKeys(`#f-password`, e2eAdvisorPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	samPage := c.url + "/center/accounts/" + strconv.FormatInt(sam, 10)
	navigating(t, ctx, chromedp.Navigate(samPage))
	onDesktopAndPhone(t, ctx, shots, "account-data")
	mustDo(t, ctx, Desktop())
	navigating(t, ctx, chromedp.Click(`main a[href$="/delete"]`))
	onDesktopAndPhone(t, ctx, shots, "account-delete-advisor")
	mustDo(t, ctx, Desktop(), chromedp.SendKeys(`#f-email`, "sam@westlake"))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if msg := eval[string](t, ctx, `document.querySelector('#f-email-error')?.textContent ?? ''`); !strings.Contains(msg, "sam@westlake.edu") {
		t.Fatalf("a mistyped email: the field says %q", msg)
	}
	onDesktopAndPhone(t, ctx, shots, "account-delete-advisor-refused")
	mustDo(t, ctx, Desktop())
	navigating(t, ctx, chromedp.Click(`header form[action="/signout"] button`))

	mustDo(t, ctx, chromedp.SendKeys(`#f-email`, "sam@westlake.edu"), chromedp.SendKeys(`#f-password`, e2eSamPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	navigating(t, ctx, chromedp.Navigate(c.url+"/settings"))
	navigating(t, ctx, chromedp.Click(`main a[href="/account/delete"]`))
	onDesktopAndPhone(t, ctx, shots, "account-delete")
	mustDo(t, ctx, Desktop(), chromedp.SendKeys(`#f-password`, "not my password"))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if msg := eval[string](t, ctx, `document.querySelector('#f-password-error')?.textContent ?? ''`); !strings.Contains(msg, "not your password") {
		t.Fatalf("a wrong password: the field says %q", msg)
	}
	onDesktopAndPhone(t, ctx, shots, "account-delete-refused")
	mustDo(t, ctx, Desktop(), chromedp.SendKeys(`#f-password`, e2eSamPassword))
	navigating(t, ctx, chromedp.Click(`main button[type=submit]`))
	if loc, text := eval[string](t, ctx, `location.pathname`), mainText(t, ctx); loc != "/signin" || !strings.Contains(eval[string](t, ctx, `document.body.innerText`), "Your account is deleted") {
		t.Fatalf("after the deletion: %s\n%s", loc, text)
	}
	Axe(t, ctx)
	if _, found, err := c.st.AccountByEmail(context.Background(), "sam@westlake.edu"); err != nil || found {
		t.Fatalf("Sam's account after the deletion: found %v, %v", found, err)
	}
}

// The pages of one's own data and of an account's deletion are valid
// HTML, as the server sends them, refusals included.
func TestAccountDataPagesHaveValidMarkup(t *testing.T) {
	c, sam := privacyCenter(t)
	as := func(email, password string) *http.Client {
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar}
		resp, err := client.PostForm(c.url+"/signin", url.Values{"email": {email}, "password": {password}, "next": {"/"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return client
	}
	read := func(resp *http.Response, err error, want int, what string) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != want {
			t.Fatalf("%s: %d, want %d (%v)", what, resp.StatusCode, want, err)
		}
		return body
	}
	student, advisor := as("sam@westlake.edu", e2eSamPassword), as("ada@westlake.edu", e2eAdvisorPassword)
	samPage := c.url + "/center/accounts/" + strconv.FormatInt(sam, 10)
	pages := map[string][]byte{}
	for path, client := range map[string]*http.Client{"/settings": student, "/account/delete": student} {
		resp, err := client.Get(c.url + path)
		pages[path] = read(resp, err, 200, path)
	}
	resp, err := student.PostForm(c.url+"/account/delete", url.Values{"password": {"wrong"}})
	pages["/account/delete, a wrong password"] = read(resp, err, 422, "a wrong password")
	resp, err = advisor.Get(samPage)
	pages["/center/accounts/{id}"] = read(resp, err, 200, "Sam's account page")
	resp, err = advisor.Get(samPage + "/delete")
	pages["/center/accounts/{id}/delete"] = read(resp, err, 200, "the advisor's deletion page")
	resp, err = advisor.PostForm(samPage+"/delete", url.Values{"email": {"sam@"}})
	pages["/center/accounts/{id}/delete, a mistyped email"] = read(resp, err, 422, "a mistyped email")
	resp, err = advisor.PostForm(c.url+"/account/delete", url.Values{"password": {e2eAdvisorPassword}})
	pages["/account/delete, the last advisor"] = read(resp, err, 409, "the last advisor")
	VNUPages(t, pages)
}
