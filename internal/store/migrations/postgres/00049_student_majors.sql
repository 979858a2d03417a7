-- +goose Up
-- Each student's majors, one row each, kept ahead of the figures by
-- major: the profile keeps them one a line, as typed, and splitting every
-- profile at each read (the grouping and its roster both) cost more than
-- the rest of the figures together on the demo. The triggers keep it in
-- the statement that writes the profiles, so no write path can forget to.
-- major is the line trimmed of
-- spaces (a blank line is none), once per spelling, as store.studentMajors
-- splits them.
CREATE TABLE student_majors (
    account_id BIGINT NOT NULL,
    major TEXT NOT NULL,
    PRIMARY KEY (account_id, major)
);

-- +goose StatementBegin
-- Statement triggers over the transition tables: a roster import writes
-- thousands of profiles in one statement, split in one pass. An update
-- touches only the profiles whose majors changed, and of those only the
-- majors lost and gained (a re-import that changes nothing costs two
-- hashes of the profiles). A deleted profile takes its majors with it
-- here rather than by a foreign key, whose check of every major written
-- doubled the cost of a bulk write.
CREATE FUNCTION ally_student_majors() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO student_majors (account_id, major)
        SELECT DISTINCT n.account_id, TRIM(m) FROM ally_majors_new n, unnest(string_to_array(n.majors, chr(10))) AS m
        WHERE TRIM(m) <> '';
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM student_majors WHERE account_id IN (SELECT account_id FROM ally_majors_old);
    ELSE
        DELETE FROM student_majors WHERE (account_id, major) IN (
            WITH o AS (SELECT account_id, majors FROM ally_majors_old EXCEPT SELECT account_id, majors FROM ally_majors_new),
                n AS (SELECT account_id, majors FROM ally_majors_new EXCEPT SELECT account_id, majors FROM ally_majors_old)
            SELECT o.account_id, TRIM(m) FROM o, unnest(string_to_array(o.majors, chr(10))) AS m
            EXCEPT SELECT n.account_id, TRIM(m) FROM n, unnest(string_to_array(n.majors, chr(10))) AS m);
        INSERT INTO student_majors (account_id, major)
        WITH o AS (SELECT account_id, majors FROM ally_majors_old EXCEPT SELECT account_id, majors FROM ally_majors_new),
            n AS (SELECT account_id, majors FROM ally_majors_new EXCEPT SELECT account_id, majors FROM ally_majors_old)
        SELECT n.account_id, TRIM(m) FROM n, unnest(string_to_array(n.majors, chr(10))) AS m WHERE TRIM(m) <> ''
        EXCEPT SELECT o.account_id, TRIM(m) FROM o, unnest(string_to_array(o.majors, chr(10))) AS m;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER student_majors_insert AFTER INSERT ON student_profiles
    REFERENCING NEW TABLE AS ally_majors_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_majors();
CREATE TRIGGER student_majors_update AFTER UPDATE ON student_profiles
    REFERENCING OLD TABLE AS ally_majors_old NEW TABLE AS ally_majors_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_majors();
CREATE TRIGGER student_majors_delete AFTER DELETE ON student_profiles
    REFERENCING OLD TABLE AS ally_majors_old FOR EACH STATEMENT EXECUTE FUNCTION ally_student_majors();

INSERT INTO student_majors (account_id, major)
SELECT DISTINCT p.account_id, TRIM(m) FROM student_profiles p, unnest(string_to_array(p.majors, chr(10))) AS m WHERE TRIM(m) <> '';

-- +goose Down
DROP TRIGGER student_majors_delete ON student_profiles;
DROP TRIGGER student_majors_update ON student_profiles;
DROP TRIGGER student_majors_insert ON student_profiles;
DROP FUNCTION ally_student_majors();
DROP TABLE student_majors;
