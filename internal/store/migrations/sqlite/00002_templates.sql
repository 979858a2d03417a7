-- +goose Up
-- The user's message templates: an edit of one of Ally's built-ins (slug is
-- the built-in's id, and deleting the row reverts to Ally's words) or one of
-- the user's own (slug starts with "my-").
CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    slug       TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX templates_owner_slug ON templates (owner_id, slug);

-- Messages the user marked as sent, or Ally sent by SMTP: what went to whom,
-- on which channel, and the lifecycle step and activity it logged. Outreach
-- statistics read the channel of a request from here.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    event_id        INTEGER REFERENCES events(id) ON DELETE SET NULL,
    activity_id     INTEGER REFERENCES activities(id) ON DELETE SET NULL,
    kind            TEXT NOT NULL,
    channel         TEXT NOT NULL,
    template_id     TEXT NOT NULL DEFAULT '',
    recipient       TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL DEFAULT '',
    via             TEXT NOT NULL DEFAULT 'manual',
    sent_at         TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id);
CREATE INDEX messages_event ON messages (event_id);
CREATE INDEX messages_owner_sent ON messages (owner_id, sent_at);

-- +goose Down
DROP TABLE messages;
DROP TABLE templates;
