-- +goose Up
-- Two leftovers of the figures' kept rows (issue 11).
--
-- A volunteer's first ask is written only when a request brings it
-- earlier: 00051 rewrote the volunteer's row for every request sent
-- (LEAST of the same time), one dead row version each, which bloated the
-- table between vacuums. ON CONFLICT still locks the row when its WHERE
-- is false, so writers at once lose nothing, as before.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION ally_volunteer_first_asks() RETURNS trigger AS $$
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
        ON CONFLICT (volunteer_id) DO UPDATE SET first_at = excluded.first_at WHERE excluded.first_at < f.first_at;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO volunteer_first_asks AS f (volunteer_id, first_at)
        SELECT n.volunteer_id, MIN(n.created_at) FROM ally_first_old o JOIN ally_first_new n ON n.id = o.id
            WHERE (o.volunteer_id, o.created_at) IS DISTINCT FROM (n.volunteer_id, n.created_at)
            GROUP BY n.volunteer_id ORDER BY n.volunteer_id
        ON CONFLICT (volunteer_id) DO UPDATE SET first_at = excluded.first_at WHERE excluded.first_at < f.first_at;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- The stale requests by a group of students join each to its student:
-- the student is in the index, so the read takes no row from the table.
DROP INDEX requests_stale;
CREATE INDEX requests_stale ON requests (created_at) INCLUDE (field_key, student_id, state, reminded_at, accepted_at, meeting_at)
    WHERE (state IN ('pending', 'more_info') AND reminded_at IS NOT NULL) OR (state = 'accepted' AND meeting_at IS NULL);

-- +goose Down
DROP INDEX requests_stale;
CREATE INDEX requests_stale ON requests (created_at) INCLUDE (field_key, state, reminded_at, accepted_at, meeting_at)
    WHERE (state IN ('pending', 'more_info') AND reminded_at IS NOT NULL) OR (state = 'accepted' AND meeting_at IS NULL);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION ally_volunteer_first_asks() RETURNS trigger AS $$
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
