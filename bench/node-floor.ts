/**
 * bench:writes --node-floor: what Node.js itself costs for a referral, without the service.
 *
 * A bare `node:http` server that answers `POST /` by running bench/referral-writes.sql's
 * transaction through pg, the same statements, each prepared, one client from a pool of 20 as
 * the service's: no framework, no validation, no authentication (the referrer's id comes as the
 * bearer token), no logging, no queue. bench/writes.ts loads it as it loads the service, so the
 * difference between the two is what the service's own layers cost per request. Not for use
 * outside the bench: it trusts its caller entirely.
 *
 * Environment: PORT, DATABASE_URL, and STAGE (JSON: the reminder stage, due date and fire-at
 * instant the service plans for a referral dated today, as pgbench is given them).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, type PoolClient, type QueryConfig } from 'pg';
import { oneYearEarlier } from '../src/modules/referrals/domain/re-referral';

interface Stage {
  stage: string;
  dueDate: string;
  fireAt: string;
}

interface Referral {
  childId: string;
  referredAt: string;
  reason: string;
}

const stage = JSON.parse(process.env.STAGE ?? '{}') as Stage;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

const statement = (name: string, text: string) => (values: unknown[]) =>
  ({ name: `node-floor-${name}`, text, values }) as QueryConfig;

// The statements of bench/referral-writes.sql, with parameters for pgbench's variables.
const lockChild = statement(
  'lock',
  `SELECT ch.locality_id AS "localityId",
          (SELECT a.type FROM users u JOIN agencies a ON a.id = u.agency_id
           WHERE u.id = $2) AS "referrerAgencyType"
   FROM children ch
   WHERE ch.id = $1
     AND ch.locality_id IN (SELECT locality_id FROM user_localities WHERE user_id = $2)
   FOR UPDATE OF ch`,
);
const previousReferrals = statement(
  'previous',
  `SELECT id, referred_at AS "referredAt" FROM referrals
   WHERE child_id = $1 AND referred_at BETWEEN $2 AND $3 AND id IS DISTINCT FROM NULL
   ORDER BY referred_at, created_at`,
);
const insertReferral = statement(
  'insert',
  `INSERT INTO referrals AS r (child_id, case_id, locality_id, referred_at, source, reason,
                              referrer_user_id, is_re_referral, previous_referral_id, created_at)
   VALUES ($1, NULL, $2, $3, 'school', $4, $5, $6, $7, clock_timestamp())
   RETURNING r.id, r.child_id AS "childId", r.case_id AS "caseId", r.locality_id AS "localityId",
          r.referred_at AS "referredAt", r.source, r.reason, r.referrer_user_id AS "referrerUserId",
          r.is_re_referral AS "isReReferral", r.previous_referral_id AS "previousReferralId",
          CASE WHEN r.outcome IS NULL THEN 'awaiting_decision' ELSE 'decided' END AS status,
          r.outcome, r.decided_at AS "decidedAt", r.decided_by AS "decidedBy",
          r.step_down_case_id AS "stepDownCaseId", r.version, r.created_at AS "createdAt"`,
);
const closureDays = statement(
  'closures',
  `SELECT DISTINCT date FROM calendar_closures WHERE locality_id IS NULL OR locality_id = $1`,
);
const managers = statement(
  'managers',
  `SELECT u.id FROM users u JOIN user_localities ul ON ul.user_id = u.id
   WHERE ul.locality_id = $1 AND u.role = 'locality_manager' AND u.active ORDER BY u.id`,
);
const insertStages = statement(
  'stages',
  `INSERT INTO reminders (subject_type, subject_id, child_id, stage, type, recipient_user_id,
                          due_date, fire_at)
   SELECT 'referral', $1, $2, s.stage, s.type, s.recipient, $3, s.fire_at
   FROM unnest($4::text[], $4::text[], $5::uuid[], $6::timestamptz[])
     AS s(stage, type, recipient, fire_at)
   WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.recipient_user_id = s.recipient
                     AND n.subject_id = $1 AND n.stage = s.stage)
   RETURNING id, subject_type AS "subjectType", subject_id AS "subjectId", child_id AS "childId",
             stage, type, recipient_user_id AS "recipientUserId", due_date AS "dueDate",
             fire_at AS "fireAt", state, version`,
);
const insertAudit = statement(
  'audit',
  `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, child_id, request_id,
                          ip, details)
   VALUES ($1, 'referral.created', 'referral', $2, $3, 'node-floor', '127.0.0.1', $4)`,
);

async function refer(
  client: PoolClient,
  userId: string,
  referral: Referral,
): Promise<[number, unknown]> {
  const { childId, referredAt } = referral;
  const [child] = (await client.query(lockChild([childId, userId]))).rows as {
    localityId: string;
  }[];
  if (!child) return [403, { message: 'Forbidden' }];
  const previous = (
    await client.query(previousReferrals([childId, oneYearEarlier(referredAt), referredAt]))
  ).rows.at(-1) as { id: string } | undefined;
  const [created] = (
    await client.query(
      insertReferral([
        childId,
        child.localityId,
        referredAt,
        referral.reason,
        userId,
        previous !== undefined,
        previous?.id ?? null,
      ]),
    )
  ).rows as { id: string }[];
  await client.query(closureDays([child.localityId]));
  const recipients = (await client.query(managers([child.localityId]))).rows.map(
    (m: { id: string }) => m.id,
  );
  await client.query(
    insertStages([
      created.id,
      childId,
      stage.dueDate,
      recipients.map(() => stage.stage),
      recipients,
      recipients.map(() => stage.fireAt),
    ]),
  );
  await client.query(
    insertAudit([
      userId,
      created.id,
      childId,
      { source: 'school', isReReferral: previous !== undefined, previousReferralId: previous?.id },
    ]),
  );
  return [201, created];
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let body = '';
  request.setEncoding('utf8');
  for await (const chunk of request) body += chunk as string;
  const userId = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  const client = await pool.connect();
  let status = 500;
  let out: unknown = { message: 'Internal server error' };
  try {
    await client.query('BEGIN');
    [status, out] = await refer(client, userId, JSON.parse(body) as Referral);
    await client.query(status === 201 ? 'COMMIT' : 'ROLLBACK');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    process.stderr.write(`node-floor: ${error instanceof Error ? error.message : 'error'}\n`);
  } finally {
    client.release();
  }
  const text = JSON.stringify(out);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

const server = createServer((request, response) => void answer(request, response));
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
