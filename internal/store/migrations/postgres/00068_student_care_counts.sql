-- +goose Up
-- The advisors' student page shows how many students are on each of its
-- lists on every view (its tabs): those who have sent nothing yet (a
-- student's role, an account not disabled, no row in
-- student_request_states) merged 100,000 roles with 65,000 rows, 50-120
-- ms of a page on the 500,000-request demo; those whose every request
-- expired (a row with nothing unexpired) looked up each of 21,000 rows'
-- roles. Both counts are kept here, moved in the statement that writes a
-- role, an account's status or a student's row of request states, by
-- what it moved: a student counts on a list as the lists' own statements
-- (store.studentIDs) say. Each trigger locks the students' accounts it
-- moves (in order, for no key update, as store.lockAccounts and a change
-- of status do: the requests' share locks of 00056 do not wait for it)
-- before it reads the other two tables, so that of two writes about one
-- student at once the later reads what the earlier wrote (a new snapshot
-- after the lock). The roles' trigger is named to fire before
-- account_roles_directory (00026), so that it locks the account before
-- that one updates the center's row, in the order a change of status
-- takes them.
CREATE TABLE student_care_counts (
    list TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);

-- +goose StatementBegin
-- ids moved in or out of the roster of students (role given or taken,
-- s = 1 or -1) or their status moved (active again 1, disabled -1):
-- status_moved says which. The lists count a student of the roster as
-- silent without a row of request states, as expired with a row with
-- nothing unexpired.
CREATE FUNCTION ally_student_care_roster(ids BIGINT[], ss INT[], status_moved BOOLEAN) RETURNS void AS $$
DECLARE
    silent BIGINT;
    expired BIGINT;
BEGIN
    IF ids IS NULL THEN
        RETURN;
    END IF;
    PERFORM 1 FROM accounts WHERE user_id = ANY (ids) ORDER BY user_id FOR NO KEY UPDATE;
    SELECT COALESCE(SUM(m.s) FILTER (WHERE y.student_id IS NULL), 0), COALESCE(SUM(m.s) FILTER (WHERE y.unexpired = 0), 0)
        INTO silent, expired
        FROM unnest(ids, ss) AS m(user_id, s) LEFT JOIN student_request_states y ON y.student_id = m.user_id
        WHERE CASE WHEN status_moved THEN EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = m.user_id AND r.role = 'student')
            ELSE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = m.user_id AND a.status <> 'active') END;
    PERFORM ally_student_care_add(silent, expired);
END;
$$ LANGUAGE plpgsql SET jit = off SET enable_seqscan = off;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION ally_student_care_add(silent BIGINT, expired BIGINT) RETURNS void AS $$
BEGIN
    IF silent <> 0 THEN
        UPDATE student_care_counts SET n = n + silent WHERE list = 'silent';
    END IF;
    IF expired <> 0 THEN
        UPDATE student_care_counts SET n = n + expired WHERE list = 'expired';
    END IF;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION ally_student_care_roles() RETURNS trigger AS $$
DECLARE
    ids BIGINT[];
    ss INT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(user_id), array_agg(1) INTO ids, ss FROM ally_care_new WHERE role = 'student';
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(user_id), array_agg(-1) INTO ids, ss FROM ally_care_old WHERE role = 'student';
    ELSE
        SELECT array_agg(m.user_id), array_agg(m.s) INTO ids, ss FROM (SELECT user_id, -1 AS s FROM ally_care_old WHERE role = 'student'
            UNION ALL SELECT user_id, 1 FROM ally_care_new WHERE role = 'student') m;
    END IF;
    PERFORM ally_student_care_roster(ids, ss, false);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
