import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { componentGroups, components, pages, services, slaPolicies } from '../../db/schema';
import { defaultSlaPolicy, slaPolicySchema, type SlaPolicy } from '../sla/policy';
import { availableComponentIds, type PolicyScope } from './rules';

/** A component in a maintenance's scope, with what the policy checks need. */
export type ScopeComponent = {
  id: string;
  name: string;
  nameEn: string | null;
  serviceId: string | null;
  /** component.functionGroup ?? group.functionGroup */
  functionGroup: string | null;
};

export async function loadScopeComponents(
  db: DbOrTx,
  pageId: string,
  componentIds: readonly string[],
): Promise<ScopeComponent[]> {
  if (componentIds.length === 0) return [];
  const rows = await db
    .select({
      id: components.id,
      name: components.name,
      nameEn: components.nameEn,
      serviceId: components.serviceId,
      own: components.functionGroup,
      group: componentGroups.functionGroup,
      position: components.position,
    })
    .from(components)
    .leftJoin(componentGroups, eq(componentGroups.id, components.groupId))
    .where(and(eq(components.pageId, pageId), inArray(components.id, [...componentIds]), isNull(components.deletedAt)));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    nameEn: r.nameEn,
    serviceId: r.serviceId,
    functionGroup: r.own ?? r.group ?? null,
  }));
}

/**
 * One policy scope per service touched by the components. A service without a valid stored
 * policy, and components without a service, are checked against lib/sla's default policy.
 */
export async function loadPolicyScopes(
  db: DbOrTx,
  scope: readonly ScopeComponent[],
  pageTimeZone: string,
): Promise<PolicyScope[]> {
  const serviceIds = [...new Set(scope.map((c) => c.serviceId).filter((id): id is string => id !== null))];
  const [serviceRows, policyRows] = serviceIds.length
    ? await Promise.all([
        db
          .select({ id: services.id, name: services.name, nameEn: services.nameEn, position: services.position })
          .from(services)
          .where(inArray(services.id, serviceIds)),
        db.select().from(slaPolicies).where(inArray(slaPolicies.serviceId, serviceIds)),
      ])
    : [[], []];
  const stored = new Map<string, SlaPolicy>();
  for (const row of policyRows) {
    const parsed = slaPolicySchema.safeParse(row.policy);
    if (parsed.success) stored.set(row.serviceId, parsed.data);
  }
  const ordered = [...serviceRows].sort((a, b) => a.position - b.position);
  const scopes: PolicyScope[] = ordered.map((service) => {
    const members = scope.filter((c) => c.serviceId === service.id);
    return {
      serviceId: service.id,
      serviceName: { ja: service.name, en: service.nameEn ?? service.name },
      policy: stored.get(service.id) ?? defaultSlaPolicy(pageTimeZone),
      isFallback: !stored.has(service.id),
      componentIds: members.map((c) => c.id),
      groupOf: new Map(members.map((c) => [c.id, c.functionGroup])),
      names: namesOf(members),
    };
  });
  const orphans = scope.filter((c) => c.serviceId === null);
  if (orphans.length > 0) {
    scopes.push({
      serviceId: null,
      serviceName: null,
      policy: defaultSlaPolicy(pageTimeZone),
      isFallback: true,
      componentIds: orphans.map((c) => c.id),
      groupOf: new Map(orphans.map((c) => [c.id, c.functionGroup])),
      names: namesOf(orphans),
    });
  }
  return scopes;
}

const namesOf = (members: readonly ScopeComponent[]) =>
  new Map(members.map((c) => [c.id, { ja: c.name, en: c.nameEn ?? c.name }]));

/** Of these components, those their service's policy keeps running during maintenance. */
export async function componentsKeptUp(db: DbOrTx, pageId: string, componentIds: readonly string[]): Promise<Set<string>> {
  if (componentIds.length === 0) return new Set();
  const [page] = await db.select({ timeZone: pages.timeZone }).from(pages).where(eq(pages.id, pageId));
  const scope = await loadScopeComponents(db, pageId, componentIds);
  return availableComponentIds(await loadPolicyScopes(db, scope, page?.timeZone ?? 'Asia/Tokyo'));
}

/** The earliest any policy reminds (in minutes before the start): no maintenance further out needs a look. */
export async function longestReminderOffsetMinutes(db: DbOrTx): Promise<number> {
  const rows = await db.select({ policy: slaPolicies.policy }).from(slaPolicies);
  const offsets = rows.flatMap((row) => slaPolicySchema.safeParse(row.policy).data?.maintenance.reminderOffsetsMinutes ?? []);
  return Math.max(0, ...offsets, ...defaultSlaPolicy('UTC').maintenance.reminderOffsetsMinutes);
}
