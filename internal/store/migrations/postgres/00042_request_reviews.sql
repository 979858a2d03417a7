-- +goose Up
-- An advisor marking a request sent over the checker's error as reviewed
-- (issue 10's review list): it leaves the list of those to look at, and
-- who marked it and when are kept.
CREATE TABLE request_reviews (
    request_id  BIGINT PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
    reviewed_at TIMESTAMPTZ NOT NULL,
    reviewed_by BIGINT REFERENCES accounts(user_id) ON DELETE SET NULL
);

-- +goose Down
DROP TABLE request_reviews;
