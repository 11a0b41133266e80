import { and, eq, max, ne } from 'drizzle-orm';
import { z } from 'zod';
import { services } from '../../../db/schema';
import { ServiceError } from '../../errors';
import type { DbOrTx } from '../context';
import { optionalText, requiredText } from '../parse-input';

export const serviceFields = z.object({
  name: requiredText(100),
  nameEn: optionalText(100),
  /** Short id used in export file names; made from the name when left empty. */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(50)
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'slug_format' })
    .nullish()
    .or(z.literal('').transform(() => null)),
});

export async function checkSlugFree(tx: DbOrTx, pageId: string, slug: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.pageId, pageId), eq(services.slug, slug), exceptId ? ne(services.id, exceptId) : undefined));
  if (taken) throw new ServiceError('invalid', 'invalid_input', { slug: ['slug_taken'] });
}

/** "Marketing Cloud" → "marketing-cloud"; a Japanese-only name gets "service-<n>". */
export function slugFrom(name: string, fallbackNumber: number): string {
  const ascii = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return ascii || `service-${fallbackNumber}`;
}

export async function nextServicePosition(tx: DbOrTx, pageId: string): Promise<number> {
  const [last] = await tx
    .select({ position: max(services.position) })
    .from(services)
    .where(eq(services.pageId, pageId));
  return Math.floor(last?.position ?? -1) + 1;
}

export function serviceSnapshot(row: typeof services.$inferSelect) {
  return { name: row.name, nameEn: row.nameEn, slug: row.slug, position: row.position, archivedAt: row.archivedAt };
}

export async function findPageService(tx: DbOrTx, pageId: string, id: string) {
  const [row] = await tx
    .select()
    .from(services)
    .where(and(eq(services.id, id), eq(services.pageId, pageId)));
  if (!row) throw new ServiceError('not_found', 'service_not_found');
  return row;
}
