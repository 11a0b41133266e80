// The demo seed writes its history straight into the tables. This gives that history the
// evidence the verbs would have written (each public post, each SLA input), so the demo's
// report reads first notices from the chain and `evidence:verify` passes on a fresh install.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { incidents, incidentUpdates } from '../../db/schema';
import { appendEvidence } from './append';
import { snapshotAllSlaInputs } from './sla-inputs';

export async function recordSeededHistory(tx: DbOrTx, now: Date): Promise<void> {
  const posts = await tx
    .select({ update: incidentUpdates, title: incidents.title })
    .from(incidentUpdates)
    .innerJoin(incidents, eq(incidents.id, incidentUpdates.incidentId))
    .where(eq(incidents.published, true))
    .orderBy(asc(incidentUpdates.displayAt));
  await appendEvidence(
    tx,
    posts.map(({ update, title }) => ({
      kind: 'incident_post' as const,
      occurredAt: update.displayAt,
      content: {
        incidentId: update.incidentId,
        updateId: update.id,
        title,
        status: update.status,
        body: update.body,
        bodyEn: update.bodyEn,
        displayAt: update.displayAt.toISOString(),
        notified: update.notifySubscribers,
        edited: false,
        seeded: true,
      },
    })),
  );
  await snapshotAllSlaInputs(tx, now);
}
