import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import {
  auditLog,
  components,
  componentStatusChanges,
  deliveries,
  evidence,
  incidents,
  incidentUpdates,
  notificationMessages,
} from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createComponent, createPage, createSubscriber } from '@/test/factories';
import { contextFor, contextsByRole } from '@/test/console-fixtures';
import type { ServiceContext } from '../context';
import { openIncident } from './open';
import { postIncidentUpdate } from './post-update';
import { resolveIncident } from './resolve';
import { editIncidentUpdate } from './edit-update';
import { savePostmortem } from './postmortem';
import { setSlaExclusion } from './sla-exclusion';
import { editIncident } from './edit';
import { publishIncident } from './publish';
import { getIncident } from './get';
import { fanOutAll } from '../../notify/fan-out';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;
let api: { id: string };
let consoleUi: { id: string };
let other: { id: string };
const t0 = new Date('2026-11-23T01:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const operatorAt = (minutes: number): ServiceContext => contextFor(handle.db, as.users.operator, at(minutes));

beforeAll(async () => {
  handle = await createTestDatabase();
  const page = await createPage(handle.db, { name: 'デモ' });
  api = await createComponent(handle.db, page.id, { name: 'API', nameEn: 'API' });
  consoleUi = await createComponent(handle.db, page.id, { name: '管理画面', nameEn: 'Console' });
  other = await createComponent(handle.db, page.id, { name: 'その他' });
  await createSubscriber(handle.db, page.id, { address: 'all@example.com' });
  await createSubscriber(handle.db, page.id, { address: 'api-only@example.com', componentIds: [api.id] });
  await createSubscriber(handle.db, page.id, { address: 'other-only@example.com', componentIds: [other.id] });
  as = await contextsByRole(handle.db, t0);
});
afterAll(async () => handle.close());

const tableCounts = async () => ({
  incidents: (await handle.db.select({ n: count() }).from(incidents))[0].n,
  updates: (await handle.db.select({ n: count() }).from(incidentUpdates))[0].n,
  messages: (await handle.db.select({ n: count() }).from(notificationMessages))[0].n,
  evidence: (await handle.db.select({ n: count() }).from(evidence))[0].n,
  audit: (await handle.db.select({ n: count() }).from(auditLog))[0].n,
  periods: (await handle.db.select({ n: count() }).from(componentStatusChanges))[0].n,
});
const statusOf = async (id: string) =>
  (await handle.db.select({ s: components.status }).from(components).where(eq(components.id, id)))[0].s;

describe('incident lifecycle', () => {
  it('open → two updates → resolve → fix a typo → postmortem → SLA exclusion', async () => {
    const opened = await openIncident({
      ctx: operatorAt(0),
      input: {
        title: 'API と管理画面の障害',
        titleEn: 'API and console outage',
        severity: 'severe',
        components: [
          { componentId: api.id, status: 'major_outage' },
          { componentId: consoleUi.id, status: 'degraded_performance' },
        ],
        body: '調査しています。',
        detectedAt: at(-5),
        startedAt: at(-20),
        notify: true,
      },
    });
    expect(await statusOf(api.id)).toBe('major_outage');
    expect(await statusOf(consoleUi.id)).toBe('degraded_performance');
    // Downtime counts from when the failure began, not from when it was posted.
    const [open] = await handle.db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.incidentId, opened.id))
      .orderBy(asc(componentStatusChanges.id));
    expect(open.from).toEqual(at(-20));

    const [message] = await handle.db.select().from(notificationMessages).where(eq(notificationMessages.incidentId, opened.id));
    expect(message.type).toBe('incident_opened');
    expect(message.payload).toMatchObject({ path: `/incidents/${opened.id}`, incidentId: opened.id });
    await fanOutAll(handle.db, { messageId: message.id });
    const queued = await handle.db.select().from(deliveries).where(eq(deliveries.messageId, message.id));
    expect(queued).toHaveLength(2); // everything + api-only, not other-only

    await postIncidentUpdate({
      ctx: operatorAt(10),
      input: {
        incidentId: opened.id,
        status: 'identified',
        body: '原因を特定しました。',
        components: [{ componentId: api.id, status: 'partial_outage' }],
      },
    });
    await postIncidentUpdate({
      ctx: operatorAt(20),
      input: { incidentId: opened.id, status: 'monitoring', body: '復旧を確認中です。', notify: false },
    });
    expect(await statusOf(api.id)).toBe('partial_outage');

    const resolved = await resolveIncident({
      ctx: operatorAt(30),
      input: {
        incidentId: opened.id,
        body: '復旧しました。',
        components: [{ componentId: consoleUi.id, status: 'degraded_performance' }],
      },
    });
    expect(await statusOf(api.id)).toBe('operational');
    expect(await statusOf(consoleUi.id)).toBe('degraded_performance');
    const [row] = await handle.db.select().from(incidents).where(eq(incidents.id, opened.id));
    expect(row).toMatchObject({
      status: 'resolved',
      resolvedAt: at(30),
      identifiedAt: at(10),
      monitoringAt: at(20),
      detectedAt: at(-5),
      startedAt: at(-20),
    });

    const types = (
      await handle.db
        .select()
        .from(notificationMessages)
        .where(eq(notificationMessages.incidentId, opened.id))
        .orderBy(asc(notificationMessages.createdAt))
    ).map((m) => m.type);
    expect(types).toEqual(['incident_opened', 'incident_updated', 'incident_resolved']);

    const before = await tableCounts();
    await editIncidentUpdate({
      ctx: operatorAt(40),
      input: { incidentId: opened.id, updateId: resolved.updateId, body: '復旧しました（訂正）。' },
    });
    const after = await tableCounts();
    expect(after.messages).toBe(before.messages);
    expect(after.evidence).toBe(before.evidence + 1);
    const [edited] = await handle.db.select().from(incidentUpdates).where(eq(incidentUpdates.id, resolved.updateId));
    expect(edited.body).toBe('復旧しました（訂正）。');
    const [editAudit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'incident.edit_update'));
    expect(editAudit.before).toMatchObject({ body: '復旧しました。' });

    await savePostmortem({ ctx: operatorAt(50), input: { incidentId: opened.id, postmortem: 'DB の設定ミスでした。' } });
    await setSlaExclusion({
      ctx: operatorAt(60),
      input: { incidentId: opened.id, excluded: true, kind: 'third_party', reason: '上流回線の障害' },
    });
    const detail = await getIncident({ ctx: as.viewer, input: { id: opened.id } });
    expect(detail).toMatchObject({ postmortem: 'DB の設定ミスでした。', slaExcluded: true, slaExclusionKind: 'third_party' });
    expect(detail.updates.map((u) => u.status)).toEqual(['resolved', 'monitoring', 'identified', 'investigating']);
    expect(detail.updates.map((u) => u.noticeQueued)).toEqual([true, false, true, true]);

    const posts = await handle.db.select().from(evidence).where(eq(evidence.kind, 'incident_post'));
    expect(posts.length).toBe(5);
    await expect(
      postIncidentUpdate({ ctx: operatorAt(70), input: { incidentId: opened.id, status: 'monitoring', body: 'x' } }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(resolveIncident({ ctx: operatorAt(70), input: { incidentId: opened.id, body: 'x' } })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('notify off queues nothing; a draft is invisible until published, then notifies once', async () => {
    const quiet = await openIncident({
      ctx: operatorAt(100),
      input: {
        title: 'quiet',
        severity: 'minor',
        body: 'b',
        notify: false,
        components: [{ componentId: other.id, status: 'degraded_performance' }],
      },
    });
    expect(await handle.db.select().from(notificationMessages).where(eq(notificationMessages.incidentId, quiet.id))).toHaveLength(
      0,
    );
    await resolveIncident({ ctx: operatorAt(101), input: { incidentId: quiet.id, body: 'ok', notify: false } });

    const draft = await openIncident({
      ctx: operatorAt(110),
      input: {
        title: 'draft',
        severity: 'minor',
        body: 'alert',
        published: false,
        components: [{ componentId: other.id, status: 'partial_outage' }],
      },
    });
    expect(await handle.db.select().from(notificationMessages).where(eq(notificationMessages.incidentId, draft.id))).toHaveLength(
      0,
    );
    await publishIncident({ ctx: operatorAt(115), input: { incidentId: draft.id } });
    const messages = await handle.db.select().from(notificationMessages).where(eq(notificationMessages.incidentId, draft.id));
    expect(messages.map((m) => m.type)).toEqual(['incident_opened']);
    await expect(publishIncident({ ctx: operatorAt(116), input: { incidentId: draft.id } })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('edits an incident clock with checks', async () => {
    const { id } = await openIncident({ ctx: operatorAt(200), input: { title: 'clock', severity: 'emergency', body: 'b' } });
    await editIncident({
      ctx: operatorAt(201),
      input: {
        incidentId: id,
        title: 'clock fixed',
        severity: 'severe',
        impact: 'major',
        detectedAt: at(190),
        startedAt: at(185),
      },
    });
    expect((await handle.db.select().from(incidents).where(eq(incidents.id, id)))[0]).toMatchObject({
      title: 'clock fixed',
      detectedAt: at(190),
      startedAt: at(185),
    });
    await expect(
      editIncident({
        ctx: operatorAt(202),
        input: { incidentId: id, title: 't', severity: 'minor', impact: 'minor', detectedAt: at(190), startedAt: at(195) },
      }),
    ).rejects.toMatchObject({ fieldErrors: { startedAt: ['started_after_detected'] } });
  });
});

describe('incident authorization and validation', () => {
  it('refuses a viewer on every verb, changing nothing', async () => {
    const { id, updateId } = await openIncident({
      ctx: operatorAt(300),
      input: { title: 'target', severity: 'minor', body: 'b' },
    });
    const before = await tableCounts();
    const attempts: ((ctx: ServiceContext) => Promise<unknown>)[] = [
      (ctx) =>
        openIncident({
          ctx,
          input: { title: 'x', severity: 'minor', body: 'b', components: [{ componentId: api.id, status: 'major_outage' }] },
        }),
      (ctx) => postIncidentUpdate({ ctx, input: { incidentId: id, status: 'identified', body: 'x' } }),
      (ctx) => resolveIncident({ ctx, input: { incidentId: id, body: 'x' } }),
      (ctx) => editIncidentUpdate({ ctx, input: { incidentId: id, updateId, body: 'x' } }),
      (ctx) => savePostmortem({ ctx, input: { incidentId: id, postmortem: 'x' } }),
      (ctx) => setSlaExclusion({ ctx, input: { incidentId: id, excluded: true, kind: 'force_majeure', reason: 'x' } }),
      (ctx) =>
        editIncident({
          ctx,
          input: { incidentId: id, title: 'x', severity: 'minor', impact: 'minor', detectedAt: at(300), startedAt: at(300) },
        }),
      (ctx) => publishIncident({ ctx, input: { incidentId: id } }),
    ];
    for (const attempt of attempts) await expect(attempt(as.viewer)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await tableCounts()).toEqual(before);
    expect(await statusOf(api.id)).toBe('operational');
  });

  it('bad input leaves nothing half-written', async () => {
    const before = await tableCounts();
    const statusBefore = await statusOf(api.id);
    await expect(
      openIncident({
        ctx: operatorAt(400),
        input: {
          title: 'half',
          severity: 'minor',
          body: 'b',
          components: [
            { componentId: api.id, status: 'major_outage' },
            { componentId: crypto.randomUUID(), status: 'major_outage' },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: 'invalid', fieldErrors: { components: ['unknown_component'] } });
    await expect(
      openIncident({ ctx: operatorAt(400), input: { title: '', severity: 'bad' as never, body: '' } }),
    ).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { title: ['required'], severity: ['invalid_choice'], body: ['required'] },
    });
    await expect(
      openIncident({ ctx: operatorAt(400), input: { title: 't', severity: 'minor', body: 'b', detectedAt: at(500) } }),
    ).rejects.toMatchObject({
      fieldErrors: { detectedAt: ['in_future'] },
    });
    await expect(
      setSlaExclusion({
        ctx: operatorAt(400),
        input: { incidentId: crypto.randomUUID(), excluded: true, kind: 'third_party', reason: ' ' },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { reason: ['reason_required'] },
    });
    await expect(
      postIncidentUpdate({ ctx: operatorAt(400), input: { incidentId: crypto.randomUUID(), status: 'identified', body: 'x' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await tableCounts()).toEqual(before);
    expect(await statusOf(api.id)).toBe(statusBefore);
  });

  it('a postmortem waits for the resolution', async () => {
    const { id } = await openIncident({ ctx: operatorAt(500), input: { title: 'pm', severity: 'minor', body: 'b' } });
    await expect(savePostmortem({ ctx: operatorAt(501), input: { incidentId: id, postmortem: 'x' } })).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'incident_not_resolved',
    });
  });
});
