import { describe, expect, it } from 'vitest';
import { marketingPolicy } from '../sla/templates';
import { describePlanCheck, describeWindow } from './describe-check';
import { cancelForm, maintenanceForm, maintenanceInputFromForm, transitionForm } from './form';
import { checkPlan } from './rules';

describe('scheduling form → service input', () => {
  it('reads wall-clock times in the page zone and leaves bad ones for the service to report', () => {
    const values = maintenanceForm.parse({
      title: 'DB',
      scheduledStart: '2026-12-04T22:00',
      scheduledEnd: '2026-12-05T26:00',
      expectedDowntimeMinutes: '',
      componentIds: ['a'],
    });
    expect(maintenanceInputFromForm(values, 'Asia/Tokyo')).toMatchObject({
      title: 'DB',
      scheduledStart: '2026-12-04T13:00:00.000Z',
      scheduledEnd: 'invalid',
      expectedDowntimeMinutes: undefined,
      componentIds: ['a'],
    });
  });

  it('names the text fields of the start, complete and cancel forms apart, and asks to confirm a cancel', () => {
    expect(transitionForm.parse({ id: 'x', note: 'early' })).toEqual({ id: 'x', body: 'early', bodyEn: '' });
    expect(cancelForm.safeParse({ id: 'x', reason: 'r' }).error?.issues[0]).toMatchObject({
      path: ['confirm'],
      message: 'confirm_required',
    });
    expect(cancelForm.parse({ id: 'x', reason: 'r', confirm: 'on' })).toEqual({ id: 'x', body: 'r', bodyEn: '' });
  });
});

describe('plan check sentences', () => {
  const jst = (local: string) => new Date(`${local}+09:00`);
  const scope = {
    serviceId: 'ma',
    serviceName: { ja: 'マーケティング', en: 'Marketing' },
    policy: marketingPolicy,
    isFallback: false,
    componentIds: ['forms'],
    groupOf: new Map([['forms', 'consumer']]),
  };

  it('warns in the operator language that late notice counts as downtime', () => {
    const check = checkPlan(
      { start: jst('2026-12-09T10:00:00'), end: jst('2026-12-09T15:00:00'), announcedAt: jst('2026-12-01T10:00:00') },
      [scope],
    );
    const [ja] = describePlanCheck(check, 'ja');
    expect(ja.heading).toBe('マーケティング');
    expect(ja.lines.map((l) => l.tone)).toEqual(['warn', 'warn', 'warn']);
    expect(ja.lines[0].text).toContain('停止時間として計上されます');
    const [en] = describePlanCheck(check, 'en');
    expect(en.lines[0].text).toBe('Notice: 8 days ahead (required: 14) — too short: this maintenance will count as downtime.');
    expect(en.lines[2].text).toBe('Consumer functions: 300 min — over the maximum of 240 min.');
    expect(describeWindow(marketingPolicy.maintenance.preferredWindows[0], 'en')).toBe('Friday 21:00 – Monday 03:00');
  });
});
