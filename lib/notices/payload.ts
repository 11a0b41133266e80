import { z } from 'zod';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SEVERITIES } from '../domain/statuses';
import type { Locale } from '../i18n/locales';
import { MESSAGE_TYPES, type MessageType } from './message-types';

// What a message says, frozen when it is enqueued (notification_messages.payload). Templates
// render only from this snapshot, so a retry or an operator's resend days later says what was
// said then, even if the incident was edited or a component renamed since. Texts are bilingual
// ({ ja, en }) so each subscriber reads their own language. Incident payloads are built by
// lib/notices/incident-notice.ts, maintenance payloads by lib/maintenance/notices.ts.

const isoTime = z.iso.datetime({ offset: true });
export const bilingualSchema = z.object({ ja: z.string(), en: z.string().nullish() });
export type Bilingual = z.infer<typeof bilingualSchema>;

const componentSchema = z.object({
  id: z.string(),
  name: bilingualSchema,
  /** The status the notice gave this component, when it gave one. */
  status: z.enum(COMPONENT_STATUSES).nullish(),
});

const common = {
  timeZone: z.string().default('Asia/Tokyo'),
  /** Path on the public site the message links to, e.g. "/incidents/<id>". */
  path: z.string().startsWith('/'),
  components: z.array(componentSchema).default([]),
};

export const incidentPayloadSchema = z.object({
  ...common,
  incidentId: z.string(),
  title: bilingualSchema,
  severity: z.enum(SEVERITIES),
  impact: z.enum(IMPACTS).nullish(),
  status: z.enum(INCIDENT_STATUSES),
  detectedAt: isoTime,
  /** The update this notice announces (its text and the status it set). */
  update: z.object({ status: z.enum(INCIDENT_STATUSES), body: bilingualSchema, at: isoTime }).nullish(),
});

export const maintenancePayloadSchema = z.object({
  ...common,
  maintenanceId: z.string(),
  status: z.enum(MAINTENANCE_STATUSES),
  sequence: z.number().int().optional(),
  title: bilingualSchema,
  body: bilingualSchema,
  scheduledStart: isoTime,
  scheduledEnd: isoTime,
  expectedDowntimeMinutes: z.number().int().min(0).default(0),
  reminder: z.object({ offsetMinutes: z.number().int(), label: z.string() }).nullish(),
});

export const confirmationPayloadSchema = z.object({
  /** When the signed link stops working (the token itself is derived at render time, never stored). */
  expiresAt: isoTime,
  timeZone: z.string().default('Asia/Tokyo'),
});

export type IncidentPayload = z.infer<typeof incidentPayloadSchema>;
export type MaintenancePayload = z.infer<typeof maintenancePayloadSchema>;
export type ConfirmationPayload = z.infer<typeof confirmationPayloadSchema>;
export type IncidentPayloadInput = z.input<typeof incidentPayloadSchema>;

export type ParsedPayload =
  | { subject: 'incident'; payload: IncidentPayload }
  | { subject: 'maintenance'; payload: MaintenancePayload }
  | { subject: 'subscription'; payload: ConfirmationPayload };

export class UnreadablePayloadError extends Error {
  constructor(readonly detail: string) {
    super(`message payload unreadable: ${detail}`);
    this.name = 'UnreadablePayloadError';
  }
}

const SCHEMAS = {
  incident: incidentPayloadSchema,
  maintenance: maintenancePayloadSchema,
  subscription: confirmationPayloadSchema,
};

/** Reads a stored payload for its type; an unreadable one is a bug in the enqueuer, never retried. */
export function parsePayload(type: MessageType, raw: unknown): ParsedPayload {
  const subject = MESSAGE_TYPES[type].subject;
  const result = SCHEMAS[subject].safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UnreadablePayloadError(`${issue.path.join('.') || 'payload'}: ${issue.message}`);
  }
  return { subject, payload: result.data } as ParsedPayload;
}

export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'en' && text.en ? text.en : text.ja;
}
