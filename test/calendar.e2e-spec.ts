import { TestApp, startTestApp } from './support/test-app';
import { createLocality, createUser } from './support/fixtures';

describe('working-day calendar over HTTP', () => {
  let t: TestApp;
  let token: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    token = (await createUser(t, 'practitioner')).token;
  });
  afterAll(() => t.close());

  const add = (query: string, as = token) =>
    t.http().get(`/api/v1/calendar/add-working-days?${query}`).auth(as, { type: 'bearer' });
  const between = (query: string, as = token) =>
    t.http().get(`/api/v1/calendar/working-days?${query}`).auth(as, { type: 'bearer' });

  it('answers the worked example of docs/domain.md#working-days: referral Thursday 2011-04-21 + 7 working days is Friday 2011-05-06', async () => {
    const response = await add('date=2011-04-21&days=7').expect(200);
    expect(response.body).toEqual({
      date: '2011-04-21',
      days: 7,
      result: '2011-05-06',
      provisional: false,
    });
  });

  it('counts working days after from, up to and including to', async () => {
    const response = await between('from=2011-04-21&to=2011-05-06').expect(200);
    expect(response.body).toEqual({
      from: '2011-04-21',
      to: '2011-05-06',
      workingDays: 7,
      provisional: false,
    });
  });

  it.each([
    ['date=2011-02-30&days=1', 'date'],
    ['date=21/04/2011&days=1', 'date'],
    ['days=1', 'date'],
    ['date=2011-04-21&days=-1', 'days'],
    ['date=2011-04-21&days=1.5', 'days'],
    ['date=2011-04-21&days=3651', 'days'],
    ['date=2011-04-21&days=', 'days'],
    ['date=2011-04-21', 'days'],
    ['date=2011-04-21&days=7&localityId=nope', 'localityId'],
    ['date=2011-04-21&days=7&extra=1', 'extra'],
  ])('answers 400 naming the parameter for ?%s', async (query, name) => {
    const response = await add(query).expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.message).toContain(name);
  });

  it.each([
    ['from=2011-05-06&to=2011-04-21', 'from'],
    ['from=2011-04-21', 'to'],
    ['from=2011-13-01&to=2011-12-01', 'from'],
  ])('answers 400 naming the parameter for working-days ?%s', async (query, name) => {
    const response = await between(query).expect(400);
    expect(response.body.message).toContain(name);
  });

  it('counts past the list by the standing rules: Thursday before Good Friday 2030 + 7 is 1 May, provisional', async () => {
    const response = await add('date=2030-04-18&days=7').expect(200);
    expect(response.body).toEqual({
      date: '2030-04-18',
      days: 7,
      result: '2030-05-01',
      provisional: true,
    });
  });

  it('marks a count that runs from inside the list to past it as provisional', async () => {
    // The list ends with 2028; Christmas 2028 is a Monday, New Year 2029 a Monday.
    const response = await between('from=2028-12-22&to=2029-01-03').expect(200);
    expect(response.body).toEqual({
      from: '2028-12-22',
      to: '2029-01-03',
      workingDays: 5,
      provisional: true,
    });
    expect((await between('from=2028-12-01&to=2028-12-29').expect(200)).body.provisional).toBe(
      false,
    );
  });

  it('answers years before the list by the standing rules and the proclaimed days: 31 December 1999', async () => {
    // Wednesday 1999-12-29 + 2: Thursday 30, (Friday 31 the Millennium holiday, Monday 3 January
    // 2000 New Year's substitute), Tuesday 4 January.
    const response = await add('date=1999-12-29&days=2').expect(200);
    expect(response.body).toMatchObject({ result: '2000-01-04', provisional: true });
  });

  it('answers the last dates the service handles, and 400 for a count that would run past them', async () => {
    expect((await add('date=2999-12-01&days=10').expect(200)).body.provisional).toBe(true);
    const response = await add('date=2999-12-01&days=100').expect(400);
    expect(response.body.message).toMatch(/2999-12-31/);
  });

  it('skips local closure days: authority-wide for everyone, a locality’s only when asked for it', async () => {
    const east = await createLocality(t);
    const west = await createLocality(t);
    // Monday 2013-06-03 … Friday 2013-06-07: no bank holidays.
    await t
      .http()
      .post('/api/v1/calendar/closures')
      .auth(admin, { type: 'bearer' })
      .send({ date: '2013-06-04', reason: 'Staff training day' })
      .expect(201);
    const local = await t
      .http()
      .post('/api/v1/calendar/closures')
      .auth(admin, { type: 'bearer' })
      .send({ date: '2013-06-05', localityId: east.id, reason: 'Office move' })
      .expect(201);
    expect(local.body).toMatchObject({ date: '2013-06-05', localityId: east.id, version: 1 });

    expect((await between('from=2013-06-02&to=2013-06-07').expect(200)).body.workingDays).toBe(4);
    expect(
      (await between(`from=2013-06-02&to=2013-06-07&localityId=${east.id}`).expect(200)).body
        .workingDays,
    ).toBe(3);
    expect(
      (await between(`from=2013-06-02&to=2013-06-07&localityId=${west.id}`).expect(200)).body
        .workingDays,
    ).toBe(4);
    expect(
      (await add(`date=2013-06-03&days=2&localityId=${east.id}`).expect(200)).body.result,
    ).toBe('2013-06-07');
  });

  it('records a closure day once (409 on a repeat) and only an admin may add one', async () => {
    await t
      .http()
      .post('/api/v1/calendar/closures')
      .auth(admin, { type: 'bearer' })
      .send({ date: '2014-07-01', reason: 'Strike' })
      .expect(201);
    await t
      .http()
      .post('/api/v1/calendar/closures')
      .auth(admin, { type: 'bearer' })
      .send({ date: '2014-07-01', reason: 'Strike again' })
      .expect(409);
    await t
      .http()
      .post('/api/v1/calendar/closures')
      .auth(token, { type: 'bearer' })
      .send({ date: '2014-07-02', reason: 'Nope' })
      .expect(403);
    await t
      .http()
      .post('/api/v1/calendar/closures')
      .auth(admin, { type: 'bearer' })
      .send({
        date: '2014-07-03',
        localityId: '00000000-0000-4000-8000-000000000000',
        reason: 'Unknown',
      })
      .expect(422);
  });

  it('needs a signed-in user', async () => {
    await t.http().get('/api/v1/calendar/add-working-days?date=2011-04-21&days=7').expect(401);
  });
});
