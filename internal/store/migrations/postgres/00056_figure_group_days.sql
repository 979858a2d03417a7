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
    PRIMARY KEY (day, dim, group_key, label)
);

-- The students with an active role of student, counted by the same
-- groups (the figures' roster of each group, less the few accounts not in
-- a period's roster), kept by the same triggers and those on the roles.
CREATE TABLE student_group_counts (
    dim TEXT NOT NULL,
    group_key TEXT NOT NULL,
    label TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, group_key, label)
);

-- The triggers' statements are static (their plans kept for the session:
-- a roster import writes its profiles a hundred at a time, and planning
-- the statements again for each batch cost more than the batch) and not
-- compiled (jit = off: their estimates over the transition tables are
-- high enough to start a compilation, 0.85 s for 3,000 profiles), and
-- never scan a table whole (enable_seqscan = off: a roster import writes
-- its accounts, roles and profiles in one transaction, over statistics
-- that still call the tables empty, and a scan of the accounts for each
-- batch's locks made the import of 100,000 students quadratic). A move
-- reads the moved students' requests and roles through their indexes,
-- one student at a time (the lateral subqueries, which OFFSET 0 keeps
-- from being flattened into a hash of every request).

-- +goose StatementBegin
-- A request written counts in its student's groups as they are: the
-- students' accounts are share-locked first (in order), so that a change
-- to their groups (which locks them for update, below) either waits for
-- this transaction or is seen by the groups read next (a new snapshot).
-- An update counts only the requests whose figures' columns changed.
CREATE FUNCTION ally_figure_group_days() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM accounts WHERE user_id IN (SELECT student_id FROM ally_group_new) ORDER BY user_id FOR KEY SHARE;
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT r.*, g.dim, g.group_key, g.label FROM (SELECT 1 AS s, n.* FROM ally_group_new n) r CROSS JOIN LATERAL (
        SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT 1) o LEFT JOIN student_majors sm ON sm.account_id = r.student_id) g) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM 1 FROM accounts WHERE user_id IN (SELECT student_id FROM ally_group_old) ORDER BY user_id FOR KEY SHARE;
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT r.*, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, o.* FROM ally_group_old o) r CROSS JOIN LATERAL (
        SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT 1) o LEFT JOIN student_majors sm ON sm.account_id = r.student_id) g) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
    ELSE
        PERFORM 1 FROM accounts WHERE user_id IN (SELECT o.student_id FROM ally_group_old o JOIN ally_group_new n ON n.id = o.id WHERE ROW(o.created_at, o.student_id, o.state, o.answered_at, o.accepted_at, o.held_at, o.late_cancel, o.thanked_in_time, o.reported_back_at, o.student_rating, o.volunteer_rating, o.flagged, o.decline_reason) IS DISTINCT FROM ROW(n.created_at, n.student_id, n.state, n.answered_at, n.accepted_at, n.held_at, n.late_cancel, n.thanked_in_time, n.reported_back_at, n.student_rating, n.volunteer_rating, n.flagged, n.decline_reason)
            UNION SELECT n.student_id FROM ally_group_old o JOIN ally_group_new n ON n.id = o.id WHERE ROW(o.created_at, o.student_id, o.state, o.answered_at, o.accepted_at, o.held_at, o.late_cancel, o.thanked_in_time, o.reported_back_at, o.student_rating, o.volunteer_rating, o.flagged, o.decline_reason) IS DISTINCT FROM ROW(n.created_at, n.student_id, n.state, n.answered_at, n.accepted_at, n.held_at, n.late_cancel, n.thanked_in_time, n.reported_back_at, n.student_rating, n.volunteer_rating, n.flagged, n.decline_reason))
            ORDER BY user_id FOR KEY SHARE;
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT r.*, g.dim, g.group_key, g.label FROM (WITH changed AS (SELECT o.id FROM ally_group_old o JOIN ally_group_new n ON n.id = o.id WHERE ROW(o.created_at, o.student_id, o.state, o.answered_at, o.accepted_at, o.held_at, o.late_cancel, o.thanked_in_time, o.reported_back_at, o.student_rating, o.volunteer_rating, o.flagged, o.decline_reason) IS DISTINCT FROM ROW(n.created_at, n.student_id, n.state, n.answered_at, n.accepted_at, n.held_at, n.late_cancel, n.thanked_in_time, n.reported_back_at, n.student_rating, n.volunteer_rating, n.flagged, n.decline_reason))
            SELECT -1 AS s, o.* FROM ally_group_old o JOIN changed USING (id)
            UNION ALL SELECT 1 AS s, n.* FROM ally_group_new n JOIN changed USING (id)) r CROSS JOIN LATERAL (
        SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT 1) o LEFT JOIN student_majors sm ON sm.account_id = r.student_id) g) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET jit = off SET enable_seqscan = off;
