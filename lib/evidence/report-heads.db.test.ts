import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { services } from '../../db/schema';
import { seedDemoIfEmpty } from '../../db/seed';
import { createTestDatabase } from '../../test/db';
import { createUser } from '../../test/maintenance-fixtures';
import { slaReportJson } from '../services/sla-reports/sla-export';
import { getSlaReport } from '../services/sla-reports/sla-report';
import type { Actor } from '../services/context';
import { appendEvidence } from './append';
import { publishDailyHead, publishHead } from './heads';
import { checkWitnessedHeads, parseWitnessFile } from './witness';

// The SLA report names the published heads it rests on, so a customer can hold it against the
// heads they received; its JSON export is itself a witness file.

const now = new Date('2026-11-23T03:00:00Z');
let handle: DatabaseHandle;
let viewer: Actor;
let cti: string;

const append = (n: number, at: Date) =>
  handle.db.transaction((tx) => appendEvidence(tx, [{ kind: 'component_status', occurredAt: at, content: { n } }]));

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
  cti = (await handle.db.select().from(services)).find((s) => s.slug === 'cti')!.id;
  viewer = await createUser(handle.db, 'viewer');
  // September (JST): one daily head on the 30th; October: two daily heads and an incident post; November: one.
  const days = ['2026-09-30T03:00:00Z', '2026-10-01T03:00:00Z', '2026-10-31T14:00:00Z', '2026-11-02T03:00:00Z'];
  for (const [i, day] of days.entries()) {
    await append(i, new Date(day));
    await publishDailyHead(handle.db, new Date(day));
  }
  await append(10, new Date('2026-10-15T03:00:00Z'));
  await handle.db.transaction((tx) => publishHead(tx, { reason: 'incident_post', at: new Date('2026-10-15T03:00:00Z') }));
});
afterAll(() => handle.close());

describe('the heads an SLA report rests on', () => {
  it('lists the last head before the month and those published in it, in the view and the JSON export', async () => {
    const view = await getSlaReport({
      ctx: { db: handle.db, actor: viewer, now: () => now },
      input: { serviceId: cti, month: '2026-10' },
    });
    // 2026-10-31T14:00Z is 23:00 JST on the 31st: still October; November's head is not included.
    expect(view.chain.publishedHeads.map((h) => h.day ?? h.reason)).toEqual([
      '2026-09-30',
      '2026-10-01',
      '2026-10-31',
      'incident_post',
    ]);
    expect(view.chain.publishedHeads.every((h) => h.seq <= view.chain.headSeq!)).toBe(true);

    const json = slaReportJson(view);
    const exported = JSON.parse(json).evidence.heads as { seq: number; hash: string; day: string | null }[];
    expect(exported.map((h) => h.day)).toEqual(['2026-09-30', '2026-10-01', '2026-10-31', null]);
    expect(exported[1]).toEqual({
      ...exported[1],
      seq: view.chain.publishedHeads[1].seq,
      hash: view.chain.publishedHeads[1].hash,
    });
    expect(await checkWitnessedHeads(handle.db, parseWitnessFile(json))).toEqual({ ok: true, checked: 4 });
  });
});
