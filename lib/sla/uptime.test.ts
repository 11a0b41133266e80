import { describe, expect, it } from 'vitest';
import { slaPolicySchema, type SlaPolicy } from './policy';
import { callCenterPolicy, marketingPolicy } from './templates';
import { computeUptime, type UptimeInput } from './uptime';
import { monthPeriod } from './month';
import type { SlaComponent, SlaIncident, SlaMaintenance, StatusInterval } from './inputs';
import type { ComponentStatus } from '../domain/statuses';

const jst = (local: string) => new Date(`${local}:00+09:00`);
const OCTOBER = 31 * 24 * 60; // 44,640 minutes

const calling: SlaComponent = { id: 'calling', name: '発信・着信', functionGroup: 'calling' };
const web: SlaComponent = { id: 'web', name: '管理画面', functionGroup: 'web' };
const client: SlaComponent = { id: 'client', name: 'Web application', functionGroup: 'client' };
const webForm: SlaComponent = { id: 'web-form', name: 'WEB form', functionGroup: 'consumer' };
const clickCount: SlaComponent = { id: 'click-count', name: 'Click count', functionGroup: 'consumer' };

const down = (
  componentId: string,
  from: string,
  to: string | null,
  status: ComponentStatus = 'major_outage',
): StatusInterval => ({
  componentId,
  status,
  from: jst(from),
  to: to === null ? null : jst(to),
});

const maintenance = (
  over: Partial<SlaMaintenance> & Pick<SlaMaintenance, 'scheduledStart' | 'scheduledEnd' | 'announcedAt'>,
): SlaMaintenance => ({
  id: 'mnt',
  title: '定期メンテナンス',
  actualStart: null,
  actualEnd: null,
  status: 'completed',
  componentIds: ['client'],
  ...over,
});

function uptime(policy: SlaPolicy, month: string, data: Partial<Omit<UptimeInput, 'policy' | 'period'>>) {
  const period = monthPeriod(month, policy.timeZone);
  return computeUptime({
    policy,
    period,
    asOf: period.end,
    components: [],
    statusIntervals: [],
    maintenances: [],
    incidents: [],
    ...data,
  });
}

describe('month boundaries in JST', () => {
  it('splits an outage spanning midnight at the end of October', () => {
    // Outage 10/31 23:30 → 11/01 01:00 JST (= 14:30Z → 16:00Z, all of it "October" in UTC).
    const data = { components: [calling, web], statusIntervals: [down('calling', '2026-10-31T23:30', '2026-11-01T01:00')] };
    const october = uptime(callCenterPolicy, '2026-10', data);
    // October: 30 min down of 44,640 → (44,640 − 30) / 44,640 × 100 = 99.932795…%
    expect(october.service.monthMinutes).toBe(44_640);
    expect(october.service.downtimeMinutes).toBe(30);
    expect(october.service.uptimePercent).toBeCloseTo(99.9327957, 6);
    const november = uptime(callCenterPolicy, '2026-11', data);
    // November: 30 days = 43,200 min; 60 min down → 43,140 / 43,200 × 100 = 99.861111…%
    expect(november.service.monthMinutes).toBe(43_200);
    expect(november.service.downtimeMinutes).toBe(60);
    expect(november.service.uptimePercent).toBeCloseTo(99.8611111, 6);
  });

  it('February of a leap year has 29 days', () => {
    // 2028-02: 29 × 24 × 60 = 41,760 min. Down 2/29 09:00–23:00 = 840 min.
    // (41,760 − 840) / 41,760 × 100 = 97.988505…% < 98% → target missed, credit due.
    const result = uptime(callCenterPolicy, '2028-02', {
      components: [calling],
      statusIntervals: [down('calling', '2028-02-29T09:00', '2028-02-29T23:00')],
    });
    expect(result.service.monthMinutes).toBe(41_760);
    expect(result.service.uptimePercent).toBeCloseTo(97.9885057, 6);
    expect(result.service.verdict).toBe('missed');
    expect(result.service.credit.due).toBe(true);
    expect(result.service.credit.tier?.belowPercent).toBe(98);
  });

  it('counts an open status row up to asOf only', () => {
    // Outage open since 10/31 23:00; asOf 23:40 → 40 min so far.
    const period = monthPeriod('2026-10', 'Asia/Tokyo');
    const result = computeUptime({
      policy: callCenterPolicy,
      period,
      asOf: jst('2026-10-31T23:40'),
      components: [calling],
      statusIntervals: [down('calling', '2026-10-31T23:00', null)],
      maintenances: [],
      incidents: [],
    });
    expect(result.service.downtimeMinutes).toBe(40);
  });
});

