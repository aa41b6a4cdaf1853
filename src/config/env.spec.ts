import { ConfigError, loadEnv } from './env';

type RawEnv = Record<string, string | undefined>;

const SECRET = 'x'.repeat(32);
const ADMIN = { ADMIN_EMAIL: 'admin@example.gov.uk', ADMIN_PASSWORD: 'correct horse battery' };

function configErrorOf(raw: RawEnv): ConfigError {
  try {
    loadEnv(raw);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected loadEnv to refuse ${JSON.stringify(raw)}`);
}

describe('loadEnv', () => {
  describe('with nothing set', () => {
    const env = loadEnv({});

    it.each([
      ['nodeEnv', 'development'],
      ['port', 3000],
      ['databaseUrl', undefined],
      ['redisUrl', 'redis://127.0.0.1:6379'],
      ['redisUrlIsDefault', true],
      ['redisPrefix', 'continuum'],
      ['jwtSecret', undefined],
      ['jwtExpiresInSeconds', 3600],
      ['smtpUrl', undefined],
      ['adminEmail', undefined],
      ['adminPassword', undefined],
      ['logLevel', 'info'],
      ['dataDir', '.data'],
      ['embeddedPostgresPort', 54329],
      ['authorityConfigDir', undefined],
    ] as const)('defaults %s to %p', (key, expected) => {
      expect(env[key]).toBe(expected);
    });

    it('treats variables set to the empty string or to spaces as unset', () => {
      expect(
        loadEnv({
          NODE_ENV: '',
          PORT: ' ',
          DATABASE_URL: '',
          REDIS_URL: '  ',
          REDIS_PREFIX: '',
          JWT_SECRET: '',
          JWT_EXPIRES_IN: '',
          SMTP_URL: '',
          ADMIN_EMAIL: '',
          ADMIN_PASSWORD: '',
          LOG_LEVEL: '',
          DATA_DIR: '',
          EMBEDDED_PG_PORT: '',
        }),
      ).toEqual(env);
    });
  });

  it.each([
    ['development', 'info'],
    ['production', 'info'],
    ['test', 'silent'],
  ] as const)('with NODE_ENV=%s the log level defaults to %s', (nodeEnv, logLevel) => {
    const env = loadEnv({ NODE_ENV: nodeEnv, JWT_SECRET: SECRET });
    expect(env.nodeEnv).toBe(nodeEnv);
    expect(env.logLevel).toBe(logLevel);
  });

  it('lets LOG_LEVEL override the silent default under NODE_ENV=test', () => {
    expect(loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it.each([
    ['PORT', '8080', 'port', 8080],
    ['PORT', ' 8080 ', 'port', 8080],
    ['PORT', '1', 'port', 1],
    ['PORT', '65535', 'port', 65535],
    ['EMBEDDED_PG_PORT', '5433', 'embeddedPostgresPort', 5433],
    [
      'DATABASE_URL',
      'postgres://u:p@db:5432/continuum',
      'databaseUrl',
      'postgres://u:p@db:5432/continuum',
    ],
    ['DATABASE_URL', 'postgresql://db/continuum', 'databaseUrl', 'postgresql://db/continuum'],
    ['REDIS_URL', 'redis://cache:6380/2', 'redisUrl', 'redis://cache:6380/2'],
    ['REDIS_URL', 'rediss://cache:6380', 'redisUrl', 'rediss://cache:6380'],
    ['SMTP_URL', 'smtp://mail:25', 'smtpUrl', 'smtp://mail:25'],
    ['SMTP_URL', 'smtps://mail:465', 'smtpUrl', 'smtps://mail:465'],
    ['REDIS_PREFIX', 'my_app-2', 'redisPrefix', 'my_app-2'],
    ['REDIS_PREFIX', 'p'.repeat(64), 'redisPrefix', 'p'.repeat(64)],
    ['JWT_SECRET', SECRET, 'jwtSecret', SECRET],
    ['LOG_LEVEL', 'trace', 'logLevel', 'trace'],
    ['DATA_DIR', '/var/lib/continuum', 'dataDir', '/var/lib/continuum'],
  ] as const)('accepts %s=%j as %s %p', (name, value, key, expected) => {
    expect(loadEnv({ [name]: value })[key]).toBe(expected);
  });

  it('marks a given REDIS_URL as not the default', () => {
    expect(loadEnv({ REDIS_URL: 'redis://cache:6379' }).redisUrlIsDefault).toBe(false);
  });

  it.each([
    ['900', 900],
    ['15m', 900],
    ['8h', 28_800],
    ['1d', 86_400],
    ['60', 60],
    ['60s', 60],
    ['1m', 60],
    ['7d', 604_800],
    ['15 m', 900],
  ])('accepts JWT_EXPIRES_IN=%j as %i seconds', (value, seconds) => {
    expect(loadEnv({ JWT_EXPIRES_IN: value }).jwtExpiresInSeconds).toBe(seconds);
  });

  it.each([
    ['a secret of 32 ASCII characters', 'a'.repeat(32)],
    ['a secret of 16 two-byte characters (32 bytes)', 'é'.repeat(16)],
    ['a secret of 11 three-byte characters (33 bytes)', '€'.repeat(11)],
  ])('accepts %s as JWT_SECRET', (_, secret) => {
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: secret }).jwtSecret).toBe(secret);
  });

  it('does not require JWT_SECRET outside production', () => {
    expect(loadEnv({ NODE_ENV: 'development' }).jwtSecret).toBeUndefined();
    expect(loadEnv({ NODE_ENV: 'test' }).jwtSecret).toBeUndefined();
  });

  it('accepts the admin variables together, lower-casing and trimming the email', () => {
    const env = loadEnv({
      ADMIN_EMAIL: '  Jo.Bloggs@Example.GOV.uk ',
      ADMIN_PASSWORD: ADMIN.ADMIN_PASSWORD,
    });
    expect(env.adminEmail).toBe('jo.bloggs@example.gov.uk');
    expect(env.adminPassword).toBe(ADMIN.ADMIN_PASSWORD);
  });

  it('keeps the admin password exactly as given, spaces included', () => {
    expect(loadEnv({ ...ADMIN, ADMIN_PASSWORD: ' twelve chars ' }).adminPassword).toBe(
      ' twelve chars ',
    );
  });

  it('accepts an admin password of exactly 12 characters', () => {
    expect(loadEnv({ ...ADMIN, ADMIN_PASSWORD: 'abcdefghijkl' }).adminPassword).toBe(
      'abcdefghijkl',
    );
  });

  const PORT_RULE = 'must be a whole number from 1 to 65535';
  const DURATION_RULE = 'must be a duration from 60s to 7d, e.g. 900, 15m, 8h';
  const PREFIX_RULE = 'must be 1 to 64 letters, digits, "_" or "-"';
  const TOGETHER_RULE = 'must be set together with the other admin variable';

  it.each<[string, RawEnv, string]>([
    ['a PORT that is not a number', { PORT: 'http' }, `PORT ${PORT_RULE}`],
    ['a PORT of 0', { PORT: '0' }, `PORT ${PORT_RULE}`],
    ['a PORT of 70000', { PORT: '70000' }, `PORT ${PORT_RULE}`],
    ['a PORT of 65536', { PORT: '65536' }, `PORT ${PORT_RULE}`],
    ['a negative PORT', { PORT: '-1' }, `PORT ${PORT_RULE}`],
    ['a fractional PORT', { PORT: '3000.5' }, `PORT ${PORT_RULE}`],
    ['an EMBEDDED_PG_PORT of 0', { EMBEDDED_PG_PORT: '0' }, `EMBEDDED_PG_PORT ${PORT_RULE}`],
    [
      'a DATABASE_URL with the wrong scheme',
      { DATABASE_URL: 'mysql://u:p@db/continuum' },
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
    ],
    [
      'a DATABASE_URL that is not a URL',
      { DATABASE_URL: 'localhost/continuum' },
      'DATABASE_URL must be a URL (postgres or postgresql)',
    ],
    [
      'a REDIS_URL with the wrong scheme',
      { REDIS_URL: 'http://cache:6379' },
      'REDIS_URL must be a URL starting with redis:// or rediss://',
    ],
    [
      'a REDIS_URL that is not a URL',
      { REDIS_URL: 'cache' },
      'REDIS_URL must be a URL (redis or rediss)',
    ],
    [
      'an SMTP_URL with the wrong scheme',
      { SMTP_URL: 'https://mail' },
      'SMTP_URL must be a URL starting with smtp:// or smtps://',
    ],
    [
      'a missing JWT_SECRET in production',
      { NODE_ENV: 'production' },
      'JWT_SECRET is required when NODE_ENV=production',
    ],
    [
      'a JWT_SECRET shorter than 32 bytes',
      { JWT_SECRET: 'a'.repeat(31) },
      'JWT_SECRET must be at least 32 bytes long',
    ],
    [
      'a JWT_SECRET of 10 three-byte characters (30 bytes)',
      { JWT_SECRET: '€'.repeat(10) },
      'JWT_SECRET must be at least 32 bytes long',
    ],
    [
      'a JWT_SECRET that is 32 bytes only with its surrounding spaces',
      { JWT_SECRET: ` ${'a'.repeat(30)} ` },
      'JWT_SECRET must be at least 32 bytes long',
    ],
    [
      'a short JWT_SECRET in production',
      { NODE_ENV: 'production', JWT_SECRET: 'secret' },
      'JWT_SECRET must be at least 32 bytes long',
    ],
    [
      'a JWT_EXPIRES_IN of 10s (too short)',
      { JWT_EXPIRES_IN: '10s' },
      `JWT_EXPIRES_IN ${DURATION_RULE}`,
    ],
    [
      'a JWT_EXPIRES_IN of 59 (too short)',
      { JWT_EXPIRES_IN: '59' },
      `JWT_EXPIRES_IN ${DURATION_RULE}`,
    ],
    ['a JWT_EXPIRES_IN of 0', { JWT_EXPIRES_IN: '0' }, `JWT_EXPIRES_IN ${DURATION_RULE}`],
    [
      'a JWT_EXPIRES_IN of 8d (too long)',
      { JWT_EXPIRES_IN: '8d' },
      `JWT_EXPIRES_IN ${DURATION_RULE}`,
    ],
    [
      'a JWT_EXPIRES_IN of 169h (too long)',
      { JWT_EXPIRES_IN: '169h' },
      `JWT_EXPIRES_IN ${DURATION_RULE}`,
    ],
    ['a JWT_EXPIRES_IN of "soon"', { JWT_EXPIRES_IN: 'soon' }, `JWT_EXPIRES_IN ${DURATION_RULE}`],
    ['a JWT_EXPIRES_IN of 1.5h', { JWT_EXPIRES_IN: '1.5h' }, `JWT_EXPIRES_IN ${DURATION_RULE}`],
    ['a JWT_EXPIRES_IN of 15w', { JWT_EXPIRES_IN: '15w' }, `JWT_EXPIRES_IN ${DURATION_RULE}`],
    ['a negative JWT_EXPIRES_IN', { JWT_EXPIRES_IN: '-15m' }, `JWT_EXPIRES_IN ${DURATION_RULE}`],
    [
      'an ADMIN_EMAIL without ADMIN_PASSWORD',
      { ADMIN_EMAIL: ADMIN.ADMIN_EMAIL },
      `ADMIN_PASSWORD ${TOGETHER_RULE}`,
    ],
    [
      'an ADMIN_PASSWORD without ADMIN_EMAIL',
      { ADMIN_PASSWORD: ADMIN.ADMIN_PASSWORD },
      `ADMIN_EMAIL ${TOGETHER_RULE}`,
    ],
    [
      'an ADMIN_PASSWORD with a blank ADMIN_EMAIL',
      { ADMIN_EMAIL: '  ', ADMIN_PASSWORD: ADMIN.ADMIN_PASSWORD },
      `ADMIN_EMAIL ${TOGETHER_RULE}`,
    ],
    [
      'an ADMIN_PASSWORD of 11 characters',
      { ...ADMIN, ADMIN_PASSWORD: 'abcdefghijk' },
      'ADMIN_PASSWORD must be at least 12 characters long',
    ],
    [
      'an ADMIN_EMAIL that is not an email address',
      { ...ADMIN, ADMIN_EMAIL: 'admin' },
      'ADMIN_EMAIL must be an email address',
    ],
    [
      'an ADMIN_EMAIL with a space inside',
      { ...ADMIN, ADMIN_EMAIL: 'jo bloggs@example.gov.uk' },
      'ADMIN_EMAIL must be an email address',
    ],
    ['a REDIS_PREFIX with a space', { REDIS_PREFIX: 'my app' }, `REDIS_PREFIX ${PREFIX_RULE}`],
    ['a REDIS_PREFIX with a colon', { REDIS_PREFIX: 'continuum:' }, `REDIS_PREFIX ${PREFIX_RULE}`],
    [
      'a REDIS_PREFIX of 65 characters',
      { REDIS_PREFIX: 'p'.repeat(65) },
      `REDIS_PREFIX ${PREFIX_RULE}`,
    ],
    [
      'a LOG_LEVEL outside its list',
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    [
      'a LOG_LEVEL in upper case',
      { LOG_LEVEL: 'INFO' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    [
      'a NODE_ENV outside its list',
      { NODE_ENV: 'staging' },
      'NODE_ENV must be one of development, test, production',
    ],
  ])('refuses %s with a one-line message naming the variable', (_, raw, rule) => {
    const error = configErrorOf(raw);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(`Invalid configuration: ${rule}`);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('never repeats the offending value in its message', () => {
    const secret = 'hunter2-but-short';
    expect(configErrorOf({ JWT_SECRET: secret }).message).not.toContain(secret);
    expect(configErrorOf({ PORT: 'line one\nline two' }).message).toBe(
      `Invalid configuration: PORT ${PORT_RULE}`,
    );
  });
});

describe('loadEnv: rules fixed after review', () => {
  it('refuses a URL that has the scheme but not "//", naming the variable', () => {
    expect(() => loadEnv({ REDIS_URL: 'redis:localhost' })).toThrow(
      'Invalid configuration: REDIS_URL must be a URL starting with redis:// or rediss://',
    );
  });

  it('counts ADMIN_PASSWORD in characters, as the users API does', () => {
    expect(() => loadEnv({ ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: '😀'.repeat(6) })).toThrow(
      'Invalid configuration: ADMIN_PASSWORD must be at least 12 characters long',
    );
  });
});

describe('loadEnv: AUTHORITY_CONFIG_DIR', () => {
  it('keeps an existing folder as given', () => {
    expect(loadEnv({ AUTHORITY_CONFIG_DIR: 'config' }).authorityConfigDir).toBe('config');
  });

  it.each([
    ['a folder that does not exist', 'no-such-folder'],
    ['a file rather than a folder', 'package.json'],
  ])('refuses %s, naming the variable', (_case, value) => {
    expect(configErrorOf({ AUTHORITY_CONFIG_DIR: value }).message).toBe(
      'Invalid configuration: AUTHORITY_CONFIG_DIR must name an existing folder',
    );
  });
});
