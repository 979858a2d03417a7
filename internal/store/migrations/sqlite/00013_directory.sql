-- +goose Up
-- A career center's profiles and its volunteer directory (issue 10).

-- The center's time zone: the calendar month a volunteer's capacity is
-- counted in, and "today" for a pause.
ALTER TABLE center ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

-- accounts.last_signin_at (00011) says when a volunteer was last active.

-- What a student tells the center about themselves. Lists are kept one
-- item a line, as typed.
CREATE TABLE student_profiles (
    account_id     INTEGER PRIMARY KEY REFERENCES accounts(user_id) ON DELETE CASCADE,
    class_year     INTEGER,
    degree         TEXT NOT NULL DEFAULT '',
    majors         TEXT NOT NULL DEFAULT '',
    home_town      TEXT NOT NULL DEFAULT '',
    clubs          TEXT NOT NULL DEFAULT '',
    past_employers TEXT NOT NULL DEFAULT '',
    interests      TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL
);

-- A volunteer's directory entry. paused_until is the day they take
-- requests again. phone and linkedin are contact details: never shown to
-- a student before the volunteer accepts their request. The *_key columns
-- are the lower-cased forms the filters compare.
CREATE TABLE volunteer_profiles (
    account_id       INTEGER PRIMARY KEY REFERENCES accounts(user_id) ON DELETE CASCADE,
    display_name     TEXT NOT NULL,
    grad_year        INTEGER,
    degree           TEXT NOT NULL DEFAULT '',
    majors           TEXT NOT NULL DEFAULT '',
    employer         TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    fields           TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    country          TEXT NOT NULL DEFAULT '',
    industries       TEXT NOT NULL DEFAULT '',
    ask_me_about     TEXT NOT NULL DEFAULT '',
    languages        TEXT NOT NULL DEFAULT '',
    channels         TEXT NOT NULL DEFAULT '',
    monthly_capacity INTEGER NOT NULL DEFAULT 2 CHECK (monthly_capacity >= 0),
    paused_until     TEXT, -- YYYY-MM-DD
    bio              TEXT NOT NULL DEFAULT '',
    home_town        TEXT NOT NULL DEFAULT '',
    clubs            TEXT NOT NULL DEFAULT '',
    past_employers   TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    linkedin         TEXT NOT NULL DEFAULT '',
    employer_key     TEXT NOT NULL DEFAULT '',
    title_key        TEXT NOT NULL DEFAULT '',
    location_key     TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL
);
-- The directory's full-text index: rowid is the account id; the store
-- writes it with the profile.
CREATE VIRTUAL TABLE volunteer_search USING fts5(
    head, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE INDEX volunteer_profiles_grad_year ON volunteer_profiles (grad_year);

-- One row per item of a volunteer's lists the directory filters on or
-- finds in common (kind: field, major, channel, club, employer — current
-- and earlier — and home_town), by its key (center.Key).
CREATE TABLE volunteer_terms (
    account_id INTEGER NOT NULL REFERENCES volunteer_profiles(account_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    term       TEXT NOT NULL,
    label      TEXT NOT NULL,
    PRIMARY KEY (kind, term, account_id)
);
CREATE INDEX volunteer_terms_by_account ON volunteer_terms (account_id);

-- +goose Down
DROP TABLE volunteer_search;
DROP TABLE volunteer_terms;
DROP TABLE volunteer_profiles;
DROP TABLE student_profiles;
ALTER TABLE center DROP COLUMN time_zone;
