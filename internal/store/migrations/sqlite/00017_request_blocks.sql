-- +goose Up
-- An advisor clearing a student's block (no-shows or late cancellations,
-- issue 10), with a note: strikes up to cleared_at no longer count. Every
-- clearing is kept, so the history reads later.
CREATE TABLE request_block_clearings (
    id         INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
    cleared_at TEXT NOT NULL,
    cleared_by INTEGER REFERENCES accounts(user_id) ON DELETE SET NULL,
    note       TEXT NOT NULL
);
CREATE INDEX request_block_clearings_by_student ON request_block_clearings (student_id, cleared_at);

-- +goose Down
DROP TABLE request_block_clearings;
