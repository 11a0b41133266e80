import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import {
  auditLog,
  componentGroups,
  components,
  componentStatusChanges,
  demoRows,
  evidence,
  incidents,
  maintenances,
  pages,
  services,
  slaPolicies,
  subscribers,
} from '@/db/schema';
import { CLEAN_PAGE, seedDemoIfEmpty } from '@/db/seed';
import { createTestDatabase } from '@/test/db';
import { createComponent, createSubscriber } from '@/test/factories';
import { contextsByRole } from '@/test/console-fixtures';
import { verifyEvidenceChain } from '../../evidence/verify';
import { loadStatusPage } from '../../public/read/status-page';
import { loadPublicSource } from '../../public/read/source';
import { buildV2Document } from '../../public/documents/v2';
import { openIncident } from '../incidents/open';
import { demoSummary, DEMO_REMOVAL_PHRASE, removeDemoData } from './remove';

let handle: DatabaseHandle;
let as: Awaited<ReturnType<typeof contextsByRole>>;
const now = new Date('2026-11-23T03:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
  as = await contextsByRole(handle.db, now);
});
afterAll(() => handle.close());

const rows = async () => ({
  incidents: (await handle.db.select({ n: count() }).from(incidents))[0].n,
  maintenances: (await handle.db.select({ n: count() }).from(maintenances))[0].n,
  components: (await handle.db.select({ n: count() }).from(components))[0].n,
  groups: (await handle.db.select({ n: count() }).from(componentGroups))[0].n,
  services: (await handle.db.select({ n: count() }).from(services))[0].n,
  policies: (await handle.db.select({ n: count() }).from(slaPolicies))[0].n,
  periods: (await handle.db.select({ n: count() }).from(componentStatusChanges))[0].n,
  evidence: (await handle.db.select({ n: count() }).from(evidence))[0].n,
});

describe('removing the demo', () => {
  it('removes what the seed made and nothing the operator added; the ledger keeps its rows and records the removal', async () => {
    const [page] = await handle.db.select().from(pages);
    // The operator's own component, an incident on a demo component (evidence rows), a subscriber.
    const own = await createComponent(handle.db, page.id, { name: '自社API', createdAt: now });
    const demoComponent = (await handle.db.select().from(components).where(eq(components.alertKey, 'calling')))[0];
    await openIncident({
      ctx: as.operator,
      input: {
        title: '本番の障害',
        severity: 'minor',
        body: '調査中',
        components: [{ componentId: demoComponent.id, status: 'partial_outage' }],
      },
    });
    await openIncident({
      ctx: as.operator,
      input: {
        title: '自社APIの障害',
        severity: 'minor',
        body: '調査中',
        components: [{ componentId: own.id, status: 'partial_outage' }],
      },
    });
    const subscriber = await createSubscriber(handle.db, page.id, { componentIds: [own.id] });
    expect(await demoSummary({ ctx: as.admin })).toEqual({ incidents: 6, maintenances: 3, components: 9 });

    const before = await rows();
    const ledgerBefore = await handle.db.select().from(evidence).orderBy(asc(evidence.seq));
    expect(ledgerBefore.length).toBeGreaterThan(0);
    await expect(removeDemoData({ ctx: as.operator, input: { confirmation: DEMO_REMOVAL_PHRASE } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(removeDemoData({ ctx: as.admin, input: { confirmation: 'remove' } })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { confirmation: ['demo_confirm_mismatch'] },
    });
    expect(await rows()).toEqual(before);

    const removed = await removeDemoData({ ctx: as.admin, input: { confirmation: ' Remove Demo ' } });
    expect(removed).toEqual({ incidents: 6, maintenances: 3, components: 9, groups: 3, services: 2 });
    const after = await rows();
    expect(after).toMatchObject({
      maintenances: 0,
      components: 1,
      groups: 0,
      services: 0,
      policies: 0,
      evidence: before.evidence + 2,
    });
    // The removal, and a fresh SLA-input snapshot of 本番の障害, which lost its demo component.
    expect((await handle.db.select().from(evidence).orderBy(asc(evidence.seq))).slice(-2).map((e) => e.kind)).toEqual([
      'sla_input',
      'demo_removal',
    ]);
    expect((await handle.db.select({ title: incidents.title }).from(incidents)).map((i) => i.title).sort()).toEqual(
      ['本番の障害', '自社APIの障害'].sort(),
    );
    expect(await handle.db.select().from(demoRows)).toEqual([]);
    expect(await handle.db.select().from(subscribers).where(eq(subscribers.id, subscriber.id))).toHaveLength(1);
    const [pageAfter] = await handle.db.select().from(pages);
    expect(pageAfter).toMatchObject({ id: page.id, name: CLEAN_PAGE.name, nameEn: CLEAN_PAGE.nameEn });

    const ledgerAfter = await handle.db.select().from(evidence).orderBy(asc(evidence.seq));
    expect(ledgerAfter.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    expect(ledgerAfter.at(-1)).toMatchObject({ kind: 'demo_removal', content: { removedBy: `user:${as.users.admin.email}` } });
    expect((ledgerAfter.at(-1)!.content as { incidentIds: string[] }).incidentIds).toHaveLength(6);
    expect(await verifyEvidenceChain(handle.db)).toMatchObject({ ok: true, rows: ledgerAfter.length });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'demo.remove'));
    expect(audit).toMatchObject({ entityId: page.id, before: removed });

    // The page now shows only the operator's component.
    const view = await loadStatusPage(handle.db, { locale: 'ja', now });
    expect(view.groups.flatMap((g) => g.components).map((c) => c.name)).toEqual(['自社API']);
    expect(view.upcomingMaintenances).toEqual([]);
    const summary = buildV2Document('summary.json', await loadPublicSource(handle.db, now), {
      locale: 'ja',
      baseUrl: 'https://status.example.com',
    });
    expect((summary.components as { name: string }[]).map((c) => c.name)).toEqual(['自社API']);
    expect(summary.scheduled_maintenances).toEqual([]);

    await expect(removeDemoData({ ctx: as.admin, input: { confirmation: DEMO_REMOVAL_PHRASE } })).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'no_demo_data',
    });
    expect(await demoSummary({ ctx: as.admin })).toBeNull();
  });
});
