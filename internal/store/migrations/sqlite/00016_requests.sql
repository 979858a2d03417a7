-- +goose Up
-- A student's request for a conversation with a volunteer (issue 10); the
-- rules are internal/center's. Times are UTC text (store.ts). A column
-- the rules derive is kept so that the limits count with an index:
-- counted_at is when the request uses the volunteer's capacity (its
-- meeting, or its acceptance while no time is agreed; NULL when it uses
-- none), strike_at when it counted against the student (a no-show or a
-- late cancellation), due_at when its next timed job falls due.
-- field_key is the field as center.Key compares it (withdrawal on
-- acceptance). proposed_times is one time a line.
CREATE TABLE requests (
    id             INTEGER PRIMARY KEY,
    student_id     INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
    volunteer_id   INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
    field          TEXT NOT NULL,
    field_key      TEXT NOT NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    message        TEXT NOT NULL,
    minutes        INTEGER NOT NULL,
    channel        TEXT NOT NULL,
    proposed_times TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL CHECK (state IN ('pending', 'more_info', 'accepted', 'declined', 'referred', 'expired',
                                                  'withdrawn', 'cancelled', 'held', 'no_show', 'reported')),
    created_at     TEXT NOT NULL,
    state_at       TEXT NOT NULL,
    answered_at    TEXT,
    accepted_at    TEXT,
    meeting_at     TEXT,
    question       TEXT NOT NULL DEFAULT '',
    answer         TEXT NOT NULL DEFAULT '',
    decline_reason TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL DEFAULT '',
    referred_to    INTEGER REFERENCES accounts(user_id) ON DELETE SET NULL,
    cancelled_by   TEXT NOT NULL DEFAULT '',
    late_cancel    BOOLEAN NOT NULL DEFAULT FALSE,
    outcome_by     TEXT NOT NULL DEFAULT '',
    student_why    TEXT NOT NULL DEFAULT '',
    flagged        BOOLEAN NOT NULL DEFAULT FALSE,
    override       TEXT NOT NULL DEFAULT '',
    reminded_at    TEXT,
    prompted_at    TEXT,
    counted_at     TEXT,
    strike_at      TEXT,
    due_at         TEXT
);
CREATE INDEX requests_by_student ON requests (student_id, state);
CREATE INDEX requests_by_volunteer ON requests (volunteer_id, state);
CREATE INDEX requests_counted ON requests (volunteer_id, counted_at) WHERE counted_at IS NOT NULL;
CREATE INDEX requests_strikes ON requests (student_id, strike_at) WHERE strike_at IS NOT NULL;
CREATE INDEX requests_due ON requests (due_at) WHERE due_at IS NOT NULL;

-- +goose Down
DROP TABLE requests;
