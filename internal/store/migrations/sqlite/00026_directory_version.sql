-- +goose Up
-- The directory's version (issue 10): it counts the changes to what a
-- directory search matches and ranks on — volunteer profiles and their
-- terms, roles, an account's status — so that a search's matches may be
-- kept for as long as the version they were read at is still the
-- database's. Requests are not counted: each search reads their load
-- afresh. Triggers keep it, so no write path can forget to.
ALTER TABLE center ADD COLUMN directory_version INTEGER NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE TRIGGER volunteer_profiles_insert_directory AFTER INSERT ON volunteer_profiles BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER volunteer_profiles_update_directory AFTER UPDATE ON volunteer_profiles BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER volunteer_profiles_delete_directory AFTER DELETE ON volunteer_profiles BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER volunteer_terms_insert_directory AFTER INSERT ON volunteer_terms BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER volunteer_terms_update_directory AFTER UPDATE ON volunteer_terms BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER volunteer_terms_delete_directory AFTER DELETE ON volunteer_terms BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER account_roles_insert_directory AFTER INSERT ON account_roles BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER account_roles_update_directory AFTER UPDATE ON account_roles BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER account_roles_delete_directory AFTER DELETE ON account_roles BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- Only a change of status: the request rules lock an account by writing
-- its status unchanged, and that must not count.
-- +goose StatementBegin
CREATE TRIGGER accounts_status_directory AFTER UPDATE OF status ON accounts
WHEN OLD.status IS NOT NEW.status BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER accounts_status_directory;
DROP TRIGGER account_roles_delete_directory;
DROP TRIGGER account_roles_update_directory;
DROP TRIGGER account_roles_insert_directory;
DROP TRIGGER volunteer_terms_delete_directory;
DROP TRIGGER volunteer_terms_update_directory;
DROP TRIGGER volunteer_terms_insert_directory;
DROP TRIGGER volunteer_profiles_delete_directory;
DROP TRIGGER volunteer_profiles_update_directory;
DROP TRIGGER volunteer_profiles_insert_directory;
ALTER TABLE center DROP COLUMN directory_version;
