import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, components, evidence, incidents, incidentUpdates } from '@/db/schema';
import { seedDemoIfEmpty } from '@/db/seed';
import { createTestDatabase } from '@/test/db';
import { contextFor, contextsByRole } from '@/test/console-fixtures';
import { recordSeededHistory } from '../../evidence/seeded-history';
import { verifyEvidenceChain } from '../../evidence/verify';
import { buildFeeds } from '../../public/documents/feeds';
import { loadStatusPage } from '../../public/read/status-page';
import { getSlaReport } from '../sla-reports/sla-report';
import { monthOf } from '../../sla/month';
import { loadPublicSource } from '../../public/read/source';
import { deleteDraftIncident } from './delete-draft';
import { openIncident } from './open';
import { resolveIncident } from './resolve';
import { withdrawIncident } from './withdraw';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;
const now = new Date('2026-11-23T03:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
  await handle.db.transaction((tx) => recordSeededHistory(tx, now));
  as = await contextsByRole(handle.db, now);
});
afterAll(() => handle.close());

const componentNamed = async (name: string) => (await handle.db.select().from(components).where(eq(components.name, name)))[0];
const incidentTitled = async (title: string) => (await handle.db.select().from(incidents).where(eq(incidents.title, title)))[0];
const ledger = () =>
  handle.db.select({ seq: evidence.seq, kind: evidence.kind, hash: evidence.hash }).from(evidence).orderBy(asc(evidence.seq));
const publicView = async () => {
  const view = await loadStatusPage(handle.db, { locale: 'ja', now });
  const source = await loadPublicSource(handle.db, now);
  const feeds = buildFeeds(source, { locale: 'ja', baseUrl: 'https://status.example.com' });
  return { view, source, feeds };
};

