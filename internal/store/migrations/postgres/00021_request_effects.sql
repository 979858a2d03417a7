-- +goose Up
-- What a request does beyond itself (issue 10, "Time-driven work").

-- The conversation an accepted request opened in the student's personal
-- space: a time agreed later moves it from requested to scheduled.
ALTER TABLE requests ADD COLUMN conversation_id BIGINT REFERENCES conversations(id) ON DELETE SET NULL;

-- How an account takes the center's email. mail_opt_out_at: the person
-- unsubscribed from what is not essential (requests still wait in the
-- app). bouncing_at: the mail server refused the address for good (5xx);
-- nothing more is sent to it until the address changes.
ALTER TABLE accounts ADD COLUMN mail_opt_out_at TIMESTAMPTZ;
ALTER TABLE accounts ADD COLUMN bouncing_at TIMESTAMPTZ;

-- An email may carry an HTML part and an iCalendar invitation beside its
-- plain text, and names the account it is for (NULL: an address with no
-- account yet), so that a bounce marks that account.
ALTER TABLE outbox ADD COLUMN html TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN ics TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN account_id BIGINT REFERENCES accounts(user_id) ON DELETE SET NULL;

-- A signed one-click link of a request email (requestmail.Sign),
-- once used: a link acts once. nonce is the link's own random part.
CREATE TABLE request_link_uses (
    nonce      TEXT PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    used_at    TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE request_link_uses;
ALTER TABLE outbox DROP COLUMN account_id;
ALTER TABLE outbox DROP COLUMN ics;
ALTER TABLE outbox DROP COLUMN html;
ALTER TABLE accounts DROP COLUMN bouncing_at;
ALTER TABLE accounts DROP COLUMN mail_opt_out_at;
ALTER TABLE requests DROP COLUMN conversation_id;
