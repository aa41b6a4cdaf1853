import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from './support/test-app';
import { createUser } from './support/fixtures';

describe('errors, idempotency, audit, health and the API document', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const countAgencies = async (name: string): Promise<number> =>
    Number(
      (await t.sql.query('SELECT count(*) AS n FROM agencies WHERE name = $1', [name])).rows[0].n,
    );

  describe('error shape', () => {
    it('answers malformed JSON with 400 in the API error shape', async () => {
      const response = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Content-Type', 'application/json')
        .send('{"name": "x",')
        .expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Request body is not valid JSON',
      });
    });

    it('answers a body over the limit with 413', async () => {
      const response = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'x'.repeat(200_000), type: 'school' })
        .expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    });

    it('refuses an unknown field with 400 naming it', async () => {
      const response = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'Unknown field agency', type: 'school', colour: 'blue' })
        .expect(400);
      expect(response.body.message).toContain('colour');
      expect(await countAgencies('Unknown field agency')).toBe(0);
    });

    it('names the field and the rule for a wrong value', async () => {
      const response = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'Bad type agency', type: 'spaceship' })
        .expect(400);
      expect(response.body.message).toMatch(/^type must be one of the following values/);
    });

    it('answers an unknown route with 404 in the same shape', async () => {
      const response = await t
        .http()
        .get('/api/v1/no-such-thing')
        .auth(admin, { type: 'bearer' })
        .expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('answers a malformed id with 400 and an unknown one with 404', async () => {
      expect(
        (await t.http().get('/api/v1/users/42').auth(admin, { type: 'bearer' }).expect(400)).body
          .message,
      ).toBe('id must be a UUID');
      await t
        .http()
        .get('/api/v1/users/00000000-0000-4000-8000-000000000000')
        .auth(admin, { type: 'bearer' })
        .expect(404);
    });
  });

  describe('Idempotency-Key on POST', () => {
    it('returns the first response to a repeat with the same key and body, creating nothing new', async () => {
      const body = { name: 'Idempotent agency', type: 'health' };
      const first = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'key-1')
        .send(body)
        .expect(201);
      const second = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'key-1')
        .send(body)
        .expect(201);
      expect(second.body).toEqual(first.body);
      expect(await countAgencies('Idempotent agency')).toBe(1);
    });

    it('refuses the same key with another body (422) and creates nothing', async () => {
      await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'key-2')
        .send({ name: 'Key two', type: 'health' })
        .expect(201);
      const other = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'key-2')
        .send({ name: 'Key two b', type: 'health' })
        .expect(422);
      expect(other.body.message).toMatch(/Idempotency-Key/);
      expect(await countAgencies('Key two b')).toBe(0);
    });

    it('creates one record from 20 parallel requests with one key, all answered alike', async () => {
      const body = { name: 'Parallel agency', type: 'police' };
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          t
            .http()
            .post('/api/v1/agencies')
            .auth(admin, { type: 'bearer' })
            .set('Idempotency-Key', 'key-parallel')
            .send(body),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await countAgencies('Parallel agency')).toBe(1);
    });

    it('keeps keys per user: another user’s same key is theirs alone', async () => {
      const otherAdmin = await createUser(t, 'admin');
      const a = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'shared')
        .send({ name: 'Per user A', type: 'other' })
        .expect(201);
      const b = await t
        .http()
        .post('/api/v1/agencies')
        .auth(otherAdmin.token, { type: 'bearer' })
        .set('Idempotency-Key', 'shared')
        .send({ name: 'Per user B', type: 'other' })
        .expect(201);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('frees the key after a failed request so that a corrected retry can use it', async () => {
      await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'retry')
        .send({ name: 'Retry', type: 'nope' })
        .expect(400);
      await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'retry')
        .send({ name: 'Retry', type: 'school' })
        .expect(201);
    });

    it('refuses a malformed key', async () => {
      const response = await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('Idempotency-Key', 'x'.repeat(201))
        .send({ name: 'Long key', type: 'school' })
        .expect(400);
      expect(response.body.message).toContain('Idempotency-Key');
    });
  });

  describe('audit log', () => {
    it('cannot be changed or deleted over a direct SQL connection as the server’s superuser', async () => {
      await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'Audited agency', type: 'school' })
        .expect(201);
      await expect(t.sql.query(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.sql.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(t.sql.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      const rows = await t.sql.query(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'tampered'`,
      );
      expect(Number(rows.rows[0].n)).toBe(0);
    });

    const CHANGES = [
      `UPDATE audit_log SET action = 'tampered'`,
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ];
    const auditRows = async (): Promise<number> =>
      Number((await t.sql.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);

    it('refuses UPDATE, DELETE and TRUNCATE on the application’s own connection, even in replica mode', async () => {
      const db = t.app.get(DataSource);
      const before = await auditRows();
      expect(before).toBeGreaterThan(0);
      const [{ superuser }] = await db.query<{ superuser: boolean }[]>(
        'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
      );
      for (const change of CHANGES) {
        await expect(db.query(change)).rejects.toThrow(/append-only/);
        // Replica mode skips ordinary triggers: the way round them for a superuser (as the app
        // connects in the tests), refused to anyone else.
        const runner = db.createQueryRunner();
        await runner.connect();
        await runner.startTransaction();
        try {
          if (superuser) {
            await runner.query('SET LOCAL session_replication_role = replica');
            await expect(runner.query(change)).rejects.toThrow(/append-only/);
          } else {
            await expect(
              runner.query('SET LOCAL session_replication_role = replica'),
            ).rejects.toThrow(/permission denied/);
          }
        } finally {
          await runner.rollbackTransaction();
          await runner.release();
        }
      }
      expect(await auditRows()).toBe(before);
    });

    it('refuses them to a role with every privilege on every table, which cannot switch the trigger off either', async () => {
      const role = `continuum_app_${randomBytes(6).toString('hex')}`;
      await t.sql.query(`CREATE ROLE ${role} NOLOGIN`);
      const client = new Client({ connectionString: t.databaseUrl });
      await client.connect();
      try {
        await t.sql.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
        await client.query(`SET ROLE ${role}`);
        for (const change of CHANGES) {
          await expect(client.query(change)).rejects.toThrow(/append-only/);
        }
        await expect(client.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(
          /must be owner/,
        );
        await expect(
          client.query('DROP TRIGGER audit_log_no_truncate ON audit_log'),
        ).rejects.toThrow(/must be owner/);
        await expect(client.query('SET session_replication_role = replica')).rejects.toThrow(
          /permission denied/,
        );
      } finally {
        await client.end();
        await t.sql.query(`DROP OWNED BY ${role}`);
        await t.sql.query(`DROP ROLE ${role}`);
      }
    });

    it('serves a child’s trail to an admin, and refuses other roles', async () => {
      const childId = '11111111-1111-4111-8111-111111111111';
      await t.sql.query(
        `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, child_id, request_id)
         VALUES (NULL, 'child.read', 'child', $1::text, $1::uuid, 'r1'), (NULL, 'child.updated', 'child', $1::text, $1::uuid, 'r2')`,
        [childId],
      );
      const trail = await t
        .http()
        .get(`/api/v1/audit?childId=${childId}&limit=1`)
        .auth(admin, { type: 'bearer' })
        .expect(200);
      expect(trail.body.items).toEqual([
        expect.objectContaining({ action: 'child.updated', childId, requestId: 'r2' }),
      ]);
      const next = await t
        .http()
        .get(`/api/v1/audit?childId=${childId}&limit=1&cursor=${trail.body.nextCursor}`)
        .auth(admin, { type: 'bearer' })
        .expect(200);
      expect(next.body.items).toEqual([expect.objectContaining({ action: 'child.read' })]);
      expect(next.body.nextCursor).toBeNull();

      const practitioner = await createUser(t, 'practitioner');
      await t
        .http()
        .get(`/api/v1/audit?childId=${childId}`)
        .auth(practitioner.token, { type: 'bearer' })
        .expect(403);
      const manager = await createUser(t, 'locality_manager');
      await t
        .http()
        .get(`/api/v1/audit?childId=${childId}`)
        .auth(manager.token, { type: 'bearer' })
        .expect(404);
      await t.http().get('/api/v1/audit').auth(admin, { type: 'bearer' }).expect(400);
    });

    it('records the request id given in X-Request-Id', async () => {
      await t
        .http()
        .post('/api/v1/agencies')
        .auth(admin, { type: 'bearer' })
        .set('X-Request-Id', 'trace-abc-123')
        .send({ name: 'Traced agency', type: 'school' })
        .expect(201);
      const rows = await t.sql.query(
        `SELECT request_id FROM audit_log WHERE action = 'agency.created' AND details->>'name' = 'Traced agency'`,
      );
      expect(rows.rows).toEqual([{ request_id: 'trace-abc-123' }]);
    });
  });

  describe('health and documents', () => {
    it('reports PostgreSQL and Redis up without sign-in', async () => {
      const response = await t.http().get('/api/v1/health').expect(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        details: { postgres: { status: 'up' }, redis: { status: 'up' } },
      });
    });

    it('answers 503 naming Redis when Redis does not answer', async () => {
      const noRedis = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
      try {
        const response = await noRedis.http().get('/api/v1/health').expect(503);
        expect(response.body).toMatchObject({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Not ready: redis down',
          details: { postgres: { status: 'up' }, redis: { status: 'down' } },
        });
      } finally {
        await noRedis.close();
      }
    });

    it('gives every response a request id, keeping a well-formed one the caller sent', async () => {
      const given = await t.http().get('/api/v1/health').set('X-Request-Id', 'abc-123').expect(200);
      expect(given.headers['x-request-id']).toBe('abc-123');
      const made = await t
        .http()
        .get('/api/v1/health')
        .set('X-Request-Id', 'bad id with spaces')
        .expect(200);
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sets security headers', async () => {
      const response = await t.http().get('/api/v1/health').expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBeDefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('serves the OpenAPI document, with the roles of every signed-in route', async () => {
      const response = await t.http().get('/api/v1/openapi.json').expect(200);
      const paths = response.body.paths as Record<
        string,
        Record<string, { 'x-roles'?: string[]; security?: unknown[]; responses: object }>
      >;
      expect(Object.keys(paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/auth/login',
          '/api/v1/health',
          '/api/v1/users/{id}',
          '/api/v1/calendar/add-working-days',
        ]),
      );
      for (const [path, operations] of Object.entries(paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (path === '/api/v1/auth/login' || path === '/api/v1/health') continue;
          expect({ route: `${method} ${path}`, roles: operation['x-roles']?.length ?? 0 }).toEqual({
            route: `${method} ${path}`,
            roles: expect.any(Number),
          });
          expect(operation['x-roles']!.length).toBeGreaterThan(0);
          expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
        }
      }
      await t.http().get('/docs').redirects(1).expect(200);
    });
  });
});
