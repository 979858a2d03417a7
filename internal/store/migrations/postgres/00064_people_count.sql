-- +goose Up
-- The people list's total without a filter is the owner's count of
-- people, kept by every write that adds or removes people in its own
-- transaction (store.Scope.addPeople): counting them at each drawing of
-- /people was most of the first view after a write.
ALTER TABLE users ADD COLUMN people_count BIGINT NOT NULL DEFAULT 0;
UPDATE users SET people_count = (SELECT COUNT(*) FROM people p WHERE p.owner_id = users.id);

-- +goose Down
ALTER TABLE users DROP COLUMN people_count;
