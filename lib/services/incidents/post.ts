import type { incidentUpdates } from '../../../db/schema';
import type { IncidentStatus } from '../../domain/statuses';
import { publishChange } from '../../events/publish';
import { recordSlaInputs, type ManualEntry } from '../../evidence/sla-inputs';
import { enqueueIncidentNotice, type IncidentNoticeType } from '../../notices/incident-notice';
import { writeAudit, type AuditEntry } from '../audit/write';
import { setComponentStatuses } from '../components/set-statuses';
import type { Actor, Tx } from '../context';
import { insertUpdate, recordPost, type ComponentChange, type IncidentRow } from './shared';

type UpdateRow = typeof incidentUpdates.$inferSelect;

export type IncidentPost = {
  /** The incident row after this post's change. */
  incident: IncidentRow;
  status: IncidentStatus;
  body: string;
  bodyEn: string | null;
  components: ComponentChange[];
  /** When the affected components' statuses change (not before the incident started). */
  statusAt: Date;
  /** Set when subscribers are told; null for a silent post or a draft. */
  notice: IncidentNoticeType | null;
  /** Operator-entered times, recorded with the SLA inputs. */
  slaEntries?: Record<string, ManualEntry[]>;
  audit: (update: UpdateRow) => Omit<AuditEntry, 'at'>;
};

/**
 * The steps every incident post takes, in this order, inside the caller's transaction: the
 * timeline entry, the components' statuses, the SLA-input snapshot (before the post, whose head
 * the notices carry), the evidence of what customers can read, the notice, the audit row and the
 * change event that refreshes the public page.
 */
export async function postToIncident(
  tx: Tx,
  actor: Actor,
  authorId: string | null,
  now: Date,
  post: IncidentPost,
): Promise<UpdateRow> {
  const { incident } = post;
  const update = await insertUpdate(tx, {
    incidentId: incident.id,
    status: post.status,
    body: post.body,
    bodyEn: post.bodyEn,
    components: post.components,
    notify: post.notice !== null,
    authorId,
    at: now,
  });
  await setComponentStatuses(tx, {
    pageId: incident.pageId,
    changes: post.components,
    at: post.statusAt,
    source: 'incident',
    incidentId: incident.id,
    actorId: authorId,
  });
  await recordSlaInputs(tx, { incidents: [incident.id] }, now, post.slaEntries ?? {});
  await recordPost(tx, incident, update);
  if (post.notice)
    await enqueueIncidentNotice(tx, { type: post.notice, incidentId: incident.id, incidentUpdateId: update.id, at: now });
  await writeAudit(tx, actor, { ...post.audit(update), at: now });
  await publishChange(tx, { type: 'incident', pageId: incident.pageId, incidentId: incident.id });
  return update;
}
