package etiquette_test

import (
	"fmt"

	"github.com/ally-dev/ally/internal/method/etiquette"
)

func ExampleCheck() {
	text := "Subject: Internship question\n\nHi Maria,\n\nI'm looking for an internship and would love an hour of your time. Please keep me in mind.\n\nThanks,\nDana"
	for _, f := range etiquette.Check(text, etiquette.Context{ReferrerName: "Joe Serra"}) {
		line, col := etiquette.LineCol(text, f.Start)
		fmt.Printf("%d:%d %s %s %q\n", line, col, f.Severity, f.Rule, text[f.Start:f.End])
	}
	// Output:
	// 1:10 warning subject_not_referrer "Internship question"
	// 5:1 error job_ask "I'm looking for an internship"
	// 5:1 warning no_referrer "I'm looking for an internship and would love an hour of your time."
	// 5:1 warning no_purpose "I'm looking for an internship and would love an hour of your time."
	// 5:1 warning no_question "I'm looking for an internship and would love an hour of your time."
	// 5:1 warning no_flexibility "I'm looking for an internship and would love an hour of your time."
	// 5:46 warning too_much_time "an hour"
	// 5:75 error job_ask "keep me in mind"
}

func ExampleTemplate_Fill() {
	t := etiquette.Pick(etiquette.FirstRequest, etiquette.Email, true, false)
	subject, _, err := t.Fill(etiquette.Data{UserName: "Dana Brown", PersonName: "Maria Lopez", ReferrerName: "Joe Serra"})
	if err != nil {
		panic(err)
	}
	fmt.Println(subject)
	// Output: Joe Serra suggested I contact you
}

func ExampleMailtoURL() {
	fmt.Println(etiquette.MailtoURL([]string{"Maria Lopez <maria@example.org>"}, "Joe Serra suggested I contact you", "Dear Maria,\nThank you!"))
	// Output: mailto:maria@example.org?subject=Joe%20Serra%20suggested%20I%20contact%20you&body=Dear%20Maria%2C%0D%0AThank%20you%21
}
