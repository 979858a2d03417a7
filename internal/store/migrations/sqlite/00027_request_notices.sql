-- +goose Up
-- How a volunteer takes the request emails, and the request events shown
-- in the app (issue 10, "Time-driven work").

-- mail_mode: 'immediate' (an email per new request) or 'digest' (one
-- email a day in the reader's zone, listing the requests that came since
-- the last one). last_digest_at: where the next digest's list starts.
-- next_digest_at: when the next digest is due (NULL: no digest); the job
-- moves it under the account's lock, so that of several instances one
-- makes each day's digest.
ALTER TABLE accounts ADD COLUMN mail_mode TEXT NOT NULL DEFAULT 'immediate' CHECK (mail_mode IN ('immediate', 'digest'));
ALTER TABLE accounts ADD COLUMN last_digest_at TEXT;
ALTER TABLE accounts ADD COLUMN next_digest_at TEXT;
CREATE INDEX accounts_next_digest ON accounts (next_digest_at);

-- A request event for one person, shown on their agenda beside the email
-- (which an unsubscribed reader does not get). kind is a requestmail.Kind;
-- suggestions (JSON) are the volunteers offered after a decline or an
-- expiry. dismissed_at: the reader put it away.
CREATE TABLE request_notices (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
    request_id   INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    suggestions  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    dismissed_at TEXT
);
CREATE INDEX request_notices_account ON request_notices (account_id, created_at);

-- +goose Down
DROP TABLE request_notices;
DROP INDEX accounts_next_digest;
ALTER TABLE accounts DROP COLUMN next_digest_at;
ALTER TABLE accounts DROP COLUMN last_digest_at;
ALTER TABLE accounts DROP COLUMN mail_mode;
