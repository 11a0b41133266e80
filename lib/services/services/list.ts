import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { components, services, slaPolicies } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { ROLES } from '../../domain/statuses';
import { slaPolicySchema } from '../../sla/policy';
import { requireRole, type ServiceContext } from '../context';

export type ConsoleService = {
  id: string;
  name: string;
  nameEn: string | null;
  slug: string;
  archived: boolean;
  componentCount: number;
  /** null: no valid policy stored (the service promises nothing yet). */
  functionGroups: { key: string; label: { ja: string; en: string } }[] | null;
};

/** Every service of the page with its component count and its policy's function groups. */
export async function listConsoleServices({ ctx }: { ctx: ServiceContext }): Promise<ConsoleService[]> {
  requireRole(ctx, ROLES);
  const page = await resolvePage(ctx.db);
  const [rows, counts] = await Promise.all([
    ctx.db
      .select({ service: services, policy: slaPolicies.policy })
      .from(services)
      .leftJoin(slaPolicies, eq(slaPolicies.serviceId, services.id))
      .where(eq(services.pageId, page.id))
      .orderBy(asc(services.position), asc(services.name)),
    ctx.db
      .select({ serviceId: components.serviceId, n: count() })
      .from(components)
      .where(and(eq(components.pageId, page.id), isNull(components.deletedAt)))
      .groupBy(components.serviceId),
  ]);
  return rows.map(({ service, policy }) => {
    const parsed = policy ? slaPolicySchema.safeParse(policy) : null;
    return {
      id: service.id,
      name: service.name,
      nameEn: service.nameEn,
      slug: service.slug,
      archived: service.archivedAt !== null,
      componentCount: counts.find((c) => c.serviceId === service.id)?.n ?? 0,
      functionGroups: parsed?.success ? parsed.data.functionGroups.map((g) => ({ key: g.key, label: g.label })) : null,
    };
  });
}
