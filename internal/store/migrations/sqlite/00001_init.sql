-- +goose Up
-- Times are TEXT in one fixed-width UTC form (2026-11-20T15:00:00.000000Z):
-- they sort and compare as text, and read back without guessing a layout.
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL DEFAULT '',
    settings   TEXT NOT NULL DEFAULT '{}',
    -- version grows with every write of the user's records: cached
    -- agenda facts are reused while it stays the same.
    version    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    website    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organizations_owner_name ON organizations (owner_id, lower(name));

CREATE TABLE fields (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    why        TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    target     INTEGER NOT NULL DEFAULT 3,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX fields_owner_name ON fields (owner_id, lower(name));

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    role            TEXT NOT NULL DEFAULT '',
    emails          TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    url             TEXT NOT NULL DEFAULT '',
    location        TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',
    commonality     TEXT NOT NULL DEFAULT '',
    referred_by_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    notes           TEXT NOT NULL DEFAULT '',
    do_not_contact  BOOLEAN NOT NULL DEFAULT FALSE,
    last_touch_at   TEXT,
    last_reply_at   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX people_owner_name ON people (owner_id, lower(name));
CREATE INDEX people_referred_by ON people (referred_by_id);
CREATE INDEX people_organization ON people (organization_id);

CREATE TABLE person_fields (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    field_id  INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, field_id)
);
CREATE INDEX person_fields_field ON person_fields (field_id);

CREATE TABLE person_tags (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (person_id, tag)
);
CREATE INDEX person_tags_tag ON person_tags (tag);

CREATE TABLE conversations (
    id             INTEGER PRIMARY KEY,
    owner_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    state          TEXT NOT NULL,
    state_at       TEXT,
    channel        TEXT NOT NULL,
    minutes        INTEGER NOT NULL,
    place          TEXT NOT NULL DEFAULT '',
    who_pays       TEXT NOT NULL DEFAULT '',
    meeting_at     TEXT,
    requested_at   TEXT,
    followed_up_at TEXT,
    held_at        TEXT,
    follow_ups     INTEGER NOT NULL DEFAULT 0,
    prepared       BOOLEAN NOT NULL DEFAULT FALSE,
    notes          TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL DEFAULT '',
    usefulness     INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX conversations_owner_state ON conversations (owner_id, state);
CREATE INDEX conversations_person ON conversations (person_id);

CREATE TABLE conversation_fields (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    field_id        INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, field_id)
);
CREATE INDEX conversation_fields_field ON conversation_fields (field_id);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    step            TEXT NOT NULL,
    at              TEXT NOT NULL,
    meeting_at      TEXT,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX events_conversation ON events (conversation_id, at);

CREATE TABLE activities (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    kind            TEXT NOT NULL,
    at              TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX activities_person ON activities (person_id, at);
CREATE INDEX activities_owner_at ON activities (owner_id, at);

CREATE TABLE action_marks (
    owner_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    action_id     TEXT NOT NULL,
    due           TEXT NOT NULL,
    done_at       TEXT,
    snoozed_until TEXT,
    PRIMARY KEY (owner_id, action_id)
);

-- One document per searchable record. The rowid is the record's id times
-- four plus its kind, so a document is replaced without a table scan.
CREATE VIRTUAL TABLE search_docs USING fts5(
    title, body,
    owner_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- +goose Down
DROP TABLE search_docs;
DROP TABLE action_marks;
DROP TABLE activities;
DROP TABLE events;
DROP TABLE conversation_fields;
DROP TABLE conversations;
DROP TABLE person_tags;
DROP TABLE person_fields;
DROP TABLE people;
DROP TABLE fields;
DROP TABLE organizations;
DROP TABLE users;
