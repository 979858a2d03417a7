-- +goose Up
-- Every email the outbox hands to the mail server is dated when it is
-- claimed, so that a claim can count the attempts of the last minute and
-- keep all of the center's emails together (invitations, requests'
-- notices, reminders, digests) within the mail server's rate
-- (center.smtp_per_minute), whichever instance sends them.
ALTER TABLE outbox ADD COLUMN attempted_at TEXT;
CREATE INDEX outbox_attempted ON outbox (attempted_at) WHERE attempted_at IS NOT NULL;

-- +goose Down
DROP INDEX outbox_attempted;
ALTER TABLE outbox DROP COLUMN attempted_at;
