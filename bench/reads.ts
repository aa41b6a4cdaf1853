/**
 * npm run bench:reads [-- --database continuum_scale --clients 8 --seconds 20]
 *
 * On the scale dataset (npm run generate), through HTTP with `clients` concurrent clients for
 * `seconds` each: a locality manager's case list (GET /cases, keyset pages followed through the
 * cursor, 50 a page) and the child search (GET /children?q= with names that exist). Prints
 * requests per second and p50/p99 latency. Every list read writes its audit rows, as in use.
 */
import 'reflect-metadata';
import { withBenchService } from './service';
import { option } from './cli';
import { percentile, table } from './kpis';

const DATABASE = option('database', 'continuum_scale');
const CLIENTS = Number(option('clients', '8'));
const SECONDS = Number(option('seconds', '20'));

async function load(
  name: string,
  request: (client: number, n: number) => Promise<Response>,
): Promise<[string, string][]> {
  const latencies: number[] = [];
  let failures = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; Date.now() < until; n++) {
        const t0 = performance.now();
        const response = await request(client, n);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!response.ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return [
    [`${name} requests/s`, (latencies.length / seconds).toFixed(0)],
    [`${name} p50`, `${percentile(latencies, 50).toFixed(1)} ms`],
    [`${name} p99`, `${percentile(latencies, 99).toFixed(1)} ms`],
    [`${name} failures`, String(failures)],
  ];
}

async function main(): Promise<void> {
  await withBenchService(DATABASE, 'bench-reads', async ({ base, login }) => {
    const managers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => login(`manager.${n}@scale.continuum`)),
    );
    // Each client walks its manager's case list page by page, back to the start at the end.
    const cursors: (string | null)[] = Array.from({ length: CLIENTS }, () => null);
    const cases = await load('GET /cases', async (client) => {
      const cursor = cursors[client];
      const response = await fetch(
        `${base}/cases?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { authorization: `Bearer ${managers[client % managers.length]}` } },
      );
      const clone = response.clone();
      if (response.ok) {
        cursors[client] = ((await clone.json()) as { nextCursor: string | null }).nextCursor;
      }
      return response;
    });
    const search = await load('GET /children?q=', (client, n) =>
      fetch(
        `${base}/children?limit=20&q=${encodeURIComponent(`scale${(client * 7919 + n * 104729) % 300000}`)}`,
        {
          headers: { authorization: `Bearer ${managers[client % managers.length]}` },
        },
      ),
    );
    table(`bench:reads — ${CLIENTS} clients, ${SECONDS} s each, HTTP`, [...cases, ...search]);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:reads failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
