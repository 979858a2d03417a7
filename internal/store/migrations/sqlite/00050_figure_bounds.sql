-- +goose Up
-- The figures' reads that do not depend on the period's requests alone
-- (store.CenterFigures) each read a bounded range of an index instead of
-- a table.
--
-- The accounts that leave a period's roster (not active, or joined at or
-- after its end) are few: by their join time and accounts_inactive, the
-- roster counts and the field capacity take them away from every role
-- without reading every account.
CREATE INDEX accounts_created ON accounts (created_at);
-- The stale requests of a period: the few waiting on a reminder or on a
-- meeting time, by time, rather than the whole period's requests checked
-- one by one. The predicate is the one the figures' statement names.
CREATE INDEX requests_stale ON requests (created_at, field_key, state, reminded_at, accepted_at, meeting_at)
    WHERE (state IN ('pending', 'more_info') AND reminded_at IS NOT NULL) OR (state = 'accepted' AND meeting_at IS NULL);
-- Each field's volunteers and their capacity, from the indexes alone.
CREATE INDEX volunteer_terms_kind ON volunteer_terms (kind, account_id, term, label);
CREATE INDEX volunteer_profiles_capacity ON volunteer_profiles (account_id, monthly_capacity);

-- +goose Down
DROP INDEX volunteer_profiles_capacity;
DROP INDEX volunteer_terms_kind;
DROP INDEX requests_stale;
DROP INDEX accounts_created;
