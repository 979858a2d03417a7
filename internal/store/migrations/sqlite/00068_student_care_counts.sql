-- +goose Up
-- The advisors' student page's counts of its two lists (as PostgreSQL's
-- 00068): students who have sent nothing yet and those whose every
-- request expired, kept by the writes of the roles, the accounts' status
-- and the students' rows of request states. A student counts as the
-- lists' statements (store.studentIDs) say: a role of student, no
-- account disabled, and no row of request states (silent) or one with
-- nothing unexpired (expired).
CREATE TABLE student_care_counts (
    list TEXT PRIMARY KEY,
    n INTEGER NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER account_roles_student_care_insert AFTER INSERT ON account_roles
WHEN NEW.role = 'student' AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = NEW.user_id AND a.status <> 'active') BEGIN
    UPDATE student_care_counts SET n = n + 1 WHERE list = CASE
        WHEN NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = NEW.user_id) THEN 'silent'
        WHEN EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = NEW.user_id AND y.unexpired = 0) THEN 'expired' END;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER account_roles_student_care_delete AFTER DELETE ON account_roles
WHEN OLD.role = 'student' AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = OLD.user_id AND a.status <> 'active') BEGIN
    UPDATE student_care_counts SET n = n - 1 WHERE list = CASE
        WHEN NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = OLD.user_id) THEN 'silent'
        WHEN EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = OLD.user_id AND y.unexpired = 0) THEN 'expired' END;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER account_roles_student_care_update AFTER UPDATE OF user_id, role ON account_roles BEGIN
    UPDATE student_care_counts SET n = n - 1 WHERE OLD.role = 'student'
        AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = OLD.user_id AND a.status <> 'active') AND list = CASE
        WHEN NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = OLD.user_id) THEN 'silent'
        WHEN EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = OLD.user_id AND y.unexpired = 0) THEN 'expired' END;
    UPDATE student_care_counts SET n = n + 1 WHERE NEW.role = 'student'
        AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = NEW.user_id AND a.status <> 'active') AND list = CASE
        WHEN NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = NEW.user_id) THEN 'silent'
        WHEN EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = NEW.user_id AND y.unexpired = 0) THEN 'expired' END;
END;
-- +goose StatementEnd

-- +goose StatementBegin
-- A row gone or new counts as active, as the lists read it.
CREATE TRIGGER accounts_student_care_status AFTER UPDATE OF status ON accounts
WHEN (OLD.status = 'active') <> (NEW.status = 'active') AND EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.user_id AND r.role = 'student') BEGIN
    UPDATE student_care_counts SET n = n + CASE WHEN NEW.status = 'active' THEN 1 ELSE -1 END WHERE list = CASE
        WHEN NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = NEW.user_id) THEN 'silent'
        WHEN EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = NEW.user_id AND y.unexpired = 0) THEN 'expired' END;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER accounts_student_care_delete AFTER DELETE ON accounts
WHEN OLD.status <> 'active' AND EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = OLD.user_id AND r.role = 'student') BEGIN
    UPDATE student_care_counts SET n = n + 1 WHERE list = CASE
        WHEN NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = OLD.user_id) THEN 'silent'
        WHEN EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = OLD.user_id AND y.unexpired = 0) THEN 'expired' END;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER student_request_states_care_insert AFTER INSERT ON student_request_states
WHEN EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.student_id AND r.role = 'student')
    AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = NEW.student_id AND a.status <> 'active') BEGIN
    UPDATE student_care_counts SET n = n - 1 WHERE list = 'silent';
    UPDATE student_care_counts SET n = n + 1 WHERE list = 'expired' AND NEW.unexpired = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER student_request_states_care_delete AFTER DELETE ON student_request_states
WHEN EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = OLD.student_id AND r.role = 'student')
    AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = OLD.student_id AND a.status <> 'active') BEGIN
    UPDATE student_care_counts SET n = n + 1 WHERE list = 'silent';
    UPDATE student_care_counts SET n = n - 1 WHERE list = 'expired' AND OLD.unexpired = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER student_request_states_care_update AFTER UPDATE OF unexpired ON student_request_states
WHEN (OLD.unexpired = 0) <> (NEW.unexpired = 0) AND EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.student_id AND r.role = 'student')
    AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = NEW.student_id AND a.status <> 'active') BEGIN
    UPDATE student_care_counts SET n = n + CASE WHEN NEW.unexpired = 0 THEN 1 ELSE -1 END WHERE list = 'expired';
END;
-- +goose StatementEnd

INSERT INTO student_care_counts (list, n)
SELECT 'silent', COUNT(*) FROM account_roles r WHERE r.role = 'student'
    AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = r.user_id AND a.status <> 'active')
    AND NOT EXISTS (SELECT 1 FROM student_request_states y WHERE y.student_id = r.user_id)
UNION ALL
SELECT 'expired', COUNT(*) FROM student_request_states y WHERE y.unexpired = 0
    AND EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = y.student_id AND r.role = 'student')
    AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = y.student_id AND a.status <> 'active');

-- +goose Down
DROP TRIGGER account_roles_student_care_insert;
DROP TRIGGER account_roles_student_care_delete;
DROP TRIGGER account_roles_student_care_update;
DROP TRIGGER accounts_student_care_status;
DROP TRIGGER accounts_student_care_delete;
DROP TRIGGER student_request_states_care_insert;
DROP TRIGGER student_request_states_care_delete;
DROP TRIGGER student_request_states_care_update;
DROP TABLE student_care_counts;
