-- +goose Up
-- Facts about this Ally installation rather than about a user, one row
-- each: base_url is the address `ally serve` was last started with, so
-- that the CLI prints links (the calendar feed, calendar entries) that
-- reach the running server.
CREATE TABLE instance_facts (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE instance_facts;
