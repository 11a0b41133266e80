import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { deliveries, incidents, notificationMessages, services, slaPolicies } from '../../../db/schema';
import { seedDemoIfEmpty } from '../../../db/seed';
import { appendEvidence } from '../../evidence/append';
import { recordSeededHistory } from '../../evidence/seeded-history';
import { createTestDatabase } from '../../../test/db';
import { createSubscriber } from '../../../test/factories';
import { findService, loadServicePolicy, loadStoredPolicy } from '../sla-policies/load-policy';
import { loadSlaComponents, loadSlaHistory } from './load';
import { callCenterPolicy, marketingPolicy } from '../../sla/templates';
import { monthPeriod } from '../../sla/month';
import { computeMonthlyReport } from '../../sla/report';

// The demo seed relative to "now" = 2026-11-23 12:00 JST (03:00Z). Its October for the CTI service:
//   recordings (web group)   partial_outage 10/19 21:36 → 10/20 00:46 JST  = 190 min, across midnight
//   incoming (calling group) partial_outage 10/27 07:12 → 08:32 JST        =  80 min, third-party: excluded
//   calling + incoming       maintenance    10/24 00:00 → 03:00 JST        = 180 min, announced 7 days
//                            ahead (the call-centre policy asks for no fixed notice): excluded
//   cti-api was created 11/13, so it is not part of October.
const now = new Date('2026-11-23T03:00:00Z');
const jst = (local: string) => new Date(`${local}+09:00`);

let handle: DatabaseHandle;
let cti: string;
let ma: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
  await handle.db.transaction((tx) => recordSeededHistory(tx, now));
  const rows = await handle.db.select().from(services);
  cti = rows.find((s) => s.slug === 'cti')!.id;
  ma = rows.find((s) => s.slug === 'ma')!.id;
});
afterAll(() => handle.close());

async function reportFor(serviceId: string, month: string) {
  const policy = await loadServicePolicy(handle.db, serviceId);
  const range = monthPeriod(month, policy.timeZone);
  const components = await loadSlaComponents(handle.db, { serviceId }, range);
  const history = await loadSlaHistory(handle.db, components, range);
  return { history, report: computeMonthlyReport({ policy, month, asOf: now, ...history }) };
}