-- +goose StatementEnd

CREATE TRIGGER requests_figure_group_days_insert AFTER INSERT ON requests
    REFERENCING NEW TABLE AS ally_group_new FOR EACH STATEMENT EXECUTE FUNCTION ally_figure_group_days();
CREATE TRIGGER requests_figure_group_days_update AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS ally_group_old NEW TABLE AS ally_group_new FOR EACH STATEMENT EXECUTE FUNCTION ally_figure_group_days();
CREATE TRIGGER requests_figure_group_days_delete AFTER DELETE ON requests
    REFERENCING OLD TABLE AS ally_group_old FOR EACH STATEMENT EXECUTE FUNCTION ally_figure_group_days();

-- +goose StatementBegin
-- ally_lock_group_moves is taken before the students' requests move
-- between groups: one mover at a time (an advisory lock to the end of
-- the transaction), so that two never add to the same rows in opposite
-- orders, and the students' accounts locked for update, in order, so
-- that a request being written for them (which share-locks the account)
-- either has committed and is read by the move (a new snapshot) or waits
-- and then reads the new groups.
CREATE FUNCTION ally_lock_group_moves(students BIGINT[]) RETURNS VOID AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('ally_figure_group_days'));
    PERFORM 1 FROM accounts WHERE user_id = ANY (students) ORDER BY user_id FOR UPDATE;
END;
$$ LANGUAGE plpgsql SET enable_seqscan = off;
-- +goose StatementEnd

