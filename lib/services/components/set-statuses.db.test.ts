import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { components, componentStatusChanges, evidence } from '../../../db/schema';
import { createTestDatabase } from '../../../test/db';
import { createComponent, createPage } from '../../../test/factories';
import { setComponentStatuses } from './set-statuses';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('setComponentStatuses', () => {
  it('closes the open period, opens a new one, and records evidence; repeating the same status changes nothing', async () => {
    const db = handle.db;
    const page = await createPage(db);
    const api = await createComponent(db, page.id);
    const at = new Date('2026-11-23T01:00:00Z');
    const applied = await db.transaction((tx) =>
      setComponentStatuses(tx, {
        pageId: page.id,
        changes: [{ componentId: api.id, status: 'major_outage' }],
        at,
        source: 'manual',
      }),
    );
    expect(applied).toEqual([{ componentId: api.id, from: 'operational', to: 'major_outage' }]);
    const periods = await db
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.componentId, api.id))
      .orderBy(asc(componentStatusChanges.from));
    expect(periods.map((p) => [p.status, p.to?.toISOString() ?? null])).toEqual([
      ['operational', at.toISOString()],
      ['major_outage', null],
    ]);
    const [row] = await db.select().from(components).where(eq(components.id, api.id));
    expect(row.status).toBe('major_outage');
    const recorded = await db.select().from(evidence);
    expect(recorded.map((e) => e.kind)).toEqual(['component_status', 'sla_input', 'sla_input']);
    expect(recorded.slice(1).map((e) => e.content.id)).toEqual(periods.map((p) => String(p.id)));

    const repeated = await db.transaction((tx) =>
      setComponentStatuses(tx, {
        pageId: page.id,
        changes: [{ componentId: api.id, status: 'major_outage' }],
        at,
        source: 'manual',
      }),
    );
    expect(repeated).toEqual([]);
  });

  it('ignores components of another page', async () => {
    const db = handle.db;
    const mine = await createPage(db);
    const theirs = await createPage(db);
    const foreign = await createComponent(db, theirs.id);
    const applied = await db.transaction((tx) =>
      setComponentStatuses(tx, {
        pageId: mine.id,
        changes: [{ componentId: foreign.id, status: 'major_outage' }],
        at: new Date(),
        source: 'api',
      }),
    );
    expect(applied).toEqual([]);
  });
});
