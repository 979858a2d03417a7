-- +goose Up
-- A field the user has decided to pursue: only then may a feeler note
-- (a resume, "if you hear of possibilities") follow, much later.
ALTER TABLE fields ADD COLUMN pursuing BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE fields DROP COLUMN pursuing;
