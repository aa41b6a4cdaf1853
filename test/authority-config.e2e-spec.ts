import { dump, load } from 'js-yaml';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeam, TestUser } from './support/fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The service reads the authority's rule files from AUTHORITY_CONFIG_DIR when it is set
 * (docs/domain.md#the-authoritys-rule-files): here a folder holding only its own
 * thresholds.yaml, so that every other file comes from config/.
 */
describe('the authority’s own rule files (AUTHORITY_CONFIG_DIR)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-authority-'));
  let t: TestApp;
  let practitioner: TestUser;

  beforeAll(async () => {
    const shipped = load(readFileSync(join(__dirname, '..', 'config', 'thresholds.yaml'), 'utf8'));
    const rules = shipped as { version: string; rules: { id: string; tier: number }[] };
    // This authority puts any additional need at tier 3.
    rules.version = 'local-2027';
    rules.rules.find((rule) => rule.id === 'additional_needs')!.tier = 3;
    writeFileSync(join(dir, 'thresholds.yaml'), dump(rules));
    t = await startTestApp({ AUTHORITY_CONFIG_DIR: dir });
    practitioner = (await createTeam(t)).practitioner;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (method: 'get' | 'post' | 'put', url: string, body?: object) =>
    t.http()[method](url).auth(practitioner.token, { type: 'bearer' }).send(body);

  it('suggests tiers by the folder’s thresholds.yaml, and counts working days by config/’s bank holidays', async () => {
    const child = await as('post', '/api/v1/children', {
      givenName: 'Local',
      familyName: 'Rules',
      dateOfBirth: '2008-03-01',
      gender: 'female',
      localityId: practitioner.localityIds[0],
    }).expect(201);
    const started = await as('post', '/api/v1/cases', { childId: child.body.id }).expect(201);
    const caseId = started.body.id as string;
    await as('put', `/api/v1/cases/${caseId}/assessment`, {
      elements: [{ code: 'general_health', level: 1 }],
      version: 1,
    }).expect(200);
    await as('post', `/api/v1/cases/${caseId}/consent`, {
      givenBy: 'Parent',
      relationship: 'parent',
      givenAt: '2011-04-21T10:30:00+01:00',
      scope: ['assessment'],
    }).expect(201);
    const completed = await as('post', `/api/v1/cases/${caseId}/assessment/complete`).expect(200);
    expect(completed.body).toMatchObject({
      suggestedTier: 3,
      firedRule: { id: 'additional_needs', elements: ['general_health'] },
    });

    // bank-holidays.json is not in the folder: the shipped list counts (the 2011 Easter and
    // royal wedding are not working days).
    const due = await as('get', '/api/v1/calendar/add-working-days?date=2011-04-21&days=7')
      .send()
      .expect(200);
    expect(due.body).toEqual({
      date: '2011-04-21',
      days: 7,
      result: '2011-05-06',
      provisional: false,
    });
  });
});
