-- +goose Up
-- Each field's progress (conversations held, and booked: scheduled or
-- confirmed), kept by the same writes that keep the next actions, so that
-- the home page reads it from the fields alone instead of counting every
-- conversation.
ALTER TABLE fields ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE fields ADD COLUMN booked INTEGER NOT NULL DEFAULT 0;
UPDATE fields SET
    held = (SELECT COUNT(*) FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
        WHERE cf.field_id = fields.id AND c.state IN ('held', 'thanked', 'reported_back', 'keeping_in_touch')),
    booked = (SELECT COUNT(*) FROM conversation_fields cf JOIN conversations c ON c.id = cf.conversation_id
        WHERE cf.field_id = fields.id AND c.state IN ('scheduled', 'confirmed'));

-- +goose Down
ALTER TABLE fields DROP COLUMN booked;
ALTER TABLE fields DROP COLUMN held;
