import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  ms: number;
}

/** One HTTP request with node:http (so that a test controls keep-alive), rejected after `timeoutMs`. */
export function call(
  port: number,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; agent?: Agent; timeoutMs?: number } = {},
): Promise<Reply> {
  const started = Date.now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path: `/api/v1${path}`,
        agent: options.agent ?? false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: kept as text
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            ms: Date.now() - started,
          });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The built service (`npm start`: node dist/src/main.js) or worker as a process of its own. */
export class ServiceProcess {
  private output = '';
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    private readonly logFile?: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
  }

  /**
   * Starts `dist/src/<script>` with only the given environment, and waits for `readyLine` in
   * its output, or with none for GET /health to answer 200 on `env.PORT`. With `logFile` its
   * output goes to that file rather than memory (a long run cannot fill a pipe or the heap).
   */
  static async start(
    script: 'main.js' | 'worker.js',
    env: Record<string, string>,
    readyLine?: string,
    logFile?: string,
  ): Promise<ServiceProcess> {
    const fd = logFile === undefined ? undefined : openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [join(ROOT, 'dist', 'src', script)], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
      });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const service = new ServiceProcess(child, Number(env.PORT ?? 0), logFile);
    try {
      if (readyLine) await service.waitForOutput(readyLine, 60_000);
      else await service.waitForHealthy(60_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return service;
  }

  get logs(): string {
    return this.logFile === undefined ? this.output : readFileSync(this.logFile, 'utf8');
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.logs.includes(text)) {
      if (!this.running) throw new Error(`process exited before printing "${text}"`);
      if (Date.now() > deadline) throw new Error(`process did not print "${text}"`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async waitForHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error('service exited before it was healthy');
      const reply = await call(this.port, 'GET', '/health', { timeoutMs: 5_000 }).catch(
        () => undefined,
      );
      if (reply?.status === 200) return;
      if (Date.now() > deadline) throw new Error('service did not become healthy');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }
}