describe('withdrawing a published incident', () => {
  it('takes it off the page, the feeds and the uptime; the SLA report lists it as withdrawn; the ledger keeps every row', async () => {
    const recordings = await componentNamed('通話録音');
    const title = '録音が再生できない（誤報）';
    const opened = await openIncident({
      ctx: contextFor(handle.db, as.users.operator, minutesAgo(90)),
      input: {
        title,
        severity: 'severe',
        body: '調査しています。',
        components: [{ componentId: recordings.id, status: 'major_outage' }],
        startedAt: minutesAgo(95),
        detectedAt: minutesAgo(92),
      },
    });
    await resolveIncident({
      ctx: contextFor(handle.db, as.users.operator, minutesAgo(30)),
      input: { incidentId: opened.id, body: '復旧しました。' },
    });

    let { view, source, feeds } = await publicView();
    const recordingsOnPage = () => view.groups.flatMap((g) => g.components).find((c) => c.id === recordings.id)!;
    expect(view.recentIncidents.map((i) => i.title)).toContain(title);
    expect(source.incidents.map((i) => i.id)).toContain(opened.id);
    expect(feeds.atom).toContain(title);
    expect(feeds.rss).toContain(title);
    expect(recordingsOnPage().days.at(-1)!.downtimeMinutes).toBeGreaterThan(0);
    const month = monthOf(now, 'Asia/Tokyo');
    const cti = (await handle.db.select().from(components).where(eq(components.id, recordings.id)))[0].serviceId!;
    const reportBefore = await getSlaReport({ ctx: as.viewer, input: { serviceId: cti, month }, verifyChain: false });
    expect(reportBefore.report.incidents.map((i) => i.incidentId)).toContain(opened.id);

    const rowsBefore = await ledger();
    expect(rowsBefore.length).toBeGreaterThan(0);
    await expect(withdrawIncident({ ctx: as.operator, input: { incidentId: opened.id, reason: '誤報' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(withdrawIncident({ ctx: as.admin, input: { incidentId: opened.id, reason: '' } })).rejects.toMatchObject({
      code: 'invalid',
    });
    expect(await ledger()).toEqual(rowsBefore);

    await withdrawIncident({ ctx: as.admin, input: { incidentId: opened.id, reason: '監視の誤検知でした' } });

    ({ view, source, feeds } = await publicView());
    expect(view.recentIncidents.map((i) => i.title)).not.toContain(title);
    expect(source.incidents.map((i) => i.id)).not.toContain(opened.id);
    expect(feeds.atom).not.toContain(title);
    expect(feeds.rss).not.toContain(title);
    expect(recordingsOnPage().days.at(-1)!.downtimeMinutes).toBe(0);
    expect(recordingsOnPage().days.at(-1)!.incidents).toEqual([]);

    const report = await getSlaReport({ ctx: as.viewer, input: { serviceId: cti, month } });
    expect(report.report.incidents.map((i) => i.incidentId)).not.toContain(opened.id);
    expect(report.withdrawn).toEqual([
      expect.objectContaining({
        id: opened.id,
        title,
        withdrawnAt: now,
        withdrawnBy: `user:${as.users.admin.email}`,
        reason: '監視の誤検知でした',
      }),
    ]);
    expect(report.chain.verdict).toMatchObject({ ok: true });

    // Every row the ledger had is still there, unchanged; the withdrawal is one more, and the chain holds.
    const rowsAfter = await ledger();
    expect(rowsAfter.slice(0, rowsBefore.length)).toEqual(rowsBefore);
    // …with the snapshots of the SLA inputs it changed (the incident and its two periods).
    expect(rowsAfter.slice(rowsBefore.length).map((r) => r.kind)).toEqual([
      'sla_input',
      'sla_input',
      'sla_input',
      'incident_withdrawal',
    ]);
    expect(await verifyEvidenceChain(handle.db)).toMatchObject({ ok: true, rows: rowsAfter.length });
    // The incident and its posts are kept, only hidden; the audit names the periods it had.
    expect(await handle.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, opened.id))).toHaveLength(2);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'incident.withdraw'));
    expect(audit).toMatchObject({ entityId: opened.id, actorLabel: `user:${as.users.admin.email}` });
    expect((audit.before as { periods: { status: string }[] }).periods.map((p) => p.status)).toEqual([
      'major_outage',
      'operational',
    ]);

    await expect(withdrawIncident({ ctx: as.admin, input: { incidentId: opened.id, reason: 'again' } })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('puts a component an open incident held down back to operational', async () => {
    const open = await incidentTitled('管理画面の表示が遅い');
    const consoleComponent = (await handle.db.select().from(components).where(eq(components.alertKey, 'ma-console')))[0];
    expect(consoleComponent.status).toBe('degraded_performance');
    await withdrawIncident({ ctx: as.admin, input: { incidentId: open.id, reason: 'デモのデータ' } });
    const [after] = await handle.db.select().from(components).where(eq(components.id, consoleComponent.id));
    expect(after.status).toBe('operational');
    const { view } = await publicView();
    expect(view.activeIncidents).toEqual([]);
    expect(view.overall).toBe('operational');
  });
});

describe('deleting a draft', () => {
  it('deletes a draft (writers), refuses a published incident, and changes nothing on refusal', async () => {
    const api = await componentNamed('API');
    const draft = await openIncident({
      ctx: contextFor(handle.db, as.users.operator, now),
      input: {
        title: '下書き',
        severity: 'minor',
        body: '確認中',
        components: [{ componentId: api.id, status: 'degraded_performance' }],
        published: false,
        notify: false,
      },
    });
    const published = await incidentTitled('クリック計測の停止');
    await expect(deleteDraftIncident({ ctx: as.operator, input: { incidentId: published.id } })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(deleteDraftIncident({ ctx: as.viewer, input: { incidentId: draft.id } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(withdrawIncident({ ctx: as.admin, input: { incidentId: draft.id, reason: 'x' } })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await incidentTitled('下書き')).toBeTruthy();
    await deleteDraftIncident({ ctx: as.operator, input: { incidentId: draft.id } });
    expect(await incidentTitled('下書き')).toBeUndefined();
    expect(await incidentTitled('クリック計測の停止')).toBeTruthy();
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'incident.delete'));
    expect(audit).toMatchObject({ entityId: draft.id, actorLabel: `user:${as.users.operator.email}` });
  });
});
