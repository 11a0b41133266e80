import net from 'node:net';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { components, monitors } from '../../../db/schema';
import { env } from '../../env';
import { ServiceError } from '../../errors';
import { assertHostAllowed, BlockedAddressError } from '../../monitors/address-guard';
import { MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, MONITOR_TYPES, monitorSettingsSchema } from '../../monitors/kinds';
import type { DbOrTx } from '../context';
import { entityId, requiredText } from '../parse-input';

// The fields of a monitor as create and edit take them, with the checks that need more than
// one field (a TCP port, a URL for HTTP) and the private-target guard at save time.

export const DOWN_STATUSES = ['degraded_performance', 'partial_outage', 'major_outage'] as const;

export const monitorFields = z.object({
  name: requiredText(100),
  type: z.enum(MONITOR_TYPES),
  target: z.string().trim().max(2000).default(''),
  componentId: entityId.nullish().transform((v) => v ?? null),
  intervalSeconds: z.coerce.number().int().min(MIN_INTERVAL_SECONDS).max(MAX_INTERVAL_SECONDS).default(60),
  timeoutMs: z.coerce.number().int().min(500).max(60_000).default(10_000),
  retries: z.coerce.number().int().min(1).max(10).default(2),
  regionQuorum: z
    .number()
    .int()
    .min(1)
    .max(20)
    .nullish()
    .transform((v) => v ?? null),
  downStatus: z.enum(DOWN_STATUSES).default('major_outage'),
  publishIncidents: z.boolean().default(false),
  autoResolve: z.boolean().default(false),
  enabled: z.boolean().default(true),
  settings: monitorSettingsSchema.default({}),
});
export type MonitorFields = z.output<typeof monitorFields>;

const HOST = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

/** The host a monitor connects to (null for push and for DNS on the system resolver). */
export function connectHost(fields: Pick<MonitorFields, 'type' | 'target' | 'settings'>): string | null {
  if (fields.type === 'http') return new URL(fields.target).hostname;
  if (fields.type === 'tcp') return fields.target;
  if (fields.type === 'dns' && fields.settings.resolver) {
    const bracketed = /^\[([^\]]+)\]/.exec(fields.settings.resolver);
    return bracketed ? bracketed[1] : fields.settings.resolver.split(':')[0];
  }
  return null;
}

/** Checks that depend on the type; throws `invalid` with the field at fault. */
export function checkTypeFields(fields: MonitorFields): MonitorFields {
  const bad = (field: string, key: string) => new ServiceError('invalid', 'invalid_input', { [field]: [key] });
  if (fields.timeoutMs >= fields.intervalSeconds * 1000) throw bad('timeoutMs', 'timeout_over_interval');
  switch (fields.type) {
    case 'http': {
      let url: URL;
      try {
        url = new URL(fields.target);
      } catch {
        throw bad('target', 'invalid_url');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('target', 'invalid_url');
      if (url.username || url.password) throw bad('target', 'credentials_in_url');
      return { ...fields, target: url.toString() };
    }
    case 'tcp':
      if (!(HOST.test(fields.target) || net.isIP(fields.target.replace(/^\[|\]$/g, '')))) throw bad('target', 'invalid_host');
      if (!fields.settings.port) throw bad('settings.port', 'required');
      return fields;
    case 'dns':
      if (!HOST.test(fields.target)) throw bad('target', 'invalid_host');
      return fields;
    case 'push':
      return { ...fields, target: '' };
  }
}

/** Save-time private-target guard (the checker checks again at every connection). */
export async function checkTargetAllowed(fields: MonitorFields): Promise<void> {
  const host = connectHost(fields);
  if (!host) return;
  try {
    await assertHostAllowed(host, env().MONITOR_ALLOW_PRIVATE === 'true');
  } catch (error) {
    if (error instanceof BlockedAddressError) {
      throw new ServiceError('invalid', 'invalid_input', {
        [fields.type === 'dns' ? 'settings.resolver' : 'target']: ['private_target'],
      });
    }
    throw error;
  }
}

export async function checkMonitorComponent(tx: DbOrTx, pageId: string, componentId: string | null): Promise<void> {
  if (!componentId) return;
  const [row] = await tx
    .select({ id: components.id })
    .from(components)
    .where(and(eq(components.id, componentId), eq(components.pageId, pageId), isNull(components.deletedAt)));
  if (!row) throw new ServiceError('invalid', 'invalid_input', { componentId: ['unknown_component'] });
}

export type MonitorRow = typeof monitors.$inferSelect;

/** What the audit log keeps of a monitor (no push secret). */
export function monitorSnapshot(row: MonitorRow) {
  const { pushToken: _secret, ...rest } = row;
  return rest;
}

export async function lockMonitor(tx: DbOrTx, id: string, pageId: string): Promise<MonitorRow> {
  const [row] = await tx
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.pageId, pageId)))
    .for('update');
  if (!row) throw new ServiceError('not_found', 'monitor_not_found');
  return row;
}
