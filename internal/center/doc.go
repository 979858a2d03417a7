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
//	schedule   student, volunteer          accepted                 unchanged
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
// CheckFeedback guards the ratings both sides give after a held
// conversation (private to the advisors, shown only in aggregate).
//
// # May this student send this request now?
//
// MaySend takes a SendSnapshot (the student's open requests and no-show
// history, the volunteer's pause, capacity and pending count, reports
// between them, the etiquette checker's findings and the student's
// override) and returns nil or a *Refusal whose Rule is one of
// pending_limit, one_per_volunteer, capacity, full, paused, blocked,
// reported, checker, with a message that says what to do. NeedsReview
// tells when a request sent over the checker's error goes to an advisor.
// The store calls MaySend inside the transaction that creates the request,
// and CheckCapacity inside the one that accepts it (or moves its time),
// so that two concurrent requests cannot both pass a limit.
// TakesRequests is the volunteer's side alone (paused, capacity, full):
// the directory's "has room this month" (Settings.HasRoom, which Rank
// puts first) asks exactly it, so a card never offers what a request
// would be refused.
//
// # Capacity, the block, the clock
//
// Capacity is counted per calendar Month in the center's zone: an
// accepted request counts in the month of its meeting, or while none is
// agreed in the month it was accepted (CountedAt); held and no-show still
// count, a cancellation frees the slot (CountingStates). A volunteer is
// "full for now" at FullFactor × their remaining capacity in open requests
// (PendingRoom). BlockedSince applies the no-show block; Strikes lists
// what counts toward it.
//
// Jobs, Due and NextDue say what time-driven work a request has (the
// reminder, the expiry, "did it happen?"), as a pure function of the
// request and now that the job runner calls; Done records a job done.
// WithdrawOthers picks, on an acceptance, the student's other open
// requests in the same field. FormatTime, FormatForBoth and
// FormatProposal show times to each side in their own zone.
//
// Every number is a center Setting; DefaultSettings holds the defaults of
// PRODUCT.md §2 ("Protecting volunteers").
package center