-- +goose StatementBegin
-- A profile's class year or first-generation flag written moves its
-- student's requests (and, with the role, the student) from the groups of
-- the old values (none without a profile) to those of the new. Its
-- triggers are named to fire before those that keep student_majors
-- (00049), so that every student whose groups the statement changes is
-- locked before any moves.
CREATE FUNCTION ally_profile_group_days() RETURNS trigger AS $$
DECLARE
    moved BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(account_id) INTO moved FROM ally_pgroup_new;
        IF moved IS NULL THEN
            RETURN NULL;
        END IF;
        PERFORM ally_lock_group_moves(moved);
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT x.s, q.*, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, p.* FROM (SELECT account_id, NULL::INTEGER AS class_year, NULL::BOOLEAN AS first_gen FROM ally_pgroup_new) p UNION ALL SELECT 1 AS s, p.* FROM (SELECT account_id, class_year, first_gen FROM ally_pgroup_new) p) x CROSS JOIN LATERAL (SELECT * FROM requests q WHERE q.student_id = x.account_id OFFSET 0) q CROSS JOIN LATERAL (VALUES ('grad_year', COALESCE(CAST(x.class_year AS TEXT), ''), ''), ('first_gen', CASE WHEN x.first_gen IS NULL THEN '' WHEN x.first_gen THEN 'yes' ELSE 'no' END, '')) g(dim, group_key, label)) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT x.s, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, p.* FROM (SELECT account_id, NULL::INTEGER AS class_year, NULL::BOOLEAN AS first_gen FROM ally_pgroup_new) p UNION ALL SELECT 1 AS s, p.* FROM (SELECT account_id, class_year, first_gen FROM ally_pgroup_new) p) x CROSS JOIN LATERAL (SELECT 1 FROM account_roles r WHERE r.user_id = x.account_id AND r.role = 'student' OFFSET 0) r CROSS JOIN LATERAL (VALUES ('grad_year', COALESCE(CAST(x.class_year AS TEXT), ''), ''), ('first_gen', CASE WHEN x.first_gen IS NULL THEN '' WHEN x.first_gen THEN 'yes' ELSE 'no' END, '')) g(dim, group_key, label)) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(account_id) INTO moved FROM ally_pgroup_old;
        IF moved IS NULL THEN
            RETURN NULL;
        END IF;
        PERFORM ally_lock_group_moves(moved);
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT x.s, q.*, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, p.* FROM (SELECT account_id, class_year, first_gen FROM ally_pgroup_old) p UNION ALL SELECT 1 AS s, p.* FROM (SELECT account_id, NULL::INTEGER AS class_year, NULL::BOOLEAN AS first_gen FROM ally_pgroup_old) p) x CROSS JOIN LATERAL (SELECT * FROM requests q WHERE q.student_id = x.account_id OFFSET 0) q CROSS JOIN LATERAL (VALUES ('grad_year', COALESCE(CAST(x.class_year AS TEXT), ''), ''), ('first_gen', CASE WHEN x.first_gen IS NULL THEN '' WHEN x.first_gen THEN 'yes' ELSE 'no' END, '')) g(dim, group_key, label)) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT x.s, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, p.* FROM (SELECT account_id, class_year, first_gen FROM ally_pgroup_old) p UNION ALL SELECT 1 AS s, p.* FROM (SELECT account_id, NULL::INTEGER AS class_year, NULL::BOOLEAN AS first_gen FROM ally_pgroup_old) p) x CROSS JOIN LATERAL (SELECT 1 FROM account_roles r WHERE r.user_id = x.account_id AND r.role = 'student' OFFSET 0) r CROSS JOIN LATERAL (VALUES ('grad_year', COALESCE(CAST(x.class_year AS TEXT), ''), ''), ('first_gen', CASE WHEN x.first_gen IS NULL THEN '' WHEN x.first_gen THEN 'yes' ELSE 'no' END, '')) g(dim, group_key, label)) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    ELSE
        -- Every student whose groups change here, majors too (moved by
        -- the triggers on student_majors after this one), is locked now.
        SELECT array_agg(o.account_id) INTO moved FROM ally_pgroup_old o JOIN ally_pgroup_new n ON n.account_id = o.account_id
            WHERE (o.class_year, o.first_gen, o.majors) IS DISTINCT FROM (n.class_year, n.first_gen, n.majors);
        IF moved IS NULL THEN
            RETURN NULL;
        END IF;
        PERFORM ally_lock_group_moves(moved);
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT x.s, q.*, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, p.* FROM (SELECT o.account_id, o.class_year, o.first_gen FROM ally_pgroup_old o JOIN ally_pgroup_new n ON n.account_id = o.account_id WHERE (o.class_year, o.first_gen) IS DISTINCT FROM (n.class_year, n.first_gen)) p UNION ALL SELECT 1 AS s, p.* FROM (SELECT n.account_id, n.class_year, n.first_gen FROM ally_pgroup_old o JOIN ally_pgroup_new n ON n.account_id = o.account_id WHERE (o.class_year, o.first_gen) IS DISTINCT FROM (n.class_year, n.first_gen)) p) x CROSS JOIN LATERAL (SELECT * FROM requests q WHERE q.student_id = x.account_id OFFSET 0) q CROSS JOIN LATERAL (VALUES ('grad_year', COALESCE(CAST(x.class_year AS TEXT), ''), ''), ('first_gen', CASE WHEN x.first_gen IS NULL THEN '' WHEN x.first_gen THEN 'yes' ELSE 'no' END, '')) g(dim, group_key, label)) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT x.s, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, p.* FROM (SELECT o.account_id, o.class_year, o.first_gen FROM ally_pgroup_old o JOIN ally_pgroup_new n ON n.account_id = o.account_id WHERE (o.class_year, o.first_gen) IS DISTINCT FROM (n.class_year, n.first_gen)) p UNION ALL SELECT 1 AS s, p.* FROM (SELECT n.account_id, n.class_year, n.first_gen FROM ally_pgroup_old o JOIN ally_pgroup_new n ON n.account_id = o.account_id WHERE (o.class_year, o.first_gen) IS DISTINCT FROM (n.class_year, n.first_gen)) p) x CROSS JOIN LATERAL (SELECT 1 FROM account_roles r WHERE r.user_id = x.account_id AND r.role = 'student' OFFSET 0) r CROSS JOIN LATERAL (VALUES ('grad_year', COALESCE(CAST(x.class_year AS TEXT), ''), ''), ('first_gen', CASE WHEN x.first_gen IS NULL THEN '' WHEN x.first_gen THEN 'yes' ELSE 'no' END, '')) g(dim, group_key, label)) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET jit = off SET enable_seqscan = off;
-- +goose StatementEnd

