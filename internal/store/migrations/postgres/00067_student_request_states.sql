-- +goose Up
-- The advisors' student lists (students who have sent nothing yet; those
-- whose requests all expired) looked into every request of every student,
-- twice a page (the count and the page): 263-340 ms on the 500,000-request
-- demo. Each student who sent a request has a row here: how many of their
-- requests are not expired and how many are, and when the last one
-- expired. A student who sent nothing has no row; the expired list is the
-- rows with no request that is not expired, in the order of its index.
CREATE TABLE student_request_states (
    student_id BIGINT PRIMARY KEY,
    unexpired BIGINT NOT NULL,
    expired BIGINT NOT NULL,
    last_expired TIMESTAMPTZ
);
CREATE INDEX student_request_states_expired ON student_request_states (last_expired DESC, student_id) WHERE unexpired = 0;

-- +goose StatementBegin
-- The counts move by what each statement added and took away (under the
-- row's lock, so writers at once lose nothing). A student who lost an
-- expired request (deleted, moved to another student, or no longer
-- expired, or expired at another time) has their last expiry read again
-- from the requests once their row is locked (the next statement sees
-- every request committed before). A row whose counts reach zero goes.
CREATE FUNCTION ally_student_request_states() RETURNS trigger AS $$
DECLARE
    ids BIGINT[];
    ns INT[];
    exps BOOLEAN[];
    ats TIMESTAMPTZ[];
    lost BIGINT[];
BEGIN
    -- The requests the statement added (n = 1) and took away (n = -1),
    -- whether each is expired and since when.
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(student_id), array_agg(1), array_agg(state = 'expired'), array_agg(state_at)
            INTO ids, ns, exps, ats FROM ally_states_new;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(student_id), array_agg(-1), array_agg(state = 'expired'), array_agg(state_at)
            INTO ids, ns, exps, ats FROM ally_states_old;
    ELSE
        SELECT array_agg(m.student_id), array_agg(m.n), array_agg(m.expired), array_agg(m.state_at) INTO ids, ns, exps, ats
        FROM ally_states_old o JOIN ally_states_new q ON q.id = o.id
            CROSS JOIN LATERAL (VALUES (o.student_id, -1, o.state = 'expired', o.state_at), (q.student_id, 1, q.state = 'expired', q.state_at))
                AS m(student_id, n, expired, state_at)
            WHERE (o.student_id, o.state = 'expired', CASE WHEN o.state = 'expired' THEN o.state_at END)
                IS DISTINCT FROM (q.student_id, q.state = 'expired', CASE WHEN q.state = 'expired' THEN q.state_at END);
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO student_request_states AS s (student_id, unexpired, expired, last_expired)
    SELECT student_id, COALESCE(SUM(n) FILTER (WHERE NOT expired), 0), COALESCE(SUM(n) FILTER (WHERE expired), 0),
            MAX(state_at) FILTER (WHERE expired AND n > 0)
        FROM unnest(ids, ns, exps, ats) AS m(student_id, n, expired, state_at) GROUP BY student_id ORDER BY student_id
    ON CONFLICT (student_id) DO UPDATE SET unexpired = s.unexpired + excluded.unexpired,
        expired = s.expired + excluded.expired, last_expired = GREATEST(s.last_expired, excluded.last_expired);
    SELECT array_agg(DISTINCT student_id) INTO lost FROM unnest(ids, ns, exps) AS m(student_id, n, expired) WHERE n < 0 AND expired;
    IF lost IS NOT NULL THEN
        UPDATE student_request_states s SET last_expired = (SELECT MAX(q.state_at) FROM requests q
            WHERE q.student_id = s.student_id AND q.state = 'expired') WHERE s.student_id = ANY (lost);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM student_request_states WHERE student_id = ANY (ids) AND unexpired = 0 AND expired = 0;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER requests_student_states_insert AFTER INSERT ON requests
    REFERENCING NEW TABLE AS ally_states_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_request_states();
CREATE TRIGGER requests_student_states_update AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS ally_states_old NEW TABLE AS ally_states_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_request_states();
CREATE TRIGGER requests_student_states_delete AFTER DELETE ON requests
    REFERENCING OLD TABLE AS ally_states_old FOR EACH STATEMENT EXECUTE FUNCTION ally_student_request_states();

INSERT INTO student_request_states (student_id, unexpired, expired, last_expired)
SELECT student_id, COUNT(*) FILTER (WHERE state <> 'expired'), COUNT(*) FILTER (WHERE state = 'expired'),
    MAX(state_at) FILTER (WHERE state = 'expired') FROM requests GROUP BY student_id;

-- +goose Down
DROP TRIGGER requests_student_states_insert ON requests;
DROP TRIGGER requests_student_states_update ON requests;
DROP TRIGGER requests_student_states_delete ON requests;
DROP FUNCTION ally_student_request_states();
DROP TABLE student_request_states;
