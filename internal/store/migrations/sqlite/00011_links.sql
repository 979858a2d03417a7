-- +goose Up
-- One-time links: an invitation, a sign-up's email check, a password
-- reset. Only the SHA-256 of the link's token is kept. A link is used by
-- one statement that sets used_at where it is still NULL, so of two
-- clicks one wins. For an invitation, name and roles are what the advisor
-- gave; user_id is the account a reset is for.
CREATE TABLE one_time_links (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'signup', 'reset')),
    email_key  TEXT NOT NULL,
    email      TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    roles      TEXT NOT NULL DEFAULT '',
    user_id    INTEGER REFERENCES users(id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX one_time_links_by_email ON one_time_links (purpose, email_key, id);

-- When each account last signed in, for the advisors' account list.
ALTER TABLE accounts ADD COLUMN last_signin_at TEXT;

-- +goose Down
ALTER TABLE accounts DROP COLUMN last_signin_at;
DROP TABLE one_time_links;
