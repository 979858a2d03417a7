-- +goose Up
-- Most people have no referrer (every imported one), and an index entry
-- for each of them was written by every insert for no read: the index of
-- referrers now holds only the people who have one. It still serves the
-- foreign key's lookups (referred_by_id = ?, which implies IS NOT NULL).
-- The owner's referred people, which the agenda derives reach-outs from,
-- are read from an index of their own instead of every person of the
-- owner.
DROP INDEX people_referred_by;
CREATE INDEX people_referred_by ON people (referred_by_id) WHERE referred_by_id IS NOT NULL;
CREATE INDEX people_owner_referred ON people (owner_id, referred_by_id) WHERE referred_by_id IS NOT NULL;

-- +goose Down
DROP INDEX people_owner_referred;
DROP INDEX people_referred_by;
CREATE INDEX people_referred_by ON people (referred_by_id);
