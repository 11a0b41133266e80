import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { subscriberComponents } from '../../../db/schema';
import type { Channel } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { subscriberByManageToken } from './by-token';

export interface ManageView {
  channel: Channel;
  /** Enough of the address to recognise it, not enough to learn it from a forwarded link. */
  maskedAddress: string;
  locale: Locale;
  allComponents: boolean;
  componentIds: string[];
  state: 'active' | 'pending' | 'unsubscribed' | 'disabled';
}

/** What the manage page shows to the holder of a manage token. */
export async function loadManageView(db: DbOrTx, token: string): Promise<ManageView> {
  const subscriber = await subscriberByManageToken(db, token);
  const chosen = await db
    .select({ id: subscriberComponents.componentId })
    .from(subscriberComponents)
    .where(eq(subscriberComponents.subscriberId, subscriber.id));
  const state = subscriber.unsubscribedAt
    ? 'unsubscribed'
    : subscriber.disabledAt
      ? 'disabled'
      : subscriber.confirmedAt
        ? 'active'
        : 'pending';
  return {
    channel: subscriber.channel,
    maskedAddress: maskAddress(subscriber.channel, subscriber.address),
    locale: subscriber.locale,
    allComponents: subscriber.allComponents,
    componentIds: chosen.map((c) => c.id),
    state,
  };
}

export function maskAddress(channel: Channel, address: string): string {
  if (channel === 'email') {
    const [local, domain] = address.split('@');
    return `${local.slice(0, 2)}${'•'.repeat(Math.max(1, Math.min(6, local.length - 2)))}@${domain}`;
  }
  if (channel === 'chatwork') return `${address.slice(0, 2)}${'•'.repeat(Math.max(1, address.length - 4))}${address.slice(-2)}`;
  // A webhook's path may carry a token of the receiver's: only the host is shown.
  if (channel === 'webhook') return URL.canParse(address) ? new URL(address).host : '';
  return '';
}
