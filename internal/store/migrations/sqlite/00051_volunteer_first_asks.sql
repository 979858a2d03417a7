-- +goose Up
-- When each volunteer was first asked (their earliest request), kept
-- ahead of the figures' "never asked before the period's end", which
-- otherwise looks into every volunteer's requests (20,000 lookups on the
-- demo). A volunteer never asked has no row. The triggers keep it in the
-- statement that writes the requests, so no write path can forget to; a
-- request deleted or moved (another volunteer or time) has its
-- volunteer's first time read again from the requests. Times are
-- written alike (store.ts), so the least string is the earliest.
CREATE TABLE volunteer_first_asks (
    volunteer_id INTEGER PRIMARY KEY,
    first_at TEXT NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER requests_first_asks_insert AFTER INSERT ON requests BEGIN
    INSERT INTO volunteer_first_asks (volunteer_id, first_at) VALUES (NEW.volunteer_id, NEW.created_at)
    ON CONFLICT (volunteer_id) DO UPDATE SET first_at = MIN(first_at, excluded.first_at);
END;
-- +goose StatementEnd

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

-- +goose StatementBegin
CREATE TRIGGER requests_first_asks_delete AFTER DELETE ON requests BEGIN
    DELETE FROM volunteer_first_asks WHERE volunteer_id = OLD.volunteer_id;
    INSERT INTO volunteer_first_asks (volunteer_id, first_at)
    SELECT volunteer_id, MIN(created_at) FROM requests WHERE volunteer_id = OLD.volunteer_id GROUP BY volunteer_id;
END;
-- +goose StatementEnd

INSERT INTO volunteer_first_asks (volunteer_id, first_at) SELECT volunteer_id, MIN(created_at) FROM requests GROUP BY volunteer_id;

-- +goose Down
DROP TRIGGER requests_first_asks_delete;
DROP TRIGGER requests_first_asks_update;
DROP TRIGGER requests_first_asks_insert;
DROP TABLE volunteer_first_asks;
