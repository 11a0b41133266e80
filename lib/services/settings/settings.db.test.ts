import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { auditLog, pages } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import { editPage } from './edit-page';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db, { name: '旧名' });
  as = await contextsByRole(handle.db);
});
afterAll(async () => handle.close());

const input = {
  name: 'ステータス',
  nameEn: 'Status',
  publicUrl: 'https://status.example.com',
  timeZone: 'Asia/Tokyo',
  defaultLocale: 'ja' as const,
  partialOutageWeight: 0.3,
};

describe('page settings', () => {
  it('an admin edits the page, audited', async () => {
    await editPage({ ctx: as.admin, input });
    const [page] = await handle.db.select().from(pages);
    expect(page).toMatchObject({
      name: 'ステータス',
      publicUrl: 'https://status.example.com',
      partialOutageWeight: expect.closeTo(0.3, 5),
    });
    expect((await handle.db.select().from(auditLog)).map((a) => a.action)).toEqual(['page.edit']);
  });

  it('operators and viewers cannot, and bad values change nothing', async () => {
    const before = (await handle.db.select({ n: count() }).from(auditLog))[0].n;
    for (const ctx of [as.operator, as.viewer])
      await expect(editPage({ ctx, input })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      editPage({
        ctx: as.admin,
        input: { ...input, timeZone: 'Mars/Olympus', publicUrl: 'javascript:alert(1)', partialOutageWeight: 2 },
      }),
    ).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { timeZone: ['invalid_time_zone'], publicUrl: ['invalid_url'], partialOutageWeight: ['too_big'] },
    });
    expect((await handle.db.select({ n: count() }).from(auditLog))[0].n).toBe(before);
  });
});
