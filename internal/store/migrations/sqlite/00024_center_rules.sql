-- +goose Up
-- The numbers of center.Settings an advisor changed (JSON; those absent
-- keep the method's defaults): issue 10's "every number is a center
-- setting with this default". The time zone keeps its own column.
ALTER TABLE center ADD COLUMN rules TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE center DROP COLUMN rules;