describe('maintenance', () => {
  // Marketing: 14 days' notice; Sat 10/17 01:00–05:00 JST sits in the Fri 21:00–Mon 03:00 window.
  const window = { scheduledStart: jst('2026-10-17T01:00'), scheduledEnd: jst('2026-10-17T05:00') };
  const statusRows = [down('client', '2026-10-17T01:00', '2026-10-17T05:00', 'under_maintenance')];

  it('announced 14 calendar days ahead is excluded', () => {
    // Announced 10/03 23:59 JST: 13 days 1 h by the clock, but 14 calendar days (2週間前までに).
    // Excluded 240 → service minutes 44,640 − 240 = 44,400; downtime 0 → 100%.
    const result = uptime(marketingPolicy, '2026-10', {
      components: [client],
      statusIntervals: statusRows,
      maintenances: [maintenance({ ...window, announcedAt: jst('2026-10-03T23:59') })],
    });
    const group = result.functionGroups.find((g) => g.key === 'client')!;
    expect(group.excludedMinutes).toBe(240);
    expect(group.serviceMinutes).toBe(44_400);
    expect(group.downtimeMinutes).toBe(0);
    expect(group.uptimePercent).toBe(100);
  });

  it('announced 13 days ahead counts as downtime', () => {
    // Announced 10/04 → 13 days < 14. Excluded 0; downtime 240.
    // (44,640 − 240) / 44,640 × 100 = 99.462365…% (still ≥ 99% → met)
    const result = uptime(marketingPolicy, '2026-10', {
      components: [client],
      statusIntervals: statusRows,
      maintenances: [maintenance({ ...window, announcedAt: jst('2026-10-04T09:00') })],
    });
    const group = result.functionGroups.find((g) => g.key === 'client')!;
    expect(group.excludedMinutes).toBe(0);
    expect(group.downtimeMinutes).toBe(240);
    expect(group.uptimePercent).toBeCloseTo(99.4623656, 6);
    expect(group.verdict).toBe('met');
  });

  it('an overrun of 30 minutes past the announced end is downtime, counted once', () => {
    // Announced 01:00–03:00, ran 01:00–03:30 (status row says under_maintenance for all of it).
    // Excluded 120; downtime 30 (overrun, from both the run and the status row, counted once).
    // Service minutes 44,640 − 120 = 44,520 → (44,520 − 30) / 44,520 × 100 = 99.932614…%
    const result = uptime(marketingPolicy, '2026-10', {
      components: [client],
      statusIntervals: [down('client', '2026-10-17T01:00', '2026-10-17T03:30', 'under_maintenance')],
      maintenances: [
        maintenance({
          scheduledStart: jst('2026-10-17T01:00'),
          scheduledEnd: jst('2026-10-17T03:00'),
          announcedAt: jst('2026-09-25T10:00'),
          actualStart: jst('2026-10-17T01:00'),
          actualEnd: jst('2026-10-17T03:30'),
        }),
      ],
    });
    const group = result.functionGroups.find((g) => g.key === 'client')!;
    expect(group.excludedMinutes).toBe(120);
    expect(group.downtimeMinutes).toBe(30);
    expect(group.uptimePercent).toBeCloseTo(99.9326146, 6);
  });

  it('an early start is downtime too', () => {
    // Announced 01:00–05:00, started 00:50: excluded 240, downtime 10.
    const result = uptime(marketingPolicy, '2026-10', {
      components: [client],
      maintenances: [maintenance({ ...window, announcedAt: jst('2026-09-25T10:00'), actualStart: jst('2026-10-17T00:50') })],
    });
    expect([result.service.excludedMinutes, result.service.downtimeMinutes]).toEqual([240, 10]);
  });

  it('only the functions that stop are excused; an outage elsewhere during maintenance still counts', () => {
    // Call centre: nightly maintenance 10/08 00:00–05:00 stops calling only (announced the day before).
    // Web is down 01:00–02:00 during it.
    //   calling: excluded 300, downtime 0 → 100%
    //   web:     excluded 0, downtime 60 → (44,640 − 60) / 44,640 = 99.865591…%
    //   service: down 60 (web), excluded 300 − 60 = 240 (calling stopped, nothing else down)
    //            → (44,400 − 60) / 44,400 × 100 = 99.864864…%
    const result = uptime(callCenterPolicy, '2026-10', {
      components: [calling, web],
      statusIntervals: [
        down('calling', '2026-10-08T00:00', '2026-10-08T05:00', 'under_maintenance'),
        down('web', '2026-10-08T01:00', '2026-10-08T02:00'),
      ],
      maintenances: [
        maintenance({
          scheduledStart: jst('2026-10-08T00:00'),
          scheduledEnd: jst('2026-10-08T05:00'),
          announcedAt: jst('2026-10-07T12:00'),
          componentIds: ['calling', 'web'],
        }),
      ],
    });
    const [callingGroup, webGroup] = result.functionGroups;
    expect([callingGroup.excludedMinutes, callingGroup.downtimeMinutes, callingGroup.uptimePercent]).toEqual([300, 0, 100]);
    expect([webGroup.excludedMinutes, webGroup.downtimeMinutes]).toEqual([0, 60]);
    expect(result.service.excludedMinutes).toBe(240);
    expect(result.service.downtimeMinutes).toBe(60);
    expect(result.service.uptimePercent).toBeCloseTo(99.8648649, 6);
  });

  it('components the policy keeps up are not down because maintenance marked them (issue 14: 99.3056 % → 100 %)', () => {
    // CTI, November (43,200 min): a maintenance 11/10 00:00–05:00 lists calling, console and API;
    // older releases put all three under maintenance. Only calling stops: its 300 minutes are
    // excluded; console and API were never down, so nothing counts: 100 % (was 99.3056 %).
    const api: SlaComponent = { id: 'api', name: 'API', functionGroup: 'web' };
    const marked = (id: string) => down(id, '2026-11-10T00:00', '2026-11-10T05:00', 'under_maintenance');
    const result = uptime(callCenterPolicy, '2026-11', {
      components: [calling, web, api],
      statusIntervals: [marked('calling'), marked('web'), marked('api')],
      maintenances: [
        maintenance({
          scheduledStart: jst('2026-11-10T00:00'),
          scheduledEnd: jst('2026-11-10T05:00'),
          announcedAt: jst('2026-11-09T12:00'),
          componentIds: ['calling', 'web', 'api'],
        }),
      ],
    });
    const [callingGroup, webGroup] = result.functionGroups;
    expect([callingGroup.excludedMinutes, callingGroup.downtimeMinutes]).toEqual([300, 0]);
    expect([webGroup.excludedMinutes, webGroup.downtimeMinutes, webGroup.uptimePercent]).toEqual([0, 0, 100]);
    expect([result.service.downtimeMinutes, result.service.uptimePercent]).toEqual([0, 100]);
  });

  it('a component kept up by policy still counts "under maintenance" outside any maintenance run', () => {
    const result = uptime(callCenterPolicy, '2026-11', {
      components: [web],
      statusIntervals: [down('web', '2026-11-10T06:00', '2026-11-10T07:00', 'under_maintenance')],
      maintenances: [
        maintenance({
          scheduledStart: jst('2026-11-10T00:00'),
          scheduledEnd: jst('2026-11-10T05:00'),
          announcedAt: jst('2026-11-09T12:00'),
          componentIds: ['web'],
        }),
      ],
    });
    expect(result.service.downtimeMinutes).toBe(60);
  });

  it('ignores cancelled maintenance', () => {
    const result = uptime(marketingPolicy, '2026-10', {
      components: [client],
      maintenances: [maintenance({ ...window, announcedAt: jst('2026-10-16T09:00'), status: 'cancelled' })],
    });
    expect(result.service.downtimeMinutes).toBe(0);
  });
});

