-- +goose Up
-- The figures by graduation year and first-generation flag join each of
-- a period's requests to its student's profile: from this index alone
-- rather than from the wide profiles.
CREATE INDEX student_profiles_groups ON student_profiles (account_id, class_year, first_gen);

-- +goose Down
DROP INDEX student_profiles_groups;
