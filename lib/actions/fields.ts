import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { COMPONENT_STATUSES, type ComponentStatus } from '../domain/statuses';

// Form-shaped pieces for action schemas: a browser posts strings, services take typed input.

/**
 * Blank text inputs post "", which services should see as "not given". Fields listed in
 * `localTimes` come from `datetime-local` inputs and are read in the zone the form showed
 * (its hidden "timeZone" field, else Asia/Tokyo; that field is consumed only by such forms).
 */
export function fromForm<S extends z.ZodType>(schema: S, options: { localTimes?: string[] } = {}) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    const { timeZone, ...rest } = raw as Record<string, unknown>;
    const zone = typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : 'Asia/Tokyo';
    // Only forms with local times carry the zone as a hidden field; elsewhere "timeZone" is a field of its own (page settings).
    const values = options.localTimes?.length ? rest : (raw as Record<string, unknown>);
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        v === '' ? undefined : options.localTimes?.includes(k) ? parseLocalDateTime(v, zone) : v,
      ]),
    );
  }, schema);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An HTML checkbox: present ("on") means true, absent means false. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A `datetime-local` value ("2026-11-23T10:00") as wall-clock time in `timeZone`; unreadable → Invalid Date. */
export function parseLocalDateTime(value: unknown, timeZone: string): Date {
  const m = typeof value === 'string' ? LOCAL.exec(value) : null;
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(new TZDate(y, mo - 1, d, h, mi, s || 0, timeZone).getTime());
}

/** The value a `datetime-local` input shows for an instant, in the page's zone. */
export function toLocalInput(date: Date, timeZone: string): string {
  const zoned = new TZDate(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${zoned.getFullYear()}-${pad(zoned.getMonth() + 1)}-${pad(zoned.getDate())}T${pad(zoned.getHours())}:${pad(zoned.getMinutes())}`;
}

/**
 * Per-component selects named "status.<componentId>" → [{ componentId, status }], skipping
 * the "leave as is" choice (empty value). Unknown statuses fail as a field error.
 */
export const componentStatusSelects = z
  .record(z.string(), z.union([z.literal(''), z.enum(COMPONENT_STATUSES)]))
  .optional()
  .transform((selects) =>
    Object.entries(selects ?? {})
      .filter((entry): entry is [string, ComponentStatus] => entry[1] !== '')
      .map(([componentId, status]) => ({ componentId, status })),
  );
