-- +goose Up
-- Two leftovers of the figures' kept rows (issue 11).
--
-- A volunteer's first ask is written only when a request brings it
-- earlier (00051 rewrote it for every request sent).
DROP TRIGGER requests_first_asks_insert;
-- +goose StatementBegin
CREATE TRIGGER requests_first_asks_insert AFTER INSERT ON requests BEGIN
    INSERT INTO volunteer_first_asks (volunteer_id, first_at) VALUES (NEW.volunteer_id, NEW.created_at)
    ON CONFLICT (volunteer_id) DO UPDATE SET first_at = excluded.first_at WHERE excluded.first_at < first_at;
END;
-- +goose StatementEnd
DROP TRIGGER requests_first_asks_update;
-- +goose StatementBegin
CREATE TRIGGER requests_first_asks_update AFTER UPDATE OF volunteer_id, created_at ON requests
WHEN OLD.volunteer_id IS NOT NEW.volunteer_id OR OLD.created_at IS NOT NEW.created_at BEGIN
    DELETE FROM volunteer_first_asks WHERE volunteer_id = OLD.volunteer_id;
    INSERT INTO volunteer_first_asks (volunteer_id, first_at)
    SELECT volunteer_id, MIN(created_at) FROM requests WHERE volunteer_id = OLD.volunteer_id GROUP BY volunteer_id;
    INSERT INTO volunteer_first_asks (volunteer_id, first_at) VALUES (NEW.volunteer_id, NEW.created_at)
    ON CONFLICT (volunteer_id) DO UPDATE SET first_at = excluded.first_at WHERE excluded.first_at < first_at;
END;
-- +goose StatementEnd

-- The stale requests by a group of students join each to its student:
-- the student is in the index, so the read takes no row from the table.
DROP INDEX requests_stale;
CREATE INDEX requests_stale ON requests (created_at, field_key, student_id, state, reminded_at, accepted_at, meeting_at)
    WHERE (state IN ('pending', 'more_info') AND reminded_at IS NOT NULL) OR (state = 'accepted' AND meeting_at IS NULL);

-- +goose Down
DROP INDEX requests_stale;
CREATE INDEX requests_stale ON requests (created_at, field_key, state, reminded_at, accepted_at, meeting_at)
    WHERE (state IN ('pending', 'more_info') AND reminded_at IS NOT NULL) OR (state = 'accepted' AND meeting_at IS NULL);
DROP TRIGGER requests_first_asks_update;
-- +goose StatementBegin
CREATE TRIGGER requests_first_asks_update AFTER UPDATE OF volunteer_id, created_at ON requests
WHEN OLD.volunteer_id IS NOT NEW.volunteer_id OR OLD.created_at IS NOT NEW.created_at BEGIN
    DELETE FROM volunteer_first_asks WHERE volunteer_id = OLD.volunteer_id;
    INSERT INTO volunteer_first_asks (volunteer_id, first_at)
    SELECT volunteer_id, MIN(created_at) FROM requests WHERE volunteer_id = OLD.volunteer_id GROUP BY volunteer_id;
    INSERT INTO volunteer_first_asks (volunteer_id, first_at) VALUES (NEW.volunteer_id, NEW.created_at)
    ON CONFLICT (volunteer_id) DO UPDATE SET first_at = MIN(first_at, excluded.first_at);
END;
-- +goose StatementEnd
DROP TRIGGER requests_first_asks_insert;
-- +goose StatementBegin
CREATE TRIGGER requests_first_asks_insert AFTER INSERT ON requests BEGIN
    INSERT INTO volunteer_first_asks (volunteer_id, first_at) VALUES (NEW.volunteer_id, NEW.created_at)
    ON CONFLICT (volunteer_id) DO UPDATE SET first_at = MIN(first_at, excluded.first_at);
END;
-- +goose StatementEnd
