import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, components, services, slaPolicies } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import { callCenterPolicy } from '@/lib/sla/templates';
import { loadSlaComponents } from '@/lib/services/sla-reports/load';
import { createComponent } from '../components/create';
import { editComponent } from '../components/edit';
import { setServiceArchived } from './archive';
import { createService } from './create';
import { editService } from './edit';
import { listConsoleServices } from './list';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db);
  as = await contextsByRole(handle.db);
});
afterAll(async () => handle.close());

async function failure(run: Promise<unknown>) {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
const audits = async (entityId: string) =>
  (await handle.db.select().from(auditLog).where(eq(auditLog.entityId, entityId))).map((r) => r.action);

describe('services', () => {
  it('lets only admins create, edit or archive, and writes nothing otherwise', async () => {
    for (const ctx of [as.operator, as.viewer]) {
      expect(await failure(createService({ ctx, input: { name: 'X' } }))).toMatchObject({ code: 'forbidden' });
      expect(await failure(editService({ ctx, input: { id: crypto.randomUUID(), name: 'X' } }))).toMatchObject({
        code: 'forbidden',
      });
      expect(await failure(setServiceArchived({ ctx, input: { id: crypto.randomUUID(), archived: true } }))).toMatchObject({
        code: 'forbidden',
      });
    }
    expect(await handle.db.select().from(services)).toEqual([]);
  });

  it('creates a service from the 98 % template with its policy and audit rows', async () => {
    const { id } = await createService({
      ctx: as.admin,
      input: { name: 'コールセンター', nameEn: 'Call Center', template: 'call_center_98' },
    });
    const [row] = await handle.db.select().from(services).where(eq(services.id, id));
    expect(row).toMatchObject({ name: 'コールセンター', slug: 'call-center', archivedAt: null });
    const [policy] = await handle.db.select().from(slaPolicies).where(eq(slaPolicies.serviceId, id));
    expect(policy.policy).toEqual(callCenterPolicy);
    expect(await audits(id)).toEqual(['service.create', 'sla_policy.template']);
    const [listed] = await listConsoleServices({ ctx: as.viewer });
    expect(listed).toMatchObject({ id, componentCount: 0, functionGroups: [{ key: 'calling' }, { key: 'web' }] });
  });

  it('names bad fields: empty name, slug format, a slug already taken, an unknown template', async () => {
    expect(await failure(createService({ ctx: as.admin, input: { name: '  ' } }))).toMatchObject({
      fieldErrors: { name: ['required'] },
    });
    expect(await failure(createService({ ctx: as.admin, input: { name: 'A', slug: 'Bad Slug!' } }))).toMatchObject({
      fieldErrors: { slug: ['slug_format'] },
    });
    expect(await failure(createService({ ctx: as.admin, input: { name: 'A', slug: 'call-center' } }))).toMatchObject({
      fieldErrors: { slug: ['slug_taken'] },
    });
    expect(await failure(createService({ ctx: as.admin, input: { name: 'A', template: 'gold' as never } }))).toMatchObject({
      fieldErrors: { template: ['invalid_choice'] },
    });
    expect(await handle.db.select().from(services)).toHaveLength(1);
  });

  it('gives a Japanese-only name a numbered slug and no policy without a template', async () => {
    const { id } = await createService({ ctx: as.admin, input: { name: '請求' } });
    const [row] = await handle.db.select().from(services).where(eq(services.id, id));
    expect(row.slug).toBe('service-2');
    expect(await handle.db.select().from(slaPolicies).where(eq(slaPolicies.serviceId, id))).toEqual([]);
    await editService({ ctx: as.admin, input: { id, name: '請求管理', nameEn: 'Billing', slug: 'billing' } });
    expect((await handle.db.select().from(services).where(eq(services.id, id)))[0]).toMatchObject({
      name: '請求管理',
      slug: 'billing',
    });
    expect(await audits(id)).toEqual(['service.create', 'service.edit']);
  });

  it('places components under a service and one of its function groups, which the SLA loader then finds', async () => {
    const [service] = await handle.db.select().from(services).where(eq(services.slug, 'call-center'));
    const input = { name: '通話API', serviceId: service.id, functionGroup: 'calling' };
    const { id } = await createComponent({ ctx: as.operator, input });
    expect(await failure(createComponent({ ctx: as.operator, input: { ...input, functionGroup: 'client' } }))).toMatchObject({
      fieldErrors: { functionGroup: ['unknown_function_group'] },
    });
    expect(await failure(createComponent({ ctx: as.operator, input: { name: 'x', functionGroup: 'calling' } }))).toMatchObject({
      fieldErrors: { functionGroup: ['function_group_needs_service'] },
    });
    expect(
      await failure(createComponent({ ctx: as.operator, input: { name: 'x', serviceId: crypto.randomUUID() } })),
    ).toMatchObject({ fieldErrors: { serviceId: ['invalid_choice'] } });
    const range = { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z') };
    expect(await loadSlaComponents(handle.db, { serviceId: service.id }, range)).toMatchObject([
      { id, functionGroup: 'calling' },
    ]);
    expect((await listConsoleServices({ ctx: as.admin })).find((s) => s.id === service.id)?.componentCount).toBe(1);
  });

  it('refuses to archive a service components count towards, then archives and restores it', async () => {
    const [service] = await handle.db.select().from(services).where(eq(services.slug, 'call-center'));
    expect(await failure(setServiceArchived({ ctx: as.admin, input: { id: service.id, archived: true } }))).toMatchObject({
      code: 'conflict',
      messageKey: 'service_in_use',
    });
    const [member] = await handle.db.select().from(components).where(eq(components.serviceId, service.id));
    await editComponent({ ctx: as.operator, input: { id: member.id, name: member.name } });
    await setServiceArchived({ ctx: as.admin, input: { id: service.id, archived: true } });
    expect((await listConsoleServices({ ctx: as.admin })).find((s) => s.id === service.id)?.archived).toBe(true);
    // Archived: no longer offered to new components.
    expect(await failure(createComponent({ ctx: as.operator, input: { name: 'y', serviceId: service.id } }))).toMatchObject({
      fieldErrors: { serviceId: ['invalid_choice'] },
    });
    await setServiceArchived({ ctx: as.admin, input: { id: service.id, archived: false } });
    expect(await audits(service.id)).toEqual(expect.arrayContaining(['service.archive', 'service.restore']));
    expect(
      await failure(setServiceArchived({ ctx: as.admin, input: { id: crypto.randomUUID(), archived: true } })),
    ).toMatchObject({ code: 'not_found' });
  });
});
