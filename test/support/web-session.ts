import request from 'supertest';
import type { TestApp } from './test-app';

/** A browser-like client of the web app: keeps its cookies, reads each form's CSRF token. */
export interface WebClient {
  agent: ReturnType<typeof request.agent>;
  /** GETs a page and answers the CSRF token of its first form. */
  csrfFrom(path: string): Promise<string>;
  /** Submits a form as a browser would (urlencoded, with the page's CSRF token). */
  post(path: string, fields: Record<string, string>, from?: string): Promise<request.Response>;
}

export const CSRF_INPUT = /name="_csrf" value="([^"]+)"/;
export const IDEMPOTENCY_INPUT = /name="_idempotencyKey" value="([^"]+)"/;
export const VERSION_INPUT = /name="version" value="(\d+)"/;

/** The idempotency key of a page's form (the one a browser would send back with it). */
export function idempotencyKey(html: string): string {
  const key = IDEMPOTENCY_INPUT.exec(html)?.[1];
  if (!key) throw new Error('No idempotency key on the page');
  return key;
}

/** A page's words as a reader sees them: tags as spaces, apostrophes as ’, one space each. */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
}

export function webClient(t: TestApp): WebClient {
  const agent = request.agent(t.app.getHttpServer());
  const csrfFrom = async (path: string): Promise<string> => {
    const page = await agent.get(path);
    const token = CSRF_INPUT.exec(page.text)?.[1];
    if (!token) throw new Error(`No CSRF token on ${path} (status ${page.status})`);
    return token;
  };
  return {
    agent,
    csrfFrom,
    async post(path, fields, from = path) {
      const _csrf = await csrfFrom(from);
      return agent
        .post(path)
        .type('form')
        .send({ ...fields, _csrf });
    },
  };
}

/** A client signed in through the sign-in form. */
export async function signedIn(t: TestApp, email: string, password: string): Promise<WebClient> {
  const client = webClient(t);
  const response = await client.post('/sign-in', { email, password });
  if (response.status !== 303) throw new Error(`Sign-in answered ${response.status}`);
  return client;
}

/**
 * The hidden fields a browser sends with a page's form (CSRF token, idempotency key, version, and
 * any other `names`): of the form posting to `action`, or without one, of the page's first form
 * other than the header's "Sign out".
 */
export function hiddenFields(
  html: string,
  action?: string,
  names: readonly string[] = ['_csrf', '_idempotencyKey', 'version'],
): Record<string, string> {
  const forms = html.split('<form').slice(1);
  const source =
    (action === undefined
      ? forms.find((f) => !f.includes('action="/sign-out"'))
      : forms.find((f) => f.includes(`action="${action}"`))) ?? '';
  const fields: Record<string, string> = {};
  for (const name of names) {
    const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(source)?.[1];
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}
