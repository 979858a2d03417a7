-- +goose Up
-- The figures that add up (store.CenterFigures), kept ahead a row a day
-- (UTC) and group of students, for the groupings by what the students'
-- profiles say (figure_days holds those by field and month): dim is
-- grad_year, first_gen or major; group_key and label are the figures'
-- expressions of store.figureDims for the request's student (a student
-- of two majors counts in both, as the figures' join counts them; one of
-- none, or with no profile, in the group ''), a row per spelling of the
-- label, so that the label a period shows is the least of those its
-- requests still hold. The other columns are the counts of figureSums.
-- The triggers keep them in the statement that writes the requests, the
-- profiles or the majors (student_majors, itself kept by 00049), so no
-- write path can forget to: a student's class year, first-generation
-- flag or majors changing moves that student's requests between groups.
CREATE TABLE figure_group_days (
    day TEXT NOT NULL,
    dim TEXT NOT NULL,
    group_key TEXT NOT NULL,
    label TEXT NOT NULL,
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
    PRIMARY KEY (day, dim, group_key, label)
);

-- The students with an active role of student, counted by the same
-- groups (the figures' roster of each group, less the few accounts not in
-- a period's roster), kept by the same triggers and those on the roles.
CREATE TABLE student_group_counts (
    dim TEXT NOT NULL,
    group_key TEXT NOT NULL,
    label TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, group_key, label)
);

-- SQLite's single writer orders the writers.
-- +goose StatementBegin
CREATE TRIGGER requests_figure_group_days_insert AFTER INSERT ON requests BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(NEW.created_at, 1, 10), g.dim, g.group_key, g.label,
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
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'own' THEN 1 ELSE 0 END)
    FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT NEW.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT NEW.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT NEW.student_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE true
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
CREATE TRIGGER requests_figure_group_days_update AFTER UPDATE OF created_at, student_id, state, answered_at, accepted_at, held_at, late_cancel, thanked_in_time, reported_back_at, student_rating, volunteer_rating, flagged, decline_reason ON requests BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(OLD.created_at, 1, 10), g.dim, g.group_key, g.label,
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
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'own' THEN 1 ELSE 0 END)
    FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT OLD.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT OLD.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT OLD.student_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE true
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(NEW.created_at, 1, 10), g.dim, g.group_key, g.label,
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
        (CASE WHEN NEW.state = 'declined' AND NEW.decline_reason = 'own' THEN 1 ELSE 0 END)
    FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT NEW.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT NEW.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT NEW.student_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE true
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
CREATE TRIGGER requests_figure_group_days_delete AFTER DELETE ON requests BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(OLD.created_at, 1, 10), g.dim, g.group_key, g.label,
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
        -(CASE WHEN OLD.state = 'declined' AND OLD.decline_reason = 'own' THEN 1 ELSE 0 END)
    FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT OLD.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT OLD.student_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT OLD.student_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE true
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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

