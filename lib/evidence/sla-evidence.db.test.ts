import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { componentStatusChanges, deliveries, evidence, incidents } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { contextAt, jst, maintenanceFixture } from '../../test/maintenance-fixtures';
import { claimDue } from '../notify/claims';
import { fanOutAll } from '../notify/fan-out';
import { recordResults } from '../notify/results';
import { DEFAULT_RETRY_POLICY } from '../notify/retry-policy';
import { getSlaReport } from '../services/sla-reports/sla-report';
import { editIncident } from '../services/incidents/edit';
import { openIncident } from '../services/incidents/open';
import { publishIncident } from '../services/incidents/publish';
import { resolveIncident } from '../services/incidents/resolve';
import { marketingPolicy } from '../sla/templates';
import { verifySlaEvidence } from './cross-check';
import { startCoverage } from './sla-inputs';

// The SLA figures an auditor can defend: first notice from what customers saw, and every
// input of a figure checked against the evidence chain (named by table, row and column).
let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof maintenanceFixture>>;
const policy = { ...marketingPolicy, firstNoticeTargetMinutes: 60 };

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await maintenanceFixture(handle.db, policy);
  // The fixture writes rows straight into tables, as an installation from before coverage did.
  await handle.db.transaction((tx) => startCoverage(tx, jst('2026-11-01T00:00')));
});
afterAll(() => handle.close());

const at = (local: string) => contextAt(handle.db, fx.operator, jst(local));
const reportOf = () =>
  getSlaReport({
    ctx: contextAt(handle.db, fx.viewer, jst('2026-11-30T12:00')),
    input: { serviceId: fx.service.id, month: '2026-11' },
  });
const incidentIn = async (id: string) => (await reportOf()).report.incidents.find((i) => i.incidentId === id)!;
const outage = (componentId = fx.components.console.id) => [{ componentId, status: 'major_outage' as const }];

/** A provider accepting the incident's notice at `sentAt`, recorded the way the dispatcher records it. */
async function deliverAt(incidentId: string, sentAt: Date): Promise<number> {
  await fanOutAll(handle.db);
  const claimed = await claimDue(handle.db, { channel: 'email', limit: 100, leaseMs: 60_000, now: new Date() });
  const [message] = await handle.db
    .execute(sql`select id from notification_messages where incident_id = ${incidentId}`)
    .then((r) => rowsOf(r));
  const mine = claimed.filter((d) => d.messageId === message.id);
  await recordResults(handle.db, {
    pageId: fx.page.id,
    messageId: String(message.id),
    outcomes: mine.map((delivery) => ({ delivery, result: { recipientId: String(delivery.id), outcome: 'sent' as const } })),
    now: sentAt,
    policy: DEFAULT_RETRY_POLICY,
  });
  return mine[0].id;
}

describe('first notice is what customers saw', () => {
  it('a draft opened at 10:00 and published at 11:10 was first noticed at 11:10: 70 min, missed', async () => {
    const { id } = await openIncident({
      ctx: at('2026-11-02T10:00'),
      input: { title: 'アラート', severity: 'severe', components: outage(), body: '調査中', published: false, notify: false },
    });
    await publishIncident({ ctx: at('2026-11-02T11:10'), input: { incidentId: id, notify: false } });
    const posts = await handle.db
      .select()
      .from(evidence)
      .where(sql`${evidence.kind} = 'incident_post' and ${evidence.content}->>'incidentId' = ${id}`);
    expect(posts.map((p) => p.occurredAt)).toEqual([jst('2026-11-02T11:10')]);
    const check = await incidentIn(id);
    expect(check.firstNotice).toMatchObject({ firstNoticeAt: jst('2026-11-02T11:10'), elapsedMinutes: 70, verdict: 'missed' });
  });
});

