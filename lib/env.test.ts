import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EnvError, parseEnv } from './env';

describe('configuration', () => {
  it('has defaults that need no database server and no SMTP', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      PGLITE_DIR: './data/pg',
      TZ_DISPLAY: 'Asia/Tokyo',
      DEFAULT_LOCALE: 'ja',
      DISPATCHER: 'in-process',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://x'],
    ['TZ_DISPLAY', 'Mars/Olympus'],
    ['DEFAULT_LOCALE', 'fr'],
    ['SMTP_URL', 'http://mail'],
    ['ADMIN_PASSWORD', 'short'],
  ])('names %s when its value is bad', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('stops start-up with one line naming the variable', async () => {
    const run = promisify(execFile);
    const failure = await run('npx', ['tsx', 'scripts/start.ts'], { env: { ...process.env, PORT: 'not-a-port' } }).catch(
      (e) => e,
    );
    expect(failure.code).toBe(1);
    const lines = String(failure.stderr)
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('npm warn'));
    expect(lines).toEqual([expect.stringMatching(/^Invalid configuration: PORT must be a whole number from 1 to 65535\.$/)]);
  }, 120_000);

  // Short or malformed secrets: the error names the variable and the rule, and never echoes the value.
  const SECRETS: [string, string, RegExp][] = [
    ['ADMIN_PASSWORD', 'hunter2', /^Invalid configuration: ADMIN_PASSWORD must be at least 10 characters\.$/],
    ['ALERTMANAGER_TOKEN', 'am-tok-9Xq', /^Invalid configuration: ALERTMANAGER_TOKEN must be at least 16 characters\.$/],
    ['SESSION_SECRET', 'session-secret-7Rw', /^Invalid configuration: SESSION_SECRET must be at least 32 characters\.$/],
    [
      'DATABASE_URL',
      'mysql://shirase:db-pass-4Kz@db.internal/shirase',
      /^Invalid configuration: DATABASE_URL must start with postgres:\/\/\.$/,
    ],
    [
      'SMTP_URL',
      'https://mailer:smtp-pass-8Jv@mail.internal',
      /^Invalid configuration: SMTP_URL must start with smtp:\/\/ or smtps:\/\/\.$/,
    ],
    ['PUBLIC_BASE_URL', '//key=url-secret-2Hn', /^Invalid configuration: PUBLIC_BASE_URL must be an absolute URL/],
  ];

  it.each(SECRETS)('names %s and its rule without echoing the value', (name, value, expected) => {
    const error = (() => {
      try {
        parseEnv({ [name]: value });
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain(value);
    for (const part of value.split(/[:/@?=.]/).filter((p) => p.length >= 6)) expect(error.message).not.toContain(part);
  });

  it('prints no secret when start-up stops on one', async () => {
    const run = promisify(execFile);
    // Every secret is bad at once: whichever is reported first, none may be printed.
    const bad = Object.fromEntries(SECRETS.map(([name, value]) => [name, value]));
    const failure = await run('npx', ['tsx', 'scripts/start.ts'], { env: { ...process.env, ...bad } }).catch((e) => e);
    expect(failure.code).toBe(1);
    const printed = `${failure.stdout}${failure.stderr}`;
    expect(printed).toMatch(/Invalid configuration: [A-Z_]+ must /);
    for (const [, value] of SECRETS) expect(printed).not.toContain(value);
    expect(printed).not.toMatch(/hunter2|9Xq|7Rw|db-pass|smtp-pass|url-secret/);
  }, 120_000);
});
