import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EnvError, parseEnv } from './env';

describe('configuration', () => {
  it('has defaults that need no database server and no SMTP', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, PGLITE_DIR: './data/pg', TZ_DISPLAY: 'Asia/Tokyo', DEFAULT_LOCALE: 'ja', DISPATCHER: 'in-process' });
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
    const failure = await run('npx', ['tsx', 'scripts/start.ts'], { env: { ...process.env, PORT: 'not-a-port' } }).catch((e) => e);
    expect(failure.code).toBe(1);
    const lines = String(failure.stderr).trim().split('\n').filter((l) => !l.startsWith('npm warn'));
    expect(lines).toEqual([expect.stringMatching(/^Invalid configuration: PORT /)]);
  });
});