describe('loading SLA inputs from the database', () => {
  it('reads the seeded policies, and the default for a service without one', async () => {
    expect(await loadServicePolicy(handle.db, cti)).toEqual(callCenterPolicy);
    expect(await loadServicePolicy(handle.db, ma)).toEqual(marketingPolicy);
    await handle.db
      .update(slaPolicies)
      .set({ policy: { broken: true } })
      .where(eq(slaPolicies.serviceId, ma));
    const stored = await loadStoredPolicy(handle.db, (await findService(handle.db, ma))!);
    expect(stored).toMatchObject({ stored: false, raw: { broken: true } });
    expect(stored.policy).toMatchObject({ timeZone: 'Asia/Tokyo', functionGroups: [], maintenance: { noticeDays: 14 } });
    await handle.db
      .update(slaPolicies)
      .set({ policy: marketingPolicy as never })
      .where(eq(slaPolicies.serviceId, ma));
    expect((await loadServicePolicy(handle.db, 'not-an-id')).functionGroups).toEqual([]);
  });

  it('computes the CTI service October from the database (JST month, midnight-spanning outage, exclusions)', async () => {
    // A delivery sent 5 min after the carrier incident was detected beats its first post (10 min);
    // a failed attempt before it proves nothing.
    const [carrier] = await handle.db
      .select()
      .from(incidents)
      .where(eq(incidents.titleEn, 'Incoming calls delayed (carrier outage)'));
    const subscriber = await createSubscriber(handle.db, (await findService(handle.db, cti))!.pageId);
    const [message] = await handle.db
      .insert(notificationMessages)
      .values({ pageId: subscriber.pageId, type: 'incident_created', incidentId: carrier.id, payload: {} })
      .returning();
    const minutesAfterDetection = (n: number) => new Date(carrier.detectedAt.getTime() + n * 60_000);
    const [sent] = await handle.db
      .insert(deliveries)
      .values([
        {
          messageId: message.id,
          subscriberId: subscriber.id,
          channel: 'email',
          status: 'sent',
          sentAt: minutesAfterDetection(5),
        },
        { messageId: message.id, subscriberId: null, channel: 'line', status: 'failed', sentAt: minutesAfterDetection(1) },
      ])
      .returning();
    // The dispatcher records a final result in the chain; the report reads first notices from there.
    await handle.db.transaction((tx) =>
      appendEvidence(tx, [
        {
          kind: 'delivery_result',
          occurredAt: sent.sentAt!,
          content: { deliveryId: sent.id, messageId: message.id, channel: 'email', outcome: 'sent' },
        },
      ]),
    );

    const { history, report } = await reportFor(cti, '2026-10');
    expect(history.components.map((c) => [c.name, c.functionGroup])).toEqual([
      ['発信', 'calling'],
      ['着信', 'calling'],
      ['通話録音', 'web'],
      ['管理画面', 'web'],
    ]);
    expect(report.periodStart).toEqual(jst('2026-10-01T00:00'));
    expect(report.complete).toBe(true);

    const [calling, web] = report.functionGroups;
    // Calling: no downtime; excluded = maintenance 180 + carrier outage 80 = 260 min.
    expect(calling).toMatchObject({
      key: 'calling',
      downtimeMinutes: 0,
      excludedMinutes: 260,
      uptimePercent: 100,
      verdict: 'no_target',
    });
    // Web: 190 min down of 31 × 1440 = 44,640 → 44,450 / 44,640 = 99.5744 %.
    expect(web).toMatchObject({ key: 'web', downtimeMinutes: 190, excludedMinutes: 0 });
    expect(web.uptimePercent).toBeCloseTo(99.57437, 5);
    // Whole service: (44,640 − 260 − 190) / (44,640 − 260) = 44,190 / 44,380 = 99.5719 % ≥ 98 %: met, no credit.
    expect(report.service).toMatchObject({ serviceMinutes: 44_380, downtimeMinutes: 190, verdict: 'met' });
    expect(report.service.uptimePercent).toBeCloseTo(99.57188, 5);
    expect(report.summary.creditDue).toBe(false);

    const [recordings, incoming] = report.incidents;
    // Minor, detected Mon 10/19 21:34 after closing: day 0 = Tue 10/20, 2 business days → Thu 10/22 19:00.
    expect(recordings.resolve.deadline).toEqual(jst('2026-10-22T19:00'));
    expect(recordings).toMatchObject({
      severity: 'minor',
      resolve: { verdict: 'met' },
      firstNotice: { elapsedMinutes: 12, verdict: 'met' },
    });
    // Severe, 2 h clock target 4 h: detected 07:10, resolved 08:32 = 82 min; first notice = the email at +5 min.
    expect(incoming).toMatchObject({
      slaExcluded: true,
      resolve: { elapsedMinutes: 82, verdict: 'met' },
      firstNotice: { elapsedMinutes: 5 },
    });
    expect(incoming.exclusionReason).toContain('upstream carrier');

    expect(report.maintenances).toHaveLength(1);
    expect(report.maintenances[0]).toMatchObject({
      noticeDays: 7,
      lateNotice: false,
      insidePreferredWindow: true,
      overrunMinutes: 0,
    });
  });

  it('computes the marketing service November so far, per function group with its own target', async () => {
    const { report } = await reportFor(ma, '2026-11');
    expect(report.complete).toBe(false);
    const [client, consumer] = report.functionGroups;
    // Client: the admin console is only slow (degraded is not downtime): 100 %.
    expect(client).toMatchObject({ key: 'client', targetPercent: 99, downtimeMinutes: 0, uptimePercent: 100, verdict: 'met' });
    // Consumer: click counting partial_outage 11/18 21:07 → 23:37 = 150 min of 30 × 1440 = 43,200 → 99.6528 %.
    expect(consumer).toMatchObject({ key: 'consumer', targetPercent: 99, downtimeMinutes: 150, verdict: 'met' });
    expect(consumer.uptimePercent).toBeCloseTo(99.65278, 5);
    // The upgrade on Fri 11/27 21:00–Sat 01:00, announced 18 days ahead: inside Fri 21:00–Mon 03:00, 240 ≤ 480 min.
    expect(report.maintenances.map((m) => [m.noticeDays, m.lateNotice, m.insidePreferredWindow])).toEqual([[18, false, true]]);
    expect(report.maintenances[0].durations).toEqual([
      {
        functionGroup: 'client',
        maxMinutes: 480,
        scheduledMinutes: 240,
        actualMinutes: null,
        plannedWithinMax: true,
        actualWithinMax: null,
      },
    ]);
    // Three incidents detected this month; the open one has no resolve time yet.
    expect(report.incidents.map((i) => i.resolvedAt === null)).toEqual([false, false, true]);
  });
});
