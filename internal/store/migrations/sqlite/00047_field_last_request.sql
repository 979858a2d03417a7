-- +goose Up
-- Each field's latest request (over every conversation in it, whatever
-- became of it), kept by the writes that may move it, as held and booked
-- are: a requested conversation's contact_another reads it, and reading
-- it from the conversations took every conversation of the field, at
-- 50,000 people nearly all the cost of a write.
ALTER TABLE fields ADD COLUMN last_request_at TEXT;
UPDATE fields SET last_request_at = (SELECT MAX(c.requested_at) FROM conversation_fields cf
    JOIN conversations c ON c.id = cf.conversation_id WHERE cf.field_id = fields.id);

-- +goose Down
ALTER TABLE fields DROP COLUMN last_request_at;
