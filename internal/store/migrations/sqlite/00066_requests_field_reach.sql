-- +goose Up
-- PostgreSQL's figures by field read each field's requests of the period
-- from an index by field and time (its 00066); SQLite counts the fields'
-- figures by one GROUP BY over the time index, as before, and needs none.
SELECT 1;

-- +goose Down
SELECT 1;
