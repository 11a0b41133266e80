import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/test/db';
import { createPage } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import { createTemplate } from '../templates/create';
import { createComponent } from '../components/create';
import { listAuditEntries } from './list';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db);
  as = await contextsByRole(handle.db);
  await createTemplate({ ctx: as.operator, input: { name: 'n', title: 't', body: 'b' } });
  await createComponent({ ctx: as.admin, input: { name: '100%_match' } });
});
afterAll(async () => handle.close());

describe('audit log query', () => {
  it('filters by entity, action and actor; wildcards in the actor filter are literal', async () => {
    const all = await listAuditEntries({ ctx: as.viewer, input: {} });
    expect(all.total).toBe(2);
    expect(all.entityTypes).toEqual(['component', 'incident_template']);
    expect((await listAuditEntries({ ctx: as.viewer, input: { entityType: 'component' } })).entries.map((e) => e.action)).toEqual(
      ['component.create'],
    );
    expect((await listAuditEntries({ ctx: as.viewer, input: { action: 'template.create' } })).entries).toHaveLength(1);
    expect(
      (await listAuditEntries({ ctx: as.viewer, input: { actor: as.users.operator.email } })).entries.map((e) => e.action),
    ).toEqual(['template.create']);
    expect((await listAuditEntries({ ctx: as.viewer, input: { actor: '%' } })).total).toBe(0);
  });

  it('ignores unreadable filters instead of failing', async () => {
    const result = await listAuditEntries({ ctx: as.viewer, input: { page: 'abc' as never, entityType: 'x'.repeat(500) } });
    expect(result.filter.page).toBe(1);
    expect(result.total).toBe(2);
  });
});
