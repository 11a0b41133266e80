import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { hashManageToken, isWellFormedManageToken } from '../../notices/tokens';
import type { SubscriberRow } from './shared';

/** The subscriber a manage / unsubscribe token belongs to; an unknown or malformed token is not_found. */
export async function subscriberByManageToken(
  db: DbOrTx,
  token: string,
  options: { lock?: boolean } = {},
): Promise<SubscriberRow> {
  if (!isWellFormedManageToken(token)) throw new ServiceError('not_found', 'manage_link_invalid');
  const query = db
    .select()
    .from(subscribers)
    .where(eq(subscribers.manageTokenHash, hashManageToken(token)));
  const [subscriber] = options.lock ? await query.for('update') : await query;
  if (!subscriber) throw new ServiceError('not_found', 'manage_link_invalid');
  return subscriber;
}
