// Reads a service's SLA policy from sla_policies. The JSON is validated on every read: a row
// that no longer fits the schema is treated as absent rather than trusted half-way.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { pages, services, slaPolicies } from '../../../db/schema';
import { defaultSlaPolicy, slaPolicySchema, type SlaPolicy } from '../../sla/policy';

export interface ServiceRef {
  id: string;
  pageId: string;
  slug: string;
  name: string;
  nameEn: string | null;
  pageName: string;
  pageNameEn: string | null;
  pageTimeZone: string;
}

export interface StoredPolicy {
  service: ServiceRef;
  policy: SlaPolicy;
  /** false: nothing valid is stored and `policy` is the default. */
  stored: boolean;
  /** The stored row as saved (also when it no longer validates), for the JSON editor. */
  raw: Record<string, unknown> | null;
  updatedAt: Date | null;
}

const serviceColumns = {
  id: services.id,
  pageId: services.pageId,
  slug: services.slug,
  name: services.name,
  nameEn: services.nameEn,
  pageName: pages.name,
  pageNameEn: pages.nameEn,
  pageTimeZone: pages.timeZone,
};

/** Every service, in display order. */
export async function listServices(db: DbOrTx): Promise<ServiceRef[]> {
  return db
    .select(serviceColumns)
    .from(services)
    .innerJoin(pages, eq(pages.id, services.pageId))
    .orderBy(asc(pages.createdAt), asc(services.position), asc(services.name));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** null for unknown ids and for strings that are not ids at all (a hand-edited URL). */
export async function findService(db: DbOrTx, serviceId: string): Promise<ServiceRef | null> {
  if (!UUID.test(serviceId)) return null;
  const [row] = await db
    .select(serviceColumns)
    .from(services)
    .innerJoin(pages, eq(pages.id, services.pageId))
    .where(eq(services.id, serviceId));
  return row ?? null;
}

export async function loadStoredPolicy(db: DbOrTx, service: ServiceRef): Promise<StoredPolicy> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.serviceId, service.id));
  const parsed = row ? slaPolicySchema.safeParse(row.policy) : null;
  return {
    service,
    policy: parsed?.success ? parsed.data : defaultSlaPolicy(service.pageTimeZone),
    stored: parsed?.success ?? false,
    raw: row?.policy ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/**
 * The policy a service's figures are computed with: the stored one, or the default in the
 * page's time zone. Unknown services get the default in Asia/Tokyo.
 */
export async function loadServicePolicy(db: DbOrTx, serviceId: string): Promise<SlaPolicy> {
  const service = await findService(db, serviceId);
  if (!service) return defaultSlaPolicy('Asia/Tokyo');
  return (await loadStoredPolicy(db, service)).policy;
}
