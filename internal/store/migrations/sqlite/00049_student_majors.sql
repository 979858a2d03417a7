-- +goose Up
-- Each student's majors, one row each, kept ahead of the figures by
-- major: the profile keeps them one a line, as typed, and splitting every
-- profile at each read (the grouping and its roster both) cost more than
-- the rest of the figures together. The triggers keep it in the statement
-- that writes the profiles, so no write path can forget to; a deleted
-- profile takes its rows with it. major is the line trimmed of spaces (a
-- blank line is none), once per spelling, as store.studentMajors splits
-- them. A trigger may not recurse (WITH), so the lines are split as the
-- items of a JSON array: the profile quoted as a JSON string (every
-- control character escaped, a newline as \n), each \n that is not an
-- escaped backslash's made the end of an item.
CREATE TABLE student_majors (
    account_id INTEGER NOT NULL REFERENCES student_profiles(account_id) ON DELETE CASCADE,
    major TEXT NOT NULL,
    PRIMARY KEY (account_id, major)
) WITHOUT ROWID;

-- +goose StatementBegin
CREATE TRIGGER student_majors_insert AFTER INSERT ON student_profiles BEGIN
    INSERT INTO student_majors (account_id, major)
    SELECT DISTINCT NEW.account_id, TRIM(j.value)
    FROM json_each('[' || replace(replace(replace(json_quote(NEW.majors), '\\', char(1)), '\n', '","'), char(1), '\\') || ']') j
    WHERE TRIM(j.value) <> '';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER student_majors_update AFTER UPDATE OF majors ON student_profiles WHEN OLD.majors IS NOT NEW.majors BEGIN
    DELETE FROM student_majors WHERE account_id = OLD.account_id;
    INSERT INTO student_majors (account_id, major)
    SELECT DISTINCT NEW.account_id, TRIM(j.value)
    FROM json_each('[' || replace(replace(replace(json_quote(NEW.majors), '\\', char(1)), '\n', '","'), char(1), '\\') || ']') j
    WHERE TRIM(j.value) <> '';
END;
-- +goose StatementEnd

INSERT INTO student_majors (account_id, major)
SELECT DISTINCT p.account_id, TRIM(j.value)
FROM student_profiles p, json_each('[' || replace(replace(replace(json_quote(p.majors), '\\', char(1)), '\n', '","'), char(1), '\\') || ']') j
WHERE TRIM(j.value) <> '';

-- +goose Down
DROP TRIGGER student_majors_update;
DROP TRIGGER student_majors_insert;
DROP TABLE student_majors;
