-- +goose Up
-- When each volunteer was first asked (their earliest request), kept
-- ahead of the figures' "never asked before the period's end", which
-- otherwise looks into every volunteer's requests (20,000 lookups on the
-- demo). A volunteer never asked has no row. The triggers keep it in the
-- statement that writes the requests, so no write path can forget to.
CREATE TABLE volunteer_first_asks (
    volunteer_id BIGINT PRIMARY KEY,
    first_at TIMESTAMPTZ NOT NULL
);

-- +goose StatementBegin
-- A new request can only bring a volunteer's first time earlier (LEAST,
-- under the row's lock, so writers at once lose nothing). A request
-- deleted or moved (another volunteer or time) may leave a later first
-- time: its volunteers' rows are locked first, so that the time read next
-- (a new snapshot) sees every request committed before, then read again
-- from the requests.
CREATE FUNCTION ally_volunteer_first_asks() RETURNS trigger AS $$
DECLARE
    moved BIGINT[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT volunteer_id) INTO moved FROM ally_first_old;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT o.volunteer_id) INTO moved FROM ally_first_old o JOIN ally_first_new n ON n.id = o.id
            WHERE (o.volunteer_id, o.created_at) IS DISTINCT FROM (n.volunteer_id, n.created_at);
    END IF;
    IF moved IS NOT NULL THEN
        PERFORM 1 FROM volunteer_first_asks WHERE volunteer_id = ANY (moved) ORDER BY volunteer_id FOR UPDATE;
        DELETE FROM volunteer_first_asks f WHERE f.volunteer_id = ANY (moved)
            AND NOT EXISTS (SELECT 1 FROM requests q WHERE q.volunteer_id = f.volunteer_id);
        UPDATE volunteer_first_asks f SET first_at = (SELECT MIN(q.created_at) FROM requests q WHERE q.volunteer_id = f.volunteer_id)
            WHERE f.volunteer_id = ANY (moved);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO volunteer_first_asks AS f (volunteer_id, first_at)
        SELECT volunteer_id, MIN(created_at) FROM ally_first_new GROUP BY volunteer_id ORDER BY volunteer_id
        ON CONFLICT (volunteer_id) DO UPDATE SET first_at = LEAST(f.first_at, excluded.first_at);
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO volunteer_first_asks AS f (volunteer_id, first_at)
        SELECT n.volunteer_id, MIN(n.created_at) FROM ally_first_old o JOIN ally_first_new n ON n.id = o.id
            WHERE (o.volunteer_id, o.created_at) IS DISTINCT FROM (n.volunteer_id, n.created_at)
            GROUP BY n.volunteer_id ORDER BY n.volunteer_id
        ON CONFLICT (volunteer_id) DO UPDATE SET first_at = LEAST(f.first_at, excluded.first_at);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER requests_first_asks_insert AFTER INSERT ON requests
    REFERENCING NEW TABLE AS ally_first_new FOR EACH STATEMENT EXECUTE FUNCTION ally_volunteer_first_asks();
CREATE TRIGGER requests_first_asks_update AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS ally_first_old NEW TABLE AS ally_first_new FOR EACH STATEMENT EXECUTE FUNCTION ally_volunteer_first_asks();
CREATE TRIGGER requests_first_asks_delete AFTER DELETE ON requests
    REFERENCING OLD TABLE AS ally_first_old FOR EACH STATEMENT EXECUTE FUNCTION ally_volunteer_first_asks();

INSERT INTO volunteer_first_asks (volunteer_id, first_at) SELECT volunteer_id, MIN(created_at) FROM requests GROUP BY volunteer_id;

-- +goose Down
DROP TRIGGER requests_first_asks_delete ON requests;
DROP TRIGGER requests_first_asks_update ON requests;
DROP TRIGGER requests_first_asks_insert ON requests;
DROP FUNCTION ally_volunteer_first_asks();
DROP TABLE volunteer_first_asks;
