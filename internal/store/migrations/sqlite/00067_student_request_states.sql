-- +goose Up
-- The advisors' student lists read what each student's requests came to
-- (as PostgreSQL's 00067): how many are not expired, how many are, and
-- when the last one expired; a student who sent nothing has no row.
CREATE TABLE student_request_states (
    student_id INTEGER PRIMARY KEY,
    unexpired INTEGER NOT NULL,
    expired INTEGER NOT NULL,
    last_expired TEXT
);
CREATE INDEX student_request_states_expired ON student_request_states (last_expired DESC, student_id) WHERE unexpired = 0;

-- +goose StatementBegin
CREATE TRIGGER requests_student_states_insert AFTER INSERT ON requests BEGIN
    INSERT INTO student_request_states (student_id, unexpired, expired, last_expired)
    VALUES (NEW.student_id, NEW.state <> 'expired', NEW.state = 'expired', CASE WHEN NEW.state = 'expired' THEN NEW.state_at END)
    ON CONFLICT (student_id) DO UPDATE SET unexpired = unexpired + excluded.unexpired, expired = expired + excluded.expired,
        last_expired = CASE WHEN last_expired IS NULL OR excluded.last_expired > last_expired THEN excluded.last_expired ELSE last_expired END;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER requests_student_states_delete AFTER DELETE ON requests BEGIN
    UPDATE student_request_states SET unexpired = unexpired - (OLD.state <> 'expired'), expired = expired - (OLD.state = 'expired'),
        last_expired = (SELECT MAX(q.state_at) FROM requests q WHERE q.student_id = OLD.student_id AND q.state = 'expired')
        WHERE student_id = OLD.student_id;
    DELETE FROM student_request_states WHERE student_id = OLD.student_id AND unexpired = 0 AND expired = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
-- A request moved to another student, or into or out of expiry (or
-- expired again at another time), leaves its old student's row and joins
-- its new one's.
CREATE TRIGGER requests_student_states_update AFTER UPDATE OF student_id, state, state_at ON requests
WHEN OLD.student_id <> NEW.student_id OR (OLD.state = 'expired') <> (NEW.state = 'expired')
    OR (NEW.state = 'expired' AND OLD.state_at IS NOT NEW.state_at) BEGIN
    UPDATE student_request_states SET unexpired = unexpired - (OLD.state <> 'expired'), expired = expired - (OLD.state = 'expired'),
        last_expired = (SELECT MAX(q.state_at) FROM requests q WHERE q.student_id = OLD.student_id AND q.state = 'expired')
        WHERE student_id = OLD.student_id;
    INSERT INTO student_request_states (student_id, unexpired, expired, last_expired)
    VALUES (NEW.student_id, NEW.state <> 'expired', NEW.state = 'expired', CASE WHEN NEW.state = 'expired' THEN NEW.state_at END)
    ON CONFLICT (student_id) DO UPDATE SET unexpired = unexpired + excluded.unexpired, expired = expired + excluded.expired,
        last_expired = CASE WHEN last_expired IS NULL OR excluded.last_expired > last_expired THEN excluded.last_expired ELSE last_expired END;
    DELETE FROM student_request_states WHERE student_id = OLD.student_id AND unexpired = 0 AND expired = 0;
END;
-- +goose StatementEnd

INSERT INTO student_request_states (student_id, unexpired, expired, last_expired)
SELECT student_id, SUM(state <> 'expired'), SUM(state = 'expired'), MAX(CASE WHEN state = 'expired' THEN state_at END)
FROM requests GROUP BY student_id;

-- +goose Down
DROP TRIGGER requests_student_states_insert;
DROP TRIGGER requests_student_states_delete;
DROP TRIGGER requests_student_states_update;
DROP TABLE student_request_states;
