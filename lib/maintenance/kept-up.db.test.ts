// Issue 14, item 3: a maintenance that lists components its policy keeps running warns when it is
// scheduled, leaves them as they are when it starts, says so on the public page, and the SLA
// report neither excludes them nor counts them as down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { componentStatusChanges } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { contextAt, jst, maintenanceFixture, maintenanceRow, minutes, validFields } from '../../test/maintenance-fixtures';
import { slaPolicySchema } from '../sla/policy';
import { marketingPolicy } from '../sla/templates';
import { shapeMaintenances } from '../public/read/maintenances';
import { scheduleMaintenance } from '../services/maintenances/schedule';
import { getSlaReport } from '../services/sla-reports/sla-report';
import { describePlanCheck } from './describe-check';
import { runMaintenanceTick } from '../services/maintenances/tick';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// Like seed 000's CTI policy: maintenance stops the consumer functions only; client functions stay up.
const keepsClientUp = slaPolicySchema.parse({
  ...marketingPolicy,
  maintenance: { ...marketingPolicy.maintenance, stoppingGroups: ['consumer'], autoComplete: true },
});
const start = jst('2026-12-04T22:00:00');
const end = jst('2026-12-05T02:00:00');

async function openStatus(componentId: string) {
  const [row] = await handle.db
    .select({ status: componentStatusChanges.status })
    .from(componentStatusChanges)
    .where(and(eq(componentStatusChanges.componentId, componentId), isNull(componentStatusChanges.to)));
  return row?.status ?? 'operational';
}

describe('maintenance of components the policy keeps running', () => {
  it('warns in both languages, stops only the stopping ones, shows which stop, and reports 100 %', async () => {
    const db = handle.db;
    const fx = await maintenanceFixture(db, keepsClientUp);
    const scope = [fx.components.console.id, fx.components.forms.id];
    const { maintenance, check } = await scheduleMaintenance({
      ctx: contextAt(db, fx.operator, jst('2026-11-14T10:00:00')),
      input: validFields(scope, start, end),
    });
    expect(check.staysAvailable).toBe(true);
    expect(check.services[0].staysAvailable).toEqual([{ id: fx.components.console.id, name: { ja: '管理画面', en: 'Console' } }]);
    const warning = (locale: 'ja' | 'en') =>
      describePlanCheck(check, locale)[0]
        .lines.filter((l) => l.tone === 'warn')
        .map((l) => l.text);
    expect(warning('ja').join()).toContain('管理画面 は、このサービスの SLA ポリシーではメンテナンス中も利用できる');
    expect(warning('en').join()).toContain('Console: this service');

    await runMaintenanceTick(db, new Date(start.getTime() + minutes(1)));
    expect(await openStatus(fx.components.forms.id)).toBe('under_maintenance');
    expect(await openStatus(fx.components.console.id)).toBe('operational');
    const [shown] = await shapeMaintenances(
      db,
      [await maintenanceRow(db, maintenance.id)],
      'ja',
      new Date(start.getTime() + minutes(2)),
    );
    expect(Object.fromEntries(shown.components.map((c) => [c.name, c.stops]))).toEqual({ 管理画面: false, Webフォーム: true });

    await runMaintenanceTick(db, new Date(end.getTime() + minutes(1)));
    expect((await maintenanceRow(db, maintenance.id)).status).toBe('completed');
    const view = await getSlaReport({
      ctx: contextAt(db, fx.viewer, jst('2027-01-02T00:00:00')),
      input: { serviceId: fx.service.id, month: '2026-12' },
    });
    const group = (key: string) => view.report.functionGroups.find((g) => g.key === key)!;
    expect([group('client').excludedMinutes, group('client').downtimeMinutes, group('client').uptimePercent]).toEqual([
      0, 0, 100,
    ]);
    expect([group('consumer').excludedMinutes, group('consumer').downtimeMinutes]).toEqual([240, 0]);
    expect(view.report.service.uptimePercent).toBe(100);
  });
});
