import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The check `npm run lint` runs, as a command over a folder of its own. */
function check(files: Record<string, string>): { status: number | null; stderr: string } {
  const root = mkdtempSync(join(tmpdir(), 'sql-placement-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const run = spawnSync(process.execPath, [join(__dirname, 'check-sql-placement.js'), root], {
      encoding: 'utf8',
    });
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const REPOSITORY = `export class ThingsRepository {
  async find(sql: Sql, id: string) {
    return sql.one('SELECT id FROM things WHERE id = $1', [id]);
  }
}`;

const CLEAN_SERVICE = `export class ThingsService {
  constructor(private readonly things: ThingsRepository) {}
  async get(sql: Sql, id: string) {
    const thing = await this.things.find(sql, id);
    if (!thing) throw new DomainError('NOT_FOUND', 'Select a thing that exists');
    return thing;
  }
}`;

describe('the check that SQL stays in repositories', () => {
  it('passes a tree whose only SQL is in a repository', () => {
    const result = check({
      'modules/things/things.repository.ts': REPOSITORY,
      'modules/things/things.service.ts': CLEAN_SERVICE,
    });
    expect(result).toEqual({ status: 0, stderr: '' });
  });

  it.each([
    ['a statement run in a service', 'modules/things/things.service.ts', `await sql.exec(LOCK);`],
    [
      'SQL text in a service',
      'modules/things/things.service.ts',
      `const text = 'SELECT id FROM things WHERE id = $1';`,
    ],
    [
      'a SQL template in a service',
      'modules/things/things.service.ts',
      'const text = `UPDATE things SET name = $2 WHERE id = ${id}`;',
    ],
    [
      'an advisory lock in a service',
      'modules/things/things.service.ts',
      `const text = "SELECT pg_advisory_xact_lock($1)";`,
    ],
    [
      'SQL in a module helper',
      'modules/things/thing-lookup.ts',
      `await sql.one('SELECT 1 FROM things WHERE owner = $1', [id]);`,
    ],
    [
      'SQL in a page controller',
      'modules/things/pages/things.ts',
      `const text = 'DELETE FROM things WHERE id = $1';`,
    ],
  ])('fails on %s, naming the file and line', (_name, file, line) => {
    const result = check({
      'modules/things/things.repository.ts': REPOSITORY,
      [file]: `export async function f(sql: Sql, id: string) {\n  ${line}\n}\n`,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:2:`);
    expect(result.stderr).toContain('SQL belongs in a *.repository.ts');
  });

  it('leaves spec files and repositories alone', () => {
    const result = check({
      'modules/things/things.repository.ts': REPOSITORY,
      'modules/things/things.service.spec.ts': `const text = 'SELECT 1 FROM things';`,
    });
    expect(result.status).toBe(0);
  });
});
