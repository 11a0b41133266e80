import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { DatabaseHandle } from '../../../db/client';
import { createTestDatabase } from '../../../test/db';
import { contextAt, jst, maintenanceFixture, validFields } from '../../../test/maintenance-fixtures';
import { marketingPolicy } from '../../sla/templates';
import { scheduleMaintenance } from '../../services/maintenances/schedule';
import { editMaintenance } from '../../services/maintenances/edit';
import { cancelMaintenance } from '../../services/maintenances/cancel';
import { loadMaintenanceFeed } from './maintenance-ical';

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof maintenanceFixture>>;
beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await maintenanceFixture(handle.db, marketingPolicy);
});
afterAll(() => handle.close());

const origin = 'http://127.0.0.1:3100';

/** Parses the feed back with ical.js: every field read from the text, not from our objects. */
async function parsedFeed(componentId: string | null = null) {
  const feed = await loadMaintenanceFeed(handle.db, { componentId, fallbackOrigin: origin, now: jst('2026-11-20T00:00:00') });
  expect(feed).not.toBeNull();
  const calendar = new ICAL.Component(ICAL.parse(feed!.ics));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const utc = (name: string) => {
      const time = vevent.getFirstPropertyValue(name) as ICAL.Time;
      return { iso: time.toJSDate().toISOString(), utc: time.zone === ICAL.Timezone.utcTimezone };
    };
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      start: utc('dtstart'),
      end: utc('dtend'),
      stamp: utc('dtstamp'),
      url: vevent.getFirstPropertyValue('url'),
    };
  });
  return { raw: feed!.ics, calendar, events };
}

describe('maintenance iCal feed', () => {
  it('round-trips through ical.js field by field, then after an edit and a cancel', async () => {
    const db = handle.db;
    const start = jst('2026-12-04T22:00:00');
    const end = jst('2026-12-05T02:00:00');
    const scheduledAt = jst('2026-11-14T10:00:00');
    const { maintenance } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, scheduledAt),
      input: validFields([fx.components.console.id, fx.components.mail.id], start, end),
    });

    const first = await parsedFeed();
    expect(first.calendar.getFirstPropertyValue('prodid')).toBe('-//Shirase//Maintenance//JA');
    expect(first.calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(first.calendar.getFirstPropertyValue('x-wr-calname')).toBe('テスト メンテナンス');
    expect(first.events).toHaveLength(1);
    const [event] = first.events;
    expect(event).toMatchObject({
      uid: `${maintenance.id}@shirase`,
      summary: 'データベース基盤の更新',
      sequence: 0,
      status: 'CONFIRMED',
      start: { iso: '2026-12-04T13:00:00.000Z', utc: true },
      end: { iso: '2026-12-04T17:00:00.000Z', utc: true },
      stamp: { iso: scheduledAt.toISOString(), utc: true },
      url: `${origin}/maintenance/${maintenance.id}`,
    });
    expect(first.raw).toContain('DTSTART:20261204T130000Z');
    expect(event.description).toBe(
      [
        '管理画面とメール配信が停止します。',
        '',
        '対象: 管理画面、メール配信',
        '停止見込み: 60 分',
        '状態: 予定',
        `詳細: ${origin}/maintenance/${maintenance.id}`,
      ].join('\n'),
    );

    const editedAt = jst('2026-11-15T09:00:00');
    await editMaintenance({
      ctx: contextAt(db, fx.operator, editedAt),
      input: {
        ...validFields([fx.components.console.id], jst('2026-12-04T23:00:00'), end),
        id: maintenance.id,
        title: 'DB基盤の更新（短縮）',
      },
    });
    const [edited] = (await parsedFeed()).events;
    expect(edited).toMatchObject({
      uid: event.uid,
      summary: 'DB基盤の更新（短縮）',
      sequence: 1,
      status: 'CONFIRMED',
      start: { iso: '2026-12-04T14:00:00.000Z', utc: true },
      stamp: { iso: editedAt.toISOString(), utc: true },
    });
    expect(edited.description).toContain('対象: 管理画面\n');

    const cancelledAt = jst('2026-11-16T09:00:00');
    await cancelMaintenance({ ctx: contextAt(db, fx.operator, cancelledAt), input: { id: maintenance.id } });
    const [cancelled] = (await parsedFeed()).events;
    expect(cancelled).toMatchObject({
      uid: event.uid,
      sequence: 2,
      status: 'CANCELLED',
      stamp: { iso: cancelledAt.toISOString(), utc: true },
    });
    expect(cancelled.description).toContain('状態: 中止');
  });

  it('filters by component and refuses unknown or malformed component ids', async () => {
    const db = handle.db;
    const { maintenance } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-11-20T10:00:00')),
      input: validFields([fx.components.forms.id], jst('2026-12-11T22:00:00'), jst('2026-12-11T23:00:00')),
    });
    const forForms = await parsedFeed(fx.components.forms.id);
    expect(forForms.events.map((e) => e.uid)).toEqual([`${maintenance.id}@shirase`]);
    expect(forForms.calendar.getFirstPropertyValue('x-wr-calname')).toBe('テスト メンテナンス（Webフォーム）');
    const forMail = await parsedFeed(fx.components.mail.id);
    expect(forMail.events.map((e) => e.uid)).not.toContain(`${maintenance.id}@shirase`);
    const all = await parsedFeed();
    expect(all.events.map((e) => e.uid)).toContain(`${maintenance.id}@shirase`);
    for (const bad of [
      '00000000-0000-4000-8000-000000000000',
      "'; drop table maintenances; --",
      '-'.repeat(36),
      'a'.repeat(36),
      '0123456789abcdef0123456789abcdef0123',
    ]) {
      expect(await loadMaintenanceFeed(db, { componentId: bad, fallbackOrigin: origin, now: new Date() })).toBeNull();
    }
  });
});
