// What the global set-up hands to every test worker, through the environment.
export const TEST_SERVER_URL = 'CONTINUUM_TEST_SERVER_URL';
export const TEST_TEMPLATE_DB = 'CONTINUUM_TEST_TEMPLATE_DB';
export const TEST_REDIS_URL = 'CONTINUUM_TEST_REDIS_URL';

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with npm test`);
  return value;
}

/** The same server URL with another database name. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
