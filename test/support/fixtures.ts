import type { Role } from '../../src/common/domain/roles';
import { TEST_PASSWORD, TestApp } from './test-app';

let counter = 0;
const unique = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;

export async function createAgency(
  t: TestApp,
  type = 'school',
): Promise<{ id: string; name: string }> {
  const response = await t
    .http()
    .post('/api/v1/agencies')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({ name: unique('Agency'), type })
    .expect(201);
  return response.body;
}

export async function createLocality(
  t: TestApp,
  name = unique('Locality'),
): Promise<{ id: string; version: number }> {
  const response = await t
    .http()
    .post('/api/v1/localities')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({
      name,
      code: unique('L')
        .replace(/[^A-Za-z0-9-]/g, '')
        .slice(-20),
    })
    .expect(201);
  return response.body;
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  localityIds: string[];
  version: number;
  token: string;
}

/** A user of the role through the admin API, signed in. */
export async function createUser(
  t: TestApp,
  role: Role,
  options: { agencyId?: string; localityIds?: string[]; managerUserId?: string } = {},
): Promise<TestUser> {
  const agencyId = options.agencyId ?? (await createAgency(t)).id;
  const localityIds = options.localityIds ?? [(await createLocality(t)).id];
  const email = `${unique(role)}@example.gov.uk`;
  const response = await t
    .http()
    .post('/api/v1/users')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({
      email,
      displayName: unique('User'),
      role,
      agencyId,
      localityIds,
      password: TEST_PASSWORD,
      ...(options.managerUserId ? { managerUserId: options.managerUserId } : {}),
    })
    .expect(201);
  return {
    id: response.body.id,
    email,
    role,
    localityIds,
    version: response.body.version,
    token: await t.login(email, TEST_PASSWORD),
  };
}
