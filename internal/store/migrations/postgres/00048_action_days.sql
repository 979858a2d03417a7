-- +goose Up
-- How many open dated actions each owner has falling due on each UTC day,
-- kept by the writes that keep the next actions: the home page's counts
-- (overdue, today, this week, later) add up these days and count in the
-- index only the hours of the days their bounds cut, instead of every
-- action of the owner (thousands overdue at 50,000 people, read again
-- after every write).
CREATE TABLE action_days (
    owner_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day      TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (owner_id, day)
);
INSERT INTO action_days (owner_id, day, n)
    SELECT owner_id, to_char(due AT TIME ZONE 'UTC', 'YYYY-MM-DD'), COUNT(*) FROM next_actions WHERE done = FALSE AND standing = FALSE
    GROUP BY owner_id, to_char(due AT TIME ZONE 'UTC', 'YYYY-MM-DD');
-- The actions snoozed, which the counts leave out until the snooze ends.
CREATE INDEX next_actions_snoozed ON next_actions (owner_id, snoozed_until) WHERE done = FALSE AND snoozed_until IS NOT NULL;

-- +goose Down
DROP INDEX next_actions_snoozed;
DROP TABLE action_days;
