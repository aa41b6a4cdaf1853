/**
 * npm run bench — every benchmark in one run, their tables written to bench/results/<date>.md.
 * bench:kpis, bench:reads and bench:writes need the scale dataset (npm run generate) in
 * `continuum_scale`; bench:writes also needs pgbench on the PATH.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BENCHES = [
  { name: 'bench:reminders', script: 'reminders.js', args: [] as string[] },
  { name: 'bench:kpis', script: 'kpis.js', args: [] as string[] },
  { name: 'bench:reads', script: 'reads.js', args: [] as string[] },
  { name: 'bench:writes', script: 'writes.js', args: [] as string[] },
  { name: 'bench:plans', script: 'plans.js', args: [] as string[] },
];

const sections: string[] = [];
for (const bench of BENCHES) {
  process.stdout.write(`\n== ${bench.name}\n`);
  const result = spawnSync(process.execPath, [join(__dirname, bench.script), ...bench.args], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}${result.stderr}`;
  process.stdout.write(output);
  const figures = output
    .split('\n')
    .filter((line) => !line.includes('delivered ') || line.includes('(all)'))
    .join('\n')
    .trim();
  sections.push(`## ${bench.name} (exit ${result.status})\n\n\`\`\`\n${figures}\n\`\`\``);
}

const day = new Date().toISOString().slice(0, 10);
const dir = join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${day}.md`);
writeFileSync(
  file,
  `# Benchmarks, ${day}\n\nMachine: ${process.platform} ${process.arch}, Node ${process.version}.\n\n${sections.join('\n\n')}\n`,
);
process.stdout.write(`\nwritten ${file}\n`);
