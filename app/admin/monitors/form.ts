import { z } from 'zod';
import { alertPreferencesInput } from '@/lib/services/monitors/alert-preferences';
import type { CreateMonitorInput } from '@/lib/services/monitors/create';

// The monitor form posts flat strings ("settings.port", a headers textarea, checkboxes); the
// services take typed input. Bad numbers stay strings so the service reports the field.

const NUMBER_FIELDS = ['intervalSeconds', 'timeoutMs', 'retries', 'regionQuorum'];
const NUMBER_SETTINGS = ['latencyThresholdMs', 'tlsExpiryDays', 'port', 'graceSeconds'];
const CHECKBOXES = ['publishIncidents', 'autoResolve', 'enabled'];
const SETTING_CHECKBOXES = ['followRedirects', 'ignoreTlsErrors'];

const asNumber = (v: unknown) =>
  typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v === '' ? undefined : v;

/** "Name: value" per line → a header record; a line without a colon is kept whole as a name (and refused). */
function headers(text: unknown): Record<string, string> | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .filter((line) => line.trim())
      .map((line) => {
        const at = line.indexOf(':');
        return at < 0 ? [line.trim(), ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      }),
  );
}

export function monitorInputFromForm(raw: Record<string, unknown>): CreateMonitorInput {
  const settingsRaw = (raw.settings && typeof raw.settings === 'object' ? raw.settings : {}) as Record<string, unknown>;
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settingsRaw)) {
    if (value === '' || SETTING_CHECKBOXES.includes(key) || key === 'headers') continue;
    settings[key] = NUMBER_SETTINGS.includes(key) ? asNumber(value) : value;
  }
  for (const key of SETTING_CHECKBOXES) settings[key] = settingsRaw[key] === 'on';
  const parsedHeaders = headers(settingsRaw.headers);
  if (parsedHeaders) settings.headers = parsedHeaders;
  const input: Record<string, unknown> = { settings };
  for (const key of ['name', 'type', 'target', 'componentId', 'downStatus', ...NUMBER_FIELDS]) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    input[key] = NUMBER_FIELDS.includes(key) ? asNumber(value) : value;
  }
  for (const key of CHECKBOXES) input[key] = raw[key] === 'on';
  return input as CreateMonitorInput;
}

export const monitorForm = z.record(z.string(), z.unknown()).transform((raw) => ({
  intent: raw.intent === 'test' ? ('test' as const) : ('save' as const),
  id: typeof raw.id === 'string' ? raw.id : undefined,
  input: monitorInputFromForm(raw),
}));

export const alertPreferencesForm = z
  .record(z.string(), z.unknown())
  .transform((raw) => ({ email: raw.email === 'on', lineUserId: raw.lineUserId, chatworkRoomId: raw.chatworkRoomId }))
  .pipe(z.object({ email: z.boolean(), lineUserId: z.unknown(), chatworkRoomId: z.unknown() }))
  .transform((v) => v as z.input<typeof alertPreferencesInput>);
