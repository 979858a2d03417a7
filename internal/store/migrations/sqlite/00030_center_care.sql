-- +goose Up
-- The advisor's care pages (issue 11, "Rosters"): volunteers, stale
-- requests, students.

-- When an advisor suggested other volunteers to the student of a stale
-- request: once per request, and never a second reminder to its volunteer.
ALTER TABLE requests ADD COLUMN suggested_at TEXT;

-- The stale list reads the requests still unanswered after their one
-- reminder and the accepted ones with no time agreed; the thank-you to
-- volunteers the conversations held in a term; the students' list those
-- whose requests expired. Each reads a small index of its own instead of
-- every request.
CREATE INDEX requests_reminded ON requests (reminded_at) WHERE state = 'pending' AND reminded_at IS NOT NULL;
CREATE INDEX requests_untimed ON requests (accepted_at) WHERE state = 'accepted' AND meeting_at IS NULL;
CREATE INDEX requests_held ON requests (held_at) WHERE held_at IS NOT NULL;
CREATE INDEX requests_expired ON requests (student_id, state_at) WHERE state = 'expired';
-- The volunteer list counts each volunteer's requests of the month from
-- the index alone.
CREATE INDEX requests_month ON requests (created_at, volunteer_id);
-- The lists of volunteers and students leave out the few accounts that
-- are not active, read from an index of those alone.
CREATE INDEX accounts_inactive ON accounts (user_id) WHERE status <> 'active';

-- +goose Down
DROP INDEX accounts_inactive;
DROP INDEX requests_month;
DROP INDEX requests_expired;
DROP INDEX requests_held;
DROP INDEX requests_untimed;
DROP INDEX requests_reminded;
ALTER TABLE requests DROP COLUMN suggested_at;
