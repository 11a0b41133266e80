import { z } from 'zod';
import { components, componentStatusChanges } from '../../../db/schema';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { actorUserId, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, optionalText, parseInput, requiredText } from '../parse-input';
import { checkGroup, componentSnapshot, nextPosition } from './load';
import { checkSlaPlacement } from './sla-placement';

export const componentFields = z.object({
  name: requiredText(100),
  nameEn: optionalText(100),
  description: optionalText(500),
  descriptionEn: optionalText(500),
  groupId: entityId.nullish().transform((v) => v ?? null),
  /** The service whose SLA the component counts towards (reports select components by it). */
  serviceId: entityId.nullish().transform((v) => v ?? null),
  /** A function group of that service's policy; empty follows the component group's. */
  functionGroup: optionalText(50),
  /** Alertmanager label value that maps alerts to this component. */
  alertKey: optionalText(100),
  onlyShowIfDegraded: z.boolean().default(false),
});
export const createComponentInput = componentFields;
export type CreateComponentInput = z.input<typeof createComponentInput>;

/** Adds a component at the end of its group, operational from now on. */
export async function createComponent({ ctx, input }: { ctx: ServiceContext; input: CreateComponentInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(createComponentInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    await checkGroup(tx, page.id, fields.groupId);
    await checkSlaPlacement(tx, page.id, fields);
    const position = await nextPosition(tx, page.id, fields.groupId);
    const [row] = await tx
      .insert(components)
      .values({ ...fields, pageId: page.id, position, status: 'operational', createdAt: now, updatedAt: now })
      .returning();
    // The first status period; later changes go through setComponentStatuses.
    const [period] = await tx
      .insert(componentStatusChanges)
      .values({ componentId: row.id, status: 'operational', from: now, source: 'manual', actorId: actorUserId(ctx.actor) })
      .returning({ id: componentStatusChanges.id });
    await recordSlaInputs(tx, { component_status_changes: [period.id] }, now);
    await writeAudit(tx, ctx.actor, {
      action: 'component.create',
      entityType: 'component',
      entityId: row.id,
      after: componentSnapshot(row),
      at: now,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: [row.id] });
    return { id: row.id };
  });
}
