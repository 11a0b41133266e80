import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { auditLog, maintenances, maintenanceUpdates } from '../../../db/schema';
import { createTestDatabase } from '../../../test/db';
import {
  contextAt,
  jst,
  maintenanceFixture,
  maintenanceRow,
  minutes,
  noticesFor,
  validFields,
} from '../../../test/maintenance-fixtures';
import { ServiceError } from '../../errors';
import { marketingPolicy } from '../../sla/templates';
import { runMaintenanceTick } from './tick';
import { scheduleMaintenance } from './schedule';
import { editMaintenance } from './edit';
import { cancelMaintenance } from './cancel';
import { postMaintenanceUpdate } from './post-update';
import { startMaintenance } from './start';
import { completeMaintenance } from './complete';

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof maintenanceFixture>>;
beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await maintenanceFixture(handle.db, marketingPolicy);
});
afterAll(() => handle.close());

const start = jst('2026-12-04T22:00:00');
const end = jst('2026-12-05T02:00:00');
const announced = jst('2026-11-14T10:00:00');

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

const maintenanceCount = async () => (await handle.db.select({ n: count() }).from(maintenances))[0].n;

describe('maintenance services', () => {
  it('refuses a viewer and bad input, writing nothing', async () => {
    const db = handle.db;
    const fields = validFields([fx.components.console.id], start, end);
    const before = await maintenanceCount();
    expect((await rejection(scheduleMaintenance({ ctx: contextAt(db, fx.viewer, announced), input: fields }))).code).toBe(
      'forbidden',
    );

    const invalid = await rejection(
      scheduleMaintenance({
        ctx: contextAt(db, fx.operator, announced),
        input: { ...fields, title: '  ', scheduledEnd: fields.scheduledStart, componentIds: [], expectedDowntimeMinutes: -1 },
      }),
    );
    expect(invalid.code).toBe('invalid');
    expect(invalid.fieldErrors).toEqual({
      title: ['required'],
      expectedDowntimeMinutes: ['invalid_minutes'],
      componentIds: ['scope_required'],
      scheduledEnd: ['end_before_start'],
    });
    const longDowntime = await rejection(
      scheduleMaintenance({ ctx: contextAt(db, fx.operator, announced), input: { ...fields, expectedDowntimeMinutes: 500 } }),
    );
    expect(longDowntime.fieldErrors).toEqual({ expectedDowntimeMinutes: ['downtime_longer_than_window'] });
    const unknown = await rejection(
      scheduleMaintenance({
        ctx: contextAt(db, fx.operator, announced),
        input: { ...fields, componentIds: ['00000000-0000-4000-8000-000000000000'] },
      }),
    );
    expect(unknown.fieldErrors).toEqual({ componentIds: ['unknown_component'] });
    const past = await rejection(
      scheduleMaintenance({ ctx: contextAt(db, fx.operator, jst('2026-12-06T00:00:00')), input: fields }),
    );
    expect(past.fieldErrors).toEqual({ scheduledEnd: ['end_in_past'] });
    expect(
      (
        await rejection(
          scheduleMaintenance({
            ctx: contextAt(db, fx.operator, announced),
            input: { ...fields, scheduledStart: 'next friday' },
          }),
        )
      ).fieldErrors,
    ).toEqual({
      scheduledStart: ['invalid_time'],
    });
    expect(await maintenanceCount()).toBe(before);
    expect(
      (await rejection(editMaintenance({ ctx: contextAt(db, fx.operator, announced), input: { ...fields, id: 'nope' } }))).code,
    ).toBe('not_found');
  });

  it('edits: nothing changed → no notice; text → SEQUENCE 1; new times → SEQUENCE 2 and notice counted from the edit', async () => {
    const db = handle.db;
    const scope = [fx.components.console.id];
    const fields = validFields(scope, start, end);
    const { maintenance } = await scheduleMaintenance({ ctx: contextAt(db, fx.operator, announced), input: fields });
    const id = maintenance.id;

    const same = await editMaintenance({ ctx: contextAt(db, fx.operator, jst('2026-11-15T10:00:00')), input: { ...fields, id } });
    expect(same.changed).toBe(false);
    expect((await maintenanceRow(db, id)).sequence).toBe(0);

    const viewerEdit = await rejection(
      editMaintenance({ ctx: contextAt(db, fx.viewer, jst('2026-11-15T10:00:00')), input: { ...fields, id, title: '変更' } }),
    );
    expect(viewerEdit.code).toBe('forbidden');

    const text = await editMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-11-16T10:00:00')),
      input: { ...fields, id, title: 'DB基盤の更新（手順変更）' },
    });
    expect(text.maintenance).toMatchObject({
      sequence: 1,
      title: 'DB基盤の更新（手順変更）',
      announcedAt: announced,
      lateNotice: false,
    });

    // Postponed by one week, 9 days ahead: customers learn the new times now, below 14 days.
    const editedAt = jst('2026-12-02T09:00:00');
    const moved = await editMaintenance({
      ctx: contextAt(db, fx.operator, editedAt),
      input: {
        ...validFields([fx.components.console.id, fx.components.mail.id], jst('2026-12-11T22:00:00'), jst('2026-12-12T02:00:00')),
        id,
        title: 'DB基盤の更新（手順変更）',
      },
    });
    expect(moved.maintenance).toMatchObject({ sequence: 2, announcedAt: editedAt, lateNotice: true, outOfWindow: false });

    const notices = await noticesFor(db, id);
    expect(notices.map((n) => [n.type, n.dedupeKey])).toEqual([
      ['maintenance_announced', `maintenance:${id}:announced`],
      ['maintenance_changed', `maintenance:${id}:changed:1`],
      ['maintenance_changed', `maintenance:${id}:changed:2`],
    ]);
    expect(notices[2].payload).toMatchObject({ sequence: 2, scheduledStart: jst('2026-12-11T22:00:00').toISOString() });

    // The reminders restart from the new announcement: the 7-day one was due before the edit.
    const report = await runMaintenanceTick(db, jst('2026-12-10T22:30:00'));
    expect(report.reminders).toEqual([{ maintenanceId: id, offsetMinutes: 1440 }]);
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(['maintenance.schedule', 'maintenance.edit', 'maintenance.edit']);
  });

  it('cancels once with STATUS cancelled and SEQUENCE up; the scheduler then leaves it alone', async () => {
    const db = handle.db;
    const s = jst('2027-01-08T22:00:00');
    const e = jst('2027-01-08T23:00:00');
    const { maintenance } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-12-20T10:00:00')),
      input: validFields([fx.components.forms.id], s, e),
    });
    const cancelled = await cancelMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-12-21T10:00:00')),
      input: { id: maintenance.id },
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1, cancelledAt: jst('2026-12-21T10:00:00') });
    expect(
      (
        await rejection(
          cancelMaintenance({ ctx: contextAt(db, fx.operator, jst('2026-12-21T11:00:00')), input: { id: maintenance.id } }),
        )
      ).messageKey,
    ).toBe('maintenance_closed');
    const edit = editMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-12-21T11:00:00')),
      input: { ...validFields([fx.components.forms.id], s, e), id: maintenance.id },
    });
    expect((await rejection(edit)).messageKey).toBe('maintenance_closed');
    const report = await runMaintenanceTick(db, new Date(s.getTime() + minutes(5)));
    expect(report.started).not.toContain(maintenance.id);
    expect((await noticesFor(db, maintenance.id)).map((n) => n.type)).toEqual(['maintenance_announced', 'maintenance_cancelled']);
    const [post] = await db.select().from(maintenanceUpdates).where(eq(maintenanceUpdates.maintenanceId, maintenance.id));
    expect(post).toMatchObject({
      status: 'cancelled',
      body: 'このメンテナンスは中止になりました。',
      bodyEn: 'This maintenance has been cancelled.',
    });
  });

  it('starts early, takes updates, refuses time changes while running, and completes early', async () => {
    const db = handle.db;
    const s = jst('2027-01-15T22:00:00');
    const e = jst('2027-01-16T02:00:00');
    const fields = validFields([fx.components.mail.id], s, e);
    const { maintenance } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-12-25T10:00:00')),
      input: fields,
    });
    const id = maintenance.id;
    const early = new Date(s.getTime() - minutes(15));
    const started = await startMaintenance({
      ctx: contextAt(db, fx.operator, early),
      input: { id, body: '準備が整ったため前倒しで開始します。' },
    });
    expect(started).toMatchObject({ status: 'in_progress', actualStart: early });
    expect((await rejection(startMaintenance({ ctx: contextAt(db, fx.operator, early), input: { id } }))).messageKey).toBe(
      'maintenance_not_scheduled',
    );
    expect((await rejection(cancelMaintenance({ ctx: contextAt(db, fx.operator, early), input: { id } }))).messageKey).toBe(
      'maintenance_cancel_running',
    );
    const longer = editMaintenance({
      ctx: contextAt(db, fx.operator, s),
      input: { ...fields, id, scheduledEnd: new Date(e.getTime() + minutes(60)).toISOString() },
    });
    expect((await rejection(longer)).messageKey).toBe('maintenance_running_times_fixed');
    const texts = await editMaintenance({
      ctx: contextAt(db, fx.operator, s),
      input: { ...fields, id, body: '作業手順を更新しました。' },
    });
    expect(texts.maintenance.sequence).toBe(1);

    await postMaintenanceUpdate({
      ctx: contextAt(db, fx.operator, new Date(s.getTime() + minutes(30))),
      input: { id, body: '切り替えが完了しました。', bodyEn: 'Switch-over done.' },
    });
    const emptyPost = await rejection(postMaintenanceUpdate({ ctx: contextAt(db, fx.operator, s), input: { id, body: '' } }));
    expect(emptyPost.fieldErrors).toEqual({ body: ['required'] });
    const viewerPost = await rejection(postMaintenanceUpdate({ ctx: contextAt(db, fx.viewer, s), input: { id, body: 'x' } }));
    expect(viewerPost.code).toBe('forbidden');

    const finished = new Date(s.getTime() + minutes(90));
    const completed = await completeMaintenance({ ctx: contextAt(db, fx.operator, finished), input: { id } });
    expect(completed).toMatchObject({ status: 'completed', actualStart: early, actualEnd: finished });
    const posts = await db.select().from(maintenanceUpdates).where(eq(maintenanceUpdates.maintenanceId, id));
    expect(posts.map((p) => [p.status, p.body])).toEqual([
      ['in_progress', '準備が整ったため前倒しで開始します。'],
      ['in_progress', '切り替えが完了しました。'],
      ['completed', 'メンテナンスが完了しました。'],
    ]);
    expect(posts.every((p) => p.authorId === fx.operator.userId)).toBe(true);
    expect((await noticesFor(db, id)).map((n) => n.type)).toEqual([
      'maintenance_announced',
      'maintenance_started',
      'maintenance_changed',
      'maintenance_completed',
    ]);
  });
});
