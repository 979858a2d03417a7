-- +goose Up
-- The figures by graduation year and first-generation flag join each of
-- a period's requests to its student's profile: the join's hash is built
-- from this index alone rather than from the wide profiles (on the demo,
-- a term's reach by graduation year in about two thirds of the time).
CREATE INDEX student_profiles_groups ON student_profiles (account_id) INCLUDE (class_year, first_gen);

-- +goose Down
DROP INDEX student_profiles_groups;
