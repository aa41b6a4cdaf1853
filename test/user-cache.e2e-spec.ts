import { createTeam, Team, TestUser } from './support/fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The signed-in user is cached for a few seconds per process (docs/domain.md#signed-in-user-cache):
 * a change to the user must still take effect on the very next request, in this process and
 * in another one on the same database, and with Redis out of reach nothing is cached at all.
 */
describe('the signed-in user between requests', () => {
  let a: TestApp;
  let b: TestApp;
  let noRedis: TestApp;
  let team: Team;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, a);
    // Nothing listens on port 1: this process never hears an invalidation.
    noRedis = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' }, a);
    team = await createTeam(a);
  });
  afterAll(async () => {
    await noRedis?.close();
    await b?.close();
    await a?.close();
  });

  const localities = (t: TestApp, user: TestUser) =>
    t.http().get('/api/v1/localities').auth(user.token, { type: 'bearer' });
  const users = (t: TestApp, user: TestUser) =>
    t.http().get('/api/v1/users').auth(user.token, { type: 'bearer' });

  async function change(user: TestUser, body: Record<string, unknown>): Promise<void> {
    const current = await a
      .http()
      .get(`/api/v1/users/${user.id}`)
      .auth(team.admin.token, { type: 'bearer' })
      .expect(200);
    await a
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .auth(team.admin.token, { type: 'bearer' })
      .send({ ...body, version: current.body.version })
      .expect(200);
  }

  it('refuses a deactivated user on the very next request, in the process that changed it and in another', async () => {
    const user = await team.add('practitioner');
    // Each process has just reloaded, and so may cache, the user.
    await localities(a, user).expect(200);
    await localities(b, user).expect(200);
    await change(user, { active: false });
    await localities(a, user).expect(401);
    await localities(b, user).expect(401);
  });

  it('applies a role change on the very next request, in another process too', async () => {
    const user = await team.add('admin');
    await users(a, user).expect(200);
    await users(b, user).expect(200);
    await change(user, { role: 'performance_manager' });
    await users(b, user).expect(403);
    await users(a, user).expect(403);
    await change(user, { role: 'admin' });
    await users(b, user).expect(200);
  });

  it('reloads the user on every request while Redis is out of reach, so a change made elsewhere applies at once', async () => {
    const user = await team.add('practitioner');
    await localities(noRedis, user).expect(200);
    await localities(noRedis, user).expect(200);
    await change(user, { active: false });
    await localities(noRedis, user).expect(401);
  });
});
