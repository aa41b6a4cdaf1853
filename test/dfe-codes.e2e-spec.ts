import type { QueryRunner } from 'typeorm';
import { DfeEthnicityAndDisabilityCodes1765427713000 as Migration } from '../migrations/1765427713000-DfeEthnicityAndDisabilityCodes';
import { TestApp, startTestApp } from './support/test-app';
import { createLocality, createUser, TestUser } from './support/fixtures';

describe('DfE codes for a child’s ethnicity and disabilities', () => {
  let t: TestApp;
  let locality: string;
  let practitioner: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    locality = (await createLocality(t)).id;
    practitioner = await createUser(t, 'practitioner', { localityIds: [locality] });
  });
  afterAll(() => t.close());

  const register = (fields: object) =>
    t
      .http()
      .post('/api/v1/children')
      .auth(practitioner.token, { type: 'bearer' })
      .send({
        givenName: 'Coded',
        familyName: 'Child',
        dateOfBirth: '2012-03-04',
        gender: 'female',
        localityId: locality,
        ...fields,
      });

  it('moves free text to codes where it names one, else to NOBT, and reports the counts', async () => {
    const texts = [
      'White British',
      'wbri',
      'Black  Caribbean',
      'Pakistani',
      'British',
      'Martian',
      null,
    ];
    const ids: string[] = [];
    for (let i = 0; i < texts.length; i++) ids.push((await register({})).body.id as string);
    const notices: string[] = [];
    const onNotice = (notice: { message?: string }) => notices.push(notice.message ?? '');
    t.sql.on('notice', onNotice);
    const runner = {
      query: async (text: string) => (await t.sql.query(text)).rows,
    } as unknown as QueryRunner;
    await t.sql.query('BEGIN');
    try {
      await new Migration().down(runner);
      for (let i = 0; i < texts.length; i++) {
        await t.sql.query('UPDATE children SET ethnicity = $2 WHERE id = $1', [ids[i], texts[i]]);
      }
      await new Migration().up(runner);
      const rows = await t.sql.query<{ id: string; ethnicity: string }>(
        'SELECT id, ethnicity FROM children WHERE id = ANY($1)',
        [ids],
      );
      const byId = new Map(rows.rows.map((row) => [row.id, row.ethnicity]));
      expect(ids.map((id) => byId.get(id))).toEqual([
        'WBRI',
        'WBRI',
        'BCRB',
        'APKN',
        'NOBT',
        'NOBT',
        'NOBT',
      ]);
      expect(notices).toContain(
        'DfE ethnicity codes: 1 already a code, 3 matched a DfE name, 2 other text set to NOBT, 1 not recorded set to NOBT',
      );
      await expect(
        t.sql.query(`UPDATE children SET ethnicity = 'White British' WHERE id = $1`, [ids[0]]),
      ).rejects.toThrow(/children_ethnicity_dfe_code/);
    } finally {
      await t.sql.query('ROLLBACK');
      t.sql.off('notice', onNotice);
    }
  });

  it('keeps the code given, and NOBT when none is', async () => {
    expect((await register({ ethnicity: 'MWAS' }).expect(201)).body).toMatchObject({
      ethnicity: 'MWAS',
      disability: false,
      disabilities: [],
    });
    expect((await register({}).expect(201)).body.ethnicity).toBe('NOBT');
  });

  it.each<[string, object, string]>([
    [
      'free text for ethnicity',
      { ethnicity: 'White British' },
      'ethnicity must be one of the DfE codes WBRI, WIRI, WIRT, WOTH, WROM, MWBC, MWBA, MWAS, MOTH, AIND, APKN, ABAN, AOTH, BCRB, BAFR, BOTH, CHNE, OOTH, REFU, NOBT',
    ],
    [
      'a lower-case code',
      { ethnicity: 'wbri' },
      'ethnicity must be one of the DfE codes WBRI, WIRI, WIRT, WOTH, WROM, MWBC, MWBA, MWAS, MOTH, AIND, APKN, ABAN, AOTH, BCRB, BAFR, BOTH, CHNE, OOTH, REFU, NOBT',
    ],
    [
      'an unknown disability code',
      { disabilities: ['LD', 'BLIND'] },
      'each value in disabilities must be one of the DfE codes NONE, MOB, HAND, PC, INC, COMM, LD, HEAR, VIS, BEH, CON, AUT, DDA',
    ],
    ['disabilities that is not a list', { disabilities: 'LD' }, 'disabilities must be an array'],
    [
      'NONE with another code',
      { disabilities: ['NONE', 'AUT'] },
      'disabilities cannot name NONE together with another code',
    ],
    ['a code twice', { disabilities: ['AUT', 'AUT'] }, 'disabilities names AUT twice'],
    [
      'a disability flag that contradicts the list',
      { disabilities: ['NONE'], disability: true },
      'disabilities is ["NONE"], so disability must be false (true when the list names any code but NONE) or be left out',
    ],
  ])(
    'answers 400 for %s, naming the field and the allowed codes',
    async (_what, fields, message) => {
      const before = await t.sql.query('SELECT count(*)::int AS n FROM children');
      const response = await register(fields).expect(400);
      expect(response.body.message).toBe(message);
      const after = await t.sql.query('SELECT count(*)::int AS n FROM children');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    },
  );

  it.each<[object, boolean, string[]]>([
    [{ disabilities: ['LD', 'COMM'] }, true, ['LD', 'COMM']],
    [{ disabilities: ['NONE'] }, false, ['NONE']],
    [{ disabilities: ['AUT'], disability: true }, true, ['AUT']],
    [{ disability: true }, true, []],
    [{ disabilities: [], disability: true }, true, []],
  ])('derives disability from %j', async (fields, disability, disabilities) => {
    const response = await register(fields).expect(201);
    expect(response.body).toMatchObject({ disability, disabilities });
    const read = await t
      .http()
      .get(`/api/v1/children/${response.body.id as string}`)
      .auth(practitioner.token, { type: 'bearer' })
      .expect(200);
    expect(read.body).toMatchObject({ disability, disabilities });
  });

  it('documents the codes as enums in the OpenAPI document', async () => {
    const document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const create = document.components.schemas['CreateChildDto'].properties;
    expect(create['ethnicity']).toMatchObject({ enum: expect.arrayContaining(['WBRI', 'NOBT']) });
    expect(create['disabilities']).toMatchObject({
      type: 'array',
      items: { enum: expect.arrayContaining(['NONE', 'DDA']) },
    });
  });
});
