import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { incidents } from '../../../db/schema';
import { seedDemoIfEmpty } from '../../../db/seed';
import { createTestDatabase } from '../../../test/db';
import { buildV2Document, V2_DOCUMENTS, type V2DocumentName } from './v2';
import { loadPublicSource } from '../read/source';

// The shape of Atlassian Statuspage's public v2 API, field for field (strict: no extra keys).
const time = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/);
const componentStatus = z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']);
const page = z.strictObject({ id: z.uuid(), name: z.string(), url: z.url(), time_zone: z.string(), updated_at: time });
const component = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  status: componentStatus,
  created_at: time,
  updated_at: time,
  position: z.number().int().positive(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  group_id: z.uuid().nullable(),
  page_id: z.uuid(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.uuid()).optional(),
});
const update = z.strictObject({
  id: z.uuid(),
  status: z.string(),
  body: z.string(),
  incident_id: z.uuid(),
  created_at: time,
  updated_at: time,
  display_at: time,
  affected_components: z
    .array(z.strictObject({ code: z.uuid(), name: z.string(), old_status: componentStatus, new_status: componentStatus }))
    .nullable(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.null(),
  tweet_id: z.null(),
});
const incidentFields = {
  id: z.uuid(),
  name: z.string(),
  created_at: time,
  updated_at: time,
  monitoring_at: time.nullable(),
  resolved_at: time.nullable(),
  shortlink: z.url(),
  started_at: time,
  page_id: z.uuid(),
  incident_updates: z.array(update),
  components: z.array(component),
};
const incident = z.strictObject({
  ...incidentFields,
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
});
const maintenance = z.strictObject({
  ...incidentFields,
  status: z.enum(['scheduled', 'in_progress', 'verifying', 'completed']),
  impact: z.literal('maintenance'),
  scheduled_for: time,
  scheduled_until: time,
});
const status = z.strictObject({ indicator: z.enum(['none', 'minor', 'major', 'critical']), description: z.string().min(1) });

const SCHEMAS: Record<V2DocumentName, z.ZodType> = {
  'summary.json': z.strictObject({
    page,
    components: z.array(component),
    incidents: z.array(incident),
    scheduled_maintenances: z.array(maintenance),
    status,
  }),
  'status.json': z.strictObject({ page, status }),
  'components.json': z.strictObject({ page, components: z.array(component) }),
  'incidents.json': z.strictObject({ page, incidents: z.array(incident) }),
  'incidents/unresolved.json': z.strictObject({ page, incidents: z.array(incident) }),
  'scheduled-maintenances.json': z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
  'scheduled-maintenances/upcoming.json': z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
  'scheduled-maintenances/active.json': z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
};

let handle: DatabaseHandle;
const now = new Date('2026-11-23T03:00:00Z');
const options = { locale: 'en' as const, baseUrl: 'https://status.example.com' };

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
});
afterAll(() => handle.close());

describe('Statuspage v2 documents', () => {
  it.each(V2_DOCUMENTS)('%s has exactly the Statuspage shape', async (name) => {
    const source = await loadPublicSource(handle.db, now);
    const doc = JSON.parse(JSON.stringify(buildV2Document(name, source, options)));
    const result = SCHEMAS[name].safeParse(doc);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('lists groups as components with group: true and their member ids', async () => {
    const doc = buildV2Document('components.json', await loadPublicSource(handle.db, now), options) as unknown as {
      components: z.infer<typeof component>[];
    };
    const groups = doc.components.filter((c) => c.group);
    expect(groups.map((g) => g.name)).toEqual(['Cloud phone', 'Client functions', 'Consumer functions']);
    for (const g of groups) {
      expect(g.components!.length).toBeGreaterThan(0);
      for (const id of g.components!) expect(doc.components.find((c) => c.id === id)?.group_id).toBe(g.id);
    }
    expect(doc.components.map((c) => c.position)).toEqual(doc.components.map((_, i) => i + 1));
  });

  it('rolls up the page status from components and open incidents, in the asked language', async () => {
    const source = await loadPublicSource(handle.db, now);
    expect(buildV2Document('status.json', source, options).status).toEqual({
      indicator: 'minor',
      description: 'Minor Service Outage',
    });
    expect(buildV2Document('status.json', source, { ...options, locale: 'ja' }).status).toMatchObject({ indicator: 'minor' });
    const summary = buildV2Document('summary.json', source, options) as unknown as {
      incidents: { name: string; status: string }[];
      page: { updated_at: string; time_zone: string };
    };
    expect(summary.incidents.map((i) => i.name)).toEqual(['Admin console is slow']);
    expect(summary.page.time_zone).toBe('Asia/Tokyo');
    expect(summary.page.updated_at).toMatch(/\+09:00$/);
  });

  it('keeps draft incidents out of every document', async () => {
    const [open] = await handle.db.select().from(incidents).where(eq(incidents.status, 'identified'));
    await handle.db.update(incidents).set({ published: false }).where(eq(incidents.id, open.id));
    const source = await loadPublicSource(handle.db, now);
    for (const name of ['summary.json', 'incidents.json', 'incidents/unresolved.json'] as const) {
      expect(JSON.stringify(buildV2Document(name, source, options))).not.toContain(open.id);
    }
    await handle.db.update(incidents).set({ published: true }).where(eq(incidents.id, open.id));
  });

  it('replays old statuses of affected components from earlier updates', async () => {
    const doc = buildV2Document('incidents.json', await loadPublicSource(handle.db, now), options) as unknown as {
      incidents: {
        incident_updates: { status: string; affected_components: { old_status: string; new_status: string }[] | null }[];
      }[];
    };
    const resolvedUpdate = doc.incidents
      .flatMap((i) => i.incident_updates)
      .find((u) => u.status === 'resolved' && u.affected_components);
    expect(resolvedUpdate?.affected_components?.[0]).toMatchObject({ new_status: 'operational' });
    expect(resolvedUpdate?.affected_components?.[0].old_status).not.toBe('operational');
  });
});
