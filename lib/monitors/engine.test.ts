import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from './address-guard';
import { jsonPathValue } from './checks/json-path';
import { statusAccepted } from './kinds';
import { nextPlannedAt } from './schedule';
import { regionVerdict } from '../services/monitors/transitions';

describe('private-target guard', () => {
  it('blocks loopback, private, link-local/metadata and mapped forms; allows public addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.2.3.4',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a9fe:a9fe',
      'not-an-ip',
    ]) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isBlockedAddress(address), address).toBe(false);
  });
});

describe('assertions', () => {
  it('reads a JSON path of names and indexes', () => {
    const doc = { data: { items: [{ name: 'a' }, { name: 'b' }] }, status: 'ok' };
    expect(jsonPathValue(doc, '$.status')).toBe('ok');
    expect(jsonPathValue(doc, '$.data.items[1].name')).toBe('b');
    expect(jsonPathValue(doc, 'data.missing.x')).toBeUndefined();
    expect(jsonPathValue(doc, '$.constructor')).toBeUndefined();
  });
  it('accepts status codes from a list of codes and ranges, any 2xx by default', () => {
    expect(statusAccepted(204, undefined)).toBe(true);
    expect(statusAccepted(301, undefined)).toBe(false);
    expect(statusAccepted(301, '200-299, 301')).toBe(true);
    expect(statusAccepted(302, '200-299,301')).toBe(false);
  });
});

describe('schedule and quorum', () => {
  it('keeps the planned rhythm, and skips ahead only when more than an interval was missed', () => {
    const planned = new Date('2026-01-01T00:00:00Z');
    expect(nextPlannedAt(planned, 30, new Date('2026-01-01T00:00:01Z')).toISOString()).toBe('2026-01-01T00:00:30.000Z');
    const late = new Date('2026-01-01T00:05:00Z');
    expect(nextPlannedAt(planned, 30, late)).toEqual(late);
  });

  const now = new Date('2026-01-01T00:10:00Z');
  const row = (region: string, failures: number, ok: boolean, checkedAgoMs = 5_000) => ({
    monitorId: 'm',
    region,
    nextCheckAt: now,
    leaseUntil: null,
    leasedBy: null,
    consecutiveFailures: failures,
    firstFailureAt: failures ? new Date(now.getTime() - 60_000) : null,
    lastCheckedAt: new Date(now.getTime() - checkedAgoMs),
    lastOk: ok,
    lastLatencyMs: 10,
    lastError: null,
  });
  const monitor = { type: 'http' as const, retries: 2, regionQuorum: null, intervalSeconds: 30, timeoutMs: 5_000 };

  it('needs a majority of active regions to call an outage; one flaky region pages nobody', () => {
    expect(regionVerdict(monitor, [row('tokyo', 2, false), row('osaka', 0, true), row('us', 0, true)], now).confirmedDown).toBe(
      false,
    );
    expect(regionVerdict(monitor, [row('tokyo', 2, false), row('osaka', 3, false), row('us', 0, true)], now).confirmedDown).toBe(
      true,
    );
    expect(regionVerdict(monitor, [row('tokyo', 1, false)], now).confirmedDown).toBe(false);
    expect(regionVerdict(monitor, [row('tokyo', 2, false)], now).confirmedDown).toBe(true);
  });
  it('ignores regions that stopped checking, and honours an explicit quorum', () => {
    const stale = row('osaka', 0, true, 10 * 60_000);
    expect(regionVerdict(monitor, [row('tokyo', 2, false), stale], now).confirmedDown).toBe(true);
    expect(
      regionVerdict({ ...monitor, regionQuorum: 1 }, [row('tokyo', 2, false), row('osaka', 0, true)], now).confirmedDown,
    ).toBe(true);
    expect(regionVerdict(monitor, [row('tokyo', 0, true), row('osaka', 2, false)], now).confirmedUp).toBe(true);
  });
});
