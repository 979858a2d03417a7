-- +goose Up
-- Rosters (issue 11): students and volunteers imported from the files a
-- university's systems export, and invited in bulk.

-- The university's own id of a person (a student number, an alumni
-- record id), when the roster carries one: a later import matches by it,
-- so that a changed email updates the account instead of making another.
ALTER TABLE accounts ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX accounts_external_id ON accounts (external_id) WHERE external_id IS NOT NULL;

-- The roster's columns that are no profile field, kept as they came, by
-- the column's header.
CREATE TABLE profile_attributes (
    account_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
);

-- How many emails a minute the center's mail server takes: invitations
-- sent in bulk go out no faster.
ALTER TABLE center ADD COLUMN smtp_per_minute INTEGER NOT NULL DEFAULT 60 CHECK (smtp_per_minute > 0);

-- A roster upload waits in import_uploads (00014) like a contacts file.
-- While its import runs, and after, these say how far it got, so that any
-- instance shows the progress: phase (waiting, reading, writing,
-- inviting, done, failed), rows done of total, a heartbeat (progress_at)
-- by which a run whose server died is told from a slow one, and the
-- outcome (JSON: the counts, or the reason it failed).
ALTER TABLE import_uploads ADD COLUMN phase TEXT NOT NULL DEFAULT 'waiting';
ALTER TABLE import_uploads ADD COLUMN done_rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_uploads ADD COLUMN total_rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_uploads ADD COLUMN progress_at TEXT;
ALTER TABLE import_uploads ADD COLUMN outcome TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE import_uploads DROP COLUMN outcome;
ALTER TABLE import_uploads DROP COLUMN progress_at;
ALTER TABLE import_uploads DROP COLUMN total_rows;
ALTER TABLE import_uploads DROP COLUMN done_rows;
ALTER TABLE import_uploads DROP COLUMN phase;
ALTER TABLE center DROP COLUMN smtp_per_minute;
DROP TABLE profile_attributes;
DROP INDEX accounts_external_id;
ALTER TABLE accounts DROP COLUMN external_id;
