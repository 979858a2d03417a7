-- +goose Up
-- The directory's version (issue 10): it counts the changes to what a
-- directory search matches and ranks on — volunteer profiles and their
-- terms, roles, an account's status — so that any instance may keep a
-- search's matches for as long as the version it read them at is still
-- the database's. Requests are not counted: each search reads their load
-- afresh. Triggers keep it, so no write path can forget to.
ALTER TABLE center ADD COLUMN directory_version BIGINT NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE FUNCTION ally_directory_changed() RETURNS trigger AS $$
BEGIN
    UPDATE center SET directory_version = directory_version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER volunteer_profiles_directory AFTER INSERT OR UPDATE OR DELETE ON volunteer_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION ally_directory_changed();
CREATE TRIGGER volunteer_terms_directory AFTER INSERT OR UPDATE OR DELETE ON volunteer_terms
    FOR EACH STATEMENT EXECUTE FUNCTION ally_directory_changed();
CREATE TRIGGER account_roles_directory AFTER INSERT OR UPDATE OR DELETE ON account_roles
    FOR EACH STATEMENT EXECUTE FUNCTION ally_directory_changed();
-- Only a change of status: the request rules lock an account by writing
-- its status unchanged, and that must not count.
CREATE TRIGGER accounts_status_directory AFTER UPDATE OF status ON accounts
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION ally_directory_changed();

-- +goose Down
DROP TRIGGER accounts_status_directory ON accounts;
DROP TRIGGER account_roles_directory ON account_roles;
DROP TRIGGER volunteer_terms_directory ON volunteer_terms;
DROP TRIGGER volunteer_profiles_directory ON volunteer_profiles;
DROP FUNCTION ally_directory_changed();
ALTER TABLE center DROP COLUMN directory_version;
