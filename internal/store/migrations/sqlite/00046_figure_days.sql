-- +goose Up
-- The figures that add up (store.CenterFigures) are kept ahead, a row a
-- day (UTC) and field of the requests sent: a term's or two years' counts
-- are then read from a few thousand rows instead of every request. The
-- triggers keep them in the statement that writes the requests, so no
-- write path can forget to; SQLite's single writer orders the writers.
-- field is the first spelling of the field in sort order; the other
-- columns are the counts of figureSums.
CREATE TABLE figure_days (
    day TEXT NOT NULL,
    field_key TEXT NOT NULL,
    field TEXT NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    declined INTEGER NOT NULL DEFAULT 0,
    expired INTEGER NOT NULL DEFAULT 0,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    held INTEGER NOT NULL DEFAULT 0,
    no_shows INTEGER NOT NULL DEFAULT 0,
    late_cancels INTEGER NOT NULL DEFAULT 0,
    thanked_in_time INTEGER NOT NULL DEFAULT 0,
    reported_back INTEGER NOT NULL DEFAULT 0,
    student_ratings INTEGER NOT NULL DEFAULT 0,
    student_rating_sum INTEGER NOT NULL DEFAULT 0,
    volunteer_ratings INTEGER NOT NULL DEFAULT 0,
    volunteer_rating_sum INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    declined_not_my_field INTEGER NOT NULL DEFAULT 0,
    declined_no_time INTEGER NOT NULL DEFAULT 0,
    declined_suggest_someone INTEGER NOT NULL DEFAULT 0,
    declined_own INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, field_key)
);

