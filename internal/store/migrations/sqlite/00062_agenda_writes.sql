-- +goose Up
-- The home page is kept drawn until a write changes what it shows (see
-- store/pagechange.go). shown_version is the owner's last write that may
-- have; agenda_writes holds, for the writes since that moved only dated
-- next actions (a touch logged), the earliest due time (microseconds
-- since 1970) of the actions each moved, as they were or are. Rows older
-- than the last few dozen versions are dropped as writes go.
ALTER TABLE users ADD COLUMN shown_version INTEGER NOT NULL DEFAULT 0;
UPDATE users SET shown_version = version;
CREATE TABLE agenda_writes (
    owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version  INTEGER NOT NULL,
    low      INTEGER NOT NULL,
    PRIMARY KEY (owner_id, version)
);

-- +goose Down
DROP TABLE agenda_writes;
ALTER TABLE users DROP COLUMN shown_version;
