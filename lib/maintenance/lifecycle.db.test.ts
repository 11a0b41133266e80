import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, isNull, like } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import {
  auditLog,
  components,
  componentStatusChanges,
  deliveries,
  devMailbox,
  evidence,
  maintenanceComponents,
  users,
} from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import {
  contextAt,
  jst,
  maintenanceFixture,
  maintenanceRow,
  minutes,
  noticesFor,
  validFields,
} from '../../test/maintenance-fixtures';
import { slaPolicySchema } from '../sla/policy';
import { marketingPolicy } from '../sla/templates';
import { checkMaintenance } from '../sla/maintenance-checks';
import { computeUptime } from '../sla/uptime';
import { monthPeriod } from '../sla/month';
import { shapeMaintenances } from '../public/read/maintenances';
import { setComponentStatuses } from '../services/components/set-statuses';
import { scheduleMaintenance } from '../services/maintenances/schedule';
import { completeMaintenance } from '../services/maintenances/complete';
import { parsePayload } from '../notices/payload';
import type { MessageType } from '../notices/message-types';
import { runMaintenanceTick } from '../services/maintenances/tick';
import { fanOutAll } from '../notify/fan-out';
import { getSlaReport } from '../services/sla-reports/sla-report';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// Friday 22:00 – Saturday 02:00 JST: inside the marketing policy's weekend window, 240 minutes.
const start = jst('2026-12-04T22:00:00');
const end = jst('2026-12-05T02:00:00');
const announced = jst('2026-11-14T10:00:00');
// Auto-completion is off unless a policy allows it (issue 14): the on-schedule cases say so.
const autoPolicy = slaPolicySchema.parse({
  ...marketingPolicy,
  maintenance: { ...marketingPolicy.maintenance, autoComplete: true },
});

async function tickTwiceConcurrently(at: Date) {
  const [a, b] = await Promise.all([runMaintenanceTick(handle.db, at), runMaintenanceTick(handle.db, at)]);
  return {
    started: [...a.started, ...b.started],
    completed: [...a.completed, ...b.completed],
    overrunAlerted: [...a.overrunAlerted, ...b.overrunAlerted],
    reminders: [...a.reminders, ...b.reminders],
  };
}

async function openPeriod(componentId: string) {
  const [row] = await handle.db
    .select()
    .from(componentStatusChanges)
    .where(and(eq(componentStatusChanges.componentId, componentId), isNull(componentStatusChanges.to)));
  return row;
}

