import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, isNull } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, componentGroups, components, componentStatusChanges } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import type { ServiceContext } from '../context';
import { createComponent } from './create';
import { editComponent } from './edit';
import { reorderComponent } from './reorder';
import { deleteComponent } from './delete';
import { setComponentStatus } from './set-status';
import { createComponentGroup } from './create-group';
import { editComponentGroup } from './edit-group';
import { deleteComponentGroup } from './delete-group';
import { reorderComponentGroup } from './reorder-group';
import { listConsoleComponents } from './list';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db);
  as = await contextsByRole(handle.db);
});
afterAll(async () => handle.close());

const auditCount = async () => (await handle.db.select({ n: count() }).from(auditLog))[0].n;
const names = async (groupId: string | null) =>
  (
    await handle.db
      .select({ name: components.name, groupId: components.groupId })
      .from(components)
      .where(isNull(components.deletedAt))
      .orderBy(asc(components.position))
  )
    .filter((c) => c.groupId === groupId)
    .map((c) => c.name);

describe('components', () => {
  it('an operator creates, groups, edits, reorders and sets statuses, each with an audit row', async () => {
    const { id: groupId } = await createComponentGroup({
      ctx: as.operator,
      input: { name: 'クライアント機能', nameEn: 'Client functions' },
    });
    const a = await createComponent({ ctx: as.operator, input: { name: '管理画面', nameEn: 'Console', groupId } });
    const b = await createComponent({ ctx: as.operator, input: { name: '発信', groupId } });
    const c = await createComponent({ ctx: as.operator, input: { name: '着信', groupId, description: '  ' } });
    expect(await names(groupId)).toEqual(['管理画面', '発信', '着信']);

    await reorderComponent({ ctx: as.operator, input: { id: c.id, direction: 'up' } });
    expect(await names(groupId)).toEqual(['管理画面', '着信', '発信']);
    expect(await reorderComponent({ ctx: as.operator, input: { id: a.id, direction: 'up' } })).toMatchObject({ moved: false });

    await editComponent({ ctx: as.operator, input: { id: b.id, name: '発信（外線）', groupId: null } });
    expect(await names(null)).toEqual(['発信（外線）']);

    await setComponentStatus({ ctx: as.operator, input: { id: a.id, status: 'partial_outage' } });
    const periods = await handle.db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, a.id))
      .orderBy(asc(componentStatusChanges.id));
    expect(periods.map((p) => [p.status, p.to === null, p.source])).toEqual([
      ['operational', false, 'manual'],
      ['partial_outage', true, 'manual'],
    ]);

    const actions = (await handle.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'component_group.create',
        'component.create',
        'component.reorder',
        'component.edit',
        'component.set_status',
      ]),
    );
    const [createdRow] = await handle.db.select().from(components).where(eq(components.id, c.id));
    expect(createdRow.description).toBeNull();
  });

  it('delete needs the exact name typed, then hides the component but keeps its history', async () => {
    const { id } = await createComponent({ ctx: as.operator, input: { name: 'Webフォーム' } });
    await expect(deleteComponent({ ctx: as.operator, input: { id, confirmName: 'Web' } })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { confirmName: ['confirm_mismatch'] },
    });
    expect((await handle.db.select().from(components).where(eq(components.id, id)))[0].deletedAt).toBeNull();
    await deleteComponent({ ctx: as.operator, input: { id, confirmName: 'Webフォーム' } });
    const [row] = await handle.db.select().from(components).where(eq(components.id, id));
    expect(row.deletedAt).not.toBeNull();
    expect(await handle.db.select().from(componentStatusChanges).where(eq(componentStatusChanges.componentId, id))).toHaveLength(
      1,
    );
    const listed = await listConsoleComponents({ ctx: as.viewer });
    expect(listed.groups.flatMap((g) => g.components).some((c) => c.id === id)).toBe(false);
    await expect(setComponentStatus({ ctx: as.operator, input: { id, status: 'major_outage' } })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('deleting a group keeps its components, ungrouped; groups reorder', async () => {
    const g1 = await createComponentGroup({ ctx: as.admin, input: { name: 'G1' } });
    const g2 = await createComponentGroup({ ctx: as.admin, input: { name: 'G2' } });
    await reorderComponentGroup({ ctx: as.admin, input: { id: g2.id, direction: 'up' } });
    const order = (await handle.db.select().from(componentGroups).orderBy(asc(componentGroups.position))).map((g) => g.name);
    expect(order.indexOf('G2')).toBeLessThan(order.indexOf('G1'));
    await editComponentGroup({ ctx: as.admin, input: { id: g1.id, name: 'G1b', functionGroup: 'client' } });
    const member = await createComponent({ ctx: as.admin, input: { name: 'member', groupId: g1.id } });
    await deleteComponentGroup({ ctx: as.admin, input: { id: g1.id } });
    const [row] = await handle.db.select().from(components).where(eq(components.id, member.id));
    expect(row.groupId).toBeNull();
    expect(row.deletedAt).toBeNull();
  });

  it('refuses a viewer on every verb and writes nothing', async () => {
    const { id } = await createComponent({ ctx: as.operator, input: { name: 'viewer-target' } });
    const { id: groupId } = await createComponentGroup({ ctx: as.operator, input: { name: 'viewer-group' } });
    const before = { audit: await auditCount(), rows: await handle.db.select().from(components).where(eq(components.id, id)) };
    const attempts: ((ctx: ServiceContext) => Promise<unknown>)[] = [
      (ctx) => createComponent({ ctx, input: { name: 'x' } }),
      (ctx) => editComponent({ ctx, input: { id, name: 'renamed' } }),
      (ctx) => reorderComponent({ ctx, input: { id, direction: 'down' } }),
      (ctx) => deleteComponent({ ctx, input: { id, confirmName: 'viewer-target' } }),
      (ctx) => setComponentStatus({ ctx, input: { id, status: 'major_outage' } }),
      (ctx) => createComponentGroup({ ctx, input: { name: 'x' } }),
      (ctx) => editComponentGroup({ ctx, input: { id: groupId, name: 'x' } }),
      (ctx) => deleteComponentGroup({ ctx, input: { id: groupId } }),
      (ctx) => reorderComponentGroup({ ctx, input: { id: groupId, direction: 'up' } }),
    ];
    for (const attempt of attempts) await expect(attempt(as.viewer)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await auditCount()).toBe(before.audit);
    expect(await handle.db.select().from(components).where(eq(components.id, id))).toEqual(before.rows);
  });

  it('rejects bad input with per-field keys and writes nothing', async () => {
    const before = await auditCount();
    await expect(createComponent({ ctx: as.operator, input: { name: '   ' } })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { name: ['required'] },
    });
    await expect(createComponent({ ctx: as.operator, input: { name: 'x'.repeat(101) } })).rejects.toMatchObject({
      fieldErrors: { name: ['too_long'] },
    });
    await expect(
      createComponent({ ctx: as.operator, input: { name: 'ok', groupId: crypto.randomUUID() } }),
    ).rejects.toMatchObject({
      fieldErrors: { groupId: ['invalid_choice'] },
    });
    await expect(
      setComponentStatus({ ctx: as.operator, input: { id: crypto.randomUUID(), status: 'broken' as never } }),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(editComponent({ ctx: as.operator, input: { id: 'not-a-uuid', name: 'x' } })).rejects.toMatchObject({
      code: 'invalid',
    });
    expect(await auditCount()).toBe(before);
  });
});