describe('exclusions and function groups', () => {
  it('an excluded third-party incident removes its time', () => {
    // Calling down 10/05 10:00–13:00 (carrier outage, excluded) and 10/20 14:00–14:45 (ours).
    // Excluded 180 → service minutes 44,460; downtime 45 → 44,415 / 44,460 × 100 = 99.898785…%
    const carrier: SlaIncident = {
      id: 'inc-carrier',
      title: '通信キャリア障害',
      severity: 'emergency',
      startedAt: jst('2026-10-05T10:00'),
      detectedAt: jst('2026-10-05T10:05'),
      resolvedAt: jst('2026-10-05T13:00'),
      firstPublicPostAt: jst('2026-10-05T10:20'),
      slaExcluded: true,
      exclusionKind: 'third_party',
      exclusionReason: '通信キャリア側の回線障害',
      componentIds: ['calling'],
    };
    const result = uptime(callCenterPolicy, '2026-10', {
      components: [calling],
      statusIntervals: [
        down('calling', '2026-10-05T10:00', '2026-10-05T13:00'),
        down('calling', '2026-10-20T14:00', '2026-10-20T14:45'),
      ],
      incidents: [carrier],
    });
    expect(result.service.excludedMinutes).toBe(180);
    expect(result.service.serviceMinutes).toBe(44_460);
    expect(result.service.downtimeMinutes).toBe(45);
    expect(result.service.uptimePercent).toBeCloseTo(99.8987854, 6);
  });

  it('two function groups with different targets in one month', () => {
    // Client target 99.9 %, consumer 99 %.
    //   client: down 10/10 09:00–10:00 = 60 → 44,580 / 44,640 = 99.865591…% < 99.9 → missed
    //   consumer: web form 10/14 10:00–13:00, click count 12:00–14:00; union 10:00–14:00 = 240
    //             (not 180 + 120 = 300) → 44,400 / 44,640 = 99.462365…% ≥ 99 → met
    //   service: 60 + 240 = 300 → 44,340 / 44,640 = 99.327956…%
    const policy = slaPolicySchema.parse({
      ...marketingPolicy,
      functionGroups: marketingPolicy.functionGroups.map((g) => (g.key === 'client' ? { ...g, targetPercent: 99.9 } : g)),
    });
    const result = uptime(policy, '2026-10', {
      components: [client, webForm, clickCount],
      statusIntervals: [
        down('client', '2026-10-10T09:00', '2026-10-10T10:00'),
        down('web-form', '2026-10-14T10:00', '2026-10-14T13:00'),
        down('click-count', '2026-10-14T12:00', '2026-10-14T14:00'),
      ],
    });
    const [clientGroup, consumerGroup] = result.functionGroups;
    expect(clientGroup.downtimeMinutes).toBe(60);
    expect(clientGroup.uptimePercent).toBeCloseTo(99.8655914, 6);
    expect(clientGroup.verdict).toBe('missed');
    expect(consumerGroup.downtimeMinutes).toBe(240);
    expect(consumerGroup.uptimePercent).toBeCloseTo(99.4623656, 6);
    expect(consumerGroup.verdict).toBe('met');
    expect(consumerGroup.componentIds).toEqual(['web-form', 'click-count']);
    expect(result.service.downtimeMinutes).toBe(300);
    expect(result.service.uptimePercent).toBeCloseTo(99.327957, 6);
    expect(result.service.verdict).toBe('no_target');
  });

  it('weights partial outages and ignores statuses that are not downtime', () => {
    // Partial outage 120 min at weight 0.5 = 60; degraded performance 300 min = 0.
    const policy = slaPolicySchema.parse({
      ...marketingPolicy,
      functionGroups: marketingPolicy.functionGroups.map((g) => ({ ...g, partialOutageWeight: 0.5 })),
    });
    const result = uptime(policy, '2026-10', {
      components: [client],
      statusIntervals: [
        down('client', '2026-10-02T10:00', '2026-10-02T12:00', 'partial_outage'),
        down('client', '2026-10-03T10:00', '2026-10-03T15:00', 'degraded_performance'),
      ],
    });
    expect(result.components[0].downtimeMinutes).toBe(60);
  });

  it('never double counts overlapping rows for one component', () => {
    // Rows 10:00–12:00 and 11:00–13:00 (a data glitch) → 10:00–13:00 = 180, not 240.
    const result = uptime(callCenterPolicy, '2026-10', {
      components: [calling],
      statusIntervals: [
        down('calling', '2026-10-02T10:00', '2026-10-02T12:00'),
        down('calling', '2026-10-02T11:00', '2026-10-02T13:00'),
      ],
    });
    expect(result.components[0].downtimeMinutes).toBe(180);
    expect(result.components[0].uptimePercent).toBeCloseTo(((OCTOBER - 180) / OCTOBER) * 100, 10);
  });
});
