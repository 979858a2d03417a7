-- +goose Up
-- The figures read each request's ratings with its other columns, in the
-- one pass over a period's requests (store.CenterFigures): the rating
-- each side gave (request_feedback keeps the notes), NULL until given.
ALTER TABLE requests ADD COLUMN student_rating INTEGER;
ALTER TABLE requests ADD COLUMN volunteer_rating INTEGER;
UPDATE requests SET
    student_rating = (SELECT rating FROM request_feedback f WHERE f.request_id = requests.id AND f.side = 'student'),
    volunteer_rating = (SELECT rating FROM request_feedback f WHERE f.request_id = requests.id AND f.side = 'volunteer')
    WHERE id IN (SELECT request_id FROM request_feedback);

-- +goose Down
ALTER TABLE requests DROP COLUMN volunteer_rating;
ALTER TABLE requests DROP COLUMN student_rating;
