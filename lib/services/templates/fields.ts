import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidentTemplates } from '../../../db/schema';
import { SEVERITIES } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import type { DbOrTx } from '../context';
import { requiredText } from '../parse-input';
import { INCIDENT_OPEN_STATUSES } from '../../domain/statuses';

export const templateFields = z.object({
  name: requiredText(100),
  title: requiredText(200),
  body: requiredText(5000),
  status: z.enum(INCIDENT_OPEN_STATUSES).default('investigating'),
  severity: z.enum(SEVERITIES).default('minor'),
});

export async function lockTemplate(tx: DbOrTx, pageId: string, id: string) {
  const [row] = await tx
    .select()
    .from(incidentTemplates)
    .where(and(eq(incidentTemplates.id, id), eq(incidentTemplates.pageId, pageId)))
    .for('update');
  if (!row) throw new ServiceError('not_found', 'template_not_found');
  return row;
}

export function templateSnapshot(row: typeof incidentTemplates.$inferSelect) {
  return { name: row.name, title: row.title, body: row.body, status: row.status, severity: row.severity };
}
