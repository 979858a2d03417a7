-- +goose Up
-- The figures that add up (store.CenterFigures) are kept ahead, a row a
-- day (UTC) and field of the requests sent: a term's or two years' counts
-- are then read from a few thousand rows instead of every request. A
-- trigger keeps them in the statement that writes the requests, so no
-- write path can forget to, and concurrent writers add to a row under
-- its lock (ON CONFLICT). field is the first spelling of the field in
-- sort order; the other columns are the counts of figureSums.
CREATE TABLE figure_days (
    day TEXT NOT NULL,
    field_key TEXT NOT NULL,
    field TEXT NOT NULL,
    sent BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0,
    accepted BIGINT NOT NULL DEFAULT 0,
    declined BIGINT NOT NULL DEFAULT 0,
    expired BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    held BIGINT NOT NULL DEFAULT 0,
    no_shows BIGINT NOT NULL DEFAULT 0,
    late_cancels BIGINT NOT NULL DEFAULT 0,
    thanked_in_time BIGINT NOT NULL DEFAULT 0,
    reported_back BIGINT NOT NULL DEFAULT 0,
    student_ratings BIGINT NOT NULL DEFAULT 0,
    student_rating_sum BIGINT NOT NULL DEFAULT 0,
    volunteer_ratings BIGINT NOT NULL DEFAULT 0,
    volunteer_rating_sum BIGINT NOT NULL DEFAULT 0,
    flagged BIGINT NOT NULL DEFAULT 0,
    declined_not_my_field BIGINT NOT NULL DEFAULT 0,
    declined_no_time BIGINT NOT NULL DEFAULT 0,
    declined_suggest_someone BIGINT NOT NULL DEFAULT 0,
    declined_own BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, field_key)
);

-- +goose StatementBegin
-- ally_figure_sql is the statement that adds the requests src selects,
-- each with its sign s (1, or -1 to take it away), to the counts of their
-- day and field.
CREATE FUNCTION ally_figure_sql(src TEXT) RETURNS TEXT AS $$
BEGIN
    RETURN format($f$INSERT INTO figure_days AS d (day, field_key, field, sent, answered, accepted, declined, expired, withdrawn, held, no_shows,
        late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum,
        flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), field_key, MIN(field), SUM(s),
        SUM(s * (CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'declined' THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'expired' THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'cancelled' AND late_cancel THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN held_at IS NOT NULL AND thanked_in_time THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(s * COALESCE(student_rating, 0)),
        SUM(s * (CASE WHEN volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(s * COALESCE(volunteer_rating, 0)),
        SUM(s * (CASE WHEN flagged THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'declined' AND decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'declined' AND decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'declined' AND decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(s * (CASE WHEN state = 'declined' AND decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (%s) c
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (day, field_key) DO UPDATE SET
        field = CASE WHEN excluded.field < d.field THEN excluded.field ELSE d.field END,
        sent = d.sent + excluded.sent, answered = d.answered + excluded.answered, accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined, expired = d.expired + excluded.expired, withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held, no_shows = d.no_shows + excluded.no_shows, late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time, reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings, student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum, flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own$f$, src);
END;
$$ LANGUAGE plpgsql IMMUTABLE;
-- +goose StatementEnd

-- +goose StatementBegin
-- An update counts only the requests whose figures' columns changed.
CREATE FUNCTION ally_figure_days() RETURNS trigger AS $$
BEGIN
    EXECUTE ally_figure_sql(CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS s, n.* FROM ally_figure_new n'
        WHEN 'DELETE' THEN 'SELECT -1 AS s, o.* FROM ally_figure_old o'
        ELSE 'WITH changed AS (SELECT o.id FROM ally_figure_old o JOIN ally_figure_new n ON n.id = o.id
                WHERE ROW(o.created_at, o.field_key, o.field, o.state, o.answered_at, o.accepted_at, o.held_at, o.late_cancel, o.thanked_in_time, o.reported_back_at, o.student_rating, o.volunteer_rating, o.flagged, o.decline_reason)
                IS DISTINCT FROM ROW(n.created_at, n.field_key, n.field, n.state, n.answered_at, n.accepted_at, n.held_at, n.late_cancel, n.thanked_in_time, n.reported_back_at, n.student_rating, n.volunteer_rating, n.flagged, n.decline_reason))
            SELECT -1 AS s, o.* FROM ally_figure_old o JOIN changed USING (id)
            UNION ALL SELECT 1 AS s, n.* FROM ally_figure_new n JOIN changed USING (id)' END);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER requests_figure_days_insert AFTER INSERT ON requests
    REFERENCING NEW TABLE AS ally_figure_new FOR EACH STATEMENT EXECUTE FUNCTION ally_figure_days();
CREATE TRIGGER requests_figure_days_update AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS ally_figure_old NEW TABLE AS ally_figure_new FOR EACH STATEMENT EXECUTE FUNCTION ally_figure_days();
CREATE TRIGGER requests_figure_days_delete AFTER DELETE ON requests
    REFERENCING OLD TABLE AS ally_figure_old FOR EACH STATEMENT EXECUTE FUNCTION ally_figure_days();

-- The requests already written, counted as the trigger would have.
-- +goose StatementBegin
DO $$ BEGIN EXECUTE ally_figure_sql('SELECT 1 AS s, r.* FROM requests r'); END $$;
-- +goose StatementEnd

-- What does not add up (the distinct volunteers and students a period
-- reached, its answer times) is read from the period's requests through
-- an index that holds just those columns, not the wide requests_figures.
CREATE INDEX requests_reach ON requests (created_at) INCLUDE (field_key, volunteer_id, student_id, answered_at, held_at, answer_minutes);

-- +goose Down
DROP INDEX requests_reach;
DROP TRIGGER requests_figure_days_delete ON requests;
DROP TRIGGER requests_figure_days_update ON requests;
DROP TRIGGER requests_figure_days_insert ON requests;
DROP FUNCTION ally_figure_days();
DROP FUNCTION ally_figure_sql(TEXT);
DROP TABLE figure_days;