describe('every input of every figure is covered', () => {
  it('names an edited delivery sent_at, and the report keeps the time the evidence recorded', async () => {
    // Detected at 09:00 (entered by the operator), posted and sent at 10:01: 61 min, missed.
    const { id } = await openIncident({
      ctx: at('2026-11-03T10:01'),
      input: {
        title: 'API 障害',
        severity: 'severe',
        components: outage(),
        body: '調査中',
        detectedAt: jst('2026-11-03T09:00').toISOString(),
      },
    });
    const deliveryId = await deliverAt(id, jst('2026-11-03T10:01'));
    expect((await verifySlaEvidence(handle.db)).ok).toBe(true);
    const before = await verifySlaEvidence(handle.db);

    await handle.db
      .update(deliveries)
      .set({ sentAt: jst('2026-11-03T09:59') })
      .where(eq(deliveries.id, deliveryId));
    const edited = await verifySlaEvidence(handle.db);
    expect(edited.ok).toBe(false);
    expect(edited.inputs.mismatches).toEqual([
      expect.objectContaining({
        table: 'deliveries',
        row: String(deliveryId),
        column: 'sent_at',
        stored: jst('2026-11-03T09:59').toISOString(),
        recorded: jst('2026-11-03T10:01').toISOString(),
      }),
    ]);
    expect(edited.head).not.toBe(before.head);
    const check = await incidentIn(id);
    expect(check.firstNotice).toMatchObject({ elapsedMinutes: 61, verdict: 'missed' });
    expect(check.detectedAtEnteredBy).toBe(`user:${fx.operator.email}`);

    await handle.db
      .update(deliveries)
      .set({ sentAt: jst('2026-11-03T10:01') })
      .where(eq(deliveries.id, deliveryId));
    expect(await verifySlaEvidence(handle.db)).toMatchObject({ ok: true, head: before.head });
  });

  it('names an edited status period and edited incident times and exclusions, and passes again once restored', async () => {
    const { id } = await openIncident({
      ctx: at('2026-11-04T10:00'),
      input: { title: '遅延', severity: 'minor', components: outage(fx.components.mail.id), body: '調査中' },
    });
    await resolveIncident({ ctx: at('2026-11-04T11:00'), input: { incidentId: id, body: '復旧' } });
    const clean = await verifySlaEvidence(handle.db);
    expect(clean.ok).toBe(true);
    const [period] = await handle.db
      .select()
      .from(componentStatusChanges)
      .where(and(eq(componentStatusChanges.incidentId, id), eq(componentStatusChanges.status, 'major_outage')))
      .orderBy(asc(componentStatusChanges.id));

    await handle.db
      .update(componentStatusChanges)
      .set({ to: jst('2026-11-04T10:05') })
      .where(eq(componentStatusChanges.id, period.id));
    await handle.db
      .update(incidents)
      .set({ resolvedAt: jst('2026-11-04T10:05'), slaExcluded: true })
      .where(eq(incidents.id, id));
    const edited = await verifySlaEvidence(handle.db);
    const named = edited.inputs.mismatches.map((m) => `${m.table}/${m.row}/${m.column}`);
    expect(named).toEqual(
      expect.arrayContaining([
        `component_status_changes/${period.id}/to`,
        `incidents/${id}/resolved_at`,
        `incidents/${id}/sla_excluded`,
      ]),
    );
    expect(edited.head).not.toBe(clean.head);

    await handle.db
      .update(componentStatusChanges)
      .set({ to: jst('2026-11-04T11:00') })
      .where(eq(componentStatusChanges.id, period.id));
    await handle.db
      .update(incidents)
      .set({ resolvedAt: jst('2026-11-04T11:00'), slaExcluded: false })
      .where(eq(incidents.id, id));
    expect(await verifySlaEvidence(handle.db)).toMatchObject({ ok: true, head: clean.head });

    // A period inserted or deleted behind the application's back is named too.
    await handle.db.delete(componentStatusChanges).where(eq(componentStatusChanges.id, period.id));
    expect((await verifySlaEvidence(handle.db)).inputs.mismatches).toContainEqual(
      expect.objectContaining({
        table: 'component_status_changes',
        row: String(period.id),
        column: null,
        problem: 'row_missing',
      }),
    );
    await handle.db.insert(componentStatusChanges).values({ ...period });
    expect((await verifySlaEvidence(handle.db)).ok).toBe(true);
  });

  it('records an edited detection time with who, when, old and new, and the report marks the incident', async () => {
    const { id } = await openIncident({
      ctx: at('2026-11-05T10:00'),
      input: { title: '一部不具合', severity: 'minor', components: outage(), body: '調査中' },
    });
    expect((await incidentIn(id)).detectedAtEnteredBy).toBeNull();
    await editIncident({
      ctx: at('2026-11-05T12:00'),
      input: {
        incidentId: id,
        title: '一部不具合',
        severity: 'minor',
        impact: 'minor',
        detectedAt: jst('2026-11-05T09:30').toISOString(),
        startedAt: jst('2026-11-05T09:30').toISOString(),
      },
    });
    const [snapshot] = await handle.db
      .select()
      .from(evidence)
      .where(sql`${evidence.kind} = 'sla_input' and ${evidence.content}->>'id' = ${id}`)
      .orderBy(sql`${evidence.seq} desc`)
      .limit(1);
    expect(snapshot.content.entries).toContainEqual({
      by: `user:${fx.operator.email}`,
      at: jst('2026-11-05T12:00').toISOString(),
      column: 'detected_at',
      old: jst('2026-11-05T10:00').toISOString(),
      new: jst('2026-11-05T09:30').toISOString(),
    });
    expect(await incidentIn(id)).toMatchObject({
      detectedAt: jst('2026-11-05T09:30'),
      detectedAtEnteredBy: `user:${fx.operator.email}`,
    });
    expect((await verifySlaEvidence(handle.db)).ok).toBe(true);
  });
});

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}
