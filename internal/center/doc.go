// Package center is the career center's rules as pure code, beside package
// method: the limits that protect volunteers, the life of a request from a
// student to a volunteer, capacity per calendar month, the no-show block,
// the time-driven work (reminder, expiry, "did it happen?") and the showing
// of times in each person's zone. It does no I/O, holds no state and never
// reads the wall clock: the current time is always passed in, so every rule
// is tested on fixed dates (internal/method/wallclock_test.go scans this
// package's code, not only its tests).
//
// # Who may do what to a request
//
//	action     by                          from                     to
//	ask_more   volunteer (once)            pending                  more_info
//	answer     student (once)              more_info                pending
//	accept     volunteer                   pending, more_info       accepted
//	decline    volunteer (with a reason)   pending, more_info       declined
//	refer      volunteer (to a colleague)  pending, more_info       referred
//	report     volunteer                   pending, more_info,      reported
//	                                       accepted
//	withdraw   student                     pending, more_info       withdrawn
//	supersede  ally (another request in    pending, more_info       withdrawn
//	           the field was accepted)
//	expire     ally (the clock, day 14)    pending, more_info       expired
//	schedule   student, volunteer          accepted                 accepted
//	cancel     student, volunteer, advisor accepted (an advisor     cancelled
//	                                       also pending, more_info)
//	held       student, volunteer, advisor accepted (an advisor     held
//	                                       also no_show)
//	no_show    volunteer, advisor          accepted, held (logged   no_show
//	                                       by the student)
//	explain    student (once)              no_show, cancelled late  unchanged
//
// Apply checks a step and returns the request after it, or a *StepError
// that says in plain words why the step was refused; Allowed lists the
// steps open to one side at a given time (the buttons a page shows).
//
// # May this student send this request now?
//
// MaySend takes a SendSnapshot (the student's open requests and no-show
// history, the volunteer's pause, capacity and pending count, reports
// between them, the etiquette checker's findings and the student's
// override) and returns nil or a *Refusal whose Rule is one of
// pending_limit, one_per_volunteer, capacity, full, paused, blocked,
// reported, checker, with a message that says what to do. The store calls
// it inside the transaction that creates the request, and CheckCapacity
// inside the one that accepts it, so that two concurrent requests cannot
// both pass a limit.
//
// Every number is a center Setting; DefaultSettings holds the defaults of
// PRODUCT.md §2 ("Protecting volunteers").
package center
