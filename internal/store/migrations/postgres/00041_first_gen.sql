-- +goose Up
-- Whether a student is the first of their family at university, when the
-- center's roster says (NULL: not known): the figures count the students
-- reached by it (issue 11).
ALTER TABLE student_profiles ADD COLUMN first_gen BOOLEAN;

-- +goose Down
ALTER TABLE student_profiles DROP COLUMN first_gen;