CREATE TRIGGER student_group_days_insert AFTER INSERT ON student_profiles
    REFERENCING NEW TABLE AS ally_pgroup_new FOR EACH STATEMENT EXECUTE FUNCTION ally_profile_group_days();
CREATE TRIGGER student_group_days_update AFTER UPDATE ON student_profiles
    REFERENCING OLD TABLE AS ally_pgroup_old NEW TABLE AS ally_pgroup_new FOR EACH STATEMENT EXECUTE FUNCTION ally_profile_group_days();
CREATE TRIGGER student_group_days_delete AFTER DELETE ON student_profiles
    REFERENCING OLD TABLE AS ally_pgroup_old FOR EACH STATEMENT EXECUTE FUNCTION ally_profile_group_days();

-- +goose StatementBegin
-- A major gained or lost moves its student's requests (and, with the
-- role, the student) into or out of that major's group, and out of or
-- into the group of none when it is the student's first or last (locked
-- as for the profiles).
CREATE FUNCTION ally_major_group_days() RETURNS trigger AS $$
DECLARE
    moved BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT account_id) INTO moved FROM ally_mgroup_new;
        PERFORM ally_lock_group_moves(moved);
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT x.s, q.*, 'major' AS dim, x.group_key, x.label FROM (SELECT 1 AS s, account_id, LOWER(major) AS group_key, major AS label FROM ally_mgroup_new
                UNION ALL SELECT -1, n.account_id, '', '' FROM (SELECT account_id, COUNT(*) AS k FROM ally_mgroup_new GROUP BY account_id) n
                    WHERE n.k = (SELECT COUNT(*) FROM student_majors m WHERE m.account_id = n.account_id)) x CROSS JOIN LATERAL (SELECT * FROM requests q WHERE q.student_id = x.account_id OFFSET 0) q) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT x.s, 'major' AS dim, x.group_key, x.label FROM (SELECT 1 AS s, account_id, LOWER(major) AS group_key, major AS label FROM ally_mgroup_new
                UNION ALL SELECT -1, n.account_id, '', '' FROM (SELECT account_id, COUNT(*) AS k FROM ally_mgroup_new GROUP BY account_id) n
                    WHERE n.k = (SELECT COUNT(*) FROM student_majors m WHERE m.account_id = n.account_id)) x CROSS JOIN LATERAL (SELECT 1 FROM account_roles r WHERE r.user_id = x.account_id AND r.role = 'student' OFFSET 0) r) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    ELSE
        SELECT array_agg(DISTINCT account_id) INTO moved FROM ally_mgroup_old;
        PERFORM ally_lock_group_moves(moved);
        INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT x.s, q.*, 'major' AS dim, x.group_key, x.label FROM (SELECT -1 AS s, account_id, LOWER(major) AS group_key, major AS label FROM ally_mgroup_old
                UNION ALL SELECT 1, o.account_id, '', '' FROM (SELECT DISTINCT account_id FROM ally_mgroup_old) o
                    WHERE NOT EXISTS (SELECT 1 FROM student_majors m WHERE m.account_id = o.account_id)) x CROSS JOIN LATERAL (SELECT * FROM requests q WHERE q.student_id = x.account_id OFFSET 0) q) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT x.s, 'major' AS dim, x.group_key, x.label FROM (SELECT -1 AS s, account_id, LOWER(major) AS group_key, major AS label FROM ally_mgroup_old
                UNION ALL SELECT 1, o.account_id, '', '' FROM (SELECT DISTINCT account_id FROM ally_mgroup_old) o
                    WHERE NOT EXISTS (SELECT 1 FROM student_majors m WHERE m.account_id = o.account_id)) x CROSS JOIN LATERAL (SELECT 1 FROM account_roles r WHERE r.user_id = x.account_id AND r.role = 'student' OFFSET 0) r) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET jit = off SET enable_seqscan = off;
