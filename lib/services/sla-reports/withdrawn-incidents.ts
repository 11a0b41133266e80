import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { incidentComponents, incidents } from '../../../db/schema';
import type { SlaRange } from './load';

export type WithdrawnIncident = {
  id: string;
  title: string;
  titleEn: string | null;
  startedAt: Date;
  withdrawnAt: Date;
  /** Actor label: "user:<email>", "system:demo-remove", ... */
  withdrawnBy: string;
  reason: string;
};

/** Incidents of these components that fell in the range but were withdrawn: the report names them, the figures leave them out. */
export async function loadWithdrawnIncidents(db: DbOrTx, componentIds: string[], range: SlaRange): Promise<WithdrawnIncident[]> {
  if (componentIds.length === 0) return [];
  const rows = await db
    .selectDistinct({
      id: incidents.id,
      title: incidents.title,
      titleEn: incidents.titleEn,
      startedAt: incidents.startedAt,
      withdrawnAt: incidents.withdrawnAt,
      withdrawnBy: incidents.withdrawnBy,
      reason: incidents.withdrawalReason,
    })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(
      and(
        inArray(incidentComponents.componentId, componentIds),
        isNotNull(incidents.withdrawnAt),
        lt(incidents.startedAt, range.end),
        or(isNull(incidents.resolvedAt), gt(incidents.resolvedAt, range.start)),
      ),
    )
    .orderBy(asc(incidents.startedAt), asc(incidents.id));
  return rows.map((r) => ({ ...r, withdrawnAt: r.withdrawnAt!, withdrawnBy: r.withdrawnBy ?? '', reason: r.reason ?? '' }));
}
