import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { TestApp, startTestApp } from './support/test-app';

interface Property {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Property;
  $ref?: string;
  allOf?: Property[];
  properties?: Record<string, Property>;
  additionalProperties?: unknown;
}
interface Schema {
  properties?: Record<string, Property>;
  required?: string[];
}

/** What each class-validator rule says a field's documented type must be. */
const RULE_TYPES: Record<string, (p: Property) => boolean> = {
  isString: (p) => p.type === 'string',
  isNotEmpty: () => true,
  isInt: (p) => p.type === 'integer',
  isNumber: (p) => p.type === 'number' || p.type === 'integer',
  isBoolean: (p) => p.type === 'boolean',
  isUuid: (p) => p.type === 'string' && p.format === 'uuid',
  isIsoDate: (p) => p.type === 'string',
  isEmail: (p) => p.type === 'string',
  matches: (p) => p.type === 'string',
  maxLength: (p) => p.type === 'string',
  minLength: (p) => p.type === 'string',
  min: (p) => p.type === 'integer' || p.type === 'number',
  max: (p) => p.type === 'integer' || p.type === 'number',
  isArray: (p) => p.type === 'array',
  arrayMaxSize: (p) => p.type === 'array',
  arrayMinSize: (p) => p.type === 'array',
  arrayNotEmpty: (p) => p.type === 'array',
};

/**
 * The OpenAPI document says of every request field what its DTO's class-validator rules check
 * (IsString → string, IsInt → integer, IsUUID → string/uuid, IsIn → the same enum, IsOptional
 * → not required), and no field is documented as a bare `object`, the type Nest's reflection
 * gives a union such as `string | null`.
 */
describe('the OpenAPI document documents every field with its real type', () => {
  let t: TestApp;
  let schemas: Record<string, Schema>;
  let paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string; schema?: Property }[] }>
  >;

  beforeAll(async () => {
    t = await startTestApp();
    const document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as {
      components: { schemas: Record<string, Schema> };
      paths: typeof paths;
    };
    schemas = document.components.schemas;
    paths = document.paths;
  });
  afterAll(() => t.close());

  /** Every class with validation rules, by name. */
  const validated = (): Map<string, ValidationMetadata[]> => {
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<new () => unknown, ValidationMetadata[]>;
    };
    const byName = new Map<string, ValidationMetadata[]>();
    for (const [target, rules] of storage.validationMetadatas) {
      byName.set(target.name, [...(byName.get(target.name) ?? []), ...rules]);
      // Rules a DTO inherits from its parent class.
      let parent = Object.getPrototypeOf(target) as (new () => unknown) | null;
      while (parent && parent.name) {
        byName.set(target.name, [
          ...(byName.get(target.name) ?? []),
          ...(storage.validationMetadatas.get(parent) ?? []),
        ]);
        parent = Object.getPrototypeOf(parent) as (new () => unknown) | null;
      }
    }
    return byName;
  };

  it('checks the request bodies it knows the rules of', () => {
    const named = [...validated().keys()].filter((name) => schemas[name] !== undefined);
    expect(named).toEqual(
      expect.arrayContaining(['CreateUserDto', 'UpdateUserDto', 'CreateChildDto']),
    );
  });

  it('gives each validated field the type, format, enum and requiredness its rules check', () => {
    const wrong: string[] = [];
    for (const [name, rules] of validated()) {
      const schema = schemas[name];
      if (schema === undefined) continue;
      const byProperty = new Map<string, ValidationMetadata[]>();
      for (const rule of rules) {
        byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
      }
      for (const [property, propertyRules] of byProperty) {
        const documented = schema.properties?.[property];
        const where = `${name}.${property}`;
        if (documented === undefined) {
          wrong.push(`${where} is not documented`);
          continue;
        }
        const optional = propertyRules.some((r) => r.type === 'conditionalValidation');
        const required = schema.required?.includes(property) ?? false;
        if (optional === required) {
          wrong.push(`${where} is ${optional ? 'optional' : 'required'} but documented otherwise`);
        }
        for (const rule of propertyRules.filter((r) => r.type === 'customValidation')) {
          const ruleName = rule.name ?? '';
          const target = rule.each ? (documented.items ?? {}) : documented;
          if (rule.each && documented.type !== 'array') {
            wrong.push(`${where}: ${ruleName} on each value but documented as ${documented.type}`);
            continue;
          }
          if (ruleName === 'isIn' || ruleName === 'isEnum') {
            const allowed = (rule.constraints?.[0] ?? []) as unknown[];
            const values = ruleName === 'isEnum' ? Object.values(allowed) : allowed;
            if (
              JSON.stringify([...(target.enum ?? [])].sort()) !== JSON.stringify([...values].sort())
            ) {
              wrong.push(
                `${where}: ${ruleName} allows ${values.join(',')} but documents ${String(target.enum)}`,
              );
            }
            continue;
          }
          const check = RULE_TYPES[ruleName];
          if (check !== undefined && !check(target)) {
            wrong.push(`${where}: ${ruleName} but documented as ${JSON.stringify(target)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents no field as a bare object', () => {
    const bare: string[] = [];
    const visit = (where: string, p: Property): void => {
      if (
        p.type === 'object' &&
        p.properties === undefined &&
        p.additionalProperties === undefined &&
        p.$ref === undefined &&
        p.allOf === undefined
      ) {
        bare.push(where);
      }
      if (p.items) visit(`${where}[]`, p.items);
    };
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [property, p] of Object.entries(schema.properties ?? {}))
        visit(`${name}.${property}`, p);
    }
    expect(bare).toEqual([]);
  });

  it('documents each query parameter with the type its rules check', () => {
    // The query DTOs (…Query classes) by property: a name whose classes agree on a rule.
    const rulesByParameter = new Map<string, Set<string>>();
    for (const [name, rules] of validated()) {
      if (!name.endsWith('Query')) continue;
      for (const rule of rules.filter((r) => r.type === 'customValidation' && !r.each)) {
        const names = rulesByParameter.get(rule.propertyName) ?? new Set<string>();
        names.add(rule.name ?? '');
        rulesByParameter.set(rule.propertyName, names);
      }
    }
    const wrong: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const parameter of (op.parameters ?? []).filter((p) => p.in === 'query')) {
          const rules = rulesByParameter.get(parameter.name);
          if (rules === undefined || parameter.schema === undefined) continue;
          for (const rule of rules) {
            const check = RULE_TYPES[rule];
            if (check === undefined || ['min', 'max', 'maxLength', 'minLength'].includes(rule)) {
              continue;
            }
            checked++;
            if (!check(parameter.schema)) {
              wrong.push(
                `${method.toUpperCase()} ${path} ?${parameter.name}: ${rule} but documented as ${JSON.stringify(parameter.schema)}`,
              );
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });
});
