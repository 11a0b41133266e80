import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsTarget, startHttpTarget } from '../../test/monitor-targets';
import { runCheck } from './checks/run';
import type { CheckTarget } from './checks/types';
import type { MonitorSettings } from './kinds';

// HTTP checks against real local servers: redirects followed, refused and limited; TLS
// certificates read from a self-signed server made here, warned about N days ahead.

const DAY = 86_400_000;
const options = { allowPrivate: true, now: () => new Date() };
const monitor = (target: string, settings: MonitorSettings = {}): CheckTarget => ({
  id: '00000000-0000-4000-8000-000000000000',
  type: 'http',
  target,
  settings,
  intervalSeconds: 60,
  timeoutMs: 5_000,
  lastPushAt: null,
  createdAt: new Date(),
});

describe('redirects', () => {
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  let base: string;
  beforeAll(async () => {
    target = await startHttpTarget();
    base = target.url.replace('/health', '');
  });
  afterAll(() => target.close());

  it('are followed to the final answer, up to five hops', async () => {
    const before = target.state.requests;
    const result = await runCheck(monitor(`${base}/hop/4`, { jsonPath: '$.status', jsonExpected: 'ok' }), options);
    expect(result).toMatchObject({ ok: true, statusCode: 200 });
    expect(target.state.requests - before).toBe(6);
  });

  it('fail when there are more than five, or when they loop', async () => {
    expect(await runCheck(monitor(`${base}/hop/5`), options)).toMatchObject({
      ok: false,
      statusCode: 302,
      error: 'too many redirects',
    });
    expect(await runCheck(monitor(`${base}/loop`), options)).toMatchObject({ ok: false, error: 'too many redirects' });
  });

  it('are not followed when the monitor says so: the redirect itself is judged', async () => {
    const before = target.state.requests;
    expect(await runCheck(monitor(`${base}/hop/1`, { followRedirects: false }), options)).toMatchObject({
      ok: false,
      statusCode: 302,
      error: 'HTTP 302',
    });
    expect(
      await runCheck(monitor(`${base}/hop/1`, { followRedirects: false, expectedStatus: '301-302' }), options),
    ).toMatchObject({ ok: true, statusCode: 302 });
    expect(target.state.requests - before).toBe(2);
  });
});

describe('TLS certificates', () => {
  let soon: Awaited<ReturnType<typeof startHttpsTarget>>;
  let later: Awaited<ReturnType<typeof startHttpsTarget>>;
  beforeAll(async () => {
    [soon, later] = await Promise.all([startHttpsTarget(10), startHttpsTarget(200)]);
  });
  afterAll(async () => {
    await soon.close();
    await later.close();
  });

  it('an untrusted (self-signed) certificate fails the check unless TLS errors are ignored', async () => {
    const strict = await runCheck(monitor(soon.url), options);
    expect(strict.ok).toBe(false);
    expect(strict.error).toMatch(/self[- ]signed/i);
    expect(await runCheck(monitor(soon.url, { ignoreTlsErrors: true }), options)).toMatchObject({ ok: true, statusCode: 200 });
  });

  it('reads the expiry and warns when it falls within the monitor’s days ahead; the check still passes', async () => {
    const result = await runCheck(monitor(soon.url, { ignoreTlsErrors: true, tlsExpiryDays: 30 }), options);
    expect(result.ok).toBe(true);
    expect(result.tlsExpiresAt?.getTime()).toBe(soon.validTo.getTime());
    expect(result.warning).toMatch(/^TLS certificate expires in (9|10) days \(\d{4}-\d{2}-\d{2}\)$/);
    expect(soon.validTo.getTime() - Date.now()).toBeGreaterThan(9 * DAY);

    const calm = await runCheck(monitor(later.url, { ignoreTlsErrors: true, tlsExpiryDays: 30 }), options);
    expect(calm).toMatchObject({ ok: true });
    expect(calm.tlsExpiresAt?.getTime()).toBe(later.validTo.getTime());
    expect(calm.warning).toBeUndefined();
  });
});
