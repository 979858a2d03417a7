package outreach

import (
	"fmt"
	"strings"
)

// LateCancelAdvice is the method's word on cancelling less than a day
// before a meeting.
const LateCancelAdvice = "Cancel this late only for an emergency: they set the time aside for you. " +
	"If you must, tell them at once, apologise, and offer two or three new times that suit them."

// LateCancelNote drafts the short message that cancels a meeting at the
// last minute: an apology, the reason in a word, and new times offered on
// their terms. meeting is the time as the message says it ("Thursday,
// December 3 at 10:30"); userName signs it when set.
func LateCancelNote(personName, meeting, userName string) string {
	greeting := "Hello,"
	if w := strings.Fields(personName); len(w) > 0 {
		first := w[0]
		if strings.HasSuffix(first, ".") { // a title: "Dr. Vasquez"
			first = personName
		}
		greeting = "Hi " + first + ","
	}
	when := "our meeting"
	if meeting != "" {
		when = "our meeting on " + meeting
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nI am very sorry to do this at such short notice, but something urgent has come up and I cannot make %s. ", greeting, when)
	b.WriteString("I know you set that time aside for me, and I apologise.\n\n")
	b.WriteString("Could we find another time that suits you? I can fit your schedule any day next week, and a phone call is fine if that is easier.\n\n")
	b.WriteString("Thank you for understanding,")
	if userName != "" {
		b.WriteString("\n" + userName)
	}
	return b.String()
}
