import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  componentGroups,
  components,
  demoRows,
  incidentComponents,
  incidents,
  maintenanceComponents,
  maintenances,
  pages,
  services,
} from '../../../db/schema';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { CLEAN_PAGE, DEMO_PAGE } from '../../../db/seed';
import { ServiceError } from '../../errors';
import { appendEvidence } from '../../evidence/append';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { actorLabel, ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

/** Typed by the admin to confirm; the same in both languages so the label can show it verbatim. */
export const DEMO_REMOVAL_PHRASE = 'remove demo';

export const removeDemoInput = z.object({ confirmation: z.string().trim().max(100) });
export type RemoveDemoInput = z.input<typeof removeDemoInput>;

export type DemoRemoval = { services: number; groups: number; components: number; incidents: number; maintenances: number };

/**
 * Removes everything the demo seed made (listed in demo_rows): its incidents, maintenance,
 * components with their status history, groups, services and SLA policies; the page keeps its
 * settings, subscribers and whatever the operator added. The evidence ledger keeps every row;
 * the removal is appended to it, naming what went, so later readers know those ids were demo.
 */
export async function removeDemoData({ ctx, input }: { ctx: ServiceContext; input: RemoveDemoInput }): Promise<DemoRemoval> {
  requireRole(ctx, ADMINS);
  const { confirmation } = parseInput(removeDemoInput, input);
  if (confirmation.toLowerCase() !== DEMO_REMOVAL_PHRASE)
    throw new ServiceError('invalid', 'invalid_input', { confirmation: ['demo_confirm_mismatch'] });
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    await tx.select({ id: pages.id }).from(pages).where(eq(pages.id, page.id)).for('update');
    const rows = await tx.select().from(demoRows);
    if (rows.length === 0) throw new ServiceError('conflict', 'no_demo_data');
    const ids = (type: (typeof rows)[number]['entityType']) => rows.filter((r) => r.entityType === type).map((r) => r.entityId);
    // The operator's own incidents and maintenances that list a demo component lose that link
    // with it; their SLA-input snapshots are renewed below so the cross-check stays true.
    const demoComponentIds = ids('component');
    const touchedIncidents = demoComponentIds.length
      ? (
          await tx
            .select({ id: incidentComponents.incidentId })
            .from(incidentComponents)
            .where(inArray(incidentComponents.componentId, demoComponentIds))
        ).map((r) => r.id)
      : [];
    const touchedMaintenances = demoComponentIds.length
      ? (
          await tx
            .select({ id: maintenanceComponents.maintenanceId })
            .from(maintenanceComponents)
            .where(inArray(maintenanceComponents.componentId, demoComponentIds))
        ).map((r) => r.id)
      : [];
    const removed = {
      incidents: await deleteWhereIn(tx, incidents, ids('incident')),
      maintenances: await deleteWhereIn(tx, maintenances, ids('maintenance')),
      // Status periods, subscriptions and incident links of these components go with them (cascade).
      components: await deleteWhereIn(tx, components, ids('component')),
      groups: await deleteWhereIn(tx, componentGroups, ids('component_group')),
      services: await deleteWhereIn(tx, services, ids('service')),
    };
    await tx.delete(demoRows);
    const keptIncidents = touchedIncidents.filter((id) => !ids('incident').includes(id));
    const keptMaintenances = touchedMaintenances.filter((id) => !ids('maintenance').includes(id));
    await recordSlaInputs(tx, { incidents: keptIncidents, maintenances: keptMaintenances }, now);
    // The demo's page name would otherwise stay on the operator's page.
    if (page.name === DEMO_PAGE.name)
      await tx.update(pages).set({ name: CLEAN_PAGE.name, nameEn: CLEAN_PAGE.nameEn }).where(eq(pages.id, page.id));
    const by = actorLabel(ctx.actor);
    await appendEvidence(tx, [
      {
        kind: 'demo_removal',
        occurredAt: now,
        content: {
          removedBy: by,
          incidentIds: ids('incident'),
          maintenanceIds: ids('maintenance'),
          componentIds: ids('component'),
          serviceIds: ids('service'),
        },
      },
    ]);
    await writeAudit(tx, ctx.actor, {
      action: 'demo.remove',
      entityType: 'page',
      entityId: page.id,
      before: removed,
      after: null,
      at: now,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: ids('component') });
    return removed;
  });
}

type TableWithId = typeof incidents | typeof maintenances | typeof components | typeof componentGroups | typeof services;

async function deleteWhereIn(
  tx: Parameters<Parameters<typeof withTransaction>[1]>[0],
  table: TableWithId,
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await tx.delete(table).where(inArray(table.id, ids)).returning({ id: table.id });
  return deleted.length;
}

/** What of the demo is still there (the console offers removal while anything is), or null. */
export async function demoSummary({
  ctx,
}: {
  ctx: ServiceContext;
}): Promise<Pick<DemoRemoval, 'incidents' | 'maintenances' | 'components'> | null> {
  requireRole(ctx, ADMINS);
  const rows = await ctx.db.select({ entityType: demoRows.entityType }).from(demoRows);
  if (rows.length === 0) return null;
  const count = (type: string) => rows.filter((r) => r.entityType === type).length;
  return { incidents: count('incident'), maintenances: count('maintenance'), components: count('component') };
}
