import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * An open-loop load driver: requests leave at a constant rate whatever the service does, and
 * a request's latency runs from the instant it was due to leave until its body has been read.
 * A slow service therefore shows as latency (and as requests in flight), never as a lower
 * request rate, which is what a closed loop of waiting clients would hide.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** One request the scenario wants sent, and what to do with its answer. */
export interface Call {
  /** The route class it is counted under, e.g. `PUT /cases/:id/assessment`. */
  route: string;
  token: string;
  method: Method;
  path: string;
  body?: object;
  /** The status a correct service answers; any other counts as unexpected. */
  expect: number;
  /** Given the parsed body of an expected answer. */
  then?(body: unknown): void;
  /** Called instead of `then` on any other outcome, so the scenario can drop what depended on it. */
  failed?(): void;
}

export const REQUEST_TIMEOUT_MS = 30_000;
export const WINDOW_MS = 10_000;

interface RouteStats {
  latencies: number[];
  statuses: Map<string, number>;
}

export interface Unexpected {
  route: string;
  status: string;
  message: string;
}

/** What was sent and how it was answered, per route class. */
export class Recorder {
  readonly routes = new Map<string, RouteStats>();
  readonly unexpected: Unexpected[] = [];
  issued = 0;
  answered = 0;
  connectionErrors = 0;
  serverErrors = 0;
  unexpectedCount = 0;
  readonly scriptErrors: string[] = [];
  /** Latencies by the 10-second window (from `origin`) in which each request was due. */
  readonly windows = new Map<number, number[]>();

  constructor(private readonly origin = 0) {}

  record(route: string, status: string, latencyMs: number, dueAt: number): void {
    let stats = this.routes.get(route);
    if (!stats) this.routes.set(route, (stats = { latencies: [], statuses: new Map() }));
    stats.latencies.push(latencyMs);
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    const window = Math.floor((dueAt - this.origin) / WINDOW_MS);
    let latencies = this.windows.get(window);
    if (!latencies) this.windows.set(window, (latencies = []));
    latencies.push(latencyMs);
  }

  allLatencies(): number[] {
    return [...this.routes.values()].flatMap((stats) => stats.latencies);
  }

  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const stats of this.routes.values())
      for (const [status, n] of stats.statuses) counts[status] = (counts[status] ?? 0) + n;
    return counts;
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Sends one call, records it from `dueAt` (a performance.now() instant), and hands on the body. */
export async function send(
  baseUrl: string,
  call: Call,
  recorder: Recorder,
  dueAt = performance.now(),
): Promise<void> {
  recorder.issued += 1;
  let status: string;
  let text = '';
  let json = false;
  try {
    const response = await fetch(`${baseUrl}${call.path}`, {
      method: call.method,
      headers: {
        authorization: `Bearer ${call.token}`,
        ...(call.body ? { 'content-type': 'application/json' } : {}),
      },
      body: call.body ? JSON.stringify(call.body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    text = await response.text();
    status = String(response.status);
    json = (response.headers.get('content-type') ?? '').includes('json');
    recorder.answered += 1;
    if (response.status >= 500) recorder.serverErrors += 1;
  } catch (error) {
    // Refused, reset or timed out: the request was never answered.
    status = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'conn-error';
    recorder.connectionErrors += 1;
  }
  recorder.record(call.route, status, performance.now() - dueAt, dueAt);
  try {
    const body: unknown = json && text.length > 0 ? JSON.parse(text) : undefined;
    if (status === String(call.expect)) {
      call.then?.(body);
      return;
    }
    recorder.unexpectedCount += 1;
    // Kept for the report: route, status and the service's error message (never a body).
    if (recorder.unexpected.length < 20) {
      const message = (body as { message?: unknown } | undefined)?.message;
      recorder.unexpected.push({
        route: call.route,
        status,
        message: typeof message === 'string' ? message.slice(0, 200) : '',
      });
    }
    call.failed?.();
  } catch (error) {
    // A fault of the load script itself, reported rather than thrown into the send loop.
    recorder.scriptErrors.push(
      `${call.route}: ${error instanceof Error ? error.message : 'error'}`,
    );
  }
}

/**
 * Sends `next()` at `rate` calls a second for `durationMs`, without waiting for answers.
 * Resolves when the last call has been sent; `inFlight` holds those not yet answered.
 */
export async function sendAtConstantRate(
  baseUrl: string,
  rate: number,
  durationMs: number,
  next: () => Call,
  recorder: Recorder,
  inFlight: Set<Promise<void>>,
): Promise<{ maxSendLagMs: number }> {
  const interval = 1000 / rate;
  const start = performance.now();
  let maxSendLagMs = 0;
  for (let i = 0; i * interval < durationMs; i++) {
    const dueAt = start + i * interval;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - dueAt);
    const sent = send(baseUrl, next(), recorder, dueAt);
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }
  return { maxSendLagMs };
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** CPU time a process has used so far, in seconds, from /proc (Linux, 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
