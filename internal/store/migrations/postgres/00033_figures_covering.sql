-- +goose Up
-- The figures of a period (store.CenterFigures) read its requests from
-- their time index alone: it carries every column the figures count
-- (an index-only scan), so that two years of requests are not read from
-- the table row by row.
DROP INDEX requests_figures;
CREATE INDEX requests_figures ON requests (created_at, field_key) INCLUDE (field, state, volunteer_id, student_id,
    answered_at, accepted_at, meeting_at, reminded_at, held_at, thanked_in_time, reported_back_at, late_cancel,
    decline_reason, answer_minutes, student_rating, volunteer_rating, flagged);

-- +goose Down
DROP INDEX requests_figures;
CREATE INDEX requests_figures ON requests (created_at, field_key);
