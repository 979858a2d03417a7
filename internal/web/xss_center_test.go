package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/store/storetest"
)

// TestHostileTextIsEscapedOnTheCentersPages puts the hostile text in
// every text field of a volunteer's profile, a student's profile and a
// request (its field, purpose, message, the volunteer's question, the
// student's answer, the report, the student's reason to send over the
// checker), then reads every page of the center that shows them, as the
// student, the volunteer and the advisor: none runs it.
func TestHostileTextIsEscapedOnTheCentersPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		c := newRequestCenter(t, db)
		sam, dana, eli, ada := c.as(t, "sam@westlake.edu"), c.as(t, "dana@example.com"), c.as(t, "eli@example.com"), c.as(t, "ada@westlake.edu")
		posted := func(b *browser, path string, form url.Values) {
			t.Helper()
			r := b.post(path, form)
			checkEscaped(t, "POST "+path, r.body)
			if r.status != http.StatusSeeOther {
				t.Fatalf("POST %s: %d\n%s", path, r.status, readable(r.body))
			}
		}
		posted(dana, "/profile", url.Values{"v_display_name": {"Dana " + hostile}, "v_grad_year": {"2015"}, "v_degree": {hostile},
			"v_majors": {"Major " + hostile}, "v_employer": {"Employer " + hostile}, "v_title": {"Title " + hostile},
			"v_fields": {"Field " + hostile}, "v_city": {"City " + hostile}, "v_country": {hostile}, "v_industries": {hostile},
			"v_ask_me_about": {hostile}, "v_languages": {hostile}, "v_monthly_capacity": {"4"}, "v_bio": {hostileNotes},
			"v_home_town": {"Town " + hostile}, "v_clubs": {"Club " + hostile}, "v_past_employers": {"Before " + hostile},
			"v_phone": {"+1 555 0100"}, "v_linkedin": {"https://www.linkedin.com/in/dana?q=%22%3E%3Cscript%3Ealert('xss1337')%3C/script%3E"}})
		posted(sam, "/profile", url.Values{"s_class_year": {"2027"}, "s_degree": {hostile}, "s_majors": {"Major " + hostile},
			"s_home_town": {"Town " + hostile}, "s_clubs": {"Club " + hostile}, "s_past_employers": {"Before " + hostile},
			"s_interests": {"Field " + hostile}})

		soon := pagesNow.Add(72 * time.Hour).Truncate(time.Hour)
		form := requestValues(goodAsk+" "+hostile, soon)
		form.Set("field", "Field "+hostile)
		form.Set("purpose", "Purpose "+hostile)
		id := send(t, sam, c.dana, form)
		rp := "/requests/" + strconv.FormatInt(id, 10)
		posted(dana, rp+"/step", url.Values{"action": {"ask_more"}, "text": {"Question " + hostile}})
		posted(sam, rp+"/step", url.Values{"action": {"answer"}, "text": {"Answer " + hostile}})
		posted(dana, rp+"/step", url.Values{"action": {"accept"}, "choice": {soon.UTC().Format(time.RFC3339)}})
		posted(dana, rp+"/step", url.Values{"action": {"report"}, "text": {"Report " + hostile}})

		// Sent over the checker, with the student's hostile reason.
		over := requestValues(strings.ReplaceAll(jobRequest, "Dana", "Eli")+" "+hostile, soon)
		over.Set("field", "Field "+hostile)
		over.Set("override", "on")
		over.Set("override_why", "Why "+hostile)
		flagged := send(t, sam, c.eli, over)

		if page := readable(sam.get("/directory/" + strconv.FormatInt(c.dana, 10)).body); !strings.Contains(page, "Dana <script>alert('xss1337')</script>") {
			t.Errorf("Dana's name is not shown as text:\n%.2000s", page)
		}
		dn, sn := strconv.FormatInt(c.dana, 10), strconv.FormatInt(c.samID, 10)
		for _, p := range []struct {
			who  string
			b    *browser
			path string
		}{
			{"sam", sam, "/directory"}, {"sam", sam, "/directory?q=xss1337"}, {"sam", sam, "/directory?field=" + url.QueryEscape("Field "+hostile)},
			{"sam", sam, "/directory/" + dn}, {"sam", sam, "/directory/" + dn + "/request"}, {"sam", sam, "/requests"},
			{"sam", sam, rp}, {"sam", sam, "/requests/" + strconv.FormatInt(flagged, 10)}, {"sam", sam, "/profile"},
			{"dana", dana, "/requests/to-me"}, {"dana", dana, rp}, {"dana", dana, "/profile"},
			{"eli", eli, "/requests/to-me"}, {"eli", eli, "/requests/" + strconv.FormatInt(flagged, 10)},
			{"ada", ada, "/directory"}, {"ada", ada, "/directory/" + dn}, {"ada", ada, rp},
			{"ada", ada, "/center/volunteers"}, {"ada", ada, "/center/volunteers/" + dn}, {"ada", ada, "/center/volunteers/thanks"},
			{"ada", ada, "/center/students"}, {"ada", ada, "/center/students?list=silent"}, {"ada", ada, "/center/students?list=expired"},
			{"ada", ada, "/center/accounts"}, {"ada", ada, "/center/accounts/" + sn}, {"ada", ada, "/center/accounts/" + dn},
			{"ada", ada, "/center/stale"}, {"ada", ada, "/center/stale?list=untimed"}, {"ada", ada, "/center/reported"},
			{"ada", ada, "/center/blocks"}, {"ada", ada, "/center/audit"}, {"ada", ada, "/center/invitations"}, {"ada", ada, "/center/outbox"},
			{"ada", ada, "/center/figures"}, {"ada", ada, "/center/figures?by=major"}, {"ada", ada, "/center/figures?by=month"},
		} {
			r := p.b.get(p.path)
			if r.status != http.StatusOK {
				t.Errorf("%s GET %s: %d", p.who, p.path, r.status)
				continue
			}
			checkEscaped(t, p.who+" "+p.path, r.body)
		}
		// The hostile text is there, shown as text: the test reads it.
		script := " <script>alert('xss1337')</script>"
		wantIn(t, "the advisor's review", readable(ada.get("/center/reported").body), "Report"+script, "Why"+script)
		wantIn(t, "the request as Dana reads it", readable(dana.get(rp).body), "Purpose"+script, "Answer"+script, "Major"+script)
		wantIn(t, "the request as Sam reads it", readable(sam.get(rp).body), "Question"+script)
		wantIn(t, "the directory card", readable(sam.get("/directory/"+dn).body), "Employer"+script, "Title"+script, "Field"+script)
		wantIn(t, "the volunteers' list", readable(ada.get("/center/volunteers").body), "Dana"+script)
		wantIn(t, "the figures by field", readable(ada.get("/center/figures").body), "Field"+script)
		wantIn(t, "the figures by major", readable(ada.get("/center/figures?by=major").body), "Major"+script)
	})
}
