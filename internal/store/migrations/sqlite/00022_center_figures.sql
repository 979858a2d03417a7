-- +goose Up
-- The advisor's console (issue 11). A term is a center setting: figures
-- default to the current one. starts_on and ends_on are days in the
-- center's zone, both included.
CREATE TABLE center_terms (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    name_key  TEXT NOT NULL UNIQUE,
    starts_on TEXT NOT NULL,
    ends_on   TEXT NOT NULL CHECK (ends_on >= starts_on)
);

-- A request's milestones, which the figures count: held_at when the
-- conversation happened, thanked_at and reported_back_at as the
-- student's conversation reports them (never its notes), thanked_in_time
-- when the thank-you came within the method's 12 hours of held_at, and
-- answer_minutes from sending to the volunteer's first answer, so that a
-- median is an aggregate over one column.
ALTER TABLE requests ADD COLUMN held_at TEXT;
ALTER TABLE requests ADD COLUMN thanked_at TEXT;
ALTER TABLE requests ADD COLUMN thanked_in_time BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE requests ADD COLUMN reported_back_at TEXT;
ALTER TABLE requests ADD COLUMN answer_minutes INTEGER;
UPDATE requests SET held_at = state_at WHERE state = 'held';
UPDATE requests SET answer_minutes = CAST((julianday(answered_at) - julianday(created_at)) * 1440 AS INTEGER) WHERE answered_at IS NOT NULL;
-- The figures of a term read the requests sent in it, by field.
CREATE INDEX requests_figures ON requests (created_at, field_key);

-- +goose Down
DROP INDEX requests_figures;
ALTER TABLE requests DROP COLUMN answer_minutes;
ALTER TABLE requests DROP COLUMN reported_back_at;
ALTER TABLE requests DROP COLUMN thanked_in_time;
ALTER TABLE requests DROP COLUMN thanked_at;
ALTER TABLE requests DROP COLUMN held_at;
DROP TABLE center_terms;
