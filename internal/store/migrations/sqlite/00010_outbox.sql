-- +goose Up
-- The center's own emails (password resets, invitations, sign-up links;
-- later requests and reminders), kept until sent so that a crash loses
-- none. A runner claims a due message by setting claimed_until (a lease)
-- and adding one to attempts: another instance skips it until the lease
-- ends, and a runner whose lease ran out cannot record a result, since
-- attempts no longer match. dedupe_key is unique: one logical email is
-- queued once. body is emptied once the message is sent, as it may carry
-- a one-time link.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    dedupe_key    TEXT NOT NULL UNIQUE,
    to_addr       TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_until TEXT,
    sent_at       TEXT,
    failed_at     TEXT,
    last_error    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (due_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_by_time ON outbox (created_at, id);

-- The mail server the center sends its own emails through. smtp_password
-- is sealed like the personal SMTP password (store/secrets.go).
ALTER TABLE center ADD COLUMN smtp_host TEXT NOT NULL DEFAULT '';
ALTER TABLE center ADD COLUMN smtp_port INTEGER NOT NULL DEFAULT 0;
ALTER TABLE center ADD COLUMN smtp_username TEXT NOT NULL DEFAULT '';
ALTER TABLE center ADD COLUMN smtp_password TEXT NOT NULL DEFAULT '';
ALTER TABLE center ADD COLUMN smtp_from TEXT NOT NULL DEFAULT '';
ALTER TABLE center ADD COLUMN smtp_tls TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE center DROP COLUMN smtp_tls;
ALTER TABLE center DROP COLUMN smtp_from;
ALTER TABLE center DROP COLUMN smtp_password;
ALTER TABLE center DROP COLUMN smtp_username;
ALTER TABLE center DROP COLUMN smtp_port;
ALTER TABLE center DROP COLUMN smtp_host;
DROP TABLE outbox;
