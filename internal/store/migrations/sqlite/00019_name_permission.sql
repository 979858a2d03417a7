-- +goose Up
-- The answer to "may I use your name?" for the referral that led to a
-- person: 'yes', 'no', or '' when it was not asked. Drafts cite the
-- referrer only on a yes.
ALTER TABLE people ADD COLUMN name_permission TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE people DROP COLUMN name_permission;