-- +goose StatementEnd

CREATE TRIGGER student_majors_group_days_insert AFTER INSERT ON student_majors
    REFERENCING NEW TABLE AS ally_mgroup_new FOR EACH STATEMENT EXECUTE FUNCTION ally_major_group_days();
CREATE TRIGGER student_majors_group_days_delete AFTER DELETE ON student_majors
    REFERENCING OLD TABLE AS ally_mgroup_old FOR EACH STATEMENT EXECUTE FUNCTION ally_major_group_days();

-- +goose StatementBegin
-- A role of student given or taken counts the student in or out of the
-- groups the student is in now (the account share-locked, as for a
-- request).
CREATE FUNCTION ally_role_group_counts() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM accounts WHERE user_id IN (SELECT user_id FROM ally_rgroup_new WHERE role = 'student') ORDER BY user_id FOR KEY SHARE;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT r.*, g.dim, g.group_key, g.label FROM (SELECT 1 AS s, user_id AS student_id FROM ally_rgroup_new WHERE role = 'student') r CROSS JOIN LATERAL (
        SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT 1) o LEFT JOIN student_majors sm ON sm.account_id = r.student_id) g) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM 1 FROM accounts WHERE user_id IN (SELECT user_id FROM ally_rgroup_old WHERE role = 'student') ORDER BY user_id FOR KEY SHARE;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT r.*, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, user_id AS student_id FROM ally_rgroup_old WHERE role = 'student') r CROSS JOIN LATERAL (
        SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT 1) o LEFT JOIN student_majors sm ON sm.account_id = r.student_id) g) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    ELSE
        PERFORM 1 FROM accounts WHERE user_id IN (SELECT user_id FROM ally_rgroup_old WHERE role = 'student' UNION SELECT user_id FROM ally_rgroup_new WHERE role = 'student')
            ORDER BY user_id FOR KEY SHARE;
        INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT r.*, g.dim, g.group_key, g.label FROM (SELECT -1 AS s, user_id AS student_id FROM ally_rgroup_old WHERE role = 'student' UNION ALL SELECT 1, user_id FROM ally_rgroup_new WHERE role = 'student') r CROSS JOIN LATERAL (
        SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT 1) o LEFT JOIN student_majors sm ON sm.account_id = r.student_id) g) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql SET jit = off SET enable_seqscan = off;
-- +goose StatementEnd

CREATE TRIGGER account_roles_group_counts_insert AFTER INSERT ON account_roles
    REFERENCING NEW TABLE AS ally_rgroup_new FOR EACH STATEMENT EXECUTE FUNCTION ally_role_group_counts();
CREATE TRIGGER account_roles_group_counts_update AFTER UPDATE ON account_roles
    REFERENCING OLD TABLE AS ally_rgroup_old NEW TABLE AS ally_rgroup_new FOR EACH STATEMENT EXECUTE FUNCTION ally_role_group_counts();
CREATE TRIGGER account_roles_group_counts_delete AFTER DELETE ON account_roles
    REFERENCING OLD TABLE AS ally_rgroup_old FOR EACH STATEMENT EXECUTE FUNCTION ally_role_group_counts();

-- The students already on the roster and the requests already written,
-- counted as the triggers would have.
INSERT INTO student_group_counts AS k (dim, group_key, label, n)
    SELECT c.dim, c.group_key, c.label, SUM(c.s) FROM (SELECT r.*, g.dim, g.group_key, g.label FROM (SELECT 1 AS s, user_id AS student_id FROM account_roles WHERE role = 'student') r CROSS JOIN LATERAL (
        SELECT 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM (SELECT 1) o LEFT JOIN student_profiles sp ON sp.account_id = r.student_id
        UNION ALL SELECT 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM (SELECT 1) o LEFT JOIN student_majors sm ON sm.account_id = r.student_id) g) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (dim, group_key, label) DO UPDATE SET n = k.n + excluded.n;
