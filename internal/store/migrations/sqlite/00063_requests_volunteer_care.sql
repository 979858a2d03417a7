-- +goose Up
-- The advisors' volunteer list reads, for the volunteers of its page,
-- their requests' states, acceptances and answer times over the period
-- (store.careFigures): the volunteer's own index carries those columns
-- (SQLite has no INCLUDE: as trailing keys), so that read never visits the
-- table. The leading keys are unchanged: the request lists still page by it.
DROP INDEX requests_volunteer_list;
CREATE INDEX requests_volunteer_list ON requests (volunteer_id, created_at, id, state, accepted_at, answer_minutes);

-- +goose Down
DROP INDEX requests_volunteer_list;
CREATE INDEX requests_volunteer_list ON requests (volunteer_id, created_at, id);
