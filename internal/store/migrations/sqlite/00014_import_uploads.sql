-- +goose Up
-- Contacts files waiting between their preview and the "Import" button,
-- kept in the database so that any instance serves either step (issue 9:
-- nothing a request needs lives in one process's memory or disk). Only
-- the SHA-256 of the address's token is kept. claimed_at is set, by one
-- statement where it is still NULL, while the file is being imported:
-- of two clicks on two instances one imports. Rows past expires_at are
-- swept when a new file is kept.
CREATE TABLE import_uploads (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    format     TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    size       INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    claimed_at TEXT
);
CREATE INDEX import_uploads_by_owner ON import_uploads (owner_id, created_at);
CREATE INDEX import_uploads_by_expiry ON import_uploads (expires_at);

-- The file itself, gzip-compressed, in pieces of at most 1 MiB so that no
-- statement carries a whole 200 MB file.
CREATE TABLE import_upload_chunks (
    upload_id INTEGER NOT NULL REFERENCES import_uploads(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (upload_id, seq)
);

-- +goose Down
DROP TABLE import_upload_chunks;
DROP TABLE import_uploads;
