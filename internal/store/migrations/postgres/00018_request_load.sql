-- +goose Up
-- What the directory reads of a volunteer's requests this month (issue
-- 10): those received in the month, those using capacity in it, those
-- still open. Each gets an index of its own, so that a search counts them
-- for every volunteer without scanning all requests.
CREATE INDEX requests_created ON requests (created_at);
CREATE INDEX requests_counted_at ON requests (counted_at) WHERE counted_at IS NOT NULL;
CREATE INDEX requests_open ON requests (volunteer_id) WHERE state IN ('pending', 'more_info');

-- +goose Down
DROP INDEX requests_open;
DROP INDEX requests_counted_at;
DROP INDEX requests_created;
