import { randomUUID } from 'node:crypto';
import type { Role } from '../src/modules/users/domain/roles';
import { TestApp, startTestApp } from './support/test-app';
import { createUser } from './support/fixtures';

interface Schema {
  $ref?: string;
  required?: string[];
  properties?: Record<string, unknown>;
  allOf?: Schema[];
}
interface Operation {
  'x-roles'?: Role[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Every route, read from the OpenAPI document: a body that leaves out every field, or a query
 * that leaves out every parameter, is answered 400 with "<field> is required" for each required
 * one, and with no other rule (docs/domain.md#bad-input).
 */
describe('a missing required field is reported as required, on every route', () => {
  let t: TestApp;
  let document: Document;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as Document;
    tokens.set('admin', await t.adminToken());
    for (const role of [
      'practitioner',
      'locality_manager',
      'social_care',
      'performance_manager',
    ] as const) {
      tokens.set(role, (await createUser(t, role)).token);
    }
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (schema?.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema?.allOf) {
      const parts = schema.allOf.map(resolve);
      return { required: parts.flatMap((part) => part?.required ?? []) };
    }
    return schema;
  };

  const send = (method: string, path: string, op: Operation, body?: object) => {
    const url = `/api/v1${path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, randomUUID())}`;
    const role = op['x-roles']?.[0];
    let request = t.http()[method as 'post'](url);
    if (role !== undefined) request = request.auth(tokens.get(role)!, { type: 'bearer' });
    return body === undefined ? request : request.send(body);
  };

  const operations = (): { method: string; path: string; op: Operation }[] =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method, path, op })),
    );

  it('finds routes with required body fields and required query parameters to walk', () => {
    const withBody = operations().filter(
      ({ op }) =>
        (resolve(op.requestBody?.content?.['application/json']?.schema)?.required ?? []).length > 0,
    );
    const withQuery = operations().filter(({ op }) =>
      (op.parameters ?? []).some((p) => p.in === 'query' && p.required),
    );
    expect(withBody.length).toBeGreaterThan(20);
    expect(withQuery.length).toBeGreaterThan(1);
  });

  it('names each missing body field as required, and nothing else, on every route with a body', async () => {
    const wrong: string[] = [];
    for (const { method, path, op } of operations()) {
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
      const required = schema?.required ?? [];
      if (required.length === 0) continue;
      const response = await send(method, path, op, {});
      const parts = String(response.body.message ?? '').split('; ');
      const problems = [
        ...(response.status === 400 ? [] : [`answered ${response.status}`]),
        ...parts.filter((part) => !/^[\w.[\]]+ is required$/.test(part)).map((p) => `said "${p}"`),
        ...required
          .filter((field) => !parts.includes(`${field} is required`))
          .map((field) => `did not say "${field} is required"`),
      ];
      if (problems.length > 0)
        wrong.push(`${method.toUpperCase()} ${path}: ${problems.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names each missing required query parameter as required, on every route with one', async () => {
    const wrong: string[] = [];
    for (const { method, path, op } of operations()) {
      const required = (op.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => p.name);
      if (required.length === 0) continue;
      const response = await send(method, path, op);
      const parts = String(response.body.message ?? '').split('; ');
      const missing = required.filter((name) => !parts.includes(`${name} is required`));
      const other = parts.filter((part) => !/^[\w.]+ is required$/.test(part));
      if (response.status !== 400 || missing.length + other.length > 0) {
        wrong.push(`${method.toUpperCase()} ${path}: ${response.status} "${parts.join('; ')}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers POST /localities {} with both fields required, in the order the form asks them', async () => {
    const response = await t
      .http()
      .post('/api/v1/localities')
      .auth(tokens.get('admin')!, { type: 'bearer' })
      .send({})
      .expect(400);
    expect(response.body.message).toBe('name is required; code is required');
  });

  it('reports the first rule a present field breaks, as the DTO declares them', async () => {
    const response = await t
      .http()
      .post('/api/v1/localities')
      .auth(tokens.get('admin')!, { type: 'bearer' })
      .send({ name: 42, code: 'not a code!' })
      .expect(400);
    expect(response.body.message).toBe(
      'name must be a string; code must be 1 to 20 letters, digits, "-" or "_"',
    );
  });

  it.each([
    ['text/plain', 'name=East&code=E'],
    ['application/x-www-form-urlencoded', 'name=East&code=E'],
  ])('answers 415 for a body sent as %s, saying it must be JSON', async (type, body) => {
    const response = await t
      .http()
      .post('/api/v1/localities')
      .auth(tokens.get('admin')!, { type: 'bearer' })
      .set('Content-Type', type)
      .send(body)
      .expect(415);
    expect(response.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message:
        'The request body must be JSON: send it with the header Content-Type: application/json',
    });
  });

  it('reads a JSON body whatever the charset parameter, and a request with no body at all', async () => {
    await t
      .http()
      .post('/api/v1/localities')
      .auth(tokens.get('admin')!, { type: 'bearer' })
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ name: 'Charset', code: 'CHARSET' }))
      .expect(201);
    const none = await t
      .http()
      .post('/api/v1/localities')
      .auth(tokens.get('admin')!, { type: 'bearer' })
      .expect(400);
    expect(none.body.message).toBe('name is required; code is required');
  });
});
