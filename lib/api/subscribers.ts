import { z } from 'zod';
import { ServiceError } from '../errors';
import type { Locale } from '../i18n/locales';
import type { ApiSubscriber } from '../services/subscribers/for-api';
import { stateOf } from '../services/subscribers/list';

// The management API's subscriber shape, as Statuspage has it: `{ "subscriber": { "email",
// "endpoint", "component_ids", "skip_confirmation_notification" } }`. An endpoint makes a
// webhook subscriber (its email is the contact told of failures); an email alone, an email one.

export const subscriberRequest = z.object(
  { subscriber: z.record(z.string(), z.unknown(), { error: 'subscriber_wrapper' }) },
  { error: 'subscriber_wrapper' },
);

const KNOWN = ['email', 'endpoint', 'component_ids', 'skip_confirmation_notification', 'locale'] as const;

/** Service field → the API field, for error messages. */
export const SUBSCRIBER_FIELD_NAMES: Record<string, string> = {
  email: 'subscriber.email',
  contactEmail: 'subscriber.email',
  endpoint: 'subscriber.endpoint',
  choice: 'subscriber.component_ids',
  componentIds: 'subscriber.component_ids',
  skipConfirmation: 'subscriber.skip_confirmation_notification',
  locale: 'subscriber.locale',
};

export type SubscriberCreate =
  | { kind: 'webhook'; input: { pageId: string; endpoint: unknown; contactEmail: unknown; locale: unknown; choice: unknown } }
  | { kind: 'email'; input: { pageId: string; email: unknown; locale: unknown; choice: unknown; skipConfirmation: unknown } };

/** API body → which service and its input; unknown fields are refused so a typo is not ignored. */
export function subscriberCreateFromRequest(
  body: Record<string, unknown>,
  pageId: string,
  requestLocale: Locale,
): SubscriberCreate {
  const unknown = Object.keys(body).filter((k) => !(KNOWN as readonly string[]).includes(k));
  if (unknown.length)
    throw new ServiceError(
      'invalid',
      'invalid_input',
      Object.fromEntries(unknown.map((k) => [`subscriber.${k}`, ['unknown_field']])),
    );
  const ids = body.component_ids;
  const choice = ids === undefined || ids === null ? { scope: 'all' } : { scope: 'some', componentIds: ids };
  const locale = body.locale ?? requestLocale;
  if (body.endpoint !== undefined) {
    if (body.skip_confirmation_notification !== undefined) {
      throw new ServiceError('invalid', 'invalid_input', { 'subscriber.skip_confirmation_notification': ['unknown_field'] });
    }
    return { kind: 'webhook', input: { pageId, endpoint: body.endpoint, contactEmail: body.email, locale, choice } };
  }
  if (body.email === undefined) throw new ServiceError('invalid', 'subscriber_kind', { 'subscriber.email': ['required'] });
  return {
    kind: 'email',
    input: { pageId, email: body.email, locale, choice, skipConfirmation: body.skip_confirmation_notification ?? false },
  };
}

export function subscriberView(s: ApiSubscriber) {
  return {
    id: s.id,
    mode: s.channel,
    ...(s.channel === 'email'
      ? { email: s.address }
      : s.channel === 'webhook'
        ? { endpoint: s.address, email: s.contactEmail }
        : { address: s.address }),
    state: stateOf(s),
    locale: s.locale,
    components: s.allComponents ? null : s.componentIds,
    created_at: s.createdAt.toISOString(),
    confirmed_at: s.confirmedAt?.toISOString() ?? null,
    unsubscribed_at: s.unsubscribedAt?.toISOString() ?? null,
    // Statuspage's name for a subscriber switched off after failures.
    quarantined_at: s.disabledAt?.toISOString() ?? null,
    quarantine_reason: s.disabledReason,
  };
}

/** A subscriber id from the path; anything but a UUID names no subscriber (404, not 422). */
export function subscriberIdOf(params: { subscriberId: string }): string {
  if (!z.uuid().safeParse(params.subscriberId).success) throw new ServiceError('not_found', 'subscriber_not_found');
  return params.subscriberId;
}
