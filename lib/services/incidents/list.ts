import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { components, incidentComponents, incidents } from '../../../db/schema';
import { ROLES, type ComponentStatus, type Impact, type IncidentStatus, type Severity } from '../../domain/statuses';
import { resolvePage } from '../../pages/context';
import { requireRole, type DbOrTx, type ServiceContext } from '../context';

export type IncidentListItem = {
  id: string;
  title: string;
  titleEn: string | null;
  status: IncidentStatus;
  severity: Severity;
  impact: Impact;
  published: boolean;
  withdrawn: boolean;
  slaExcluded: boolean;
  startedAt: Date;
  resolvedAt: Date | null;
  components: { id: string; name: string; nameEn: string | null; status: ComponentStatus }[];
};

export const INCIDENTS_PER_PAGE = 20;

/** Open incidents (drafts included), or resolved and withdrawn ones, newest first, a page at a time. */
export async function listIncidents({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { state: 'open' | 'resolved'; page?: number };
}) {
  requireRole(ctx, ROLES);
  const page = await resolvePage(ctx.db);
  const pageNumber = Math.max(1, Math.floor(input.page ?? 1));
  const where = and(
    eq(incidents.pageId, page.id),
    input.state === 'open'
      ? and(isNull(incidents.resolvedAt), isNull(incidents.withdrawnAt))
      : or(isNotNull(incidents.resolvedAt), isNotNull(incidents.withdrawnAt)),
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(incidents)
      .where(where)
      .orderBy(desc(incidents.startedAt))
      .limit(INCIDENTS_PER_PAGE)
      .offset((pageNumber - 1) * INCIDENTS_PER_PAGE),
    ctx.db.select({ total: count() }).from(incidents).where(where),
  ]);
  return {
    items: await withComponents(ctx.db, rows),
    total,
    page: pageNumber,
    pages: Math.max(1, Math.ceil(total / INCIDENTS_PER_PAGE)),
  };
}

export async function withComponents(
  db: DbOrTx,
  rows: (typeof incidents.$inferSelect)[],
  extra?: SQL,
): Promise<IncidentListItem[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select({
      incidentId: incidentComponents.incidentId,
      id: components.id,
      name: components.name,
      nameEn: components.nameEn,
      status: incidentComponents.status,
    })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(
      and(
        inArray(
          incidentComponents.incidentId,
          rows.map((r) => r.id),
        ),
        extra,
      ),
    )
    .orderBy(asc(components.position));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    titleEn: r.titleEn,
    status: r.status,
    severity: r.severity,
    impact: r.impact,
    published: r.published,
    withdrawn: r.withdrawnAt !== null,
    slaExcluded: r.slaExcluded,
    startedAt: r.startedAt,
    resolvedAt: r.resolvedAt,
    components: links.filter((l) => l.incidentId === r.id).map(({ incidentId: _, ...c }) => c),
  }));
}