describe('maintenance lifecycle on a fake clock', () => {
  it('announces, reminds 7 days and 1 day before once each, starts and completes on schedule', async () => {
    const db = handle.db;
    const fx = await maintenanceFixture(db, autoPolicy);
    const scope = [fx.components.console.id, fx.components.mail.id];
    const { maintenance, check } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, announced),
      input: validFields(scope, start, end),
    });
    expect(maintenance).toMatchObject({
      status: 'scheduled',
      sequence: 0,
      lateNotice: false,
      outOfWindow: false,
      autoComplete: true,
      announcedAt: announced,
    });
    expect(check.services[0]).toMatchObject({ noticeDays: 20, insideWindow: true });

    const id = maintenance.id;
    const remindersOf = (r: { reminders: { maintenanceId: string; offsetMinutes: number }[] }) =>
      r.reminders.filter((x) => x.maintenanceId === id).map((x) => x.offsetMinutes);
    expect(remindersOf(await runMaintenanceTick(db, new Date(start.getTime() - minutes(8 * 1440))))).toEqual([]);
    const sevenDays = new Date(start.getTime() - minutes(7 * 1440) + minutes(1));
    expect(remindersOf(await runMaintenanceTick(db, sevenDays))).toEqual([10080]);
    expect(remindersOf(await runMaintenanceTick(db, sevenDays))).toEqual([]);
    expect(remindersOf(await tickTwiceConcurrently(new Date(sevenDays.getTime() + minutes(30))))).toEqual([]);
    expect(remindersOf(await tickTwiceConcurrently(new Date(start.getTime() - minutes(1440) + minutes(5))))).toEqual([1440]);
    expect(remindersOf(await tickTwiceConcurrently(new Date(start.getTime() - minutes(1))))).toEqual([]);

    const startTick = await tickTwiceConcurrently(new Date(start.getTime() + minutes(1)));
    expect(startTick.started.filter((x) => x === id)).toHaveLength(1);
    expect(await maintenanceRow(db, id)).toMatchObject({ status: 'in_progress', actualStart: start });
    for (const c of scope) {
      expect(await openPeriod(c)).toMatchObject({
        status: 'under_maintenance',
        from: start,
        source: 'maintenance',
        maintenanceId: id,
      });
    }
    expect((await openPeriod(fx.components.forms.id)).status).toBe('operational');

    const endTick = await tickTwiceConcurrently(new Date(end.getTime() + minutes(1)));
    expect(endTick.completed.filter((x) => x === id)).toHaveLength(1);
    expect(await maintenanceRow(db, id)).toMatchObject({ status: 'completed', actualEnd: end });
    for (const c of scope) expect(await openPeriod(c)).toMatchObject({ status: 'operational', from: end, source: 'maintenance' });
    await runMaintenanceTick(db, new Date(end.getTime() + minutes(60)));

    const notices = await noticesFor(db, id);
    expect(notices.map((n) => n.type)).toEqual([
      'maintenance_announced',
      'maintenance_reminder',
      'maintenance_reminder',
      'maintenance_started',
      'maintenance_completed',
    ]);
    expect(notices[1].dedupeKey).toBe(`maintenance:${id}:reminder:7d:${announced.toISOString()}`);
    expect(notices[2].payload).toMatchObject({
      maintenanceId: id,
      reminder: { offsetMinutes: 1440, label: '1d' },
      title: { ja: 'データベース基盤の更新', en: 'Database upgrade' },
    });
    // The dispatcher's templates read these snapshots: each must satisfy its payload schema.
    for (const n of notices) expect(() => parsePayload(n.type as MessageType, n.payload)).not.toThrow();
    await fanOutAll(db);
    const delivered = await db.select().from(deliveries).where(eq(deliveries.subscriberId, fx.subscriber.id));
    expect(delivered).toHaveLength(5);

    const audit = await db
      .select({ action: auditLog.action, actor: auditLog.actorLabel })
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .orderBy(asc(auditLog.id));
    expect(audit).toEqual([
      { action: 'maintenance.schedule', actor: `user:${fx.operator.email}` },
      { action: 'maintenance.start', actor: 'system:maintenance-scheduler' },
      { action: 'maintenance.complete', actor: 'system:maintenance-scheduler' },
    ]);
    const posts = await db.select({ content: evidence.content }).from(evidence).where(eq(evidence.kind, 'maintenance_post'));
    expect(posts.filter((p) => p.content.maintenanceId === id).map((p) => p.content.post)).toEqual([
      'announced',
      'started',
      'completed',
    ]);
  });

  it('leaves a component an incident changed during the work in its incident status', async () => {
    const db = handle.db;
    const fx = await maintenanceFixture(db, autoPolicy);
    const scope = [fx.components.console.id, fx.components.mail.id];
    const s = jst('2026-12-11T22:00:00');
    const e = jst('2026-12-12T01:00:00');
    const { maintenance } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-11-20T10:00:00')),
      input: validFields(scope, s, e),
    });
    await runMaintenanceTick(db, new Date(s.getTime() + minutes(1)));
    await db.transaction((tx) =>
      setComponentStatuses(tx, {
        pageId: fx.page.id,
        changes: [{ componentId: fx.components.mail.id, status: 'major_outage' }],
        at: new Date(s.getTime() + minutes(30)),
        source: 'incident',
      }),
    );
    await runMaintenanceTick(db, new Date(e.getTime() + minutes(1)));
    expect((await maintenanceRow(db, maintenance.id)).status).toBe('completed');
    const statuses = await db
      .select({ id: components.id, status: components.status })
      .from(components)
      .where(inArray(components.id, scope));
    expect(Object.fromEntries(statuses.map((c) => [c.id, c.status]))).toEqual({
      [fx.components.console.id]: 'operational',
      [fx.components.mail.id]: 'major_outage',
    });
  });

  it('with the default policy, an overrun stays open: alerts admins and operators once, shows it, and counts the minutes past the end as downtime', async () => {
    const db = handle.db;
    const fx = await maintenanceFixture(db, marketingPolicy);
    const scope = [fx.components.console.id];
    const s = jst('2026-12-18T22:00:00');
    const e = jst('2026-12-19T01:00:00');
    const { maintenance } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-11-27T10:00:00')),
      input: validFields(scope, s, e),
    });
    expect(maintenance.autoComplete).toBe(false);
    await runMaintenanceTick(db, new Date(s.getTime() + minutes(1)));

    const admins = await db
      .select({ email: users.email })
      .from(users)
      .where(and(inArray(users.role, ['admin', 'operator']), isNull(users.disabledAt)));
    const alertMails = () =>
      db
        .select()
        .from(devMailbox)
        .where(like(devMailbox.text, `%/admin/maintenance/${maintenance.id}%`));
    const first = await tickTwiceConcurrently(new Date(e.getTime() + minutes(5)));
    expect(first.overrunAlerted.filter((x) => x === maintenance.id)).toHaveLength(1);
    await runMaintenanceTick(db, new Date(e.getTime() + minutes(10)));
    const mails = await alertMails();
    expect(mails.map((m) => m.to).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(mails[0].subject).toContain('データベース基盤の更新');
    expect(mails[0].text).toContain('5 分');

    const running = await maintenanceRow(db, maintenance.id);
    expect(running).toMatchObject({ status: 'in_progress', overrunAlertedAt: new Date(e.getTime() + minutes(5)) });
    const [shown] = await shapeMaintenances(db, [running], 'ja', new Date(e.getTime() + minutes(10)));
    expect(shown.overrunning).toBe(true);
    // While it overruns, the report already counts the time past the end as downtime.
    const midway = await getSlaReport({
      ctx: contextAt(db, fx.viewer, new Date(e.getTime() + minutes(60))),
      input: { serviceId: fx.service.id, month: '2026-12' },
    });
    expect(midway.report.components.find((c) => c.componentId === fx.components.console.id)).toMatchObject({
      excludedMinutes: 180,
      downtimeMinutes: 60,
    });

    await completeMaintenance({
      ctx: contextAt(db, fx.operator, new Date(e.getTime() + minutes(30))),
      input: { id: maintenance.id },
    });
    const done = await maintenanceRow(db, maintenance.id);
    expect(done).toMatchObject({ status: 'completed', actualEnd: new Date(e.getTime() + minutes(30)) });
    expect((await openPeriod(fx.components.console.id)).status).toBe('operational');

    // SLA: 180 announced minutes are excluded, the 30 past the end are downtime.
    const sla = { ...done, componentIds: scope };
    expect(
      checkMaintenance(sla, marketingPolicy, new Map([[fx.components.console.id, 'client']]), jst('2027-01-01T00:00:00'))
        .overrunMinutes,
    ).toBe(30);
    const intervals = await db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, fx.components.console.id));
    const uptime = computeUptime({
      policy: marketingPolicy,
      period: monthPeriod('2026-12', 'Asia/Tokyo'),
      asOf: jst('2027-01-01T00:00:00'),
      components: [{ id: fx.components.console.id, name: '管理画面', functionGroup: 'client' }],
      statusIntervals: intervals,
      maintenances: [sla],
      incidents: [],
    });
    expect(uptime.components[0]).toMatchObject({ excludedMinutes: 180, downtimeMinutes: 30 });
  });

  it('catches up after the workers were down through the whole window: starts and completes on the schedule times', async () => {
    const db = handle.db;
    const fx = await maintenanceFixture(db, autoPolicy);
    const s = jst('2026-12-25T23:00:00');
    const e = jst('2026-12-26T01:00:00');
    const { maintenance } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-12-01T10:00:00')),
      input: validFields([fx.components.forms.id], s, e),
    });
    const report = await runMaintenanceTick(db, new Date(e.getTime() + minutes(120)));
    expect(report.started).toContain(maintenance.id);
    expect(report.completed).toContain(maintenance.id);
    expect(await maintenanceRow(db, maintenance.id)).toMatchObject({ status: 'completed', actualStart: s, actualEnd: e });
    const periods = await db
      .select({ status: componentStatusChanges.status, from: componentStatusChanges.from, to: componentStatusChanges.to })
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, fx.components.forms.id))
      .orderBy(asc(componentStatusChanges.id));
    expect(periods.slice(-2)).toEqual([
      { status: 'under_maintenance', from: s, to: e },
      { status: 'operational', from: e, to: null },
    ]);
    // Both went out in the same tick (same created_at), so compare as a set.
    expect((await noticesFor(db, maintenance.id)).map((n) => n.type).sort()).toEqual([
      'maintenance_announced',
      'maintenance_completed',
      'maintenance_started',
    ]);
  });

  it('flags late notice and an out-of-window plan, and sends only the reminders still ahead', async () => {
    const db = handle.db;
    const fx = await maintenanceFixture(db, marketingPolicy);
    // Announced Sunday 2027-01-03 for Wednesday 2027-01-06 10:00 JST: 3 days' notice, on a weekday morning.
    const s = jst('2027-01-06T10:00:00');
    const e = jst('2027-01-06T11:00:00');
    const { maintenance, check } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2027-01-03T12:00:00')),
      input: validFields([fx.components.mail.id], s, e),
    });
    expect(maintenance).toMatchObject({ lateNotice: true, outOfWindow: true });
    expect(check.services[0]).toMatchObject({ noticeDays: 3, requiredNoticeDays: 14, lateNotice: true, insideWindow: false });
    await runMaintenanceTick(db, jst('2027-01-04T12:00:00'));
    await runMaintenanceTick(db, jst('2027-01-05T10:30:00'));
    const reminders = (await noticesFor(db, maintenance.id)).filter((n) => n.type === 'maintenance_reminder');
    expect(reminders.map((r) => (r.payload as { reminder: { label: string } }).reminder.label)).toEqual(['1d']);
    const scoped = await db.select().from(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, maintenance.id));
    expect(scoped.map((r) => r.componentId)).toEqual([fx.components.mail.id]);
  });
});