-- +goose StatementBegin
CREATE TRIGGER requests_figure_days_insert AFTER INSERT ON requests BEGIN
    INSERT INTO figure_days (day, field_key, field, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    VALUES (substr(NEW.created_at, 1, 10), NEW.field_key, NEW.field,
        (1),
        (CASE WHEN NEW.answered_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.accepted_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'expired' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'withdrawn' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.held_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'no_show' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'cancelled' AND NEW.late_cancel THEN 1 ELSE 0 END),
        (CASE WHEN NEW.held_at IS NOT NULL AND NEW.thanked_in_time THEN 1 ELSE 0 END),
        (CASE WHEN NEW.reported_back_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.student_rating IS NOT NULL THEN 1 ELSE 0 END),
        (COALESCE(NEW.student_rating, 0)),
        (CASE WHEN NEW.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END),
        (COALESCE(NEW.volunteer_rating, 0)),
        (CASE WHEN NEW.flagged THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'not_my_field' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'no_time' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'own' THEN 1 ELSE 0 END))
    ON CONFLICT (day, field_key) DO UPDATE SET field = CASE WHEN excluded.field < field THEN excluded.field ELSE field END,
        sent = sent + excluded.sent,
        answered = answered + excluded.answered,
        accepted = accepted + excluded.accepted,
        declined = declined + excluded.declined,
        expired = expired + excluded.expired,
        withdrawn = withdrawn + excluded.withdrawn,
        held = held + excluded.held,
        no_shows = no_shows + excluded.no_shows,
        late_cancels = late_cancels + excluded.late_cancels,
        thanked_in_time = thanked_in_time + excluded.thanked_in_time,
        reported_back = reported_back + excluded.reported_back,
        student_ratings = student_ratings + excluded.student_ratings,
        student_rating_sum = student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = flagged + excluded.flagged,
        declined_not_my_field = declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = declined_own + excluded.declined_own;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER requests_figure_days_update AFTER UPDATE OF created_at, field_key, field, state, answered_at, accepted_at, held_at, late_cancel, thanked_in_time, reported_back_at, student_rating, volunteer_rating, flagged, decline_reason ON requests BEGIN
    INSERT INTO figure_days (day, field_key, field, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    VALUES (substr(OLD.created_at, 1, 10), OLD.field_key, OLD.field,
        -(1),
        -(CASE WHEN OLD.answered_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.accepted_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'expired' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'withdrawn' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.held_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'no_show' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'cancelled' AND OLD.late_cancel THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.held_at IS NOT NULL AND OLD.thanked_in_time THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.reported_back_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.student_rating IS NOT NULL THEN 1 ELSE 0 END),
        -(COALESCE(OLD.student_rating, 0)),
        -(CASE WHEN OLD.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END),
        -(COALESCE(OLD.volunteer_rating, 0)),
        -(CASE WHEN OLD.flagged THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'not_my_field' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'no_time' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'own' THEN 1 ELSE 0 END))
    ON CONFLICT (day, field_key) DO UPDATE SET field = CASE WHEN excluded.field < field THEN excluded.field ELSE field END,
        sent = sent + excluded.sent,
        answered = answered + excluded.answered,
        accepted = accepted + excluded.accepted,
        declined = declined + excluded.declined,
        expired = expired + excluded.expired,
        withdrawn = withdrawn + excluded.withdrawn,
        held = held + excluded.held,
        no_shows = no_shows + excluded.no_shows,
        late_cancels = late_cancels + excluded.late_cancels,
        thanked_in_time = thanked_in_time + excluded.thanked_in_time,
        reported_back = reported_back + excluded.reported_back,
        student_ratings = student_ratings + excluded.student_ratings,
        student_rating_sum = student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = flagged + excluded.flagged,
        declined_not_my_field = declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = declined_own + excluded.declined_own;
    INSERT INTO figure_days (day, field_key, field, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    VALUES (substr(NEW.created_at, 1, 10), NEW.field_key, NEW.field,
        (1),
        (CASE WHEN NEW.answered_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.accepted_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'expired' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'withdrawn' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.held_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'no_show' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'cancelled' AND NEW.late_cancel THEN 1 ELSE 0 END),
        (CASE WHEN NEW.held_at IS NOT NULL AND NEW.thanked_in_time THEN 1 ELSE 0 END),
        (CASE WHEN NEW.reported_back_at IS NOT NULL THEN 1 ELSE 0 END),
        (CASE WHEN NEW.student_rating IS NOT NULL THEN 1 ELSE 0 END),
        (COALESCE(NEW.student_rating, 0)),
        (CASE WHEN NEW.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END),
        (COALESCE(NEW.volunteer_rating, 0)),
        (CASE WHEN NEW.flagged THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'not_my_field' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'no_time' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END),
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'own' THEN 1 ELSE 0 END))
    ON CONFLICT (day, field_key) DO UPDATE SET field = CASE WHEN excluded.field < field THEN excluded.field ELSE field END,
        sent = sent + excluded.sent,
        answered = answered + excluded.answered,
        accepted = accepted + excluded.accepted,
        declined = declined + excluded.declined,
        expired = expired + excluded.expired,
        withdrawn = withdrawn + excluded.withdrawn,
        held = held + excluded.held,
        no_shows = no_shows + excluded.no_shows,
        late_cancels = late_cancels + excluded.late_cancels,
        thanked_in_time = thanked_in_time + excluded.thanked_in_time,
        reported_back = reported_back + excluded.reported_back,
        student_ratings = student_ratings + excluded.student_ratings,
        student_rating_sum = student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = flagged + excluded.flagged,
        declined_not_my_field = declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = declined_own + excluded.declined_own;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER requests_figure_days_delete AFTER DELETE ON requests BEGIN
    INSERT INTO figure_days (day, field_key, field, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    VALUES (substr(OLD.created_at, 1, 10), OLD.field_key, OLD.field,
        -(1),
        -(CASE WHEN OLD.answered_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.accepted_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'expired' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'withdrawn' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.held_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'no_show' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'cancelled' AND OLD.late_cancel THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.held_at IS NOT NULL AND OLD.thanked_in_time THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.reported_back_at IS NOT NULL THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.student_rating IS NOT NULL THEN 1 ELSE 0 END),
        -(COALESCE(OLD.student_rating, 0)),
        -(CASE WHEN OLD.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END),
        -(COALESCE(OLD.volunteer_rating, 0)),
        -(CASE WHEN OLD.flagged THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'not_my_field' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'no_time' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END),
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'own' THEN 1 ELSE 0 END))
    ON CONFLICT (day, field_key) DO UPDATE SET field = CASE WHEN excluded.field < field THEN excluded.field ELSE field END,
        sent = sent + excluded.sent,
        answered = answered + excluded.answered,
        accepted = accepted + excluded.accepted,
        declined = declined + excluded.declined,
        expired = expired + excluded.expired,
        withdrawn = withdrawn + excluded.withdrawn,
        held = held + excluded.held,
        no_shows = no_shows + excluded.no_shows,
        late_cancels = late_cancels + excluded.late_cancels,
        thanked_in_time = thanked_in_time + excluded.thanked_in_time,
        reported_back = reported_back + excluded.reported_back,
        student_ratings = student_ratings + excluded.student_ratings,
        student_rating_sum = student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = flagged + excluded.flagged,
        declined_not_my_field = declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = declined_own + excluded.declined_own;
END;
-- +goose StatementEnd

-- The requests already written, counted as the triggers would have.
INSERT INTO figure_days (day, field_key, field, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
SELECT substr(r.created_at, 1, 10), r.field_key, MIN(r.field),
    COUNT(*),
    SUM(CASE WHEN r.answered_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.accepted_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'declined' THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'expired' THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'withdrawn' THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.held_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'no_show' THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'cancelled' AND r.late_cancel THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.held_at IS NOT NULL AND r.thanked_in_time THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.reported_back_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.student_rating IS NOT NULL THEN 1 ELSE 0 END),
    SUM(COALESCE(r.student_rating, 0)),
    SUM(CASE WHEN r.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END),
    SUM(COALESCE(r.volunteer_rating, 0)),
    SUM(CASE WHEN r.flagged THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'declined' AND r.decline_reason = 'not_my_field' THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'declined' AND r.decline_reason = 'no_time' THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'declined' AND r.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END),
    SUM(CASE WHEN r.state = 'declined' AND r.decline_reason = 'own' THEN 1 ELSE 0 END)
FROM requests r GROUP BY substr(r.created_at, 1, 10), r.field_key;

-- What does not add up (the distinct volunteers and students a period
-- reached, its answer times) is read from the period's requests through
-- an index that holds just those columns, not the wide requests_figures.
CREATE INDEX requests_reach ON requests (created_at, field_key, volunteer_id, student_id, answered_at, held_at, answer_minutes);

-- +goose Down
DROP INDEX requests_reach;
DROP TRIGGER requests_figure_days_delete;
DROP TRIGGER requests_figure_days_update;
DROP TRIGGER requests_figure_days_insert;
DROP TABLE figure_days;
