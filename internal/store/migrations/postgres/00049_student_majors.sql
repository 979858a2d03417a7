-- +goose Up
-- Each student's majors, one row each, kept ahead of the figures by
-- major: the profile keeps them one a line, as typed, and splitting every
-- profile at each read (the grouping and its roster both) cost more than
-- the rest of the figures together on the demo. The triggers keep it in
-- the statement that writes the profiles, so no write path can forget to;
-- a deleted profile takes its rows with it. major is the line trimmed of
-- spaces (a blank line is none), once per spelling, as store.studentMajors
-- splits them.
CREATE TABLE student_majors (
    account_id BIGINT NOT NULL REFERENCES student_profiles(account_id) ON DELETE CASCADE,
    major TEXT NOT NULL,
    PRIMARY KEY (account_id, major)
);

-- +goose StatementBegin
-- Statement triggers over the transition tables: a roster import writes
-- thousands of profiles in one statement, split in one pass; an update
-- splits again only the profiles whose majors changed.
CREATE FUNCTION ally_student_majors() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM student_majors WHERE account_id IN (SELECT o.account_id FROM ally_majors_old o
            WHERE NOT EXISTS (SELECT 1 FROM ally_majors_new n WHERE n.account_id = o.account_id AND n.majors = o.majors));
        INSERT INTO student_majors (account_id, major)
        SELECT DISTINCT n.account_id, TRIM(m) FROM ally_majors_new n, unnest(string_to_array(n.majors, chr(10))) AS m
        WHERE TRIM(m) <> '' AND NOT EXISTS (SELECT 1 FROM ally_majors_old o WHERE o.account_id = n.account_id AND o.majors = n.majors)
        ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO student_majors (account_id, major)
        SELECT DISTINCT n.account_id, TRIM(m) FROM ally_majors_new n, unnest(string_to_array(n.majors, chr(10))) AS m
        WHERE TRIM(m) <> ''
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER student_majors_insert AFTER INSERT ON student_profiles
    REFERENCING NEW TABLE AS ally_majors_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_majors();
CREATE TRIGGER student_majors_update AFTER UPDATE ON student_profiles
    REFERENCING OLD TABLE AS ally_majors_old NEW TABLE AS ally_majors_new FOR EACH STATEMENT EXECUTE FUNCTION ally_student_majors();

INSERT INTO student_majors (account_id, major)
SELECT DISTINCT p.account_id, TRIM(m) FROM student_profiles p, unnest(string_to_array(p.majors, chr(10))) AS m WHERE TRIM(m) <> '';

-- +goose Down
DROP TRIGGER student_majors_update ON student_profiles;
DROP TRIGGER student_majors_insert ON student_profiles;
DROP FUNCTION ally_student_majors();
DROP TABLE student_majors;
