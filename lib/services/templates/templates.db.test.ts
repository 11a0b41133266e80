import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, incidentTemplates } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import { createTemplate } from './create';
import { editTemplate } from './edit';
import { deleteTemplate } from './delete';
import { listTemplates } from './list';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db);
  as = await contextsByRole(handle.db);
});
afterAll(async () => handle.close());

describe('incident templates', () => {
  it('create, edit, list and delete, audited', async () => {
    const { id } = await createTemplate({
      ctx: as.operator,
      input: { name: '回線障害', title: '回線の障害', body: '一部の回線で通話できません。', severity: 'severe' },
    });
    await editTemplate({
      ctx: as.operator,
      input: { id, name: '回線障害', title: '通信回線の障害', body: '本文', status: 'identified', severity: 'emergency' },
    });
    expect(await listTemplates({ ctx: as.viewer })).toMatchObject([
      { title: '通信回線の障害', status: 'identified', severity: 'emergency' },
    ]);
    await deleteTemplate({ ctx: as.operator, input: { id } });
    expect(await listTemplates({ ctx: as.viewer })).toEqual([]);
    const actions = (await handle.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(['template.create', 'template.edit', 'template.delete']);
  });

  it('refuses viewers and bad input, writing nothing', async () => {
    const { id } = await createTemplate({ ctx: as.operator, input: { name: 'n', title: 't', body: 'b' } });
    const before = (await handle.db.select({ n: count() }).from(auditLog))[0].n;
    await expect(createTemplate({ ctx: as.viewer, input: { name: 'n', title: 't', body: 'b' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(editTemplate({ ctx: as.viewer, input: { id, name: 'n', title: 't', body: 'b' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(deleteTemplate({ ctx: as.viewer, input: { id } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      createTemplate({ ctx: as.operator, input: { name: '', title: 't', body: 'b', status: 'resolved' as never } }),
    ).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { name: ['required'], status: ['invalid_choice'] },
    });
    expect((await handle.db.select({ n: count() }).from(auditLog))[0].n).toBe(before);
    expect(await handle.db.select().from(incidentTemplates)).toHaveLength(1);
  });
});
