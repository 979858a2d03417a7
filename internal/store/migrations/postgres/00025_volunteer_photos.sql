-- +goose Up
-- A volunteer's optional directory photo (issue 10): the small JPEG
-- internal/photo made of their upload, at most 200 KB, kept apart from the
-- profile so that directory searches never read it.
CREATE TABLE volunteer_photos (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(user_id) ON DELETE CASCADE,
    jpeg       BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE volunteer_photos;
