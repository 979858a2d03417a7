-- +goose Up
-- A career center: accounts that sign in, their roles, sessions, API
-- tokens, the audit log and sign-in failure counters. A personal database
-- has no center row and no accounts; its one user is untouched.

-- The one center a database serves; no row means a personal database.
-- signup_domains is a newline-separated list of lower-case email domains
-- allowed to sign up alone (empty: nobody).
CREATE TABLE center (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    name           TEXT NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('personal', 'center')),
    signup_domains TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);

-- A user who signs in. The user's name and email (as typed) stay in users;
-- email_key is the email lower-cased, unique so that one address holds one
-- account whatever its case. password_hash is an argon2id PHC string, ''
-- when the account has no password (it cannot sign in with one).
CREATE TABLE accounts (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email_key     TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at    TEXT NOT NULL
);

CREATE TABLE account_roles (
    user_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('student', 'volunteer', 'advisor')),
    PRIMARY KEY (user_id, role)
);
CREATE INDEX account_roles_by_role ON account_roles (role, user_id);

-- Signed-in browsers. Only the SHA-256 of the token is kept.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Tokens programs use (Authorization: Bearer). Only the hash is kept.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Who did what to what, and when. actor is kept in words so that the
-- entry still reads after the acting user is deleted.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at, id);

-- Failed sign-ins per key ("account:EMAIL", "address:IP") since the
-- window opened: in the database so every instance counts the same.
CREATE TABLE auth_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start TEXT NOT NULL
);

-- +goose Down
DROP TABLE auth_failures;
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE account_roles;
DROP TABLE accounts;
DROP TABLE center;