-- An account's status moved (a row gone or new counts as active, as the
-- lists read it).
CREATE FUNCTION ally_student_care_accounts() RETURNS trigger AS $$
DECLARE
    ids BIGINT[];
    ss INT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(user_id), array_agg(-1) INTO ids, ss FROM ally_care_new WHERE status <> 'active';
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(user_id), array_agg(1) INTO ids, ss FROM ally_care_old WHERE status <> 'active';
    ELSE
        SELECT array_agg(q.user_id), array_agg(CASE WHEN q.status = 'active' THEN 1 ELSE -1 END) INTO ids, ss
            FROM ally_care_old o JOIN ally_care_new q ON q.user_id = o.user_id
            WHERE (o.status = 'active') <> (q.status = 'active');
    END IF;
    PERFORM ally_student_care_roster(ids, ss, true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
-- A student's row of request states came (not silent any more; expired
-- if nothing is unexpired), went, or moved between expired and not.
CREATE FUNCTION ally_student_care_states() RETURNS trigger AS $$
DECLARE
    ids BIGINT[];
    silents INT[];
    expireds INT[];
    silent BIGINT;
    expired BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(student_id), array_agg(-1), array_agg(CASE WHEN unexpired = 0 THEN 1 ELSE 0 END) INTO ids, silents, expireds FROM ally_care_new;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(student_id), array_agg(1), array_agg(CASE WHEN unexpired = 0 THEN -1 ELSE 0 END) INTO ids, silents, expireds FROM ally_care_old;
    ELSE
        SELECT array_agg(q.student_id), array_agg(0), array_agg(CASE WHEN q.unexpired = 0 THEN 1 ELSE -1 END) INTO ids, silents, expireds
            FROM ally_care_old o JOIN ally_care_new q ON q.student_id = o.student_id WHERE (o.unexpired = 0) <> (q.unexpired = 0);
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM accounts WHERE user_id = ANY (ids) ORDER BY user_id FOR NO KEY UPDATE;
    SELECT COALESCE(SUM(m.silent), 0), COALESCE(SUM(m.expired), 0) INTO silent, expired
        FROM unnest(ids, silents, expireds) AS m(student_id, silent, expired)
        WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = m.student_id AND r.role = 'student')
            AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = m.student_id AND a.status <> 'active');
    PERFORM ally_student_care_add(silent, expired);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET jit = off SET enable_seqscan = off;
-- +goose StatementEnd

CREATE TRIGGER account_roles_care_counts_insert AFTER INSERT ON account_roles
    REFERENCING NEW TABLE AS ally_care_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_roles();
CREATE TRIGGER account_roles_care_counts_update AFTER UPDATE ON account_roles
    REFERENCING OLD TABLE AS ally_care_old NEW TABLE AS ally_care_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_roles();
CREATE TRIGGER account_roles_care_counts_delete AFTER DELETE ON account_roles
    REFERENCING OLD TABLE AS ally_care_old FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_roles();
CREATE TRIGGER accounts_care_counts_insert AFTER INSERT ON accounts
    REFERENCING NEW TABLE AS ally_care_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_accounts();
CREATE TRIGGER accounts_care_counts_update AFTER UPDATE ON accounts
    REFERENCING OLD TABLE AS ally_care_old NEW TABLE AS ally_care_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_accounts();
CREATE TRIGGER accounts_care_counts_delete AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS ally_care_old FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_accounts();
CREATE TRIGGER student_request_states_care_insert AFTER INSERT ON student_request_states
    REFERENCING NEW TABLE AS ally_care_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_states();
CREATE TRIGGER student_request_states_care_update AFTER UPDATE ON student_request_states
    REFERENCING OLD TABLE AS ally_care_old NEW TABLE AS ally_care_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_states();
CREATE TRIGGER student_request_states_care_delete AFTER DELETE ON student_request_states
    REFERENCING OLD TABLE AS ally_care_old FOR EACH STATEMENT EXECUTE FUNCTION ally_student_care_states();

INSERT INTO student_care_counts (list, n)
SELECT 'silent', COUNT(*) FROM account_roles r WHERE r.role = 'student'
    AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = r.user_id AND a.status <> 'active')
    AND NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = r.user_id)
UNION ALL
SELECT 'expired', COUNT(*) FROM student_request_states y WHERE y.unexpired = 0
    AND EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = y.student_id AND r.role = 'student')
    AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = y.student_id AND a.status <> 'active');

-- +goose Down
DROP TRIGGER account_roles_care_counts_insert ON account_roles;
DROP TRIGGER account_roles_care_counts_update ON account_roles;
DROP TRIGGER account_roles_care_counts_delete ON account_roles;
DROP TRIGGER accounts_care_counts_insert ON accounts;
DROP TRIGGER accounts_care_counts_update ON accounts;
DROP TRIGGER accounts_care_counts_delete ON accounts;
DROP TRIGGER student_request_states_care_insert ON student_request_states;
DROP TRIGGER student_request_states_care_update ON student_request_states;
DROP TRIGGER student_request_states_care_delete ON student_request_states;
DROP FUNCTION ally_student_care_states();
DROP FUNCTION ally_student_care_accounts();
DROP FUNCTION ally_student_care_roles();
DROP FUNCTION ally_student_care_roster(BIGINT[], INT[], BOOLEAN);
DROP FUNCTION ally_student_care_add(BIGINT, BIGINT);
DROP TABLE student_care_counts;