-- A profile's class year or first-generation flag written moves its
-- student's requests from the groups of the old values (none without a
-- profile) to those of the new.
-- +goose StatementBegin
CREATE TRIGGER student_group_days_insert AFTER INSERT ON student_profiles BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM(-(1)),
        SUM(-(CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.student_rating, 0))),
        SUM(-(CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.volunteer_rating, 0))),
        SUM(-(CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'grad_year' AS dim, '' AS group_key, '' AS label UNION ALL SELECT 'first_gen', '', '') g WHERE q.student_id = NEW.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM((1)),
        SUM((CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.student_rating, 0))),
        SUM((CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.volunteer_rating, 0))),
        SUM((CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'grad_year' AS dim, COALESCE(CAST(NEW.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN NEW.first_gen IS NULL THEN '' WHEN NEW.first_gen THEN 'yes' ELSE 'no' END, '') g WHERE q.student_id = NEW.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, -1 FROM (SELECT 'grad_year' AS dim, '' AS group_key, '' AS label UNION ALL SELECT 'first_gen', '', '') g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, 1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(NEW.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN NEW.first_gen IS NULL THEN '' WHEN NEW.first_gen THEN 'yes' ELSE 'no' END, '') g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER student_group_days_update AFTER UPDATE OF class_year, first_gen ON student_profiles
    WHEN OLD.class_year IS NOT NEW.class_year OR OLD.first_gen IS NOT NEW.first_gen BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM(-(1)),
        SUM(-(CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.student_rating, 0))),
        SUM(-(CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.volunteer_rating, 0))),
        SUM(-(CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'grad_year' AS dim, COALESCE(CAST(OLD.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN OLD.first_gen IS NULL THEN '' WHEN OLD.first_gen THEN 'yes' ELSE 'no' END, '') g WHERE q.student_id = OLD.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM((1)),
        SUM((CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.student_rating, 0))),
        SUM((CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.volunteer_rating, 0))),
        SUM((CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'grad_year' AS dim, COALESCE(CAST(NEW.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN NEW.first_gen IS NULL THEN '' WHEN NEW.first_gen THEN 'yes' ELSE 'no' END, '') g WHERE q.student_id = NEW.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, -1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(OLD.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN OLD.first_gen IS NULL THEN '' WHEN OLD.first_gen THEN 'yes' ELSE 'no' END, '') g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = OLD.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, 1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(NEW.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN NEW.first_gen IS NULL THEN '' WHEN NEW.first_gen THEN 'yes' ELSE 'no' END, '') g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER student_group_days_delete AFTER DELETE ON student_profiles BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM(-(1)),
        SUM(-(CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.student_rating, 0))),
        SUM(-(CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.volunteer_rating, 0))),
        SUM(-(CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'grad_year' AS dim, COALESCE(CAST(OLD.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN OLD.first_gen IS NULL THEN '' WHEN OLD.first_gen THEN 'yes' ELSE 'no' END, '') g WHERE q.student_id = OLD.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM((1)),
        SUM((CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.student_rating, 0))),
        SUM((CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.volunteer_rating, 0))),
        SUM((CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'grad_year' AS dim, '' AS group_key, '' AS label UNION ALL SELECT 'first_gen', '', '') g WHERE q.student_id = OLD.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, -1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(OLD.class_year AS TEXT), '') AS group_key, '' AS label UNION ALL SELECT 'first_gen', CASE WHEN OLD.first_gen IS NULL THEN '' WHEN OLD.first_gen THEN 'yes' ELSE 'no' END, '') g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = OLD.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, 1 FROM (SELECT 'grad_year' AS dim, '' AS group_key, '' AS label UNION ALL SELECT 'first_gen', '', '') g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = OLD.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- A major gained or lost moves its student's requests into or out of
-- that major's group, and out of or into the group of none when it is
-- the student's first or last.
-- +goose StatementBegin
CREATE TRIGGER student_majors_group_days_insert AFTER INSERT ON student_majors BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM((1)),
        SUM((CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.student_rating, 0))),
        SUM((CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.volunteer_rating, 0))),
        SUM((CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'major' AS dim, LOWER(NEW.major) AS group_key, NEW.major AS label) g WHERE q.student_id = NEW.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM(-(1)),
        SUM(-(CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.student_rating, 0))),
        SUM(-(CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.volunteer_rating, 0))),
        SUM(-(CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'major' AS dim, '' AS group_key, '' AS label WHERE (SELECT COUNT(*) FROM student_majors m WHERE m.account_id = NEW.account_id) = 1) g WHERE q.student_id = NEW.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, 1 FROM (SELECT 'major' AS dim, LOWER(NEW.major) AS group_key, NEW.major AS label) g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, -1 FROM (SELECT 'major' AS dim, '' AS group_key, '' AS label WHERE (SELECT COUNT(*) FROM student_majors m WHERE m.account_id = NEW.account_id) = 1) g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = NEW.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER student_majors_group_days_delete AFTER DELETE ON student_majors BEGIN
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM(-(1)),
        SUM(-(CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.student_rating, 0))),
        SUM(-(CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(-(COALESCE(q.volunteer_rating, 0))),
        SUM(-(CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(-(CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'major' AS dim, LOWER(OLD.major) AS group_key, OLD.major AS label) g WHERE q.student_id = OLD.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM((1)),
        SUM((CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.student_rating, 0))),
        SUM((CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM((COALESCE(q.volunteer_rating, 0))),
        SUM((CASE WHEN q.flagged THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM((CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM requests q, (SELECT 'major' AS dim, '' AS group_key, '' AS label WHERE NOT EXISTS (SELECT 1 FROM student_majors m WHERE m.account_id = OLD.account_id)) g WHERE q.student_id = OLD.account_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
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
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, -1 FROM (SELECT 'major' AS dim, LOWER(OLD.major) AS group_key, OLD.major AS label) g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = OLD.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, 1 FROM (SELECT 'major' AS dim, '' AS group_key, '' AS label WHERE NOT EXISTS (SELECT 1 FROM student_majors m WHERE m.account_id = OLD.account_id)) g
    WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.user_id = OLD.account_id AND r.role = 'student')
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- A role of student given or taken counts the student in or out of the
-- groups the student is in now.
-- +goose StatementBegin
CREATE TRIGGER account_roles_group_counts_insert AFTER INSERT ON account_roles BEGIN
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, 1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT NEW.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT NEW.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT NEW.user_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE NEW.role = 'student'
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER account_roles_group_counts_update AFTER UPDATE ON account_roles BEGIN
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, -1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT OLD.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT OLD.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT OLD.user_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE OLD.role = 'student'
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, 1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT NEW.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT NEW.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT NEW.user_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE NEW.role = 'student'
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER account_roles_group_counts_delete AFTER DELETE ON account_roles BEGIN
    INSERT INTO student_group_counts (dim, group_key, label, n)
    SELECT g.dim, g.group_key, g.label, -1 FROM (SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT OLD.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT OLD.user_id AS sid) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT OLD.user_id AS sid) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g WHERE OLD.role = 'student'
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- The students already on the roster, counted as the triggers would have.
INSERT INTO student_group_counts (dim, group_key, label, n)
SELECT 'grad_year', COALESCE(CAST(sp.class_year AS TEXT), ''), '', COUNT(*) FROM account_roles r LEFT JOIN student_profiles sp ON sp.account_id = r.user_id WHERE r.role = 'student' GROUP BY 1, 2, 3
UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '', COUNT(*) FROM account_roles r LEFT JOIN student_profiles sp ON sp.account_id = r.user_id WHERE r.role = 'student' GROUP BY 1, 2, 3
UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, ''), COUNT(*) FROM account_roles r LEFT JOIN student_majors sm ON sm.account_id = r.user_id WHERE r.role = 'student' GROUP BY 1, 2, 3;

-- The requests already written, counted as the triggers would have.
INSERT INTO figure_group_days (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
SELECT substr(q.created_at, 1, 10), g.dim, g.group_key, g.label,
        SUM(1),
        SUM(CASE WHEN q.answered_at IS NOT NULL THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.accepted_at IS NOT NULL THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'declined' THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'expired' THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'withdrawn' THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.held_at IS NOT NULL THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'no_show' THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'cancelled' AND q.late_cancel THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.held_at IS NOT NULL AND q.thanked_in_time THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.reported_back_at IS NOT NULL THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.student_rating IS NOT NULL THEN 1 ELSE 0 END),
        SUM(COALESCE(q.student_rating, 0)),
        SUM(CASE WHEN q.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END),
        SUM(COALESCE(q.volunteer_rating, 0)),
        SUM(CASE WHEN q.flagged THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'declined' AND q.decline_reason = 'not_my_field' THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'declined' AND q.decline_reason = 'no_time' THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'declined' AND q.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END),
        SUM(CASE WHEN q.state = 'declined' AND q.decline_reason = 'own' THEN 1 ELSE 0 END)
FROM requests q JOIN (
    SELECT 'grad_year' AS dim, sid, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT DISTINCT student_id AS sid FROM requests) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
    UNION ALL SELECT 'first_gen', sid, CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT DISTINCT student_id AS sid FROM requests) o LEFT JOIN student_profiles sp ON sp.account_id = o.sid
    UNION ALL SELECT 'major', sid, COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT DISTINCT student_id AS sid FROM requests) o LEFT JOIN student_majors sm ON sm.account_id = o.sid) g ON g.sid = q.student_id
GROUP BY 1, 2, 3, 4;

-- +goose Down
DROP TRIGGER account_roles_group_counts_delete;
DROP TRIGGER account_roles_group_counts_update;
DROP TRIGGER account_roles_group_counts_insert;
DROP TRIGGER student_majors_group_days_delete;
DROP TRIGGER student_majors_group_days_insert;
DROP TRIGGER student_group_days_delete;
DROP TRIGGER student_group_days_update;
DROP TRIGGER student_group_days_insert;
DROP TRIGGER requests_figure_group_days_delete;
DROP TRIGGER requests_figure_group_days_update;
DROP TRIGGER requests_figure_group_days_insert;
DROP TABLE student_group_counts;
DROP TABLE figure_group_days;
