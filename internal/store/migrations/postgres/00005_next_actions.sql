-- +goose Up
-- The method's next actions, kept up to date by every write in the same
-- transaction: one row per action a conversation, person or field calls
-- for (subject 'c', 'p' or 'f' and its id), derived only from that
-- record's facts, so a write derives again just the rows of what it
-- touched. Overdue is decided when reading, from due. done and
-- snoozed_until copy the user's mark when it was made for this due time.
-- Names are not copied: reads join them, so a rename touches no row here.
CREATE TABLE next_actions (
    owner_id        BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    subject         TEXT NOT NULL,
    subject_id      BIGINT NOT NULL,
    kind            TEXT NOT NULL,
    id              TEXT COLLATE "C" NOT NULL,
    due             TIMESTAMPTZ NOT NULL,
    standing        BOOLEAN NOT NULL DEFAULT FALSE,
    person_id       BIGINT,
    conversation_id BIGINT,
    field_id        BIGINT,
    referrer_id     BIGINT,
    since           TIMESTAMPTZ,
    n0              INTEGER NOT NULL DEFAULT 0,
    n1              INTEGER NOT NULL DEFAULT 0,
    n2              INTEGER NOT NULL DEFAULT 0,
    done            BOOLEAN NOT NULL DEFAULT FALSE,
    snoozed_until   TIMESTAMPTZ,
    PRIMARY KEY (owner_id, subject, subject_id, kind)
);
-- The agenda: one owner's open actions, dated ones by due, standing goals
-- last; with the snooze, it counts the actions of each group by itself.
CREATE INDEX next_actions_agenda ON next_actions (owner_id, standing, due, id, snoozed_until) WHERE done = FALSE;
-- Reminders: every owner's dated actions falling due in a window, read
-- from the index alone.
CREATE INDEX next_actions_due ON next_actions (due, owner_id, id, kind, snoozed_until) WHERE done = FALSE AND standing = FALSE;

-- The home page's coming meetings, soonest first.
CREATE INDEX conversations_upcoming ON conversations (owner_id, meeting_at) WHERE state IN ('scheduled', 'confirmed');

-- +goose Down
DROP INDEX conversations_upcoming;
DROP TABLE next_actions;
