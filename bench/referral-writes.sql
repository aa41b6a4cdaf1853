-- bench:writes, the anchor: the transaction of one POST /referrals by a locality manager, as
-- the statements the service sends in it (captured from the service), for pgbench -M prepared.
-- Variables from bench/writes.ts (-D): pool, referred_at, year_before, reason, stage,
-- due_date, fire_at (the reminder stage the service plans for a referral dated today).
-- Not here, as they are not in the transaction: the service's look-up of the bearer token's
-- user before it, and putting the reminder's job on the Redis queue after the commit.
\set n random(1, :pool)
BEGIN;
-- The referrer may refer the child (a locality manager: a child of their locality), whose row
-- is locked so that a child's referrals are recorded one at a time. The child and its referrer
-- come from the bench's pool row n; p_id is reset for the re-referral check.
-- With it, the type of the referrer's agency (for the referral's CIN source).
SELECT b.user_id, b.locality_id AS user_locality_id, b.child_id, '' AS p_id,
       ch.locality_id AS "localityId",
       (SELECT a.type FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = b.user_id) AS "referrerAgencyType"
FROM bench_writes_pool b JOIN children ch ON ch.id = b.child_id
WHERE b.n = :n AND ch.locality_id = b.locality_id FOR UPDATE OF ch \gset
-- The re-referral check: the child's referrals of the year before; the latest is kept.
SELECT id AS p_id, referred_at AS "referredAt" FROM referrals
WHERE child_id = :child_id AND referred_at BETWEEN :year_before AND :referred_at
  AND id IS DISTINCT FROM NULL
ORDER BY referred_at, created_at \aset
-- The referral, answered as the response shows it.
INSERT INTO referrals AS r (child_id, case_id, locality_id, referred_at, source, reason,
                            referrer_user_id, is_re_referral, previous_referral_id, created_at)
VALUES (:child_id, NULL, :localityId, :referred_at, 'school', :reason, :user_id,
        :p_id <> '', NULLIF(:p_id, '')::uuid, clock_timestamp())
RETURNING r.id, r.child_id AS "childId", r.case_id AS "caseId", r.locality_id AS "localityId",
       r.referred_at AS "referredAt", r.source, r.reason, r.referrer_user_id AS "referrerUserId",
       r.is_re_referral AS "isReReferral", r.previous_referral_id AS "previousReferralId",
       CASE WHEN r.outcome IS NULL THEN 'awaiting_decision' ELSE 'decided' END AS status,
       r.outcome, r.decided_at AS "decidedAt", r.decided_by AS "decidedBy",
       r.step_down_case_id AS "stepDownCaseId", r.version, r.created_at AS "createdAt" \gset r_
-- Its decision reminder: the locality's closure days and managers, then the stage.
SELECT DISTINCT date FROM calendar_closures WHERE locality_id IS NULL OR locality_id = :localityId;
SELECT u.id FROM users u JOIN user_localities ul ON ul.user_id = u.id
WHERE ul.locality_id = :localityId AND u.role = 'locality_manager' AND u.active ORDER BY u.id \gset m_
INSERT INTO reminders (subject_type, subject_id, child_id, stage, type, recipient_user_id, due_date, fire_at)
SELECT 'referral', :r_id, :child_id, s.stage, s.type, s.recipient, :due_date, s.fire_at
FROM unnest(ARRAY[:stage]::text[], ARRAY[:stage]::text[], ARRAY[:m_id]::uuid[],
            ARRAY[:fire_at]::timestamptz[]) AS s(stage, type, recipient, fire_at)
WHERE NOT EXISTS (SELECT 1 FROM notifications n
                  WHERE n.recipient_user_id = s.recipient AND n.subject_id = :r_id AND n.stage = s.stage)
RETURNING id, subject_type AS "subjectType", subject_id AS "subjectId", child_id AS "childId",
          stage, type, recipient_user_id AS "recipientUserId", due_date AS "dueDate",
          fire_at AS "fireAt", state, version;
-- The audit row.
INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, child_id, request_id, ip, details)
SELECT :user_id, e.action, e.entity_type, e.entity_id, e.child_id, 'pgbench', '127.0.0.1', e.details
FROM unnest(ARRAY['referral.created'], ARRAY['referral'], ARRAY[:r_id]::text[],
            ARRAY[:child_id]::uuid[],
            ARRAY[jsonb_build_object('source', 'school', 'isReReferral', :p_id <> '',
                                     'previousReferralId', NULLIF(:p_id, ''))])
  AS e(action, entity_type, entity_id, child_id, details);
COMMIT;
