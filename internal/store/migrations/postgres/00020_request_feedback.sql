-- +goose Up
-- Feedback after a held conversation (issue 10), one row per side: the
-- student rates how useful it was and may thank the volunteer (who reads
-- the note); the volunteer rates how prepared the student was and may add
-- a word for the advisors. The primary key makes it once per side.
-- Ratings are read only in aggregate, by advisors (store.FeedbackSummary).
CREATE TABLE request_feedback (
    request_id BIGINT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    side       TEXT NOT NULL CHECK (side IN ('student', 'volunteer')),
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    note       TEXT NOT NULL DEFAULT '',
    given_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, side)
);
CREATE INDEX request_feedback_given ON request_feedback (given_at);
-- The request lists (store.ListRequests) page each side's requests by
-- their state, newest first.
CREATE INDEX requests_student_list ON requests (student_id, created_at, id);
CREATE INDEX requests_volunteer_list ON requests (volunteer_id, created_at, id);

-- +goose Down
DROP INDEX requests_volunteer_list;
DROP INDEX requests_student_list;
DROP TABLE request_feedback;
