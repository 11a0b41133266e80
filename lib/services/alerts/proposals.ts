import { eq, isNull } from 'drizzle-orm';
import { alertEvents, incidents } from '../../../db/schema';
import type { Db } from '../context';

/** Open incidents whose alerts have all resolved: the console offers to resolve them. */
export async function listResolveProposals(db: Db): Promise<{ incidentId: string; title: string; published: boolean }[]> {
  const rows = await db
    .select({ incidentId: incidents.id, title: incidents.title, published: incidents.published, status: alertEvents.status })
    .from(alertEvents)
    .innerJoin(incidents, eq(incidents.id, alertEvents.incidentId))
    .where(isNull(incidents.resolvedAt));
  const byIncident = new Map<string, { incidentId: string; title: string; published: boolean; firing: boolean }>();
  for (const r of rows) {
    const entry = byIncident.get(r.incidentId) ?? {
      incidentId: r.incidentId,
      title: r.title,
      published: r.published,
      firing: false,
    };
    entry.firing ||= r.status === 'firing';
    byIncident.set(r.incidentId, entry);
  }
  return [...byIncident.values()].filter((e) => !e.firing).map(({ firing: _, ...rest }) => rest);
}
