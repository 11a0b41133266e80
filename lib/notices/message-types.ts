import { CHANNELS, type Channel } from '../domain/statuses';

// Every message the hub sends, as data: which channels carry it and which email template renders
// it (emails/<template>.tsx). LINE and Chatwork texts come from the same notice view, so a new
// type is a row here, a template file, and its words in messages/*/notify.json.

export const NOTICE_TYPES = [
  'incident_opened',
  'incident_updated',
  'incident_resolved',
  'maintenance_announced',
  'maintenance_reminder',
  'maintenance_started',
  'maintenance_completed',
  'maintenance_changed',
  'maintenance_cancelled',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const MESSAGE_TYPE_NAMES = [...NOTICE_TYPES, 'subscription_confirmation'] as const;
export type MessageType = (typeof MESSAGE_TYPE_NAMES)[number];

export type EmailTemplateName =
  | 'incident-opened'
  | 'incident-updated'
  | 'incident-resolved'
  | 'maintenance-announced'
  | 'maintenance-reminder'
  | 'maintenance-started'
  | 'maintenance-completed'
  | 'maintenance-changed'
  | 'maintenance-cancelled'
  | 'subscription-confirmation';

export interface MessageTypeDefinition {
  /** What the message is about: decides which part of the payload it needs. */
  subject: 'incident' | 'maintenance' | 'subscription';
  channels: readonly Channel[];
  emailTemplate: EmailTemplateName;
}

const everywhere = CHANNELS;

export const MESSAGE_TYPES: Record<MessageType, MessageTypeDefinition> = {
  incident_opened: { subject: 'incident', channels: everywhere, emailTemplate: 'incident-opened' },
  incident_updated: { subject: 'incident', channels: everywhere, emailTemplate: 'incident-updated' },
  incident_resolved: { subject: 'incident', channels: everywhere, emailTemplate: 'incident-resolved' },
  maintenance_announced: { subject: 'maintenance', channels: everywhere, emailTemplate: 'maintenance-announced' },
  maintenance_reminder: { subject: 'maintenance', channels: everywhere, emailTemplate: 'maintenance-reminder' },
  maintenance_started: { subject: 'maintenance', channels: everywhere, emailTemplate: 'maintenance-started' },
  maintenance_completed: { subject: 'maintenance', channels: everywhere, emailTemplate: 'maintenance-completed' },
  maintenance_changed: { subject: 'maintenance', channels: everywhere, emailTemplate: 'maintenance-changed' },
  maintenance_cancelled: { subject: 'maintenance', channels: everywhere, emailTemplate: 'maintenance-cancelled' },
  // Sent to one subscriber who has not confirmed yet, so never through enqueueNotice.
  subscription_confirmation: {
    subject: 'subscription',
    channels: ['email', 'slack'],
    emailTemplate: 'subscription-confirmation',
  },
};

/** Notices go to every matching subscriber; other messages are addressed by their writer. */
export function isNoticeType(value: string): value is NoticeType {
  return (NOTICE_TYPES as readonly string[]).includes(value);
}

export function isMessageType(value: string): value is MessageType {
  return Object.hasOwn(MESSAGE_TYPES, value);
}