INSERT INTO figure_group_days AS d (day, dim, group_key, label, sent, answered, accepted, declined, expired, withdrawn, held, no_shows, late_cancels, thanked_in_time, reported_back, student_ratings, student_rating_sum, volunteer_ratings, volunteer_rating_sum, flagged, declined_not_my_field, declined_no_time, declined_suggest_someone, declined_own)
    SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.dim, c.group_key, c.label,
        SUM(c.s * (1)),
        SUM(c.s * (CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.accepted_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'expired' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'withdrawn' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'no_show' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'cancelled' AND c.late_cancel THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.held_at IS NOT NULL AND c.thanked_in_time THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.reported_back_at IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.student_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.student_rating, 0))),
        SUM(c.s * (CASE WHEN c.volunteer_rating IS NOT NULL THEN 1 ELSE 0 END)),
        SUM(c.s * (COALESCE(c.volunteer_rating, 0))),
        SUM(c.s * (CASE WHEN c.flagged THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'not_my_field' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'no_time' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'suggest_someone' THEN 1 ELSE 0 END)),
        SUM(c.s * (CASE WHEN c.state = 'declined' AND c.decline_reason = 'own' THEN 1 ELSE 0 END))
    FROM (SELECT 1 AS s, q.*, 'grad_year' AS dim, COALESCE(CAST(sp.class_year AS TEXT), '') AS group_key, '' AS label
        FROM requests q LEFT JOIN student_profiles sp ON sp.account_id = q.student_id
    UNION ALL SELECT 1 AS s, q.*, 'first_gen', CASE WHEN sp.first_gen IS NULL THEN '' WHEN sp.first_gen THEN 'yes' ELSE 'no' END, '' FROM requests q LEFT JOIN student_profiles sp ON sp.account_id = q.student_id
    UNION ALL SELECT 1 AS s, q.*, 'major', COALESCE(LOWER(sm.major), ''), COALESCE(sm.major, '') FROM requests q LEFT JOIN student_majors sm ON sm.account_id = q.student_id) c
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, dim, group_key, label) DO UPDATE SET
        sent = d.sent + excluded.sent,
        answered = d.answered + excluded.answered,
        accepted = d.accepted + excluded.accepted,
        declined = d.declined + excluded.declined,
        expired = d.expired + excluded.expired,
        withdrawn = d.withdrawn + excluded.withdrawn,
        held = d.held + excluded.held,
        no_shows = d.no_shows + excluded.no_shows,
        late_cancels = d.late_cancels + excluded.late_cancels,
        thanked_in_time = d.thanked_in_time + excluded.thanked_in_time,
        reported_back = d.reported_back + excluded.reported_back,
        student_ratings = d.student_ratings + excluded.student_ratings,
        student_rating_sum = d.student_rating_sum + excluded.student_rating_sum,
        volunteer_ratings = d.volunteer_ratings + excluded.volunteer_ratings,
        volunteer_rating_sum = d.volunteer_rating_sum + excluded.volunteer_rating_sum,
        flagged = d.flagged + excluded.flagged,
        declined_not_my_field = d.declined_not_my_field + excluded.declined_not_my_field,
        declined_no_time = d.declined_no_time + excluded.declined_no_time,
        declined_suggest_someone = d.declined_suggest_someone + excluded.declined_suggest_someone,
        declined_own = d.declined_own + excluded.declined_own;

-- +goose Down
DROP TRIGGER account_roles_group_counts_delete ON account_roles;
DROP TRIGGER account_roles_group_counts_update ON account_roles;
DROP TRIGGER account_roles_group_counts_insert ON account_roles;
DROP FUNCTION ally_role_group_counts();
DROP TRIGGER student_majors_group_days_delete ON student_majors;
DROP TRIGGER student_majors_group_days_insert ON student_majors;
DROP FUNCTION ally_major_group_days();
DROP TRIGGER student_group_days_delete ON student_profiles;
DROP TRIGGER student_group_days_update ON student_profiles;
DROP TRIGGER student_group_days_insert ON student_profiles;
DROP FUNCTION ally_profile_group_days();
DROP FUNCTION ally_lock_group_moves(BIGINT[]);
DROP TRIGGER requests_figure_group_days_delete ON requests;
DROP TRIGGER requests_figure_group_days_update ON requests;
DROP TRIGGER requests_figure_group_days_insert ON requests;
DROP FUNCTION ally_figure_group_days();
DROP TABLE student_group_counts;
DROP TABLE figure_group_days;
