-- +goose Up
-- The UID an imported vCard gave a person: a re-import of the same card
-- finds them by it, and the vCard export writes it back, so that an address
-- book updates its own card instead of adding a second one.
CREATE TABLE person_uids (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    uid        TEXT NOT NULL
);
CREATE INDEX person_uids_uid ON person_uids (uid);

-- +goose Down
DROP TABLE person_uids;
