-- +goose Up
-- What imports, exports and calendars need beyond the core records.

-- One row per owner, made on first use. uid_key is a random secret from
-- which the UIDs of exported vCards and calendar entries are derived, so
-- they stay the same from one export to the next without a column on every
-- record; a restore that had to give records new ids moves the shifts by
-- as much, and the UIDs stay the same too. feed_secret is the last part of
-- the private calendar feed's address, NULL when there is no feed or it was
-- revoked.
CREATE TABLE interop_keys (
    owner_id                BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    uid_key                 TEXT NOT NULL,
    person_uid_shift        BIGINT NOT NULL DEFAULT 0,
    conversation_uid_shift  BIGINT NOT NULL DEFAULT 0,
    feed_secret             TEXT UNIQUE,
    feed_created_at         TIMESTAMPTZ
);

-- A person's picture, as an imported vCard carried it.
CREATE TABLE person_photos (
    person_id  BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    media_type TEXT NOT NULL,
    data       BYTEA NOT NULL
);

-- +goose Down
DROP TABLE person_photos;
DROP TABLE interop_keys;
