-- +goose Up
-- A deleted account (issue 11, "Privacy and data rights"). Deleting an
-- account deletes the person and everything that was theirs; the requests
-- they took part in stay, for the figures, under a tombstone: an account
-- with no name, email or password that stands for them from then on.
-- deleted_at marks the tombstone (and when); account lists leave it out.
ALTER TABLE accounts ADD COLUMN deleted_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE accounts DROP COLUMN deleted_at;
