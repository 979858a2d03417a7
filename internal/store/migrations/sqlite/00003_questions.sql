-- +goose Up
-- The user's own questions. Ally's built-in questions live in code
-- (internal/method/questions) with stable ids; an own question's id is "u"
-- and its row id ("u7"), which no built-in id can be.
CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL,
    text        TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    ask_when    TEXT NOT NULL DEFAULT '',
    closing     BOOLEAN NOT NULL DEFAULT FALSE,
    skill_words BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX questions_owner ON questions (owner_id, id);

-- The user's choices about any question, built-in or own: the guide builder
-- never picks a hidden question and picks favourites first.
CREATE TABLE question_prefs (
    owner_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    hidden      BOOLEAN NOT NULL DEFAULT FALSE,
    favourite   BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (owner_id, question_id)
);

-- A conversation's question guide: the question ids in the order to ask
-- them, one per line, as built and then reordered, added to and trimmed by
-- the user. opening is the user's own opening statement; empty means the
-- one drafted from their profile.
CREATE TABLE guides (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    question_ids    TEXT NOT NULL,
    opening         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Quick notes typed under each question during a conversation. The topic
-- and the question's text are kept as they were, so that the field report
-- still reads them after the user edits or removes their question. rev is
-- the page's counter of edits: a retried save of an older text never
-- overwrites a newer one.
CREATE TABLE question_notes (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    question_id     TEXT NOT NULL,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic           TEXT NOT NULL,
    question        TEXT NOT NULL,
    note            TEXT NOT NULL,
    rev             INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, question_id)
);
CREATE INDEX question_notes_owner ON question_notes (owner_id);

-- What the user captured while listening: a referral (the person it
-- created), a term to clarify, a skill word, a suggested resource, a next
-- step they advised. client_key lets a page retry a capture without making
-- a second one.
CREATE TABLE captures (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    text            TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    resource_kind   TEXT NOT NULL DEFAULT '',
    person_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    may_use_name    BOOLEAN NOT NULL DEFAULT FALSE,
    resolved        BOOLEAN NOT NULL DEFAULT FALSE,
    client_key      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX captures_conversation ON captures (conversation_id, id);
CREATE INDEX captures_person ON captures (person_id);
CREATE UNIQUE INDEX captures_client_key ON captures (owner_id, client_key) WHERE client_key <> '';

-- +goose Down
DROP TABLE captures;
DROP TABLE question_notes;
DROP TABLE guides;
DROP TABLE question_prefs;
DROP TABLE questions;
