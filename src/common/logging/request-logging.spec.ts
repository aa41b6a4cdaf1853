import express from 'express';
import pino from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { requestLogging } from './request-logging';

function appLogging(level: string): { app: express.Express; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLogging(pino({ level }, sink)));
  app.get('{*path}', (_request, response) => void response.status(200).json({}));
  return { app, lines };
}

describe('requestLogging', () => {
  it.each([
    ['a plain token is kept', 'trace-abc.123_X', 'trace-abc.123_X'],
    ['one with spaces is replaced', 'bad id', /^[0-9a-f-]{36}$/],
    ['one over 64 characters is replaced', 'x'.repeat(65), /^[0-9a-f-]{36}$/],
  ])('X-Request-Id: %s', async (_case, given, expected) => {
    const { app } = appLogging('info');
    const response = await request(app).get('/api/v1/cases').set('X-Request-Id', given);
    if (typeof expected === 'string') expect(response.headers['x-request-id']).toBe(expected);
    else expect(response.headers['x-request-id']).toMatch(expected);
  });

  it('logs one line per request, the path without its query string', async () => {
    const { app, lines } = appLogging('info');
    await request(app).get('/api/v1/children?q=Wilhelmina').set('X-Request-Id', 'r1');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        req: { id: 'r1', method: 'GET', path: '/api/v1/children' },
        res: { statusCode: 200 },
      }),
    ]);
  });

  it('logs nothing for health checks, nor when the info level is off', async () => {
    const quiet = appLogging('warn');
    await request(quiet.app).get('/api/v1/cases').expect(200);
    const health = appLogging('info');
    await request(health.app).get('/api/v1/health').expect(200);
    expect([...quiet.lines, ...health.lines]).toEqual([]);
  });
});
